"""The memory tool (``memory_20250818``) with storage of your own: subclass, implement six commands.

The model keeps notes in a ``/memories`` directory that your code stores (files, a database, an
encrypted store...). Subclass :class:`BetaAbstractMemoryTool` (or :class:`BetaAsyncAbstractMemoryTool`
for the async client), implement ``view``, ``create``, ``str_replace``, ``insert``, ``delete`` and
``rename``, and pass an instance in the tool runner's ``tools=[...]``. The runner sends
``{"type": "memory_20250818", "name": "memory"}``, turns each call's input into the command's
model (:mod:`claude_core.tools.memory_commands`), calls the method of that command, and sends its
return value back as the ``tool_result``; an exception (a missing file, say) goes back as an error
result holding its ``repr``, so the model can react to it.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Any, Dict, Mapping, Optional, Type

import pydantic

from .builtin import BetaAsyncBuiltinFunctionTool, BetaBuiltinFunctionTool
from .functions import BetaFunctionToolResultType
from .memory_commands import (
    BetaMemoryTool20250818Command,
    BetaMemoryTool20250818CreateCommand,
    BetaMemoryTool20250818DeleteCommand,
    BetaMemoryTool20250818InsertCommand,
    BetaMemoryTool20250818RenameCommand,
    BetaMemoryTool20250818StrReplaceCommand,
    BetaMemoryTool20250818ViewCommand,
)

__all__ = ["BetaAbstractMemoryTool", "BetaAsyncAbstractMemoryTool"]

#: Each command the model may send, and its model; the handling method has the command's name.
_COMMANDS: Dict[str, Type[pydantic.BaseModel]] = {
    "view": BetaMemoryTool20250818ViewCommand,
    "create": BetaMemoryTool20250818CreateCommand,
    "str_replace": BetaMemoryTool20250818StrReplaceCommand,
    "insert": BetaMemoryTool20250818InsertCommand,
    "delete": BetaMemoryTool20250818DeleteCommand,
    "rename": BetaMemoryTool20250818RenameCommand,
}


def memory_definition(cache_control: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
    """The memory tool as ``tools=[...]`` sends it."""
    definition: Dict[str, Any] = {"type": "memory_20250818", "name": "memory"}
    if cache_control is not None:
        definition["cache_control"] = cache_control
    return definition


def memory_command(input: object) -> Any:
    """A ``tool_use`` input as its command model; errors say what was wrong, for the model to read."""
    if not isinstance(input, Mapping):
        raise ValueError(f"The memory tool takes an object with a 'command', got {type(input).__name__}")
    name = input.get("command")
    kind = _COMMANDS.get(name) if isinstance(name, str) else None
    if kind is None:
        raise NotImplementedError(f"Unknown command: {name}")
    try:
        return kind.model_validate(input)
    except pydantic.ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'input'}: {e['msg']}" for e in exc.errors())
        raise ValueError(f"Invalid input for memory command {name!r}: {problems}") from None


def _handler(tool: object, command: Any) -> Any:
    """The method of ``tool`` that handles ``command`` (one of the six command models)."""
    name = getattr(command, "command", None)
    if name not in _COMMANDS:
        raise NotImplementedError(f"Unknown command: {name}")
    return getattr(tool, name)


class BetaAbstractMemoryTool(BetaBuiltinFunctionTool):
    """A memory tool for the sync client (or the async one, which runs it in a worker thread).

    Each method gets the command's model and returns the text (or content blocks) the model reads.
    """

    def __init__(self, *, cache_control: Optional[Mapping[str, Any]] = None) -> None:
        """:param cache_control: a cache breakpoint on the tool definition, e.g. ``{"type": "ephemeral"}``."""
        self._cache_control = cache_control

    def to_dict(self) -> Dict[str, Any]:
        """``{"type": "memory_20250818", "name": "memory"}``, plus ``cache_control`` when given."""
        return memory_definition(self._cache_control)

    def call(self, input: object) -> BetaFunctionToolResultType:
        """Run the command in a ``tool_use`` input (see :meth:`execute`)."""
        return self.execute(memory_command(input))

    def execute(self, command: BetaMemoryTool20250818Command) -> BetaFunctionToolResultType:
        """Call the method named by ``command.command`` with the command; rarely overridden."""
        return _handler(self, command)(command)  # type: ignore[no-any-return]

    @abstractmethod
    def view(self, command: BetaMemoryTool20250818ViewCommand) -> BetaFunctionToolResultType:
        """List a directory, or show a file (``command.view_range`` lines only, when given)."""

    @abstractmethod
    def create(self, command: BetaMemoryTool20250818CreateCommand) -> BetaFunctionToolResultType:
        """Write ``command.file_text`` to the file at ``command.path``."""

    @abstractmethod
    def str_replace(self, command: BetaMemoryTool20250818StrReplaceCommand) -> BetaFunctionToolResultType:
        """Replace ``command.old_str`` with ``command.new_str`` in a file."""

    @abstractmethod
    def insert(self, command: BetaMemoryTool20250818InsertCommand) -> BetaFunctionToolResultType:
        """Insert ``command.insert_text`` after line ``command.insert_line`` of a file."""

    @abstractmethod
    def delete(self, command: BetaMemoryTool20250818DeleteCommand) -> BetaFunctionToolResultType:
        """Delete a file or directory."""

    @abstractmethod
    def rename(self, command: BetaMemoryTool20250818RenameCommand) -> BetaFunctionToolResultType:
        """Move a file or directory from ``command.old_path`` to ``command.new_path``."""

    def clear_all_memory(self) -> BetaFunctionToolResultType:
        """Forget everything stored; override it if your store can (the model never calls it)."""
        raise NotImplementedError("clear_all_memory not implemented")


class BetaAsyncAbstractMemoryTool(BetaAsyncBuiltinFunctionTool):
    """A memory tool for the async client: the six command methods are coroutines."""

    def __init__(self, *, cache_control: Optional[Mapping[str, Any]] = None) -> None:
        """:param cache_control: a cache breakpoint on the tool definition, e.g. ``{"type": "ephemeral"}``."""
        self._cache_control = cache_control

    def to_dict(self) -> Dict[str, Any]:
        """``{"type": "memory_20250818", "name": "memory"}``, plus ``cache_control`` when given."""
        return memory_definition(self._cache_control)

    async def call(self, input: object) -> BetaFunctionToolResultType:
        """Run the command in a ``tool_use`` input (see :meth:`execute`)."""
        return await self.execute(memory_command(input))

    async def execute(self, command: BetaMemoryTool20250818Command) -> BetaFunctionToolResultType:
        """Await the method named by ``command.command`` with the command; rarely overridden."""
        return await _handler(self, command)(command)  # type: ignore[no-any-return]

    @abstractmethod
    async def view(self, command: BetaMemoryTool20250818ViewCommand) -> BetaFunctionToolResultType:
        """List a directory, or show a file (``command.view_range`` lines only, when given)."""

    @abstractmethod
    async def create(self, command: BetaMemoryTool20250818CreateCommand) -> BetaFunctionToolResultType:
        """Write ``command.file_text`` to the file at ``command.path``."""

    @abstractmethod
    async def str_replace(self, command: BetaMemoryTool20250818StrReplaceCommand) -> BetaFunctionToolResultType:
        """Replace ``command.old_str`` with ``command.new_str`` in a file."""

    @abstractmethod
    async def insert(self, command: BetaMemoryTool20250818InsertCommand) -> BetaFunctionToolResultType:
        """Insert ``command.insert_text`` after line ``command.insert_line`` of a file."""

    @abstractmethod
    async def delete(self, command: BetaMemoryTool20250818DeleteCommand) -> BetaFunctionToolResultType:
        """Delete a file or directory."""

    @abstractmethod
    async def rename(self, command: BetaMemoryTool20250818RenameCommand) -> BetaFunctionToolResultType:
        """Move a file or directory from ``command.old_path`` to ``command.new_path``."""

    async def clear_all_memory(self) -> BetaFunctionToolResultType:
        """Forget everything stored; override it if your store can (the model never calls it)."""
        raise NotImplementedError("clear_all_memory not implemented")
