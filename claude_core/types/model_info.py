"""The response of ``models.retrieve`` and the items of ``models.list``."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, Optional

from typing_extensions import Literal

from ._base import BaseModel

__all__ = ["ModelInfo"]


class ModelInfo(BaseModel):
    """A model the API serves."""

    id: str
    type: Literal["model"]
    display_name: str
    created_at: datetime
    """When the model was released (RFC 3339, parsed to an aware ``datetime``)."""
    max_input_tokens: Optional[int] = None
    max_tokens: Optional[int] = None
    capabilities: Optional[Dict[str, Any]] = None
