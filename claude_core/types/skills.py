"""The skills loaded into a code-execution container (beta): ``Message.container.skills``."""

from __future__ import annotations

from ._base import BaseModel

__all__ = ["Skill"]


class Skill(BaseModel):
    """A skill loaded into the container."""

    skill_id: str
    type: str
    """``anthropic`` or ``custom``."""
    version: str
