"""The response of ``messages.create``: :class:`Message` and its :class:`Usage`.

What a plain text reply leaves out loads when a response first holds it, or when its name is first
read here: :class:`CacheCreation`, :class:`ServerToolUsage`, :class:`OutputTokensDetails` and
:class:`MessageDeltaUsage` (:mod:`~claude_core.types.usage_details`), :class:`Container`, and
:class:`MessageTokensCount` (the response of ``count_tokens``).
"""

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Union

from typing_extensions import Literal

from .._lazy import lazy_exports
from ._base import TwinModel
from ._deferred import deferred
from .content import ContentBlock

if TYPE_CHECKING:  # models a plain reply does not hold: they load when a value of them is first built
    from .cache_creation import CacheCreation
    from .container import Container
    from .context_management import ContextManagementResponse
    from .iterations import IterationsUsage
    from .token_count import MessageTokensCount
    from .usage_details import MessageDeltaUsage, OutputTokensDetails, ServerToolUsage
else:
    CacheCreation = deferred(".cache_creation", "CacheCreation")
    Container = deferred(".container", "Container")
    ContextManagementResponse = deferred(".context_management", "ContextManagementResponse")
    IterationsUsage = deferred(".iterations", "IterationsUsage")
    OutputTokensDetails = deferred(".usage_details", "OutputTokensDetails")
    ServerToolUsage = deferred(".usage_details", "ServerToolUsage")

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


if not TYPE_CHECKING:
    # Above, these names were the deferred field types; read from the module, they are the models
    # themselves, loaded on first use (pydantic has already read the fields).
    del CacheCreation, Container, OutputTokensDetails, ServerToolUsage
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "CacheCreation": "claude_core.types.cache_creation",
            "Container": "claude_core.types.container",
            "MessageDeltaUsage": "claude_core.types.usage_details",
            "MessageTokensCount": "claude_core.types.token_count",
            "OutputTokensDetails": "claude_core.types.usage_details",
            "ServerToolUsage": "claude_core.types.usage_details",
        },
    )
