"""The response of ``models.retrieve`` and the items of ``models.list``."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, Optional

from typing_extensions import Literal

from ._base import TwinModel

__all__ = ["ModelInfo"]


class ModelInfo(TwinModel):
    """A model the API serves. Fields in the official SDK's order, so dumps list keys as its do;
    the last three, which the official 0.79 model lacks, are dumped only when the API sent them."""

    _lacks = _beta_lacks = frozenset({"max_input_tokens", "max_tokens", "capabilities"})

    id: str
    created_at: datetime
    """When the model was released (RFC 3339, parsed to an aware ``datetime``)."""
    display_name: str
    type: Literal["model"]
    max_input_tokens: Optional[int] = None
    max_tokens: Optional[int] = None
    capabilities: Optional[Dict[str, Any]] = None
