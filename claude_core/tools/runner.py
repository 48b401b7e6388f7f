"""``client.beta.messages.tool_runner(...)``: call the model, run the tools it asks for, repeat.

Each turn is one ``beta.messages.parse`` (``stream`` with ``stream=True``, the runner then
yielding each turn's :class:`MessageStream`), so every message is a :class:`ParsedMessage`
(``parsed_output`` filled with ``output_format``, else None); as ``parse`` does, a non-streamed
turn sends the ``structured-outputs-2025-12-15`` beta after any ``betas``. When the message
has ``tool_use`` blocks, the runner runs those tools and appends the assistant turn plus one
user message of ``tool_result`` blocks; a ``pause_turn`` message is appended and the run goes
on; any other message without ``tool_use`` blocks ends the run, and so does
``max_iterations``. Between turns, ``append_messages`` and ``set_messages_params`` change what
the next turn sends (tools included); messages appended while a turn is handled are that
turn's answer, instead of the runner's. With ``compaction_control`` the conversation is
replaced by a summary once a turn's tokens reach a threshold (:mod:`claude_core.tools.compaction`).

The loop's state and every decision live in :class:`_ToolLoop`, free of I/O; the runners
add only the request of a turn and the way tools run (in order, or concurrently).
"""

from __future__ import annotations

import contextlib
import json
import logging
import warnings
from types import TracebackType
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    ContextManager,
    Dict,
    Generic,
    Iterable,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Type,
    Union,
)

import anyio
import anyio.to_thread

from .._types import NotGiven, Omit
from ..types.parsed_message import ParsedMessage, ResponseFormatT, parse_message_output
from .builtin import BetaAsyncBuiltinFunctionTool, BetaBuiltinFunctionTool
from .compaction import CompactionControl, check_compaction_control, summary_messages, summary_request
from .functions import BetaAsyncFunctionTool, BetaFunctionTool
from .watch import CallWatch, watch_run, watch_tool_call

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from .._engine.pipeline import Pipeline
    from ..streaming.message_stream import AsyncMessageStream, MessageStream
    from ..types import Message
    from ..types.content import ToolUseBlock

__all__ = ["BetaToolRunner", "BetaAsyncToolRunner", "BetaStreamingToolRunner", "BetaAsyncStreamingToolRunner"]

log = logging.getLogger("claude_core.tools")


#: The tools a runner calls: the sync client's, and the async client's (which takes both kinds).
BetaRunnableTool = Union[BetaFunctionTool[Any], BetaBuiltinFunctionTool]
BetaAsyncRunnableTool = Union[BetaAsyncFunctionTool[Any], BetaAsyncBuiltinFunctionTool]
RunnableTool = Union[BetaRunnableTool, BetaAsyncRunnableTool]
_RUNNABLE = (BetaFunctionTool, BetaAsyncFunctionTool, BetaBuiltinFunctionTool, BetaAsyncBuiltinFunctionTool)
_ASYNC = (BetaAsyncFunctionTool, BetaAsyncBuiltinFunctionTool)
#: What ``tools=[...]`` takes: ``@beta_tool`` / ``@beta_async_tool`` tools, tool classes such as
#: memory tools (:mod:`claude_core.tools.builtin`), raw tool dicts (sent as they are; a call of
#: one is answered ``Error: Tool 'X' not found``), or the name of a tool a plugin registered
#: through ``claude_register_tools``.
RunnerToolArg = Union[RunnableTool, Mapping[str, Any], str]
Params = Dict[str, Any]

_NO_RESPONSE: Dict[str, Any] = {}  # marks "not computed yet" in the tool-response cache


def plan_runner(
    tools: Iterable[RunnerToolArg], stream: Any, max_iterations: Any, params: Mapping[str, Any]
) -> Tuple[Params, Optional[int], bool]:
    """What ``tool_runner(...)`` was asked for: the turn parameters, the turn limit, streaming or not."""
    if isinstance(tools, (str, Mapping)):
        raise TypeError("tool_runner(tools=...) takes a list of tools, not one tool")
    if not isinstance(stream, (bool, Omit, NotGiven)):
        raise TypeError(f"tool_runner(stream=...) must be True or False, not {stream!r}")
    limit = None if isinstance(max_iterations, (Omit, NotGiven)) else max_iterations
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 0):
        raise ValueError(f"tool_runner(max_iterations=...) must be a whole number >= 0 or None, not {limit!r}")
    return {**params, "tools": list(tools)}, limit, stream is True


class _ToolLoop(Generic[ResponseFormatT]):
    """The runner's state and decisions: what to send next, which tools to run, what to append."""

    _sync_only = False

    def __init__(self, resource: Any, params: Mapping[str, Any], max_iterations: Optional[int] = None) -> None:
        if "messages" not in params:
            raise TypeError("tool_runner() missing required keyword argument: 'messages'")
        params = dict(params)
        control = params.pop("compaction_control", None)
        self._compaction: Optional[CompactionControl] = check_compaction_control(
            None if isinstance(control, (Omit, NotGiven)) else control
        )
        self._resource = resource
        self._pipeline: Pipeline = resource._client._pipeline
        self._params: Params = {**params, "messages": list(params["messages"]), "tools": list(params["tools"])}
        self._tools = self._runnable(self._params["tools"])
        self._max_iterations = max_iterations
        self._iterations = 0
        self._modified = False
        self._last: Optional[ParsedMessage[ResponseFormatT]] = None
        self._response: Optional[Dict[str, Any]] = _NO_RESPONSE
        self._run_watch: Optional[CallWatch] = None
        self._iterator = self._run()

    def _run(self) -> Any:
        """The turns, one generator (sync or async) per runner."""
        raise NotImplementedError

    # -- what the caller may read and change between turns --------------------------------

    @property
    def messages(self) -> List[Any]:
        """The conversation the next turn sends: the caller's messages plus what the runner appended."""
        return list(self._params["messages"])

    @property
    def last_message(self) -> Optional[ParsedMessage[ResponseFormatT]]:
        """The last message the model wrote, or None before the first turn."""
        return self._last

    def set_messages_params(self, params: Union[Mapping[str, Any], Callable[[Params], Mapping[str, Any]]]) -> None:
        """Replace the parameters of the next turns, or pass a function of the current ones
        (``lambda params: {**params, "max_tokens": 2048}``). ``tools`` may change too: the
        runner then runs the tools listed there. Forgets the tool results not sent yet."""
        new = dict(params(dict(self._params)) if callable(params) else params)
        if "messages" not in new or "tools" not in new:
            raise TypeError("set_messages_params(): the parameters need 'messages' and 'tools'")
        tools = list(new["tools"])
        self._tools = self._runnable(tools)
        self._params = {**new, "messages": list(new["messages"]), "tools": tools}
        self._response = _NO_RESPONSE

    def append_messages(self, *messages: Any) -> None:
        """Add messages (dicts, or :class:`Message` objects the model wrote) to the conversation.

        Called while a turn is being handled (before the runner moves on), the caller's messages
        are that turn's answer: the runner runs no tools for it, appends nothing of its own and
        makes the next turn. Forgets the tool results not sent yet.
        """
        added = [{"role": m.role, "content": m.content} if hasattr(m, "content") and hasattr(m, "role") else m
                 for m in messages]  # fmt: skip
        self._params = {**self._params, "messages": [*self._params["messages"], *added]}
        self._modified = True
        self._response = _NO_RESPONSE

    # -- decisions ---------------------------------------------------------------------

    def _runnable(self, tools: Sequence[RunnerToolArg]) -> Dict[str, RunnableTool]:
        """The tools this runner calls, by name; registered names resolved, kinds checked."""
        found: Dict[str, RunnableTool] = {}
        for tool in tools:
            if isinstance(tool, str):
                tool = self._pipeline.tool_registry().get(tool)
            if isinstance(tool, _ASYNC) and self._sync_only:
                raise TypeError(f"Tool '{tool.name}' is async: use it with the AsyncAnthropic client's tool_runner")
            if isinstance(tool, _RUNNABLE):
                found[tool.name] = tool
            elif not isinstance(tool, Mapping):
                raise TypeError(
                    "tool_runner(tools=...) takes @beta_tool tools, tool objects (such as a BetaAbstractMemoryTool "
                    f"subclass), tool dicts and registered tool names, not {type(tool).__name__}"
                )
        return found

    def _request(self) -> Params:
        """The parameters of the next turn's request: tools as the API takes them."""
        tools = self._params["tools"]
        sent = [self._param_of(tool) for tool in tools]
        return {**self._params, "tools": sent}

    def _param_of(self, tool: RunnerToolArg) -> Any:
        if isinstance(tool, str):
            tool = self._pipeline.tool_registry().get(tool)
        return tool.to_dict() if isinstance(tool, _RUNNABLE) else tool

    def _should_stop(self) -> bool:
        return self._max_iterations is not None and self._iterations >= self._max_iterations

    def _received(self, message: Message) -> ParsedMessage[ResponseFormatT]:
        parsed = message if isinstance(message, ParsedMessage) else parse_message_output(message, None)
        self._last = parsed
        self._iterations += 1
        self._response = _NO_RESPONSE
        return parsed

    def _summary_request(self) -> Optional[Params]:
        """The request for a summary when this turn's tokens reached the compaction threshold, else None.

        Not after the last turn: no turn would send the summary.
        """
        if self._last is None or self._should_stop():
            return None
        request = summary_request(self._compaction, self._params, getattr(self._last, "usage", None))
        if request is not None:
            log.info("Compacting the conversation: the last turn used at least its token threshold.")
        return request

    def _compacted(self, summary: Message) -> None:
        """Go on from the summary alone; the compacted turn's tool calls are not run."""
        self._params = {**self._params, "messages": summary_messages(summary)}
        self._modified = False
        self._response = _NO_RESPONSE

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

    # -- the run and its tool calls as observers see them ----------------------------

    def _watching(self) -> _RunWatching:
        """Around a whole run: its observers, told when it starts and how it ended."""
        return _RunWatching(self)

    def _scope(self) -> ContextManager[None]:
        """The run's observers' context, for the runner's own work: turns, summaries, tool calls."""
        return contextlib.nullcontext() if self._run_watch is None else self._run_watch.active()

    def _watch(self, use: ToolUseBlock) -> Optional[CallWatch]:
        if not self._pipeline.observing:
            return None
        with self._scope():
            return watch_tool_call(self._pipeline, use)

    def _tool_names(self) -> List[str]:
        names = []
        for tool in self._params["tools"]:
            name = tool if isinstance(tool, str) else tool.get("name") if isinstance(tool, Mapping) else tool.name
            names.append(str(name))
        return names

    def _cached(self) -> Optional[Dict[str, Any]]:
        return None if self._response is _NO_RESPONSE else self._response

    def _store(self, results: Optional[List[Dict[str, Any]]]) -> Optional[Dict[str, Any]]:
        self._response = None if results is None else {"role": "user", "content": results}
        return self._response

    def _answered_by_caller(self) -> bool:
        """True (once) when the caller appended messages during the turn: they are its answer,
        the runner runs no tools for it and goes on to the next turn."""
        modified, self._modified = self._modified, False
        return modified

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

    def _final(self) -> ParsedMessage[ResponseFormatT]:
        if self._last is None:
            raise RuntimeError("until_done(): the runner made no turn (max_iterations=0?)")
        return self._last


class _RunWatching:
    """A run's watch from its first turn to its end: the last message, the turns made, and
    ``completed`` False when the caller stopped iterating (or the run was cancelled)."""

    def __init__(self, loop: _ToolLoop[Any]) -> None:
        self._loop = loop

    def __enter__(self) -> None:
        loop = self._loop
        if loop._pipeline.observing:
            model = loop._params.get("model")
            loop._run_watch = watch_run(loop._pipeline, model, loop._tool_names(), loop._max_iterations)

    def __exit__(
        self, kind: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        loop = self._loop
        watch, loop._run_watch = loop._run_watch, None
        if watch is not None:
            error = exc if isinstance(exc, Exception) else None
            watch.end(value=loop._last, error=error, attempts=loop._iterations, completed=exc is None)


def _active(watch: Optional[CallWatch]) -> ContextManager[None]:
    """A tool call's observers' context, for the tool's function."""
    return contextlib.nullcontext() if watch is None else watch.active()


def _result(use: ToolUseBlock, value: Any) -> Dict[str, Any]:
    return {"type": "tool_result", "tool_use_id": use.id, "content": _content(value)}


def _error(use: ToolUseBlock, content: str) -> Dict[str, Any]:
    return {"type": "tool_result", "tool_use_id": use.id, "content": content, "is_error": True}


def _failed(use: ToolUseBlock, exc: Exception, watch: Optional[CallWatch]) -> Dict[str, Any]:
    log.exception("Error occurred while calling tool: %s", use.name, exc_info=exc)
    if watch is not None:
        watch.end(error=exc)
    return _error(use, repr(exc))


def _succeeded(use: ToolUseBlock, value: Any, watch: Optional[CallWatch]) -> Dict[str, Any]:
    result = _result(use, value)
    if watch is not None:
        watch.end(value=result["content"])
    return result


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


class _SyncLoop(_ToolLoop[ResponseFormatT]):
    """The sync runners' tool calls, in order."""

    _sync_only = True

    def until_done(self) -> ParsedMessage[ResponseFormatT]:
        """Run to the end and return the last message."""
        for _ in self:  # type: ignore[attr-defined]
            pass
        return self._final()

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
        watch = self._watch(use)
        try:
            with _active(watch):
                value = tool.call(use.input)
        except Exception as exc:
            return _failed(use, exc, watch)
        return _succeeded(use, value, watch)

    def _compact(self) -> bool:
        """Summarise the conversation when the last turn reached the threshold; True when it did."""
        request = self._summary_request()
        if request is not None:
            with self._scope():
                summary = self._resource.create(**request)
            self._compacted(summary)
        return request is not None


class BetaToolRunner(_SyncLoop[ResponseFormatT]):
    """Iterate to get each turn's :class:`ParsedMessage`; the tools run in order between turns."""

    _iterator: Iterator[ParsedMessage[ResponseFormatT]]

    def __iter__(self) -> Iterator[ParsedMessage[ResponseFormatT]]:
        return self._iterator

    def __next__(self) -> ParsedMessage[ResponseFormatT]:
        return next(self._iterator)

    def _run(self) -> Iterator[ParsedMessage[ResponseFormatT]]:
        with self._watching():
            while not self._should_stop():
                with self._scope():
                    message = self._resource.parse(**self._request())
                yield self._received(message)
                if self._compact():
                    continue
                if not self._answered_by_caller() and not self._advance(self.generate_tool_call_response()):
                    return


class BetaStreamingToolRunner(_SyncLoop[ResponseFormatT]):
    """``tool_runner(stream=True)``: iterate to get each turn's :class:`MessageStream`, entered.

    Read the stream as you like; when you move to the next turn, the runner reads the rest
    of it, runs the tools and closes it.
    """

    _iterator: Iterator[MessageStream[ResponseFormatT]]

    def __iter__(self) -> Iterator[MessageStream[ResponseFormatT]]:
        return self._iterator

    def __next__(self) -> MessageStream[ResponseFormatT]:
        return next(self._iterator)

    def _run(self) -> Iterator[MessageStream[ResponseFormatT]]:
        with self._watching():
            while not self._should_stop():
                with contextlib.ExitStack() as turn:
                    with self._scope():
                        stream = turn.enter_context(self._resource.stream(**self._request()))
                    yield stream
                    self._received(stream.get_final_message())
                if self._compact():
                    continue
                if not self._answered_by_caller() and not self._advance(self.generate_tool_call_response()):
                    return


class _AsyncLoop(_ToolLoop[ResponseFormatT]):
    """The async runners' tool calls: a turn's tools concurrently, sync ones in worker threads."""

    async def until_done(self) -> ParsedMessage[ResponseFormatT]:
        """Run to the end and return the last message."""
        async for _ in self:  # type: ignore[attr-defined]
            pass
        return self._final()

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
        watch = self._watch(use)
        try:
            with _active(watch):  # a sync tool's thread gets a copy of this context
                if isinstance(tool, _ASYNC):
                    value = await tool.call(use.input)
                else:
                    value = await anyio.to_thread.run_sync(tool.call, use.input)
        except Exception as exc:
            return _failed(use, exc, watch)
        return _succeeded(use, value, watch)

    async def _compact(self) -> bool:
        """Summarise the conversation when the last turn reached the threshold; True when it did."""
        request = self._summary_request()
        if request is not None:
            with self._scope():
                summary = await self._resource.create(**request)
            self._compacted(summary)
        return request is not None


class BetaAsyncToolRunner(_AsyncLoop[ResponseFormatT]):
    """``async for`` each turn's :class:`ParsedMessage`; a turn's tools run concurrently (sync ones in threads)."""

    _iterator: AsyncIterator[ParsedMessage[ResponseFormatT]]

    def __aiter__(self) -> AsyncIterator[ParsedMessage[ResponseFormatT]]:
        return self._iterator

    async def __anext__(self) -> ParsedMessage[ResponseFormatT]:
        return await self._iterator.__anext__()

    async def _run(self) -> AsyncIterator[ParsedMessage[ResponseFormatT]]:
        with self._watching():
            while not self._should_stop():
                with self._scope():
                    message = await self._resource.parse(**self._request())
                yield self._received(message)
                if await self._compact():
                    continue
                if not self._answered_by_caller() and not self._advance(await self.generate_tool_call_response()):
                    return


class BetaAsyncStreamingToolRunner(_AsyncLoop[ResponseFormatT]):
    """``tool_runner(stream=True)`` of the async client: ``async for`` each turn's
    :class:`AsyncMessageStream`, entered."""

    _iterator: AsyncIterator[AsyncMessageStream[ResponseFormatT]]

    def __aiter__(self) -> AsyncIterator[AsyncMessageStream[ResponseFormatT]]:
        return self._iterator

    async def __anext__(self) -> AsyncMessageStream[ResponseFormatT]:
        return await self._iterator.__anext__()

    async def _run(self) -> AsyncIterator[AsyncMessageStream[ResponseFormatT]]:
        with self._watching():
            while not self._should_stop():
                async with contextlib.AsyncExitStack() as turn:
                    with self._scope():
                        stream = await turn.enter_async_context(self._resource.stream(**self._request()))
                    yield stream
                    self._received(await stream.get_final_message())
                if await self._compact():
                    continue
                if not self._answered_by_caller() and not self._advance(await self.generate_tool_call_response()):
                    return
