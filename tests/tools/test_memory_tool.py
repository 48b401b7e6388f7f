"""Memory tools (``BetaAbstractMemoryTool`` subclasses) driven by the tool runner, over HTTP to
the emulator, sync and async: the definition sent, each command dispatched, results and errors
sent back as ``tool_result`` blocks."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest

import claude_core.lib.tools as lib_tools
from claude_core.lib.tools import BetaAbstractMemoryTool, BetaAsyncAbstractMemoryTool
from claude_core.lib.tools._beta_builtin_memory_tool import (
    BetaMemoryTool20250818CreateCommand,
    BetaMemoryTool20250818DeleteCommand,
    BetaMemoryTool20250818InsertCommand,
    BetaMemoryTool20250818RenameCommand,
    BetaMemoryTool20250818StrReplaceCommand,
    BetaMemoryTool20250818ViewCommand,
)

from ..conftest import MODEL, Api
from .test_runner import run, sent, weather_tool

MEMORY = {"type": "memory_20250818", "name": "memory"}


class Files:
    """A dict of path -> text; each command as a memory tool does it (the same for both kinds)."""

    def __init__(self, files: Dict[str, str]) -> None:
        self.files = dict(files)

    def view(self, command: BetaMemoryTool20250818ViewCommand) -> str:
        if command.path in self.files:
            lines = self.files[command.path].splitlines()
            first, last = command.view_range or (1, len(lines))
            return "\n".join(lines[first - 1 : last])
        inside = sorted(p for p in self.files if p.startswith(command.path.rstrip("/") + "/"))
        return f"Directory: {command.path}\n" + "\n".join(f"- {p}" for p in inside)

    def create(self, command: BetaMemoryTool20250818CreateCommand) -> str:
        self.files[command.path] = command.file_text
        return f"File created successfully at {command.path}"

    def str_replace(self, command: BetaMemoryTool20250818StrReplaceCommand) -> str:
        text = self.files[command.path]
        if text.count(command.old_str) != 1:
            raise ValueError(f"{command.old_str!r} must occur once in {command.path}")
        self.files[command.path] = text.replace(command.old_str, command.new_str)
        return "The memory file has been edited."

    def insert(self, command: BetaMemoryTool20250818InsertCommand) -> str:
        lines = self.files[command.path].splitlines()
        lines.insert(command.insert_line, command.insert_text)
        self.files[command.path] = "\n".join(lines)
        return f"Text inserted at line {command.insert_line}"

    def delete(self, command: BetaMemoryTool20250818DeleteCommand) -> str:
        del self.files[command.path]  # a missing file raises KeyError: an error result
        return f"Deleted {command.path}"

    def rename(self, command: BetaMemoryTool20250818RenameCommand) -> str:
        self.files[command.new_path] = self.files.pop(command.old_path)
        return f"Renamed {command.old_path} to {command.new_path}"


class Memory(BetaAbstractMemoryTool):
    def __init__(self, files: Dict[str, str], **options: Any) -> None:
        super().__init__(**options)
        self.store = Files(files)
        self.seen: List[str] = []

    def _do(self, command: Any) -> str:
        self.seen.append(command.command)
        return getattr(self.store, command.command)(command)  # type: ignore[no-any-return]

    view = create = str_replace = insert = delete = rename = _do  # type: ignore[assignment]


class AsyncMemory(BetaAsyncAbstractMemoryTool):
    def __init__(self, files: Dict[str, str], **options: Any) -> None:
        super().__init__(**options)
        self.store = Files(files)
        self.seen: List[str] = []

    async def _do(self, command: Any) -> str:
        self.seen.append(command.command)
        return getattr(self.store, command.command)(command)  # type: ignore[no-any-return]

    view = create = str_replace = insert = delete = rename = _do  # type: ignore[assignment]


def memory_tool(api: Api, files: Dict[str, str]) -> Any:
    return AsyncMemory(files) if api.is_async else Memory(files)


def scripted(*uses: Dict[str, Any]) -> Dict[str, Any]:
    """A reply calling the memory tool once per input in ``uses``."""
    content = [{"type": "tool_use", "id": f"toolu_m{i}", "name": "memory", "input": use} for i, use in enumerate(uses)]
    return {
        "id": "msg_memory",
        "type": "message",
        "role": "assistant",
        "model": MODEL,
        "content": content,
        "stop_reason": "tool_use",
        "stop_sequence": None,
        "usage": {"input_tokens": 9, "output_tokens": 9},
    }


def test_the_runner_sends_the_memory_tool_and_the_result_of_its_view(api: Api) -> None:
    tool = memory_tool(api, {"/memories/coffee.txt": "likes coffee"})
    ask = [{"role": "user", "content": "Check your memory first, then answer."}]
    final = api.run(run(api, [tool, weather_tool(api)], messages=ask).until_done())
    first, second = sent(api)
    assert first["tools"] == second["tools"] == [MEMORY, weather_tool(api).to_dict()]
    use = second["messages"][1]["content"][1]
    assert use == {
        "type": "tool_use",
        "id": "toolu_emu_1",
        "name": "memory",
        "input": {"command": "view", "path": "/memories"},
    }
    listing = "Directory: /memories\n- /memories/coffee.txt"
    assert second["messages"][2] == {
        "role": "user",
        "content": [{"type": "tool_result", "tool_use_id": "toolu_emu_1", "content": listing}],
    }
    assert final.content[0].text == f"Echo: [tool result toolu_emu_1: {listing}]"
    assert tool.seen == ["view"]


def test_each_command_reaches_its_method_and_errors_go_back_as_error_results(api: Api) -> None:
    files = {"/memories/a.txt": "one\ntwo", "/memories/b.txt": "tea", "/memories/old.txt": "x"}
    tool = memory_tool(api, files)
    api.emulator.enqueue(
        status=200,
        json=scripted(
            {"command": "view", "path": "/memories/a.txt", "view_range": [2, 2]},
            {"command": "create", "path": "/memories/new.txt", "file_text": "hello"},
            {"command": "str_replace", "path": "/memories/b.txt", "old_str": "tea", "new_str": "coffee"},
            {"command": "insert", "path": "/memories/a.txt", "insert_line": 0, "insert_text": "zero"},
            {"command": "rename", "old_path": "/memories/old.txt", "new_path": "/memories/renamed.txt"},
            {"command": "delete", "path": "/memories/missing.txt"},
            {"command": "forget", "path": "/memories"},
            {"command": "create", "path": "/memories/x.txt"},
        ),
    )
    final = api.run(run(api, [tool]).until_done())
    results = sent(api)[1]["messages"][2]["content"]
    assert [r["tool_use_id"] for r in results] == [f"toolu_m{i}" for i in range(8)]
    assert [r["content"] for r in results[:5]] == [
        "two",
        "File created successfully at /memories/new.txt",
        "The memory file has been edited.",
        "Text inserted at line 0",
        "Renamed /memories/old.txt to /memories/renamed.txt",
    ]
    assert not any("is_error" in r for r in results[:5])
    assert results[5:] == [
        {
            "type": "tool_result",
            "tool_use_id": "toolu_m5",
            "content": "KeyError('/memories/missing.txt')",
            "is_error": True,
        },
        {
            "type": "tool_result",
            "tool_use_id": "toolu_m6",
            "content": "NotImplementedError('Unknown command: forget')",
            "is_error": True,
        },
        {
            "type": "tool_result",
            "tool_use_id": "toolu_m7",
            "content": repr(ValueError("Invalid input for memory command 'create': file_text: Field required")),
            "is_error": True,
        },
    ]
    assert sorted(tool.seen) == sorted(["view", "create", "str_replace", "insert", "rename", "delete"])
    assert tool.store.files == {
        "/memories/a.txt": "zero\none\ntwo",
        "/memories/b.txt": "coffee",
        "/memories/new.txt": "hello",
        "/memories/renamed.txt": "x",
    }
    assert final.stop_reason == "end_turn"


def test_the_async_runner_runs_a_sync_memory_tool_in_a_thread(api: Api) -> None:
    if not api.is_async:
        pytest.skip("async client only")
    tool = Memory({})
    final = api.run(run(api, [tool], messages=[{"role": "user", "content": "Look at your memory"}]).until_done())
    assert tool.seen == ["view"] and final.stop_reason == "end_turn"


def test_the_sync_runner_refuses_an_async_memory_tool(api: Api) -> None:
    if api.is_async:
        pytest.skip("sync client only")
    with pytest.raises(TypeError, match="Tool 'memory' is async"):
        run(api, [AsyncMemory({})])


def test_the_definition_name_and_cache_control() -> None:
    plain, cached = Memory({}), AsyncMemory({}, cache_control={"type": "ephemeral"})
    assert plain.to_dict() == MEMORY and plain.name == "memory"
    assert cached.to_dict() == {**MEMORY, "cache_control": {"type": "ephemeral"}} and cached.name == "memory"


def test_commands_are_models_and_execute_dispatches_them() -> None:
    tool = Memory({"/memories/a.txt": "one"})
    command = BetaMemoryTool20250818ViewCommand(command="view", path="/memories/a.txt")
    assert tool.execute(command) == "one"
    assert tool.call({"command": "view", "path": "/memories/a.txt", "extra": 1}) == "one"  # unknown keys kept
    with pytest.raises(ValueError, match="takes an object with a 'command', got str"):
        tool.call("view")
    with pytest.raises(NotImplementedError, match="clear_all_memory not implemented"):
        tool.clear_all_memory()


def test_the_base_classes_are_abstract_and_where_the_official_sdk_has_them() -> None:
    with pytest.raises(TypeError, match="abstract"):
        BetaAbstractMemoryTool()  # type: ignore[abstract]

    class Partial(BetaAsyncAbstractMemoryTool):
        async def view(self, command: BetaMemoryTool20250818ViewCommand) -> str:
            return ""

    with pytest.raises(TypeError, match="abstract"):
        Partial()  # type: ignore[abstract]
    from claude_core.lib.tools import _beta_builtin_memory_tool as official_path
    from claude_core.tools import memory

    assert official_path.BetaAbstractMemoryTool is lib_tools.BetaAbstractMemoryTool is memory.BetaAbstractMemoryTool
    assert official_path.BetaAsyncAbstractMemoryTool is memory.BetaAsyncAbstractMemoryTool
    assert issubclass(memory.BetaAbstractMemoryTool, lib_tools.BetaBuiltinFunctionTool)
    assert issubclass(memory.BetaAsyncAbstractMemoryTool, lib_tools.BetaAsyncBuiltinFunctionTool)
