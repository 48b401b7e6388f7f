"""``usage.cache_creation``: prompt-cache writes split by cache lifetime."""

from __future__ import annotations

from ._base import BaseModel

__all__ = ["CacheCreation"]


class CacheCreation(BaseModel):
    """Prompt-cache writes split by cache lifetime."""

    ephemeral_1h_input_tokens: int
    ephemeral_5m_input_tokens: int
