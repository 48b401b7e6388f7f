"""What the differential tests of response objects feed both SDKs: event streams and bodies.

``record_official_objects.py`` runs the official SDK 0.79.0 over these (served by the
emulator) and writes what it built to ``official_objects.json``; ``test_response_objects.py``
runs claude-core over the same and compares.
"""

from __future__ import annotations

import datetime
import json
import warnings
from typing import Any, Dict, List

import pydantic

__all__ = ["PARAMS", "STREAMS", "BODIES", "BETA_ONLY", "sse", "record", "record_events", "python_value"]

#: The call both SDKs make (the emulator answers with the stream or body queued for it).
PARAMS: Dict[str, Any] = {
    "model": "claude-sonnet-4-5",
    "max_tokens": 64,
    "messages": [{"role": "user", "content": "hi"}],
}

START_USAGE = {
    "input_tokens": 472,
    "cache_creation_input_tokens": 0,
    "cache_read_input_tokens": 0,
    "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
    "output_tokens": 2,
    "service_tier": "standard",
}


def _message(usage: Dict[str, Any], content: List[Any], **extra: Any) -> Dict[str, Any]:
    return {
        "id": "msg_01",
        "type": "message",
        "role": "assistant",
        "model": "claude-sonnet-4-5-20250929",
        "content": content,
        "stop_reason": None,
        "stop_sequence": None,
        "usage": usage,
        **extra,
    }


def _start(index: int, block: Dict[str, Any]) -> Dict[str, Any]:
    return {"type": "content_block_start", "index": index, "content_block": block}


def _delta(index: int, delta: Dict[str, Any]) -> Dict[str, Any]:
    return {"type": "content_block_delta", "index": index, "delta": delta}


def _stop(index: int) -> Dict[str, Any]:
    return {"type": "content_block_stop", "index": index}


WEB_CITATION = {
    "type": "web_search_result_location",
    "cited_text": "Paris is",
    "url": "https://example.com/a",
    "title": "A",
    "encrypted_index": "EiA=",
}
CHAR_CITATION = {
    "type": "char_location",
    "cited_text": "x",
    "document_index": 0,
    "document_title": None,
    "start_char_index": 0,
    "end_char_index": 1,
}
SEARCH_RESULTS = [
    {
        "type": "web_search_result",
        "url": "https://example.com/a",
        "title": "A",
        "encrypted_content": "E1",
        "page_age": "2 days ago",
    },
    {
        "type": "web_search_result",
        "url": "https://example.com/b",
        "title": "B",
        "encrypted_content": "E2",
        "page_age": None,
    },
]

STANDARD = [
    {"type": "message_start", "message": _message(START_USAGE, [])},
    {"type": "ping"},
    _start(0, {"type": "thinking", "thinking": "", "signature": ""}),
    _delta(0, {"type": "thinking_delta", "thinking": "Let me "}),
    _delta(0, {"type": "thinking_delta", "thinking": "think."}),
    _delta(0, {"type": "signature_delta", "signature": "EqQBCkYIBxgCKkD"}),
    _stop(0),
    _start(1, {"type": "redacted_thinking", "data": "EmwKAhgBEgy3va3pzix"}),
    _stop(1),
    _start(2, {"type": "text", "text": ""}),
    _delta(2, {"type": "text_delta", "text": "I'll search "}),
    _delta(2, {"type": "text_delta", "text": "for that."}),
    _stop(2),
    _start(3, {"type": "server_tool_use", "id": "srvtoolu_01", "name": "web_search", "input": {}}),
    _delta(3, {"type": "input_json_delta", "partial_json": ""}),
    _delta(3, {"type": "input_json_delta", "partial_json": '{"query": "weather'}),
    _delta(3, {"type": "input_json_delta", "partial_json": ' paris"}'}),
    _stop(3),
    _start(4, {"type": "web_search_tool_result", "tool_use_id": "srvtoolu_01", "content": SEARCH_RESULTS}),
    _stop(4),
    _start(5, {"type": "text", "text": "", "citations": None}),
    _delta(5, {"type": "citations_delta", "citation": WEB_CITATION}),
    _delta(5, {"type": "text_delta", "text": "Paris is sunny"}),
    _delta(5, {"type": "citations_delta", "citation": CHAR_CITATION}),
    _stop(5),
    _start(6, {"type": "text", "text": "", "citations": []}),
    _delta(6, {"type": "text_delta", "text": "Checking."}),
    _stop(6),
    _start(7, {"type": "tool_use", "id": "toolu_01", "name": "get_weather", "input": {}}),
    _delta(7, {"type": "input_json_delta", "partial_json": '{"city": "Pa'}),
    _delta(7, {"type": "input_json_delta", "partial_json": 'ris", "days": [1, 2]}'}),
    _stop(7),
    _start(8, {"type": "tool_use", "id": "toolu_02", "name": "noop", "input": {}}),
    _stop(8),
    {
        "type": "message_delta",
        "delta": {"stop_reason": "tool_use", "stop_sequence": None},
        "usage": {
            "input_tokens": 472,
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0,
            "output_tokens": 89,
            "server_tool_use": {"web_search_requests": 1},
        },
    },
    {"type": "message_stop"},
]

MINIMAL = [
    {"type": "message_start", "message": _message({"input_tokens": 10, "output_tokens": 1}, [])},
    _start(0, {"type": "text", "text": ""}),
    _delta(0, {"type": "text_delta", "text": "Hi"}),
    _stop(0),
    {
        "type": "message_delta",
        "delta": {"stop_reason": "end_turn", "stop_sequence": None},
        "usage": {"output_tokens": 5},
    },
    {"type": "message_stop"},
]

ITERATIONS = [
    {
        "type": "compaction",
        "input_tokens": 100,
        "output_tokens": 20,
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": 0,
    },
    {
        "type": "message",
        "input_tokens": 30,
        "output_tokens": 40,
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": 0,
    },
]
CONTEXT_MANAGEMENT = {
    "applied_edits": [
        {"type": "clear_tool_uses_20250919", "cleared_tool_uses": 2, "cleared_input_tokens": 500},
        {"type": "clear_thinking_20251015", "cleared_thinking_turns": 1, "cleared_input_tokens": 80},
    ]
}
CONTAINER = {
    "id": "container_01",
    "expires_at": "2026-12-07T10:00:00Z",
    "skills": [{"type": "anthropic", "skill_id": "pptx", "version": "latest"}],
}
CODE_CALLER = {"type": "code_execution_20250825", "tool_id": "srvtoolu_02"}

BETA = [
    {
        "type": "message_start",
        "message": _message(
            {
                "input_tokens": 30,
                "output_tokens": 1,
                "cache_creation_input_tokens": None,
                "cache_read_input_tokens": None,
            },
            [],
        ),
    },
    _start(0, {"type": "compaction", "content": None}),
    _delta(0, {"type": "compaction_delta", "content": "Summary of earlier turns."}),
    _stop(0),
    _start(1, {"type": "text", "text": ""}),
    _delta(1, {"type": "text_delta", "text": "Running code."}),
    _stop(1),
    _start(2, {"type": "server_tool_use", "id": "srvtoolu_02", "name": "code_execution", "input": {}}),
    _delta(2, {"type": "input_json_delta", "partial_json": '{"code": "print(1)"}'}),
    _stop(2),
    _start(
        3,
        {
            "type": "code_execution_tool_result",
            "tool_use_id": "srvtoolu_02",
            "content": {
                "type": "code_execution_result",
                "stdout": "1\n",
                "stderr": "",
                "return_code": 0,
                "content": [],
            },
        },
    ),
    _stop(3),
    _start(4, {"type": "tool_use", "id": "toolu_03", "name": "lookup", "input": {}, "caller": CODE_CALLER}),
    _delta(4, {"type": "input_json_delta", "partial_json": '{"k": 1}'}),
    _stop(4),
    _start(5, {"type": "tool_use", "id": "toolu_04", "name": "direct", "input": {}, "caller": {"type": "direct"}}),
    _stop(5),
    {
        "type": "message_delta",
        "delta": {"stop_reason": "tool_use", "stop_sequence": None, "container": CONTAINER},
        "context_management": CONTEXT_MANAGEMENT,
        "usage": {
            "output_tokens": 40,
            "input_tokens": 30,
            "cache_creation_input_tokens": None,
            "cache_read_input_tokens": None,
            "server_tool_use": None,
            "iterations": ITERATIONS,
        },
    },
    {"type": "message_stop"},
]

STREAMS: Dict[str, List[Dict[str, Any]]] = {"standard": STANDARD, "minimal": MINIMAL, "beta": BETA}

_USAGE = {"input_tokens": 12, "output_tokens": 34}
_TEXT = [{"type": "text", "text": "Hi"}]

STANDARD_BODY = _message(
    {**START_USAGE, "output_tokens": 89, "server_tool_use": {"web_search_requests": 1}},
    [
        {"type": "thinking", "thinking": "Let me think.", "signature": "EqQBCkYIBxgCKkD"},
        {"type": "redacted_thinking", "data": "EmwKAhgBEgy3va3pzix"},
        {"type": "text", "text": "I'll search for that.", "citations": None},
        {"type": "server_tool_use", "id": "srvtoolu_01", "name": "web_search", "input": {"query": "paris"}},
        {"type": "web_search_tool_result", "tool_use_id": "srvtoolu_01", "content": SEARCH_RESULTS},
        {
            "type": "web_search_tool_result",
            "tool_use_id": "srvtoolu_05",
            "content": {"type": "web_search_tool_result_error", "error_code": "max_uses_exceeded"},
        },
        {"type": "text", "text": "Paris is sunny", "citations": [WEB_CITATION, CHAR_CITATION]},
        {"type": "tool_use", "id": "toolu_01", "name": "get_weather", "input": {"city": "Paris"}},
    ],
    stop_reason="tool_use",
)

DOCUMENT = {
    "type": "document",
    "source": {"type": "text", "media_type": "text/plain", "data": "The page."},
    "title": "Example",
    "citations": {"enabled": True},
}
BETA_BODY = _message(
    {
        "input_tokens": 30,
        "output_tokens": 40,
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": 0,
        "server_tool_use": {"web_search_requests": 0, "web_fetch_requests": 1},
        "service_tier": "standard",
        "speed": "standard",
        "iterations": ITERATIONS,
    },
    [
        {"type": "compaction", "content": "Summary."},
        {"type": "server_tool_use", "id": "srvtoolu_03", "name": "web_fetch", "input": {"url": "https://example.com"}},
        {
            "type": "web_fetch_tool_result",
            "tool_use_id": "srvtoolu_03",
            "content": {
                "type": "web_fetch_result",
                "url": "https://example.com",
                "retrieved_at": "2026-12-07T08:00:00Z",
                "content": DOCUMENT,
            },
        },
        {
            "type": "web_fetch_tool_result",
            "tool_use_id": "srvtoolu_04",
            "content": {"type": "web_fetch_tool_result_error", "error_code": "url_not_accessible"},
        },
        {
            "type": "bash_code_execution_tool_result",
            "tool_use_id": "srvtoolu_05",
            "content": {
                "type": "bash_code_execution_result",
                "stdout": "ok",
                "stderr": "",
                "return_code": 0,
                "content": [{"type": "bash_code_execution_output", "file_id": "file_1"}],
            },
        },
        {
            "type": "bash_code_execution_tool_result",
            "tool_use_id": "srvtoolu_06",
            "content": {"type": "bash_code_execution_tool_result_error", "error_code": "unavailable"},
        },
        {
            "type": "text_editor_code_execution_tool_result",
            "tool_use_id": "srvtoolu_07",
            "content": {
                "type": "text_editor_code_execution_view_result",
                "content": "x = 1",
                "file_type": "text",
                "num_lines": 1,
                "start_line": 1,
                "total_lines": 1,
            },
        },
        {
            "type": "text_editor_code_execution_tool_result",
            "tool_use_id": "srvtoolu_08",
            "content": {"type": "text_editor_code_execution_create_result", "is_file_update": False},
        },
        {
            "type": "text_editor_code_execution_tool_result",
            "tool_use_id": "srvtoolu_09",
            "content": {
                "type": "text_editor_code_execution_str_replace_result",
                "lines": ["-a", "+b"],
                "new_lines": 1,
                "new_start": 1,
                "old_lines": 1,
                "old_start": 1,
            },
        },
        {
            "type": "text_editor_code_execution_tool_result",
            "tool_use_id": "srvtoolu_10",
            "content": {
                "type": "text_editor_code_execution_tool_result_error",
                "error_code": "file_not_found",
                "error_message": "no such file",
            },
        },
        {
            "type": "tool_search_tool_result",
            "tool_use_id": "srvtoolu_11",
            "content": {
                "type": "tool_search_tool_search_result",
                "tool_references": [{"type": "tool_reference", "tool_name": "get_weather"}],
            },
        },
        {
            "type": "tool_search_tool_result",
            "tool_use_id": "srvtoolu_12",
            "content": {"type": "tool_search_tool_result_error", "error_code": "unavailable", "error_message": None},
        },
        {
            "type": "code_execution_tool_result",
            "tool_use_id": "srvtoolu_13",
            "content": {"type": "code_execution_tool_result_error", "error_code": "unavailable"},
        },
        {"type": "mcp_tool_use", "id": "mcptoolu_1", "name": "echo", "server_name": "srv", "input": {"a": 1}},
        {
            "type": "mcp_tool_result",
            "tool_use_id": "mcptoolu_1",
            "is_error": False,
            "content": [{"type": "text", "text": "echoed"}],
        },
        {"type": "container_upload", "file_id": "file_2"},
        {"type": "tool_use", "id": "toolu_05", "name": "lookup", "input": {}, "caller": CODE_CALLER},
        {"type": "tool_use", "id": "toolu_06", "name": "lookup", "input": {}},
    ],
    stop_reason="tool_use",
    container=CONTAINER,
    context_management=CONTEXT_MANAGEMENT,
)

#: Bodies a gateway may send: fields left out or of another shape. The official SDK builds them.
BODIES: Dict[str, Any] = {
    "standard": STANDARD_BODY,
    "beta": BETA_BODY,
    "no_usage": {key: value for key, value in _message(_USAGE, _TEXT).items() if key != "usage"},
    "usage_null": _message(None, _TEXT),  # type: ignore[arg-type]
    "content_null": _message(_USAGE, None),  # type: ignore[arg-type]
    "block_without_text": _message(_USAGE, [{"type": "text"}]),
    "tool_use_without_input": _message(_USAGE, [{"type": "tool_use", "id": "toolu_1", "name": "n"}]),
    "usage_without_output_tokens": _message({"input_tokens": 3}, _TEXT),
    "unknown_block": _message(_USAGE, [{"type": "hologram", "frames": [1, 2]}]),
    "only_id": {"id": "msg_1"},
}

#: Inputs only the beta API serves (the non-beta models do not have their fields).
BETA_ONLY = frozenset({"beta"})


def sse(events: List[Dict[str, Any]]) -> bytes:
    """``events`` as a server-sent event stream."""
    return "".join(f"event: {event['type']}\ndata: {json.dumps(event)}\n\n" for event in events).encode()


def kinds(value: Any) -> Any:
    """The kind of ``value`` and of everything it holds: is each nested object a model?"""
    if isinstance(value, pydantic.BaseModel):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            names = value.model_dump(round_trip=True)  # the fields a dump shows
        return {"model": {name: kinds(getattr(value, name)) for name in names}}
    if isinstance(value, list):
        return [kinds(item) for item in value]
    if isinstance(value, dict):
        return {"dict": sorted(value)}
    return type(value).__name__


def dumps(value: Any) -> Dict[str, Any]:
    """``value``'s dumps in every mode (the JSON ones as the strings they are)."""
    if not isinstance(value, pydantic.BaseModel):
        return {"not_a_model": repr(value)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # fields of another shape than their type: pydantic warns
        return {
            "model_dump": value.model_dump(),
            "model_dump_json_mode": value.model_dump(mode="json"),
            "model_dump_exclude_unset": value.model_dump(exclude_unset=True),
            "model_dump_by_alias": value.model_dump(by_alias=True),
            "to_dict": value.to_dict(),
            "to_dict_all": value.to_dict(exclude_unset=False),
            "to_json": value.to_json(),
            "model_dump_json": value.model_dump_json(),
            "kinds": kinds(value),
        }


def record(message: Any) -> Dict[str, Any]:
    """The dumps of ``message``, of its usage and of each of its blocks."""
    content = getattr(message, "content", None)
    return {
        "message": dumps(message),
        "usage": dumps(getattr(message, "usage", None)),
        "blocks": [dumps(block) for block in content] if isinstance(content, list) else None,
    }


def record_events(events: Any) -> List[Dict[str, Any]]:
    """The dumps of each raw event of a stream (``create(stream=True)``)."""
    return [dumps(event) for event in events]


def python_value(value: Any) -> Any:
    """A value of a python-mode dump that JSON has not (a datetime), as the tests compare it."""
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat()}
    raise TypeError(f"cannot record {value!r}")
