"""The Messages API's logic: validate params, count tokens, derive a deterministic reply.

Everything here is pure: the same params always give the same message. Token counts are a
simple, documented stand-in for a tokenizer: ``ceil(characters / 4)`` over all text in
``system``, ``messages`` and ``tools``, and one output token per whitespace-separated word.
"""

from __future__ import annotations

import json
import math
from typing import Any, Dict, Mapping, Optional

from ._content import Generated, generate, reply_text
from ._models import is_known_model
from ._wire import APIErrorReply

__all__ = ["validate_params", "count_input_tokens", "build_message", "reply_text"]


def _bad(message: str) -> APIErrorReply:
    return APIErrorReply(400, message)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_content(content: object, where: str) -> None:
    if isinstance(content, str):
        return
    if not isinstance(content, list):
        raise _bad(f"{where}: Input should be a valid string or a list of content blocks")
    for j, block in enumerate(content):
        if not isinstance(block, dict):
            raise _bad(f"{where}.{j}: Input should be a valid dictionary or object")
        if "type" not in block:
            raise _bad(f"{where}.{j}.type: Field required")
        if not isinstance(block["type"], str):
            raise _bad(f"{where}.{j}.type: Input should be a valid string")


def _check_messages(messages: object) -> None:
    if not isinstance(messages, list):
        raise _bad("messages: Input should be a valid list")
    if not messages:
        raise _bad("messages: at least one message is required")
    for i, message in enumerate(messages):
        if not isinstance(message, dict):
            raise _bad(f"messages.{i}: Input should be a valid dictionary or object")
        if "role" not in message:
            raise _bad(f"messages.{i}.role: Field required")
        if message["role"] not in ("user", "assistant"):
            raise _bad(f"messages.{i}.role: Input should be 'user' or 'assistant'")
        if "content" not in message:
            raise _bad(f"messages.{i}.content: Field required")
        _check_content(message["content"], f"messages.{i}.content")
    if messages[0]["role"] != "user":
        raise _bad('messages: first message must use the "user" role')


def validate_params(body: object, *, need_max_tokens: bool) -> Dict[str, Any]:
    """Check a Messages (or count_tokens) body the way the API does; raise an error naming the field."""
    if not isinstance(body, dict):
        raise _bad("body: Input should be a valid JSON object")
    for field in ("model", "max_tokens", "messages") if need_max_tokens else ("model", "messages"):
        if field not in body:
            raise _bad(f"{field}: Field required")
    model = body["model"]
    if not isinstance(model, str):
        raise _bad("model: Input should be a valid string")
    if need_max_tokens:
        max_tokens = body["max_tokens"]
        if not _is_int(max_tokens):
            raise _bad("max_tokens: Input should be a valid integer")
        if max_tokens < 1:
            raise _bad("max_tokens: Input should be greater than or equal to 1")
    _check_messages(body["messages"])
    system = body.get("system")
    if system is not None:
        _check_content(system, "system")
    temperature = body.get("temperature")
    if temperature is not None:
        if not _is_number(temperature):
            raise _bad("temperature: Input should be a valid number")
        if temperature < 0:
            raise _bad("temperature: Input should be greater than or equal to 0")
        if temperature > 1:
            raise _bad("temperature: Input should be less than or equal to 1")
    stops = body.get("stop_sequences")
    if stops is not None and not (isinstance(stops, list) and all(isinstance(s, str) for s in stops)):
        raise _bad("stop_sequences: Input should be a valid list of strings")
    tools = body.get("tools")
    if tools is not None and not isinstance(tools, list):
        raise _bad("tools: Input should be a valid list")
    thinking = body.get("thinking")
    if thinking is not None and not (isinstance(thinking, dict) and isinstance(thinking.get("type"), str)):
        raise _bad("thinking: Input should be a valid dictionary with a string 'type'")
    stream = body.get("stream")
    if stream is not None and not isinstance(stream, bool):
        raise _bad("stream: Input should be a valid boolean")
    if not is_known_model(model):
        raise APIErrorReply(404, f"model: {model}")
    return body


def _block_text(block: Mapping[str, Any]) -> str:
    """The text a block contributes to the token count: its text, or its JSON."""
    if block.get("type") == "text" and isinstance(block.get("text"), str):
        return str(block["text"])
    return json.dumps(block, sort_keys=True, separators=(",", ":"))


def _content_chars(content: Any) -> int:
    if isinstance(content, str):
        return len(content)
    return sum(len(_block_text(block)) for block in content)


def count_input_tokens(params: Mapping[str, Any]) -> int:
    """``ceil(characters / 4)`` over the system prompt, every message and the tools' JSON (at least 1)."""
    chars = 0
    if params.get("system") is not None:
        chars += _content_chars(params["system"])
    for message in params["messages"]:
        chars += _content_chars(message["content"])
    if params.get("tools"):
        chars += len(json.dumps(params["tools"], sort_keys=True, separators=(",", ":")))
    return max(1, math.ceil(chars / 4))


def build_message(params: Mapping[str, Any], message_id: str, generated: Optional[Generated] = None) -> Dict[str, Any]:
    """The Message object answering validated ``params``, derived only from them (see :mod:`._content`)."""
    if generated is None:
        generated = generate(params)
    return {
        "id": message_id,
        "type": "message",
        "role": "assistant",
        "model": params["model"],
        "content": [block.final for block in generated.blocks],
        "stop_reason": generated.stop_reason,
        "stop_sequence": generated.stop_sequence,
        "usage": {
            "input_tokens": count_input_tokens(params),
            "output_tokens": generated.output_tokens,
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0,
        },
    }
