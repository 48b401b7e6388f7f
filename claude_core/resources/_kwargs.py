"""The keyword arguments of the resource methods, as type checkers see them.

They are the API parameters (:mod:`claude_core.types.request_params`) with every optional
one also accepting ``NOT_GIVEN`` and ``omit`` (code written for the official SDK forwards
``NOT_GIVEN`` for "not passed"), plus the per-call options. ``tests/compat`` checks that
each holds exactly the keys of its parameter set.
"""

# No `from __future__ import annotations` here: `Required[...]` must be evaluated for `__required_keys__`.
from typing import Any, List, Optional, Sequence, Type, Union

from typing_extensions import Literal, Required, TypedDict

from .._types import NotGiven, Omit, RequestOptions, StreamOptions
from ..types.anthropic_beta_param import AnthropicBetaParam
from ..types.block_params import CacheControlEphemeralParam, TextBlockParam
from ..types.message_param import MessageParam
from ..types.model_param import ModelParam
from ..types.request_params import (
    ContainerParams,
    ContextManagementConfigParam,
    DiagnosticsParam,
    JSONOutputFormatParam,
    MetadataParam,
    OutputConfigParam,
    ThinkingConfigParam,
)
from ..types.tool_params import RequestMCPServerURLDefinitionParam, ToolChoiceParam, ToolUnionParam

__all__ = [
    "MessageCreateKwargs",
    "MessageStreamKwargs",
    "MessageCountTokensKwargs",
    "BetaMessageCreateKwargs",
    "BetaMessageStreamKwargs",
    "BetaMessageCountTokensKwargs",
    "MessageParseKwargs",
    "BetaMessageParseKwargs",
    "CompletionCreateKwargs",
    "CompletionStreamKwargs",
    "ModelListKwargs",
    "StreamFlag",
    "OutputFormatFlag",
    "CountOutputFormatFlag",
]

Unset = Union[Omit, NotGiven]


class MessageCreateKwargs(RequestOptions, total=False):
    """``messages.create``: :class:`~claude_core.types.MessageCreateParams` plus the per-call options."""

    model: Required[ModelParam]
    max_tokens: Required[int]
    messages: Required[Sequence[MessageParam]]
    system: Union[str, Sequence[TextBlockParam], Unset]
    metadata: Union[MetadataParam, Unset]
    stop_sequences: Union[List[str], Unset]
    temperature: Union[float, Unset]
    top_k: Union[int, Unset]
    top_p: Union[float, Unset]
    tools: Union[Sequence[ToolUnionParam], Unset]
    tool_choice: Union[ToolChoiceParam, Unset]
    thinking: Union[ThinkingConfigParam, Unset]
    output_config: Union[OutputConfigParam, Unset]
    cache_control: Union[Optional[CacheControlEphemeralParam], Unset]
    service_tier: Union[Literal["auto", "standard_only"], Unset]
    speed: Union[Optional[Literal["standard", "fast"]], Unset]
    container: Union[ContainerParams, str, Unset, None]
    inference_geo: Union[Optional[str], Unset]
    diagnostics: Union[Optional[DiagnosticsParam], Unset]


class MessageStreamKwargs(MessageCreateKwargs, StreamOptions, total=False):
    """``messages.stream`` and ``create(stream=True)``: the stream options too."""


class _BetaMessageKwargs(RequestOptions, total=False):
    betas: Union[List[AnthropicBetaParam], Unset]
    mcp_servers: Union[Sequence[RequestMCPServerURLDefinitionParam], Unset]
    context_management: Union[Optional[ContextManagementConfigParam], Unset]


class BetaMessageCreateKwargs(MessageCreateKwargs, _BetaMessageKwargs, total=False):
    """``beta.messages.create``: ``betas`` becomes the ``anthropic-beta`` header."""


class BetaMessageStreamKwargs(MessageStreamKwargs, _BetaMessageKwargs, total=False):
    """``beta.messages.stream`` and ``beta.messages.create(stream=True)``."""


class MessageParseKwargs(MessageCreateKwargs, total=False):
    """``messages.parse``: the parameters of ``create`` (``output_format`` is its own keyword)."""

    stream: Union[Literal[False], Unset]


class BetaMessageParseKwargs(MessageParseKwargs, _BetaMessageKwargs, total=False):
    """``beta.messages.parse``."""


class MessageCountTokensKwargs(RequestOptions, total=False):
    """``messages.count_tokens``: :class:`~claude_core.types.MessageCountTokensParams` plus the options."""

    model: Required[ModelParam]
    messages: Required[Sequence[MessageParam]]
    system: Union[str, Sequence[TextBlockParam], Unset]
    tools: Union[Sequence[ToolUnionParam], Unset]
    tool_choice: Union[ToolChoiceParam, Unset]
    thinking: Union[ThinkingConfigParam, Unset]
    output_config: Union[OutputConfigParam, Unset]
    cache_control: Union[Optional[CacheControlEphemeralParam], Unset]
    speed: Union[Optional[Literal["standard", "fast"]], Unset]


class BetaMessageCountTokensKwargs(MessageCountTokensKwargs, _BetaMessageKwargs, total=False):
    """``beta.messages.count_tokens``."""


class CompletionCreateKwargs(RequestOptions, total=False):
    """``completions.create``: :class:`~claude_core.types.completion_create_params.CompletionCreateParamsBase`."""

    max_tokens_to_sample: Required[int]
    model: Required[ModelParam]
    prompt: Required[str]
    metadata: Union[MetadataParam, Unset]
    stop_sequences: Union[Sequence[str], Unset]
    temperature: Union[float, Unset]
    top_k: Union[int, Unset]
    top_p: Union[float, Unset]
    betas: Union[List[AnthropicBetaParam], Unset]


class CompletionStreamKwargs(CompletionCreateKwargs, StreamOptions, total=False):
    """``completions.create(stream=True)``."""


class ModelListKwargs(RequestOptions, total=False):
    """``models.list``: :class:`~claude_core.types.ModelListParams` plus the options."""

    after_id: Union[str, Unset]
    before_id: Union[str, Unset]
    limit: Union[int, Unset]


# The keywords messages' methods take beside the parameters, for the signatures ``help()`` shows.


class StreamFlag(TypedDict, total=False):
    stream: bool


class OutputFormatFlag(TypedDict, total=False):
    output_format: Optional[Type[Any]]


class CountOutputFormatFlag(TypedDict, total=False):
    output_format: Union[JSONOutputFormatParam, Type[Any], None]
