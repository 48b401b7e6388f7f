"""Who called a tool (beta: programmatic tool calling): ``ToolUseBlock.caller`` and friends."""

from __future__ import annotations

from typing import TYPE_CHECKING, Union

from typing_extensions import Literal

from ._base import BaseModel
from ._discriminator import open_union
from ._unknown import UnknownBlock

__all__ = ["DirectCaller", "ServerToolCaller", "Caller"]


class DirectCaller(BaseModel):
    """A tool called by the model itself."""

    type: Literal["direct"]


class ServerToolCaller(BaseModel):
    """A tool called programmatically, by code the code-execution tool ``tool_id`` ran."""

    tool_id: str
    type: Literal["code_execution_20250825"]


Caller = Union[DirectCaller, ServerToolCaller]
"""Who called a tool (beta: programmatic tool calling), by ``type``."""
if not TYPE_CHECKING:
    Caller = open_union(Caller, UnknownBlock)
