"""The response of ``messages.count_tokens``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ._base import TwinModel
from ._deferred import deferred

if TYPE_CHECKING:  # beta objects: their models load when a value of them is first built
    from .context_management import CountTokensContextManagementResponse
else:
    CountTokensContextManagementResponse = deferred(".context_management", "CountTokensContextManagementResponse")

__all__ = ["MessageTokensCount"]


class MessageTokensCount(TwinModel):
    """The response of ``messages.count_tokens``."""

    _lacks = frozenset({"context_management"})

    context_management: Optional[CountTokensContextManagementResponse] = None
    """The input tokens before context management edited the request (beta)."""
    input_tokens: int
