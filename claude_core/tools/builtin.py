"""Tools defined by a class rather than a function: subclass, give ``to_dict()`` and ``call()``.

The tool runner sends ``to_dict()`` as the tool's definition (any tool type the API takes, such
as ``memory_20250818``) and calls ``call(input)`` with the input of each ``tool_use`` block of
that name; what ``call`` returns (text, or content blocks) is the ``tool_result``, and what it
raises is sent back as an error result. :class:`~claude_core.tools.memory.BetaAbstractMemoryTool`
is one.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Mapping

from .functions import BetaFunctionToolResultType

__all__ = ["BetaBuiltinFunctionTool", "BetaAsyncBuiltinFunctionTool"]


def _name_of(definition: Mapping[str, Any]) -> str:
    """The name tool calls use: an MCP toolset's server name, else the definition's ``name``."""
    name = definition.get("mcp_server_name", definition.get("name"))
    if not isinstance(name, str):
        raise TypeError(f"to_dict() of a tool must give its 'name', got {dict(definition)!r}")
    return name


class BetaBuiltinFunctionTool(ABC):
    """A tool the sync (or async) runner calls in order: implement ``to_dict()`` and ``call()``."""

    @abstractmethod
    def to_dict(self) -> Any:
        """The tool definition sent in ``tools=[...]``."""

    @abstractmethod
    def call(self, input: object) -> BetaFunctionToolResultType:
        """Run one tool call with the ``tool_use`` block's input; the return value is the ``tool_result``."""

    @property
    def name(self) -> str:
        """The name the model calls the tool by (from :meth:`to_dict`)."""
        return _name_of(self.to_dict())


class BetaAsyncBuiltinFunctionTool(ABC):
    """A tool the async runner awaits: implement ``to_dict()`` and ``async call()``."""

    @abstractmethod
    def to_dict(self) -> Any:
        """The tool definition sent in ``tools=[...]``."""

    @abstractmethod
    async def call(self, input: object) -> BetaFunctionToolResultType:
        """Run one tool call with the ``tool_use`` block's input; the return value is the ``tool_result``."""

    @property
    def name(self) -> str:
        """The name the model calls the tool by (from :meth:`to_dict`)."""
        return _name_of(self.to_dict())
