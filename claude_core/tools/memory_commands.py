"""The commands the model sends to the memory tool (``memory_20250818``), one model per command.

The official SDK has them at ``anthropic.types.beta.beta_memory_tool_20250818_*_command``.
"""

from __future__ import annotations

from typing import List, Optional, Union

import pydantic
from typing_extensions import Annotated, Literal

from ..types._base import BaseModel

__all__ = [
    "BetaMemoryTool20250818Command",
    "BetaMemoryTool20250818CreateCommand",
    "BetaMemoryTool20250818DeleteCommand",
    "BetaMemoryTool20250818InsertCommand",
    "BetaMemoryTool20250818RenameCommand",
    "BetaMemoryTool20250818StrReplaceCommand",
    "BetaMemoryTool20250818ViewCommand",
]


class BetaMemoryTool20250818ViewCommand(BaseModel):
    """Show a directory listing, or a file's lines (``view_range``: first and last line, 1-based)."""

    command: Literal["view"]
    path: str
    view_range: Optional[List[int]] = None


class BetaMemoryTool20250818CreateCommand(BaseModel):
    """Write ``file_text`` to a new (or replaced) file at ``path``."""

    command: Literal["create"]
    file_text: str
    path: str


class BetaMemoryTool20250818StrReplaceCommand(BaseModel):
    """Replace ``old_str`` (which should occur once) with ``new_str`` in the file at ``path``."""

    command: Literal["str_replace"]
    new_str: str
    old_str: str
    path: str


class BetaMemoryTool20250818InsertCommand(BaseModel):
    """Insert ``insert_text`` after line ``insert_line`` (0: at the top) of the file at ``path``."""

    command: Literal["insert"]
    insert_line: int
    insert_text: str
    path: str


class BetaMemoryTool20250818DeleteCommand(BaseModel):
    """Delete the file or directory at ``path``."""

    command: Literal["delete"]
    path: str


class BetaMemoryTool20250818RenameCommand(BaseModel):
    """Move the file or directory at ``old_path`` to ``new_path``."""

    command: Literal["rename"]
    new_path: str
    old_path: str


BetaMemoryTool20250818Command = Annotated[
    Union[
        BetaMemoryTool20250818ViewCommand,
        BetaMemoryTool20250818CreateCommand,
        BetaMemoryTool20250818StrReplaceCommand,
        BetaMemoryTool20250818InsertCommand,
        BetaMemoryTool20250818DeleteCommand,
        BetaMemoryTool20250818RenameCommand,
    ],
    pydantic.Field(discriminator="command"),
]
"""One memory command, told apart by its ``command``."""
