"""``client.beta.messages.tool_runner(...)``: call the model, run the tools it asks for, repeat.

Each turn is one ``beta.messages.create``; the runner yields its :class:`~claude_core.types.Message`.
When the message has ``tool_use`` blocks, the runner runs those tools and appends the assistant
turn plus one user message of ``tool_result`` blocks; a message without ``tool_use`` blocks ends
the run (a ``pause_turn`` message is appended and the run goes on), and so does ``max_iterations``.

The loop's state and every decision live in :class:`_ToolLoop`, free of I/O; the sync and async
runners add only the ``create`` call and the way tools run (in order, or concurrently).
"""

from __future__ import annotations

import json
import logging
import warnings
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

import anyio
import anyio.to_thread

from .functions import BetaAsyncFunctionTool, BetaFunctionTool

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from ..types import Message
    from ..types.content import ToolUseBlock

__all__ = ["BetaToolRunner", "BetaAsyncToolRunner"]

log = logging.getLogger("claude_core.tools")


RunnableTool = Union[BetaFunctionTool[Any], BetaAsyncFunctionTool[Any]]
#: What ``tools=[...]`` takes: ``@beta_tool`` / ``@beta_async_tool`` tools, or raw tool dicts
#: (sent as they are; a call of one is answered ``Error: Tool 'X' not found``).
RunnerToolArg = Union[RunnableTool, Mapping[str, Any]]

_NO_RESPONSE: Dict[str, Any] = {}  # marks "not computed yet" in the tool-response cache


class _ToolLoop:
    """The runner's state and decisions: what to send next, which tools to run, what to append."""

    def __init__(
        self, tools: Iterable[RunnerToolArg], params: Mapping[str, Any], max_iterations: Optional[int]
    ) -> None:
        if "messages" not in params:
            raise TypeError("tool_runner() missing required keyword argument: 'messages'")
        runnable: List[RunnableTool] = []
        sent: List[Any] = []
        for tool in tools:
            if isinstance(tool, (BetaFunctionTool, BetaAsyncFunctionTool)):
                runnable.append(tool)
                sent.append(tool.to_dict())
            else:
                sent.append(tool)
        self._tools: Dict[str, RunnableTool] = {tool.name: tool for tool in runnable}
        self._params: Dict[str, Any] = {**params, "messages": list(params["messages"]), "tools": sent}
        self._max_iterations = max_iterations
        self._iterations = 0
        self._last: Optional[Message] = None
        self._response: Optional[Dict[str, Any]] = _NO_RESPONSE

    @property
    def messages(self) -> List[Any]:
        """The conversation the next turn sends: the caller's messages plus what the runner appended."""
        return list(self._params["messages"])

    @property
    def last_message(self) -> Optional[Message]:
        """The last message the model wrote, or None before the first turn."""
        return self._last

    def _should_stop(self) -> bool:
        return self._max_iterations is not None and self._iterations >= self._max_iterations

    def _received(self, message: Message) -> Message:
        self._last = message
        self._iterations += 1
        self._response = _NO_RESPONSE
        return message

    def _tool_uses(self) -> List[ToolUseBlock]:
        if self._last is None:
            return []
        return [block for block in self._last.content if block.type == "tool_use"]

    def _tool_for(self, name: str) -> Optional[RunnableTool]:
        tool = self._tools.get(name)
        if tool is None:
            warnings.warn(
                f"Tool '{name}' not found in tool runner. Available tools: {list(self._tools)}. "
                "Pass it as a `@beta_tool` / `@beta_async_tool` function to have the runner call it.",
                UserWarning,
                stacklevel=4,
            )
        return tool

    def _cached(self) -> Optional[Dict[str, Any]]:
        return None if self._response is _NO_RESPONSE else self._response

    def _store(self, results: Optional[List[Dict[str, Any]]]) -> Optional[Dict[str, Any]]:
        self._response = None if results is None else {"role": "user", "content": results}
        return self._response

    def _advance(self, response: Optional[Dict[str, Any]]) -> bool:
        """Append the finished turn; True when the run goes on."""
        message = self._last
        assert message is not None
        if response is None and message.stop_reason != "pause_turn":
            log.debug("No tool call requested: the tool runner is done.")
            return False
        appended: List[Any] = [{"role": "assistant", "content": message.content}]
        if response is not None:
            appended.append(response)
        self._params["messages"] = [*self._params["messages"], *appended]
        return True


def _result(use: ToolUseBlock, value: Any) -> Dict[str, Any]:
    return {"type": "tool_result", "tool_use_id": use.id, "content": _content(value)}


def _error(use: ToolUseBlock, content: str) -> Dict[str, Any]:
    return {"type": "tool_result", "tool_use_id": use.id, "content": content, "is_error": True}


def _failed(use: ToolUseBlock, exc: Exception) -> Dict[str, Any]:
    log.exception("Error occurred while calling tool: %s", use.name, exc_info=exc)
    return _error(use, repr(exc))


def _not_found(use: ToolUseBlock) -> Dict[str, Any]:
    return _error(use, f"Error: Tool '{use.name}' not found")


def _content(value: Any) -> Any:
    """A tool's return value as ``tool_result`` content: text, content blocks, or else its JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(b, dict) and "type" in b for b in value) and value:
        return list(value)
    try:
        return json.dumps(value)
    except (TypeError, ValueError):
        return str(value)


class BetaToolRunner(_ToolLoop):
    """Iterate to get each turn's message; the tools run in order between turns."""

    def __init__(
        self,
        messages: Any,
        tools: Iterable[RunnerToolArg],
        params: Mapping[str, Any],
        max_iterations: Optional[int] = None,
    ) -> None:
        tools = list(tools)
        for tool in tools:
            if isinstance(tool, BetaAsyncFunctionTool):
                raise TypeError(f"Tool '{tool.name}' is async: use it with the AsyncAnthropic client's tool_runner")
        super().__init__(tools, params, max_iterations)
        self._resource = messages
        self._iterator = self._run()

    def __iter__(self) -> Iterator[Message]:
        return self._iterator

    def __next__(self) -> Message:
        return next(self._iterator)

    def _run(self) -> Iterator[Message]:
        while not self._should_stop():
            yield self._received(self._resource.create(**self._params))
            if not self._advance(self.generate_tool_call_response()):
                return

    def until_done(self) -> Message:
        """Run to the end and return the last message."""
        for _ in self._iterator:
            pass
        assert self._last is not None
        return self._last

    def generate_tool_call_response(self) -> Optional[Dict[str, Any]]:
        """The user message of ``tool_result`` blocks answering the last message (None: no tool calls).

        The tools run once per message: a second call returns the same answer.
        """
        if self._response is not _NO_RESPONSE:
            return self._cached()
        uses = self._tool_uses()
        return self._store([self._call(use) for use in uses] if uses else None)

    def _call(self, use: ToolUseBlock) -> Dict[str, Any]:
        tool = self._tool_for(use.name)
        if tool is None:
            return _not_found(use)
        try:
            return _result(use, tool.call(use.input))
        except Exception as exc:
            return _failed(use, exc)


class BetaAsyncToolRunner(_ToolLoop):
    """``async for`` each turn's message; a turn's tools run concurrently (sync ones in threads)."""

    def __init__(
        self,
        messages: Any,
        tools: Iterable[RunnerToolArg],
        params: Mapping[str, Any],
        max_iterations: Optional[int] = None,
    ) -> None:
        super().__init__(tools, params, max_iterations)
        self._resource = messages
        self._iterator = self._run()

    def __aiter__(self) -> AsyncIterator[Message]:
        return self._iterator

    async def __anext__(self) -> Message:
        return await self._iterator.__anext__()

    async def _run(self) -> AsyncIterator[Message]:
        while not self._should_stop():
            yield self._received(await self._resource.create(**self._params))
            if not self._advance(await self.generate_tool_call_response()):
                return

    async def until_done(self) -> Message:
        """Run to the end and return the last message."""
        async for _ in self._iterator:
            pass
        assert self._last is not None
        return self._last

    async def generate_tool_call_response(self) -> Optional[Dict[str, Any]]:
        """The user message of ``tool_result`` blocks answering the last message (None: no tool calls).

        The turn's tools run concurrently, once per message: a second call returns the same answer.
        """
        if self._response is not _NO_RESPONSE:
            return self._cached()
        uses = self._tool_uses()
        if not uses:
            return self._store(None)
        results: List[Dict[str, Any]] = [{} for _ in uses]
        calls: Sequence[Tuple[int, ToolUseBlock, Optional[RunnableTool]]] = [
            (i, use, self._tool_for(use.name)) for i, use in enumerate(uses)
        ]

        async def run(index: int, use: ToolUseBlock, tool: Optional[RunnableTool]) -> None:
            results[index] = await self._call(use, tool)

        async with anyio.create_task_group() as group:
            for index, use, tool in calls:
                group.start_soon(run, index, use, tool)
        return self._store(results)

    async def _call(self, use: ToolUseBlock, tool: Optional[RunnableTool]) -> Dict[str, Any]:
        if tool is None:
            return _not_found(use)
        try:
            if isinstance(tool, BetaAsyncFunctionTool):
                value = await tool.call(use.input)
            else:
                value = await anyio.to_thread.run_sync(tool.call, use.input)
            return _result(use, value)
        except Exception as exc:
            return _failed(use, exc)
