"""The Messages API's logic: validate params, count tokens, derive a deterministic reply.

Everything here is pure: the same params always give the same message. Token counts are a
simple, documented stand-in for a tokenizer: ``ceil(characters / 4)`` over all text in
``system``, ``messages`` and ``tools``, and one output token per whitespace-separated word.

Bodies are checked as strictly as the API checks them: a top-level field the endpoint does
not take is a 400 naming it (``temprature: Extra inputs are not permitted``), an unknown
model a 404, and a prompt longer than the model's context window a 400.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from typing import AbstractSet, Any, Dict, List, Mapping, Optional

from ._content import Generated, _custom_tools, generate, reply_text
from ._models import context_window, is_known_model
from ._wire import APIErrorReply

__all__ = [
    "CREATE_FIELDS",
    "COUNT_TOKENS_FIELDS",
    "BETA_FIELDS",
    "validate_params",
    "bad",
    "is_int",
    "check_fields",
    "check_sampling",
    "check_model",
    "check_context_window",
    "check_thinking",
    "check_tools",
    "check_base64",
    "count_input_tokens",
    "build_message",
    "reply_text",
]

#: The top-level fields of ``POST /v1/messages``.
CREATE_FIELDS = frozenset(
    {
        "model",
        "messages",
        "max_tokens",
        "system",
        "metadata",
        "stop_sequences",
        "stream",
        "temperature",
        "top_k",
        "top_p",
        "tools",
        "tool_choice",
        "thinking",
        "output_config",
        "service_tier",
        "container",
        "inference_geo",
        "cache_control",
        "speed",
        "diagnostics",
    }
)
#: The top-level fields of ``POST /v1/messages/count_tokens``.
COUNT_TOKENS_FIELDS = frozenset(
    {"model", "messages", "system", "tools", "tool_choice", "thinking", "output_config", "cache_control", "speed"}
)
#: Fields both endpoints also take on beta requests (``?beta=true``); ``betas`` is accepted leniently.
BETA_FIELDS = frozenset({"mcp_servers", "context_management", "betas"})


def bad(message: str) -> APIErrorReply:
    return APIErrorReply(400, message)


def is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_content(content: object, where: str) -> None:
    if isinstance(content, str):
        return
    if not isinstance(content, list):
        raise bad(f"{where}: Input should be a valid string or a list of content blocks")
    for j, block in enumerate(content):
        if not isinstance(block, dict):
            raise bad(f"{where}.{j}: Input should be a valid dictionary or object")
        if "type" not in block:
            raise bad(f"{where}.{j}.type: Field required")
        if not isinstance(block["type"], str):
            raise bad(f"{where}.{j}.type: Input should be a valid string")


def _check_messages(messages: object) -> None:
    if not isinstance(messages, list):
        raise bad("messages: Input should be a valid list")
    if not messages:
        raise bad("messages: at least one message is required")
    for i, message in enumerate(messages):
        if not isinstance(message, dict):
            raise bad(f"messages.{i}: Input should be a valid dictionary or object")
        if "role" not in message:
            raise bad(f"messages.{i}.role: Field required")
        if message["role"] not in ("user", "assistant"):
            raise bad(f"messages.{i}.role: Input should be 'user' or 'assistant'")
        if "content" not in message:
            raise bad(f"messages.{i}.content: Field required")
        _check_content(message["content"], f"messages.{i}.content")
    if messages[0]["role"] != "user":
        raise bad('messages: first message must use the "user" role')


def check_sampling(body: Mapping[str, Any]) -> None:
    """Check ``temperature``, ``top_k``, ``top_p``, ``stop_sequences`` and ``stream`` where present."""
    temperature = body.get("temperature")
    if temperature is not None:
        if not is_number(temperature):
            raise bad("temperature: Input should be a valid number")
        if temperature < 0:
            raise bad("temperature: Input should be greater than or equal to 0")
        if temperature > 1:
            raise bad("temperature: Input should be less than or equal to 1")
    top_k = body.get("top_k")
    if top_k is not None and not is_int(top_k):
        raise bad("top_k: Input should be a valid integer")
    top_p = body.get("top_p")
    if top_p is not None and not is_number(top_p):
        raise bad("top_p: Input should be a valid number")
    stops = body.get("stop_sequences")
    if stops is not None and not (isinstance(stops, list) and all(isinstance(s, str) for s in stops)):
        raise bad("stop_sequences: Input should be a valid list of strings")
    stream = body.get("stream")
    if stream is not None and not isinstance(stream, bool):
        raise bad("stream: Input should be a valid boolean")


def check_fields(body: Mapping[str, Any], allowed: AbstractSet[str]) -> None:
    """Reject the first top-level field the endpoint does not take, as the API does."""
    for field in body:
        if field not in allowed:
            raise bad(f"{field}: Extra inputs are not permitted")


def check_model(model: str) -> None:
    """A 404 for a model the emulator does not serve (see :mod:`._models`)."""
    if not is_known_model(model):
        raise APIErrorReply(404, f"model: {model}")


def check_context_window(model: str, input_tokens: int, betas: str = "") -> None:
    """A 400 when the prompt does not fit the model's context window."""
    maximum = context_window(model, betas)
    if input_tokens > maximum:
        raise bad(f"prompt is too long: {input_tokens} tokens > {maximum} maximum")


def _check_output_config(config: object) -> None:
    """``output_config``: an object whose ``format``, if any, is ``{"type": "json_schema", "schema": {...}}``."""
    if config is None:
        return
    if not isinstance(config, dict):
        raise bad("output_config: Input should be a valid dictionary or object")
    output = config.get("format")
    if output is None:
        return
    if not isinstance(output, dict):
        raise bad("output_config.format: Input should be a valid dictionary or object")
    if output.get("type") != "json_schema":
        raise bad("output_config.format.type: Input should be 'json_schema'")
    if "schema" not in output:
        raise bad("output_config.format.schema: Field required")
    if not isinstance(output["schema"], dict):
        raise bad("output_config.format.schema: Input should be a valid dictionary")


_TOOL_CHOICES = ("auto", "any", "tool", "none")


def _check_tool_choice(body: Mapping[str, Any]) -> None:
    """``tool_choice``: one of the four types; ``tool`` names a custom tool of ``tools`` (when tools are given)."""
    choice = body.get("tool_choice")
    if choice is None:
        return
    if not isinstance(choice, dict):
        raise bad("tool_choice: Input should be a valid dictionary or object")
    if "type" not in choice:
        raise bad("tool_choice.type: Field required")
    if choice["type"] not in _TOOL_CHOICES:
        raise bad("tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'")
    parallel = choice.get("disable_parallel_tool_use")
    if parallel is not None and not isinstance(parallel, bool):
        raise bad("tool_choice.disable_parallel_tool_use: Input should be a valid boolean")
    if choice["type"] != "tool":
        return
    name = choice.get("name")
    if name is None:
        raise bad("tool_choice.name: Field required")
    if not isinstance(name, str):
        raise bad("tool_choice.name: Input should be a valid string")
    offered = [tool["name"] for tool in _custom_tools(body)]
    if body.get("tools") and name not in offered:
        raise bad(f"tool_choice.name: {name!r} is not the name of a custom tool in tools")


#: The smallest ``thinking.budget_tokens`` the API takes.
MIN_THINKING_BUDGET = 1024
#: The beta under which ``thinking.budget_tokens`` may reach ``max_tokens`` (a budget for the whole turn).
_INTERLEAVED_THINKING = "interleaved-thinking-"
_BUDGET_OVER_MAX_TOKENS = (
    "`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at "
    "https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size"
)


def check_thinking(body: Mapping[str, Any], max_tokens: Optional[int], betas: str = "") -> None:
    """``thinking``: a typed object; ``enabled`` needs a ``budget_tokens`` of at least 1,024, below ``max_tokens``.

    ``max_tokens`` None (count_tokens) skips the last check, as does the interleaved-thinking beta.
    """
    thinking = body.get("thinking")
    if thinking is None:
        return
    if not (isinstance(thinking, dict) and isinstance(thinking.get("type"), str)):
        raise bad("thinking: Input should be a valid dictionary with a string 'type'")
    if thinking["type"] != "enabled":
        return
    if "budget_tokens" not in thinking:
        raise bad("thinking.enabled.budget_tokens: Field required")
    budget = thinking["budget_tokens"]
    if not is_int(budget):
        raise bad("thinking.enabled.budget_tokens: Input should be a valid integer")
    if budget < MIN_THINKING_BUDGET:
        raise bad(f"thinking.enabled.budget_tokens: Input should be greater than or equal to {MIN_THINKING_BUDGET}")
    if max_tokens is not None and budget >= max_tokens and _INTERLEAVED_THINKING not in betas:
        raise bad(_BUDGET_OVER_MAX_TOKENS)


def check_tools(tools: object) -> None:
    """``tools``: a list of objects; a custom tool (no ``type``, or ``"custom"``) needs ``input_schema``."""
    if tools is None:
        return
    if not isinstance(tools, list):
        raise bad("tools: Input should be a valid list")
    for i, tool in enumerate(tools):
        if not isinstance(tool, dict):
            raise bad(f"tools.{i}: Input should be a valid dictionary or object")
        if tool.get("type", "custom") != "custom":
            continue
        if "name" not in tool:
            raise bad(f"tools.{i}.custom.name: Field required")
        if "input_schema" not in tool:
            raise bad(f"tools.{i}.custom.input_schema: Field required")
        if not isinstance(tool["input_schema"], dict):
            raise bad(f"tools.{i}.custom.input_schema: Input should be a valid dictionary")


def _check_sources(blocks: object, where: str) -> None:
    """Refuse a base64 image or document source whose ``data`` does not decode (nested tool results too)."""
    if not isinstance(blocks, list):
        return
    for j, block in enumerate(blocks):
        if not isinstance(block, dict):
            continue
        kind = block.get("type")
        if kind == "tool_result":
            _check_sources(block.get("content"), f"{where}.{j}.tool_result.content")
            continue
        source = block.get("source")
        if kind not in ("image", "document") or not isinstance(source, dict) or source.get("type") != "base64":
            continue
        data = source.get("data")
        try:
            if not isinstance(data, str):
                raise ValueError
            base64.b64decode(data, validate=True)
        except (ValueError, binascii.Error):
            raise bad(f"{where}.{j}.{kind}.source.base64: invalid base64 data") from None


def check_base64(messages: List[Dict[str, Any]]) -> None:
    """Every base64 ``image`` / ``document`` source of ``messages`` decodes, as the API requires."""
    for i, message in enumerate(messages):
        _check_sources(message["content"], f"messages.{i}.content")


def validate_params(body: object, *, need_max_tokens: bool, beta: bool = False, betas: str = "") -> Dict[str, Any]:
    """Check a Messages (``need_max_tokens``) or count_tokens body the way the API does.

    Raises an error naming the field: unknown fields (``beta`` allows the beta-only ones),
    missing or mistyped ones, a thinking budget under 1,024 or not under ``max_tokens``
    (``betas``: the ``anthropic-beta`` value, which may lift the latter), a custom tool
    without ``input_schema``, base64 data that does not decode, then a 404 for an unknown
    model.
    """
    if not isinstance(body, dict):
        raise bad("body: Input should be a valid JSON object")
    allowed = CREATE_FIELDS if need_max_tokens else COUNT_TOKENS_FIELDS
    check_fields(body, allowed | BETA_FIELDS if beta else allowed)
    for field in ("model", "max_tokens", "messages") if need_max_tokens else ("model", "messages"):
        if field not in body:
            raise bad(f"{field}: Field required")
    model = body["model"]
    if not isinstance(model, str):
        raise bad("model: Input should be a valid string")
    if need_max_tokens:
        max_tokens = body["max_tokens"]
        if not is_int(max_tokens):
            raise bad("max_tokens: Input should be a valid integer")
        if max_tokens < 1:
            raise bad("max_tokens: Input should be greater than or equal to 1")
    _check_messages(body["messages"])
    system = body.get("system")
    if system is not None:
        _check_content(system, "system")
    check_base64(body["messages"])
    check_sampling(body)
    check_tools(body.get("tools"))
    _check_tool_choice(body)
    _check_output_config(body.get("output_config"))
    check_thinking(body, body["max_tokens"] if need_max_tokens else None, betas)
    check_model(model)
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


def build_message(
    params: Mapping[str, Any],
    message_id: str,
    generated: Optional[Generated] = None,
    input_tokens: Optional[int] = None,
) -> Dict[str, Any]:
    """The Message object answering validated ``params``, derived only from them (see :mod:`._content`)."""
    if generated is None:
        generated = generate(params)
    if input_tokens is None:
        input_tokens = count_input_tokens(params)
    return {
        "id": message_id,
        "type": "message",
        "role": "assistant",
        "model": params["model"],
        "content": [block.final for block in generated.blocks],
        "stop_reason": generated.stop_reason,
        "stop_sequence": generated.stop_sequence,
        "usage": {
            "input_tokens": input_tokens,
            "output_tokens": generated.output_tokens,
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0,
        },
    }
