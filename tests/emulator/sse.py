"""A tiny test-local SSE parser and accumulator, independent of any SDK."""

from __future__ import annotations

import copy
import json
from typing import Any, Dict, List, Optional, Tuple

import httpx

Event = Tuple[str, Dict[str, Any]]


def parse_sse(data: bytes) -> List[Event]:
    """Split a body into ``(event name, data)`` pairs, checking the API's exact framing."""
    text = data.decode("utf-8")
    assert text == "" or text.endswith("\n\n"), text[-80:]
    events: List[Event] = []
    for frame in text.split("\n\n")[:-1]:
        lines = frame.split("\n")
        assert len(lines) == 2, frame
        assert lines[0].startswith("event: ") and lines[1].startswith("data: "), frame
        name, payload = lines[0][len("event: ") :], lines[1][len("data: ") :]
        parsed = json.loads(payload)
        assert json.dumps(parsed, separators=(",", ":"), ensure_ascii=False) == payload, payload
        assert parsed["type"] == name
        events.append((name, parsed))
    return events


def names(events: List[Event], *, pings: bool = False) -> List[str]:
    return [name for name, _ in events if pings or name != "ping"]


def accumulate(events: List[Event]) -> Dict[str, Any]:
    """The message a stream builds: concatenated text and thinking, joined signature and tool JSON."""
    message: Optional[Dict[str, Any]] = None
    parts: Dict[int, List[str]] = {}
    for name, data in events:
        if name == "message_start":
            message = copy.deepcopy(data["message"])
            assert message["content"] == [] and message["stop_reason"] is None
        elif name == "content_block_start":
            assert message is not None and data["index"] == len(message["content"])
            message["content"].append(copy.deepcopy(data["content_block"]))
            parts[data["index"]] = []
        elif name == "content_block_delta":
            assert message is not None
            block, delta = message["content"][data["index"]], data["delta"]
            kind = delta["type"]
            if kind == "text_delta":
                block["text"] += delta["text"]
            elif kind == "thinking_delta":
                block["thinking"] += delta["thinking"]
            elif kind == "signature_delta":
                block["signature"] += delta["signature"]
            elif kind == "input_json_delta":
                parts[data["index"]].append(delta["partial_json"])
            elif kind == "citations_delta":
                block["citations"] = [*(block.get("citations") or []), delta["citation"]]
            else:
                raise AssertionError(f"unknown delta {kind}")
        elif name == "content_block_stop":
            assert message is not None
            block = message["content"][data["index"]]
            if block["type"] == "tool_use":
                joined = "".join(parts[data["index"]])
                block["input"] = json.loads(joined) if joined else {}
        elif name == "message_delta":
            assert message is not None
            message.update(data["delta"])
            message["usage"].update(data["usage"])
    assert message is not None
    return message


def stream_bytes(client: httpx.Client, body: Dict[str, Any], **kwargs: Any) -> Tuple[httpx.Response, bytes]:
    """POST a streaming request and read the body chunk by chunk."""
    with client.stream("POST", "/v1/messages", json=body, **kwargs) as response:
        return response, b"".join(response.iter_bytes())


def without_id(message: Dict[str, Any]) -> Dict[str, Any]:
    return {key: value for key, value in message.items() if key != "id"}
