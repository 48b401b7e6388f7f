"""What the ``messages`` methods take, and in which order their bodies are written: the
:class:`~claude_core.resources._spec.MethodSpec` of ``create``, ``stream``, ``count_tokens`` and
``parse``, for ``messages`` and ``beta.messages`` alike. Data and pure functions, no I/O."""

from __future__ import annotations

from typing import Any, Callable, List, NamedTuple, Tuple

from .._types import StreamOptions, omit
from ._spec import STREAM_OPTION_KEYS, MethodSpec

__all__ = ["CREATE_KEYS", "COUNT_TOKENS_KEYS", "MessageSpecs", "method_specs", "message_param_types"]


#: Keywords of streamed calls that are not sent (see :class:`~claude_core._types.StreamOptions`).
_STREAM_LOCAL = tuple((key, None) for key in STREAM_OPTION_KEYS)
_BETAS = (("betas", omit),)
#: ``messages.stream()`` writes its body in an order of its own, ``"stream": true`` last.
_STREAM_ORDER = (
    "inference_geo", "metadata", "output_config", "container", "service_tier", "stop_sequences", "system",
    "temperature", "top_k", "top_p", "tools", "thinking", "tool_choice",
)  # fmt: skip
_BETA_STREAM_ORDER = (
    "metadata", "output_config", "container", "context_management", "inference_geo", "mcp_servers",
    "service_tier", "speed", "stop_sequences", "system", "temperature", "thinking", "top_k", "top_p", "tools",
    "tool_choice",
)  # fmt: skip


#: ``messages.parse`` (sorted, the official parameters first): the one method without ``inference_geo``.
_PARSE_ORDER = (
    "metadata", "output_config", "service_tier", "stop_sequences", "stream", "system", "temperature", "thinking",
    "tool_choice", "tools", "top_k", "top_p",
)  # fmt: skip
_BETA_PARSE_ORDER = (
    "container", "context_management", "inference_geo", "mcp_servers", "metadata", "output_config", "service_tier",
    "speed", "stop_sequences", "stream", "system", "temperature", "thinking", "tool_choice", "tools", "top_k", "top_p",
)  # fmt: skip
_OUTPUT_FORMAT = (("output_format", omit),)


#: The keys of :class:`~claude_core.types.MessageCreateParams` and ``MessageCountTokensParams``
#: (``tests/compat`` checks them), written out: a call needs the names, only a signature the types.
CREATE_KEYS = (
    "model", "max_tokens", "messages", "system", "metadata", "stop_sequences", "temperature", "top_k", "top_p",
    "tools", "tool_choice", "thinking", "output_config", "cache_control", "service_tier", "speed", "container",
    "inference_geo", "diagnostics",
)  # fmt: skip
COUNT_TOKENS_KEYS = (
    "model", "messages", "system", "tools", "tool_choice", "thinking", "output_config", "cache_control", "speed",
)  # fmt: skip


class MessageSpecs(NamedTuple):
    """The :class:`MethodSpec` of each method of ``messages`` (or of ``beta.messages``)."""

    create: MethodSpec
    stream: MethodSpec
    count_tokens: MethodSpec
    parse: MethodSpec


def _listed_first(listed: Tuple[str, ...], optional: List[str]) -> List[str]:
    """``listed`` (the official method's order), then the parameters it does not take, sorted."""
    return [*listed, *sorted(set(optional) - set(listed))]


def method_specs(
    keys: Tuple[str, ...], count_keys: Tuple[str, ...], param_types: Callable[[], Tuple[Any, Any]], beta: bool
) -> MessageSpecs:
    """The specs of ``create``, ``stream``, ``count_tokens`` and ``parse`` (``beta.messages`` when ``beta``).

    ``keys`` and ``count_keys`` are the keys of the parameter TypedDicts of ``create`` and
    ``count_tokens``; ``param_types`` returns the two TypedDicts, for the signatures only.
    """
    prefix = "beta.messages" if beta else "messages"
    local = (*_STREAM_LOCAL, *_BETAS) if beta else _STREAM_LOCAL
    required = ("max_tokens", "messages", "model")
    optional = [key for key in keys if key not in required and key != "betas"]
    stream_order = _listed_first(_BETA_STREAM_ORDER if beta else _STREAM_ORDER, optional)
    parse_order = _listed_first(_BETA_PARSE_ORDER if beta else _PARSE_ORDER, [*optional, "stream"])
    count_required = ("messages", "model")
    count_optional = [key for key in count_keys if key not in count_required and key != "betas"]

    def annotations(method: str) -> Callable[[], Tuple[Any, ...]]:
        """The TypedDicts whose keys' types the signature of ``method`` shows, imported when it is first read."""

        def typed_dicts() -> Tuple[Any, ...]:
            from ._kwargs import CountOutputFormatFlag, OutputFormatFlag, StreamFlag  # here: signatures only

            params, count_params = param_types()
            return {
                "create": (params, StreamOptions, StreamFlag),
                "stream": (params, StreamOptions, StreamFlag, CountOutputFormatFlag),
                "count_tokens": (count_params, CountOutputFormatFlag),
                "parse": (params, StreamFlag, OutputFormatFlag),
            }[method]

        return typed_dicts

    return MessageSpecs(
        MethodSpec(f"{prefix}.create", required, [*optional, "stream"], local=local, annotations=annotations("create")),
        MethodSpec(
            f"{prefix}.stream",
            required,
            stream_order,
            ordered=True,
            local=(*local, *_OUTPUT_FORMAT),
            annotations=annotations("stream"),
        ),
        MethodSpec(
            f"{prefix}.count_tokens",
            count_required,
            count_optional,
            local=(*_OUTPUT_FORMAT, *_BETAS) if beta else _OUTPUT_FORMAT,
            annotations=annotations("count_tokens"),
        ),
        MethodSpec(
            f"{prefix}.parse",
            required,
            parse_order,
            ordered=True,
            local=(*_OUTPUT_FORMAT, *_BETAS) if beta else _OUTPUT_FORMAT,
            annotations=annotations("parse"),
        ),
    )


def message_param_types() -> Tuple[Any, Any]:
    """The parameter TypedDicts of ``messages.create`` and ``count_tokens``, for signatures only."""
    from ..types.request_params import MessageCountTokensParams, MessageCreateParams  # here: signatures only

    return MessageCreateParams, MessageCountTokensParams
