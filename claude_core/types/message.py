"""The response of ``messages.create``: :class:`Message`, its :class:`Usage`, and token counts."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Union

from typing_extensions import Literal

from ._base import BaseModel
from .content import ContentBlock

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


class CacheCreation(BaseModel):
    """Prompt-cache writes split by cache lifetime."""

    ephemeral_5m_input_tokens: int = 0
    ephemeral_1h_input_tokens: int = 0


class ServerToolUsage(BaseModel):
    """How many server tool requests the message used."""

    web_search_requests: int = 0
    web_fetch_requests: int = 0


class OutputTokensDetails(BaseModel):
    """A breakdown of ``output_tokens``."""

    thinking_tokens: int = 0


class Usage(BaseModel):
    """Billing and rate-limit usage of one message (all counts in tokens unless named otherwise)."""

    input_tokens: int
    output_tokens: int
    cache_creation_input_tokens: Optional[int] = None
    cache_read_input_tokens: Optional[int] = None
    cache_creation: Optional[CacheCreation] = None
    server_tool_use: Optional[ServerToolUsage] = None
    output_tokens_details: Optional[OutputTokensDetails] = None
    service_tier: Optional[str] = None
    """``standard``, ``priority`` or ``batch``."""
    inference_geo: Optional[str] = None
    speed: Optional[str] = None
    """``standard`` or ``fast``."""


class MessageDeltaUsage(BaseModel):
    """Cumulative usage reported by a ``message_delta`` stream event."""

    output_tokens: int
    input_tokens: Optional[int] = None
    cache_creation_input_tokens: Optional[int] = None
    cache_read_input_tokens: Optional[int] = None
    server_tool_use: Optional[ServerToolUsage] = None
    output_tokens_details: Optional[OutputTokensDetails] = None


class Container(BaseModel):
    """The code-execution container the message used; pass ``id`` as ``container`` to reuse it."""

    id: str
    expires_at: datetime
    skills: Optional[List[Dict[str, Any]]] = None


class Message(BaseModel):
    """A message written by the model."""

    id: str
    type: Literal["message"]
    role: Literal["assistant"]
    content: List[ContentBlock]
    model: str
    stop_reason: Optional[StopReason] = None
    stop_sequence: Optional[str] = None
    usage: Usage
    container: Optional[Container] = None
    stop_details: Optional[Dict[str, Any]] = None
    """Details of a ``refusal`` stop (``{"type": "refusal", "category", "explanation"}``)."""
    context_management: Optional[Dict[str, Any]] = None
    """What server-side context management edited (beta)."""


class MessageTokensCount(BaseModel):
    """The response of ``messages.count_tokens``."""

    input_tokens: int
