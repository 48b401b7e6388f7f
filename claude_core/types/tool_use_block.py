"""A call of a client tool, loaded when a response first holds one (also the official path
``anthropic.types.tool_use_block``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Optional

from typing_extensions import Literal

from ._base import TwinModel
from ._deferred import deferred

if TYPE_CHECKING:  # beta objects: their models load when a value of them is first built
    from .callers import Caller
else:
    Caller = deferred(".callers", "Caller")

__all__ = [
    "ToolUseBlock",
]


class ToolUseBlock(TwinModel):
    """A call of one of the request's client tools; answer it with a ``tool_result`` block."""

    _lacks = frozenset({"caller"})

    id: str
    input: Dict[str, Any]
    name: str
    type: Literal["tool_use"]
    caller: Optional[Caller] = None
    """Who made the call (beta): the model (:class:`DirectCaller`) or code it ran (:class:`ServerToolCaller`)."""
