"""``client.beta.messages``: messages with ``betas=[...]`` sent as the ``anthropic-beta`` header.

The same methods as :mod:`claude_core.resources.messages`, on ``?beta=true`` endpoints;
the classes only widen the accepted keyword arguments with ``betas``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Type, Union, overload

from typing_extensions import Literal, TypeVar, Unpack

from ...._types import NotGiven, Omit, omit
from ....streaming.message_stream import AsyncMessageStreamManager, MessageStreamManager
from ....types import (
    BetaMessageCountTokensParams,
    BetaMessageCreateParams,
    JSONOutputFormatParam,
    Message,
    MessageTokensCount,
)
from ....types.parsed_message import ParsedMessage, ResponseFormatT
from ....types.stream_events import RawMessageStreamEvent
from ... import messages as _messages
from ..._kwargs import (
    BetaMessageCountTokensKwargs,
    BetaMessageCreateKwargs,
    BetaMessageParseKwargs,
    BetaMessageStreamKwargs,
)
from ..._message_specs import method_specs

if TYPE_CHECKING:
    from ....streaming.stream import AsyncStream, Stream
    from ....tools.compaction import CompactionControl
    from ....tools.runner import (
        BetaAsyncStreamingToolRunner,
        BetaAsyncToolRunner,
        BetaStreamingToolRunner,
        BetaToolRunner,
        RunnerToolArg,
    )

__all__ = ["Messages", "AsyncMessages", "BetaMessageCreateKwargs", "BetaMessageStreamKwargs", "BetaMessageParseKwargs"]

T = TypeVar("T")

#: The parameters of ``beta.messages.create``, ``stream``, ``count_tokens`` and ``parse``.
BETA_SPECS = method_specs(
    tuple(BetaMessageCreateParams.__annotations__),
    tuple(BetaMessageCountTokensParams.__annotations__),
    lambda: (BetaMessageCreateParams, BetaMessageCountTokensParams),
    beta=True,
)
BETA_CREATE, BETA_STREAM, BETA_COUNT_TOKENS, BETA_PARSE = BETA_SPECS

# Twins kept for type checkers only. The methods below repeat the signatures of
# resources/messages.py, and the sync class's those of the async one, because:
# - beta vs messages: the keyword arguments are other TypedDicts (``Beta*Kwargs``, with ``betas``
#   and the beta-only parameters), and ``**params: Unpack[...]`` takes a TypedDict, never a type
#   variable, so no one generic signature serves both;
# - sync vs async (``stream``, ``tool_runner``): the return types are other generic classes
#   (``MessageStreamManager[T]`` / ``AsyncMessageStreamManager[T]``, ``BetaToolRunner[T]`` /
#   ``BetaAsyncToolRunner[T]``), and a type variable cannot stand for a generic class;
# - overloads need an implementation beside them, even under ``TYPE_CHECKING`` (no-overload-impl).
# The logic is not repeated: each body is one line into ``_run`` / ``_open`` of resources/messages.py,
# which carry out what ``plan_call`` (resources/_planning.py) decides. Being functions of these
# classes, they are also what tracers patch at this path apart from ``messages`` (see ``own_methods``).


class Messages(_messages.Messages):
    """Messages with beta features: ``betas=[...]`` becomes the ``anthropic-beta`` header."""

    _beta = True
    _specs = BETA_SPECS

    @overload
    def create(self, *, stream: Literal[False] = False, **params: Unpack[BetaMessageCreateKwargs]) -> Message: ...
    @overload
    def create(
        self, *, stream: Literal[True], **params: Unpack[BetaMessageStreamKwargs]
    ) -> Stream[RawMessageStreamEvent]: ...
    @overload
    def create(
        self, *, stream: bool, **params: Unpack[BetaMessageStreamKwargs]
    ) -> Union[Message, Stream[RawMessageStreamEvent]]: ...
    @BETA_CREATE.applies
    def create(
        self, *, stream: Any = omit, **params: Unpack[BetaMessageStreamKwargs]
    ) -> Union[Message, Stream[RawMessageStreamEvent]]:
        return self._run("create", params, stream)  # type: ignore[no-any-return]

    @overload
    def stream(
        self, *, output_format: Type[T], **params: Unpack[BetaMessageStreamKwargs]
    ) -> MessageStreamManager[T]: ...
    @overload
    def stream(
        self,
        *,
        output_format: Union[JSONOutputFormatParam, Omit, None] = omit,
        **params: Unpack[BetaMessageStreamKwargs],
    ) -> MessageStreamManager[None]: ...
    @BETA_STREAM.applies
    def stream(
        self,
        *,
        output_format: Union[JSONOutputFormatParam, Type[Any], Omit, None] = omit,
        **params: Unpack[BetaMessageStreamKwargs],
    ) -> MessageStreamManager[Any]:
        return self._open({**params, "output_format": output_format})

    @BETA_COUNT_TOKENS.applies
    def count_tokens(
        self,
        *,
        output_format: Union[JSONOutputFormatParam, Type[Any], Omit, None] = omit,
        **params: Unpack[BetaMessageCountTokensKwargs],
    ) -> MessageTokensCount:
        return self._run("count_tokens", {**params, "output_format": output_format})  # type: ignore[no-any-return]

    @BETA_PARSE.applies
    def parse(
        self, *, output_format: Union[Type[T], Omit, None] = omit, **params: Unpack[BetaMessageParseKwargs]
    ) -> ParsedMessage[T]:
        """``messages.parse`` on the beta endpoint, with the ``structured-outputs-2025-12-15`` beta."""
        return self._run("parse", {**params, "output_format": output_format})  # type: ignore[no-any-return]

    @overload
    def tool_runner(
        self,
        *,
        tools: Iterable[RunnerToolArg],
        stream: Literal[False] = False,
        max_iterations: Union[int, Omit, NotGiven, None] = None,
        output_format: Union[Type[ResponseFormatT], Omit, None] = omit,
        compaction_control: Union[CompactionControl, Omit, None] = omit,
        **params: Any,
    ) -> BetaToolRunner[ResponseFormatT]: ...
    @overload
    def tool_runner(
        self,
        *,
        tools: Iterable[RunnerToolArg],
        stream: Literal[True],
        max_iterations: Union[int, Omit, NotGiven, None] = None,
        output_format: Union[Type[ResponseFormatT], Omit, None] = omit,
        compaction_control: Union[CompactionControl, Omit, None] = omit,
        **params: Any,
    ) -> BetaStreamingToolRunner[ResponseFormatT]: ...
    @overload
    def tool_runner(
        self,
        *,
        tools: Iterable[RunnerToolArg],
        stream: bool,
        max_iterations: Union[int, Omit, NotGiven, None] = None,
        output_format: Union[Type[ResponseFormatT], Omit, None] = omit,
        compaction_control: Union[CompactionControl, Omit, None] = omit,
        **params: Any,
    ) -> Union[BetaToolRunner[ResponseFormatT], BetaStreamingToolRunner[ResponseFormatT]]: ...
    def tool_runner(
        self,
        *,
        tools: Iterable[RunnerToolArg],
        stream: Any = False,
        max_iterations: Union[int, Omit, NotGiven, None] = None,
        output_format: Union[Type[ResponseFormatT], Omit, None] = omit,
        compaction_control: Union[CompactionControl, Omit, None] = omit,
        **params: Any,
    ) -> Union[BetaToolRunner[ResponseFormatT], BetaStreamingToolRunner[ResponseFormatT]]:
        """Call the model, run the ``@beta_tool`` tools it asks for, and repeat (see docs/tools.md).

        :param tools: ``@beta_tool`` tools (sent as ``to_dict()`` and run), raw tool dicts (sent
            only), or names of tools that plugins registered (``claude_register_tools``).
        :param stream: True to get each turn as a :class:`MessageStream` (``messages.stream()``).
        :param max_iterations: the most turns (requests) to make; None for no limit.
        :param output_format: a type each turn's answer is validated into (``message.parsed_output``).
        :param compaction_control: ``{"enabled": True, ...}`` to replace the conversation by a summary once
            a turn's tokens reach a threshold (see :class:`~claude_core.tools.compaction.CompactionControl`).
        :param params: the parameters of :meth:`create` (``model``, ``max_tokens``, ``messages``, ...).
        :returns: a runner to iterate for each turn's :class:`ParsedMessage` (or stream), or to ``until_done()``.
        """
        # here: only a tool runner needs it
        from ....tools.runner import BetaStreamingToolRunner, BetaToolRunner, plan_runner

        params = {**params, "output_format": output_format, "compaction_control": compaction_control}
        runner_params, limit, streaming = plan_runner(tools, stream, max_iterations, params)
        kind = BetaStreamingToolRunner if streaming else BetaToolRunner
        return kind(self, runner_params, limit)


class AsyncMessages(_messages.AsyncMessages):
    """Messages with beta features, awaited."""

    _beta = True
    _specs = BETA_SPECS

    @overload
    async def create(self, *, stream: Literal[False] = False, **params: Unpack[BetaMessageCreateKwargs]) -> Message: ...
    @overload
    async def create(
        self, *, stream: Literal[True], **params: Unpack[BetaMessageStreamKwargs]
    ) -> AsyncStream[RawMessageStreamEvent]: ...
    @overload
    async def create(
        self, *, stream: bool, **params: Unpack[BetaMessageStreamKwargs]
    ) -> Union[Message, AsyncStream[RawMessageStreamEvent]]: ...
    @BETA_CREATE.applies
    async def create(
        self, *, stream: Any = omit, **params: Unpack[BetaMessageStreamKwargs]
    ) -> Union[Message, AsyncStream[RawMessageStreamEvent]]:
        return await self._run("create", params, stream)  # type: ignore[no-any-return]

    @overload
    def stream(
        self, *, output_format: Type[T], **params: Unpack[BetaMessageStreamKwargs]
    ) -> AsyncMessageStreamManager[T]: ...
    @overload
    def stream(
        self,
        *,
        output_format: Union[JSONOutputFormatParam, Omit, None] = omit,
        **params: Unpack[BetaMessageStreamKwargs],
    ) -> AsyncMessageStreamManager[None]: ...
    @BETA_STREAM.applies
    def stream(
        self,
        *,
        output_format: Union[JSONOutputFormatParam, Type[Any], Omit, None] = omit,
        **params: Unpack[BetaMessageStreamKwargs],
    ) -> AsyncMessageStreamManager[Any]:
        return self._open({**params, "output_format": output_format})

    @BETA_COUNT_TOKENS.applies
    async def count_tokens(
        self,
        *,
        output_format: Union[JSONOutputFormatParam, Type[Any], Omit, None] = omit,
        **params: Unpack[BetaMessageCountTokensKwargs],
    ) -> MessageTokensCount:
        return await self._run("count_tokens", {**params, "output_format": output_format})  # type: ignore[no-any-return]

    @BETA_PARSE.applies
    async def parse(
        self, *, output_format: Union[Type[T], Omit, None] = omit, **params: Unpack[BetaMessageParseKwargs]
    ) -> ParsedMessage[T]:
        """``messages.parse`` on the beta endpoint, with the ``structured-outputs-2025-12-15`` beta."""
        return await self._run("parse", {**params, "output_format": output_format})  # type: ignore[no-any-return]

    @overload
    def tool_runner(
        self,
        *,
        tools: Iterable[RunnerToolArg],
        stream: Literal[False] = False,
        max_iterations: Union[int, Omit, NotGiven, None] = None,
        output_format: Union[Type[ResponseFormatT], Omit, None] = omit,
        compaction_control: Union[CompactionControl, Omit, None] = omit,
        **params: Any,
    ) -> BetaAsyncToolRunner[ResponseFormatT]: ...
    @overload
    def tool_runner(
        self,
        *,
        tools: Iterable[RunnerToolArg],
        stream: Literal[True],
        max_iterations: Union[int, Omit, NotGiven, None] = None,
        output_format: Union[Type[ResponseFormatT], Omit, None] = omit,
        compaction_control: Union[CompactionControl, Omit, None] = omit,
        **params: Any,
    ) -> BetaAsyncStreamingToolRunner[ResponseFormatT]: ...
    @overload
    def tool_runner(
        self,
        *,
        tools: Iterable[RunnerToolArg],
        stream: bool,
        max_iterations: Union[int, Omit, NotGiven, None] = None,
        output_format: Union[Type[ResponseFormatT], Omit, None] = omit,
        compaction_control: Union[CompactionControl, Omit, None] = omit,
        **params: Any,
    ) -> Union[BetaAsyncToolRunner[ResponseFormatT], BetaAsyncStreamingToolRunner[ResponseFormatT]]: ...
    def tool_runner(
        self,
        *,
        tools: Iterable[RunnerToolArg],
        stream: Any = False,
        max_iterations: Union[int, Omit, NotGiven, None] = None,
        output_format: Union[Type[ResponseFormatT], Omit, None] = omit,
        compaction_control: Union[CompactionControl, Omit, None] = omit,
        **params: Any,
    ) -> Union[BetaAsyncToolRunner[ResponseFormatT], BetaAsyncStreamingToolRunner[ResponseFormatT]]:
        """The async :meth:`Messages.tool_runner`: not awaited; ``async for`` it or ``await until_done()``.

        A turn's tools run concurrently: ``@beta_async_tool`` ones awaited, ``@beta_tool`` ones in threads.
        """
        # here: only a tool runner needs it
        from ....tools.runner import BetaAsyncStreamingToolRunner, BetaAsyncToolRunner, plan_runner

        params = {**params, "output_format": output_format, "compaction_control": compaction_control}
        runner_params, limit, streaming = plan_runner(tools, stream, max_iterations, params)
        kind = BetaAsyncStreamingToolRunner if streaming else BetaAsyncToolRunner
        return kind(self, runner_params, limit)


#: The public methods of :class:`Messages` and :class:`AsyncMessages` as defined above, kept before a
#: tracer can patch the classes in place (wrapt's ``wrap_function_wrapper`` replaces ``Messages.create``).
_DEFINED: dict[type, dict[str, Any]] = {
    cls: {name: value for name, value in vars(cls).items() if not name.startswith("_")}
    for cls in (Messages, AsyncMessages)
}

ClassT = TypeVar("ClassT", bound=type)


def own_methods(cls: ClassT) -> ClassT:
    """Give ``cls``, a subclass of :class:`Messages` or :class:`AsyncMessages`, its own copy of each public
    method they define, as defined here (not as a tracer may have patched it since).

    The Bedrock and Vertex clients' ``beta.messages`` are, as in the official SDK, classes of their own
    whose ``create`` is the first-party function: a patch at their path or at this module's then wraps
    the calls of that class only, once, whichever module was imported first.
    """
    for base in cls.__mro__:
        for name, method in _DEFINED.get(base, {}).items():
            setattr(cls, name, method)
    return cls
