"""Compatibility path (``anthropic.lib.tools._beta_builtin_memory_tool``): the memory tool base classes,
and the command models their methods take."""

from ...tools.builtin import BetaAsyncBuiltinFunctionTool, BetaBuiltinFunctionTool
from ...tools.functions import BetaFunctionToolResultType
from ...tools.memory import BetaAbstractMemoryTool, BetaAsyncAbstractMemoryTool
from ...tools.memory_commands import (
    BetaMemoryTool20250818Command,
    BetaMemoryTool20250818CreateCommand,
    BetaMemoryTool20250818DeleteCommand,
    BetaMemoryTool20250818InsertCommand,
    BetaMemoryTool20250818RenameCommand,
    BetaMemoryTool20250818StrReplaceCommand,
    BetaMemoryTool20250818ViewCommand,
)
from ...types.beta import BetaCacheControlEphemeralParam, BetaMemoryTool20250818Param

__all__ = [
    "BetaAbstractMemoryTool",
    "BetaAsyncAbstractMemoryTool",
    "BetaBuiltinFunctionTool",
    "BetaAsyncBuiltinFunctionTool",
    "BetaFunctionToolResultType",
    "BetaCacheControlEphemeralParam",
    "BetaMemoryTool20250818Param",
    "BetaMemoryTool20250818Command",
    "BetaMemoryTool20250818ViewCommand",
    "BetaMemoryTool20250818CreateCommand",
    "BetaMemoryTool20250818StrReplaceCommand",
    "BetaMemoryTool20250818InsertCommand",
    "BetaMemoryTool20250818DeleteCommand",
    "BetaMemoryTool20250818RenameCommand",
]
