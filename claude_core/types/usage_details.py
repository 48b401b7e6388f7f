"""The parts of a usage report a plain reply leaves out (server tool requests, the output token
breakdown), and the usage of a ``message_delta`` stream event; loaded when first met."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ._base import BaseModel, TwinModel
from ._deferred import deferred

if TYPE_CHECKING:  # beta objects: their models load when a value of them is first built
    from .iterations import IterationsUsage
else:
    IterationsUsage = deferred(".iterations", "IterationsUsage")

__all__ = ["ServerToolUsage", "OutputTokensDetails", "MessageDeltaUsage"]


class ServerToolUsage(TwinModel):
    """How many server tool requests the message used."""

    _lacks = frozenset({"web_fetch_requests"})

    web_fetch_requests: Optional[int] = None
    """Beta: how many ``web_fetch`` requests."""
    web_search_requests: int


class OutputTokensDetails(BaseModel):
    """A breakdown of ``output_tokens``."""

    thinking_tokens: int = 0


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
