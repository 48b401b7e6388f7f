"""The parameter sets of ``messages.create``, ``messages.count_tokens`` and ``models.list``, and the
options they take (thinking, output, metadata, container, context management).

``stream`` is not part of :class:`MessageCreateParams`: the resource method adds it.
"""

# No `from __future__ import annotations` here: `Required[...]` must be evaluated for `__required_keys__`.
from typing import Any, Dict, List, Optional, Sequence, Union

from typing_extensions import Literal, Required, TypedDict

from .anthropic_beta_param import AnthropicBetaParam
from .block_params import CacheControlEphemeralParam, TextBlockParam
from .message_param import MessageParam
from .model_param import ModelParam
from .tool_params import RequestMCPServerURLDefinitionParam, ToolChoiceParam, ToolUnionParam

__all__ = [
    "MetadataParam",
    "ThinkingConfigEnabledParam",
    "ThinkingConfigDisabledParam",
    "ThinkingConfigAdaptiveParam",
    "ThinkingConfigParam",
    "JSONOutputFormatParam",
    "OutputConfigParam",
    "SkillParams",
    "ContainerParams",
    "ContextManagementConfigParam",
    "DiagnosticsParam",
    "MessageCreateParams",
    "MessageCountTokensParams",
    "ModelListParams",
    "BetaMessageCreateParams",
    "BetaMessageCountTokensParams",
    "MessageCreateParamsNonStreaming",
    "MessageCreateParamsStreaming",
    "BetaMessageCreateParamsNonStreaming",
    "BetaMessageCreateParamsStreaming",
]


class MetadataParam(TypedDict, total=False):
    user_id: Optional[str]
    """An opaque id of the end user (a hash or uuid, never a name or email)."""


# --- thinking -----------------------------------------------------------------------------------


class ThinkingConfigEnabledParam(TypedDict, total=False):
    """Extended thinking with a token budget (at least 1024, below ``max_tokens``)."""

    type: Required[Literal["enabled"]]
    budget_tokens: Required[int]
    display: Optional[Literal["summarized", "omitted"]]


class ThinkingConfigDisabledParam(TypedDict, total=False):
    type: Required[Literal["disabled"]]


class ThinkingConfigAdaptiveParam(TypedDict, total=False):
    """The model decides how much to think."""

    type: Required[Literal["adaptive"]]
    display: Optional[Literal["summarized", "omitted"]]


ThinkingConfigParam = Union[ThinkingConfigEnabledParam, ThinkingConfigDisabledParam, ThinkingConfigAdaptiveParam]


# --- output -------------------------------------------------------------------------------------


class JSONOutputFormatParam(TypedDict, total=False):
    """Constrain the answer to JSON matching ``schema`` (structured outputs)."""

    type: Required[Literal["json_schema"]]
    schema: Required[Dict[str, Any]]


class OutputConfigParam(TypedDict, total=False):
    effort: Optional[Literal["low", "medium", "high", "xhigh", "max"]]
    format: Optional[JSONOutputFormatParam]


# --- container, context management, diagnostics -------------------------------------------------


class SkillParams(TypedDict, total=False):
    """A skill to load into the container."""

    type: Required[Literal["anthropic", "custom"]]
    skill_id: Required[str]
    version: str


class ContainerParams(TypedDict, total=False):
    """The code-execution container: an existing one by ``id`` and/or skills to load."""

    id: Optional[str]
    skills: Optional[Sequence[SkillParams]]


class ContextManagementConfigParam(TypedDict, total=False):
    """Server-side edits of the context (beta), e.g. ``{"type": "clear_tool_uses_20250919", ...}``."""

    edits: Sequence[Dict[str, Any]]


class DiagnosticsParam(TypedDict, total=False):
    """Ask the response to explain prompt-cache misses against an earlier message."""

    previous_message_id: Optional[str]


# --- parameter sets -----------------------------------------------------------------------------


class MessageCreateParams(TypedDict, total=False):
    """The body of ``POST /v1/messages`` (without ``stream``)."""

    model: Required[ModelParam]
    max_tokens: Required[int]
    messages: Required[Sequence[MessageParam]]
    system: Union[str, Sequence[TextBlockParam]]
    metadata: MetadataParam
    stop_sequences: List[str]
    temperature: float
    top_k: int
    top_p: float
    tools: Sequence[ToolUnionParam]
    tool_choice: ToolChoiceParam
    thinking: ThinkingConfigParam
    output_config: OutputConfigParam
    cache_control: Optional[CacheControlEphemeralParam]
    """Put a cache breakpoint on the last cacheable block automatically."""
    service_tier: Literal["auto", "standard_only"]
    speed: Optional[Literal["standard", "fast"]]
    container: Union[ContainerParams, str, None]
    inference_geo: Optional[str]
    diagnostics: Optional[DiagnosticsParam]


class MessageCountTokensParams(TypedDict, total=False):
    """The body of ``POST /v1/messages/count_tokens``."""

    model: Required[ModelParam]
    messages: Required[Sequence[MessageParam]]
    system: Union[str, Sequence[TextBlockParam]]
    tools: Sequence[ToolUnionParam]
    tool_choice: ToolChoiceParam
    thinking: ThinkingConfigParam
    output_config: OutputConfigParam
    cache_control: Optional[CacheControlEphemeralParam]
    speed: Optional[Literal["standard", "fast"]]


class ModelListParams(TypedDict, total=False):
    """The query of ``GET /v1/models``."""

    after_id: str
    before_id: str
    limit: int
    """Page size, 1 to 1000 (default 20)."""


class BetaMessageCreateParams(MessageCreateParams, total=False):
    """:class:`MessageCreateParams` plus the beta-only parameters; ``betas`` goes to the header."""

    betas: List[AnthropicBetaParam]
    mcp_servers: Sequence[RequestMCPServerURLDefinitionParam]
    context_management: Optional[ContextManagementConfigParam]


class BetaMessageCountTokensParams(MessageCountTokensParams, total=False):
    """:class:`MessageCountTokensParams` plus the beta-only parameters; ``betas`` goes to the header."""

    betas: List[AnthropicBetaParam]
    mcp_servers: Sequence[RequestMCPServerURLDefinitionParam]
    context_management: Optional[ContextManagementConfigParam]


# --- with ``stream``, at the official ``message_create_params`` paths ----------------------------


class MessageCreateParamsNonStreaming(MessageCreateParams, total=False):
    """:class:`MessageCreateParams` for a call that returns the whole message."""

    stream: Literal[False]


class MessageCreateParamsStreaming(MessageCreateParams, total=False):
    """:class:`MessageCreateParams` for a call that returns a stream of events."""

    stream: Required[Literal[True]]


class BetaMessageCreateParamsNonStreaming(BetaMessageCreateParams, total=False):
    """:class:`BetaMessageCreateParams` for a call that returns the whole message."""

    stream: Literal[False]


class BetaMessageCreateParamsStreaming(BetaMessageCreateParams, total=False):
    """:class:`BetaMessageCreateParams` for a call that returns a stream of events."""

    stream: Required[Literal[True]]
