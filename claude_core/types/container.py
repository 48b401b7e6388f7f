"""``Message.container``: the code-execution container a message used, loaded when a response first holds one."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, List, Optional

from ._base import BaseModel
from ._deferred import deferred

if TYPE_CHECKING:  # beta objects: their models load when a value of them is first built
    from .skills import Skill
else:
    Skill = deferred(".skills", "Skill")

__all__ = ["Container"]


class Container(BaseModel):
    """The code-execution container the message used; pass ``id`` as ``container`` to reuse it."""

    id: str
    expires_at: datetime
    skills: Optional[List[Skill]] = None
