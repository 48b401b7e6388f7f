"""What a call's span says, free of I/O and of OpenTelemetry: the GenAI semantic conventions' attributes.

The names follow the OpenTelemetry GenAI semantic conventions (client spans and metrics);
:func:`start_attributes` are the ones a sampler sees, :func:`usage_attributes` and
:func:`response_attributes` are added when the call ends.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Mapping, Optional, Sequence
from urllib.parse import urlsplit

__all__ = [
    "OPERATIONS",
    "IN_PROCESS",
    "span_name",
    "CAPTURE_CONTENT_ENV",
    "STABILITY_OPT_IN_ENV",
    "operation_of",
    "provider_name",
    "start_attributes",
    "server_attributes",
    "usage_attributes",
    "response_attributes",
    "error_type",
    "input_messages",
    "output_messages",
    "latest_experimental",
    "capture_content",
    "as_json",
]

#: ``gen_ai.operation.name`` of each endpoint that gets a span; other endpoints (models, files, batches) get none.
OPERATIONS: Mapping[str, str] = {
    "messages.create": "chat",
    "completions.create": "text_completion",
    "messages.count_tokens": "count_tokens",
    "tools.call": "execute_tool",
    "tools.run": "invoke_agent",
}
#: Operations run in the process (their spans are INTERNAL, and not measured as client operations).
IN_PROCESS = ("execute_tool", "invoke_agent")

#: The conventions' switch for message content in spans (off unless ``true``).
CAPTURE_CONTENT_ENV = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"
#: The conventions' opt-in to their newest names (``gen_ai_latest_experimental``).
STABILITY_OPT_IN_ENV = "OTEL_SEMCONV_STABILITY_OPT_IN"

#: claude_core's provider names -> ``gen_ai.provider.name``.
_PROVIDERS: Mapping[str, str] = {
    "anthropic": "anthropic",
    "emulator": "anthropic",
    "bedrock": "aws.bedrock",
    "vertex": "gcp.vertex_ai",
}

#: Request parameters -> their ``gen_ai.request.*`` attribute.
_REQUEST_PARAMS = (
    ("max_tokens", "gen_ai.request.max_tokens"),
    ("temperature", "gen_ai.request.temperature"),
    ("top_p", "gen_ai.request.top_p"),
    ("top_k", "gen_ai.request.top_k"),
    ("stop_sequences", "gen_ai.request.stop_sequences"),
)

_DEFAULT_PORTS = {"https": 443, "http": 80}


def operation_of(endpoint: str) -> Optional[str]:
    """The ``gen_ai.operation.name`` of an endpoint, None for one that gets no span."""
    return OPERATIONS.get(endpoint)


def span_name(operation: str, start: Mapping[str, Any]) -> str:
    """``{operation} {model}`` for the API's operations, ``execute_tool {tool}`` for a tool call,
    ``invoke_agent`` for a tool runner's run (it has no agent name)."""
    detail = start.get("gen_ai.tool.name" if operation == "execute_tool" else "gen_ai.request.model")
    if operation == "invoke_agent" or not isinstance(detail, str) or not detail:
        return operation
    return f"{operation} {detail}"


def provider_name(name: str) -> str:
    """``gen_ai.provider.name`` for a claude_core provider name (another name passes through)."""
    return _PROVIDERS.get(name, name)


def latest_experimental(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether ``OTEL_SEMCONV_STABILITY_OPT_IN`` asks for the conventions' newest GenAI names."""
    values = environ.get(STABILITY_OPT_IN_ENV, "")
    return "gen_ai_latest_experimental" in {value.strip() for value in values.split(",")}


def capture_content(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether ``OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`` is ``true``."""
    return environ.get(CAPTURE_CONTENT_ENV, "").strip().lower() == "true"


def server_attributes(url: Optional[str]) -> Dict[str, Any]:
    """``server.address`` and ``server.port`` of a URL (the host only: never its path or credentials)."""
    if not url:
        return {}
    try:
        parts = urlsplit(url)
        port = parts.port or _DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        return {}
    found: Dict[str, Any] = {}
    if parts.hostname:
        found["server.address"] = parts.hostname
    if port is not None:
        found["server.port"] = port
    return found


def start_attributes(operation: str, provider: str, model: Optional[str], stream: bool, body: Any) -> Dict[str, Any]:
    """The attributes a span starts with (the ones a sampler decides on, and the request's parameters)."""
    attributes: Dict[str, Any] = {"gen_ai.operation.name": operation, "gen_ai.provider.name": provider_name(provider)}
    if model:
        attributes["gen_ai.request.model"] = model
    if operation == "execute_tool":
        tool = body if isinstance(body, Mapping) else {}
        attributes["gen_ai.tool.type"] = "function"
        if isinstance(tool.get("name"), str):
            attributes["gen_ai.tool.name"] = tool["name"]
        if isinstance(tool.get("id"), str):
            attributes["gen_ai.tool.call.id"] = tool["id"]
        return attributes
    if operation == "invoke_agent":
        return attributes
    if operation != "count_tokens":
        attributes["gen_ai.request.stream"] = stream
    if isinstance(body, Mapping):
        for param, name in _REQUEST_PARAMS:
            value = body.get(param)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                attributes[name] = value
            elif isinstance(value, Sequence) and not isinstance(value, str):
                attributes[name] = [str(item) for item in value]
    return attributes


def _count(usage: Any, name: str) -> int:
    value = getattr(usage, name, None)
    return value if isinstance(value, int) else 0


def usage_attributes(usage: Any, latest: bool) -> Dict[str, int]:
    """Token counts: ``input_tokens`` includes the cache reads and writes, as the conventions say for Anthropic."""
    if usage is None:
        return {}
    read = _count(usage, "cache_read_input_tokens")
    written = _count(usage, "cache_creation_input_tokens")
    written_name = "gen_ai.usage.cache_write.input_tokens" if latest else "gen_ai.usage.cache_creation.input_tokens"
    return {
        "gen_ai.usage.input_tokens": _count(usage, "input_tokens") + read + written,
        "gen_ai.usage.output_tokens": _count(usage, "output_tokens"),
        "gen_ai.usage.cache_read.input_tokens": read,
        written_name: written,
    }


def response_attributes(value: Any, stop_reason: Optional[str]) -> Dict[str, Any]:
    """``gen_ai.response.id`` / ``model`` / ``finish_reasons`` of the call's message, when it has one."""
    found: Dict[str, Any] = {}
    for field in ("id", "model"):
        item = getattr(value, field, None)
        if isinstance(item, str):
            found[f"gen_ai.response.{field}"] = item
    reason = stop_reason if stop_reason is not None else getattr(value, "stop_reason", None)
    if isinstance(reason, str):
        found["gen_ai.response.finish_reasons"] = [reason]
    return found


def error_type(error: BaseException) -> str:
    """A low-cardinality ``error.type``: the API's error type (``overloaded_error``) if it sent one, else the class."""
    body = getattr(error, "body", None)
    if isinstance(body, Mapping):
        detail = body.get("error")
        if isinstance(detail, Mapping) and isinstance(detail.get("type"), str):
            return str(detail["type"])
    cls = type(error)
    return cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"


def _parts(content: Any) -> List[Dict[str, Any]]:
    """A message's content as the conventions' parts (text, tool calls and their results; other blocks by type)."""
    if isinstance(content, str):
        return [{"type": "text", "content": content}]
    parts: List[Dict[str, Any]] = []
    for block in content if isinstance(content, Sequence) else ():
        data = block if isinstance(block, Mapping) else _as_dict(block)
        kind = data.get("type")
        if kind == "text":
            parts.append({"type": "text", "content": data.get("text")})
        elif kind in ("tool_use", "server_tool_use"):
            parts.append(
                {"type": "tool_call", "id": data.get("id"), "name": data.get("name"), "arguments": data.get("input")}
            )
        elif kind == "tool_result":
            parts.append({"type": "tool_call_response", "id": data.get("tool_use_id"), "response": data.get("content")})
        elif kind == "thinking":
            parts.append({"type": "reasoning", "content": data.get("thinking")})
        else:
            parts.append({"type": str(kind)})
    return parts


def _as_dict(block: Any) -> Mapping[str, Any]:
    to_dict = getattr(block, "to_dict", None)
    data = to_dict() if callable(to_dict) else None
    return data if isinstance(data, Mapping) else {}


def input_messages(body: Any) -> Dict[str, str]:
    """``gen_ai.input.messages`` and ``gen_ai.system_instructions`` of a request body, as JSON."""
    if not isinstance(body, Mapping):
        return {}
    found: Dict[str, str] = {}
    messages = body.get("messages")
    if isinstance(messages, Sequence):
        converted = [
            {"role": message.get("role"), "parts": _parts(message.get("content"))}
            for message in messages
            if isinstance(message, Mapping)
        ]
        found["gen_ai.input.messages"] = as_json(converted)
    system = body.get("system")
    if system:
        found["gen_ai.system_instructions"] = as_json(_parts(system))
    return found


def output_messages(value: Any, stop_reason: Optional[str]) -> Dict[str, str]:
    """``gen_ai.output.messages`` of the call's message, as JSON."""
    content = getattr(value, "content", None)
    if content is None:
        return {}
    message = {"role": "assistant", "parts": _parts(content), "finish_reason": stop_reason}
    return {"gen_ai.output.messages": as_json([message])}


def as_json(value: Any) -> str:
    """``value`` as a JSON string attribute (what JSON cannot hold, as its ``str``)."""
    return json.dumps(value, ensure_ascii=False, default=str)
