"""The response of ``messages.create``: :class:`Message`, its :class:`Usage`, and token counts."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Union

from typing_extensions import Literal

from ._base import BaseModel, TwinModel
from ._deferred import deferred
from .cache_creation import CacheCreation
from .content import ContentBlock

if TYPE_CHECKING:  # beta objects: their models load when a value of them is first built
    from .context_management import ContextManagementResponse, CountTokensContextManagementResponse
    from .iterations import IterationsUsage
    from .skills import Skill
else:
    ContextManagementResponse = deferred(".context_management", "ContextManagementResponse")
    CountTokensContextManagementResponse = deferred(".context_management", "CountTokensContextManagementResponse")
    IterationsUsage = deferred(".iterations", "IterationsUsage")
    Skill = deferred(".skills", "Skill")

__all__ = [
    "StopReason",
    "CacheCreation",
    "ServerToolUsage",
    "OutputTokensDetails",
    "Usage",
    "MessageDeltaUsage",
    "Container",
    "Message",
    "MessageTokensCount",
]

StopReason = Literal[
    "end_turn",
    "max_tokens",
    "stop_sequence",
    "tool_use",
    "pause_turn",
    "refusal",
    "compaction",
    "model_context_window_exceeded",
]
"""Why the model stopped. At runtime a value added by a newer API version is kept as a plain string."""
if not TYPE_CHECKING:
    StopReason = Union[StopReason, str]


class ServerToolUsage(TwinModel):
    """How many server tool requests the message used."""

    _lacks = frozenset({"web_fetch_requests"})

    web_fetch_requests: Optional[int] = None
    """Beta: how many ``web_fetch`` requests."""
    web_search_requests: int


class OutputTokensDetails(BaseModel):
    """A breakdown of ``output_tokens``."""

    thinking_tokens: int = 0


class Usage(TwinModel):
    """Billing and rate-limit usage of one message (all counts in tokens unless named otherwise)."""

    _lacks = frozenset({"speed", "iterations", "output_tokens_details"})
    _beta_lacks = frozenset({"output_tokens_details"})

    cache_creation: Optional[CacheCreation] = None
    cache_creation_input_tokens: Optional[int] = None
    cache_read_input_tokens: Optional[int] = None
    inference_geo: Optional[str] = None
    input_tokens: int
    iterations: Optional[IterationsUsage] = None
    """The usage of each iteration (beta: compaction)."""
    output_tokens: int
    server_tool_use: Optional[ServerToolUsage] = None
    service_tier: Optional[str] = None
    """``standard``, ``priority`` or ``batch``."""
    speed: Optional[str] = None
    """``standard`` or ``fast`` (beta)."""
    output_tokens_details: Optional[OutputTokensDetails] = None


class MessageDeltaUsage(TwinModel):
    """Cumulative usage reported by a ``message_delta`` stream event."""

    _lacks = frozenset({"iterations", "output_tokens_details"})
    _beta_lacks = frozenset({"output_tokens_details"})

    cache_creation_input_tokens: Optional[int] = None
    cache_read_input_tokens: Optional[int] = None
    input_tokens: Optional[int] = None
    iterations: Optional[IterationsUsage] = None
    output_tokens: int
    server_tool_use: Optional[ServerToolUsage] = None
    output_tokens_details: Optional[OutputTokensDetails] = None


class Container(BaseModel):
    """The code-execution container the message used; pass ``id`` as ``container`` to reuse it."""

    id: str
    expires_at: datetime
    skills: Optional[List[Skill]] = None


class Message(TwinModel):
    """A message written by the model."""

    _lacks = frozenset({"container", "context_management", "stop_details"})
    _beta_lacks = frozenset({"stop_details"})

    id: str
    container: Optional[Container] = None
    content: List[ContentBlock]
    context_management: Optional[ContextManagementResponse] = None
    """What server-side context management edited (beta)."""
    model: str
    role: Literal["assistant"]
    stop_reason: Optional[StopReason] = None
    stop_sequence: Optional[str] = None
    type: Literal["message"]
    usage: Usage
    stop_details: Optional[Dict[str, Any]] = None
    """Details of a ``refusal`` stop (``{"type": "refusal", "category", "explanation"}``)."""


class MessageTokensCount(TwinModel):
    """The response of ``messages.count_tokens``."""

    _lacks = frozenset({"context_management"})

    context_management: Optional[CountTokensContextManagementResponse] = None
    """The input tokens before context management edited the request (beta)."""
    input_tokens: int
