"""``client.messages``: create (plain or streamed), stream, count_tokens, parse (structured outputs)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, List, Mapping, Type, Union, overload

from typing_extensions import Literal, TypeVar, Unpack

from .._compat.paths import fallback_getattr
from .._types import Omit, omit
from ..types import Message
from ._base import AsyncRequester, Requester, Resource, stream_result
from ._message_specs import COUNT_TOKENS_KEYS, CREATE_KEYS, message_param_types, method_specs
from ._planning import NONSTREAMING_TOKEN_LIMITS, STRUCTURED_OUTPUTS_BETA, How, Method, Plan, plan_call

# The streaming and structured-output machinery is imported where a call needs it, and the
# parameter TypedDicts where a signature is shown, so that a plain create() loads neither.
if TYPE_CHECKING:
    from ..streaming.message_stream import (
        AsyncMessageStream,
        AsyncMessageStreamManager,
        MessageStream,
        MessageStreamManager,
    )
    from ..streaming.stream import AsyncStream, Stream
    from ..types.parsed_message import ParsedMessage
    from ..types.request_params import JSONOutputFormatParam
    from ..types.stream_events import RawMessageStreamEvent
    from ..types.token_count import MessageTokensCount
    from ._kwargs import MessageCountTokensKwargs, MessageCreateKwargs, MessageParseKwargs, MessageStreamKwargs
    from .batches import AsyncBatches, Batches

#: A package to the import system, so the official submodule paths
#: (``anthropic.resources.messages.messages`` and ``.batches``) import under it; see ``claude_core._compat.paths``.
__path__: List[str] = []

__all__ = [
    "Messages",
    "AsyncMessages",
    "MessageCreateKwargs",
    "MessageStreamKwargs",
    "MessageCountTokensKwargs",
    "MessageParseKwargs",
    "NONSTREAMING_TOKEN_LIMITS",
    "STRUCTURED_OUTPUTS_BETA",
]

T = TypeVar("T")


# beta.messages builds its specs where it is defined: a plain call does not pay for them
SPECS = method_specs(CREATE_KEYS, COUNT_TOKENS_KEYS, message_param_types, beta=False)
CREATE, STREAM, COUNT_TOKENS, PARSE = SPECS


class Messages(Resource[Requester]):
    """The Messages API."""

    _beta = False
    _specs = SPECS

    @cached_property
    def batches(self) -> Batches:
        """Message Batches (``beta.messages.batches`` adds ``?beta=true`` and the batches beta)."""
        from .batches import Batches, BetaBatches  # here: only batches calls need it

        return (BetaBatches if self._beta else Batches)(self._client, self._mode)

    @overload
    def create(self, *, stream: Literal[False] = False, **params: Unpack[MessageCreateKwargs]) -> Message: ...
    @overload
    def create(
        self, *, stream: Literal[True], **params: Unpack[MessageStreamKwargs]
    ) -> Stream[RawMessageStreamEvent]: ...
    @overload
    def create(
        self, *, stream: bool, **params: Unpack[MessageStreamKwargs]
    ) -> Union[Message, Stream[RawMessageStreamEvent]]: ...
    @CREATE.applies
    def create(
        self, *, stream: Any = omit, **params: Unpack[MessageStreamKwargs]
    ) -> Union[Message, Stream[RawMessageStreamEvent]]:
        """Send a conversation and get the model's next message, or with ``stream=True`` its raw events."""
        return self._run("create", params, stream)  # type: ignore[no-any-return]

    @overload
    def stream(self, *, output_format: Type[T], **params: Unpack[MessageStreamKwargs]) -> MessageStreamManager[T]: ...
    @overload
    def stream(
        self,
        *,
        output_format: Union[JSONOutputFormatParam, Omit, None] = omit,
        **params: Unpack[MessageStreamKwargs],
    ) -> MessageStreamManager[None]: ...
    @STREAM.applies
    def stream(
        self,
        *,
        output_format: Union[JSONOutputFormatParam, Type[Any], Omit, None] = omit,
        **params: Unpack[MessageStreamKwargs],
    ) -> MessageStreamManager[Any]:
        """Stream a message: ``with client.messages.stream(...) as stream: for text in stream.text_stream``."""
        return self._open({**params, "output_format": output_format})

    @COUNT_TOKENS.applies
    def count_tokens(
        self,
        *,
        output_format: Union[JSONOutputFormatParam, Type[Any], Omit, None] = omit,
        **params: Unpack[MessageCountTokensKwargs],
    ) -> MessageTokensCount:
        """Count the input tokens of a conversation without creating a message."""
        return self._run("count_tokens", {**params, "output_format": output_format})  # type: ignore[no-any-return]

    @PARSE.applies
    def parse(
        self, *, output_format: Union[Type[T], Omit, None] = omit, **params: Unpack[MessageParseKwargs]
    ) -> ParsedMessage[T]:
        """Create a message whose JSON answer is validated into ``output_format`` (a pydantic model or
        any type ``pydantic.TypeAdapter`` takes): ``message.parsed_output`` (see docs/structured-outputs.md)."""
        return self._run("parse", {**params, "output_format": output_format})  # type: ignore[no-any-return]

    # The I/O of each plan (resources/_planning.py decides which), and nothing else.

    def _run(self, method: Method, params: Mapping[str, Any], stream: Any = omit) -> Any:
        plan = plan_call(method, self._specs, self._beta, params, self._client.options, self._mode, stream)
        if plan.how is How.REQUEST:
            return self._client._request(plan.call, plan.opts, plan.parse, self._mode)
        if plan.how is How.STREAM:
            return stream_result(self._client._stream(plan.call, plan.opts, plan.stream_options), self._mode)
        return self._start(plan).get_final_message()  # How.AUTO_STREAM

    def _open(self, params: Mapping[str, Any]) -> MessageStreamManager[Any]:
        from ..streaming.message_stream import MessageStreamManager  # here: only stream() needs it

        plan = plan_call("stream", self._specs, self._beta, params, self._client.options, self._mode)
        return MessageStreamManager(lambda: self._start(plan))

    def _start(self, plan: Plan) -> MessageStream[Any]:
        from ..streaming.message_stream import MessageStream  # here: only a streamed call needs it

        accumulator = plan.accumulator()
        raw = self._client._stream(plan.call, plan.opts, plan.stream_options, accumulator)
        return MessageStream(raw, accumulator, plan.finish)


class AsyncMessages(Resource[AsyncRequester]):
    """The Messages API, awaited."""

    _beta = False
    _specs = SPECS

    @cached_property
    def batches(self) -> AsyncBatches:
        """Message Batches, awaited."""
        from .batches import AsyncBatches, AsyncBetaBatches  # here: only batches calls need it

        return (AsyncBetaBatches if self._beta else AsyncBatches)(self._client, self._mode)

    @overload
    async def create(self, *, stream: Literal[False] = False, **params: Unpack[MessageCreateKwargs]) -> Message: ...
    @overload
    async def create(
        self, *, stream: Literal[True], **params: Unpack[MessageStreamKwargs]
    ) -> AsyncStream[RawMessageStreamEvent]: ...
    @overload
    async def create(
        self, *, stream: bool, **params: Unpack[MessageStreamKwargs]
    ) -> Union[Message, AsyncStream[RawMessageStreamEvent]]: ...
    @CREATE.applies
    async def create(
        self, *, stream: Any = omit, **params: Unpack[MessageStreamKwargs]
    ) -> Union[Message, AsyncStream[RawMessageStreamEvent]]:
        """Send a conversation and get the model's next message, or with ``stream=True`` its raw events."""
        return await self._run("create", params, stream)  # type: ignore[no-any-return]

    @overload
    def stream(
        self, *, output_format: Type[T], **params: Unpack[MessageStreamKwargs]
    ) -> AsyncMessageStreamManager[T]: ...
    @overload
    def stream(
        self,
        *,
        output_format: Union[JSONOutputFormatParam, Omit, None] = omit,
        **params: Unpack[MessageStreamKwargs],
    ) -> AsyncMessageStreamManager[None]: ...
    @STREAM.applies
    def stream(
        self,
        *,
        output_format: Union[JSONOutputFormatParam, Type[Any], Omit, None] = omit,
        **params: Unpack[MessageStreamKwargs],
    ) -> AsyncMessageStreamManager[Any]:
        """Stream a message: ``async with client.messages.stream(...) as stream: ...``."""
        return self._open({**params, "output_format": output_format})

    @COUNT_TOKENS.applies
    async def count_tokens(
        self,
        *,
        output_format: Union[JSONOutputFormatParam, Type[Any], Omit, None] = omit,
        **params: Unpack[MessageCountTokensKwargs],
    ) -> MessageTokensCount:
        """Count the input tokens of a conversation without creating a message."""
        return await self._run("count_tokens", {**params, "output_format": output_format})  # type: ignore[no-any-return]

    @PARSE.applies
    async def parse(
        self, *, output_format: Union[Type[T], Omit, None] = omit, **params: Unpack[MessageParseKwargs]
    ) -> ParsedMessage[T]:
        """Create a message whose JSON answer is validated into ``output_format`` (a pydantic model or
        any type ``pydantic.TypeAdapter`` takes): ``message.parsed_output`` (see docs/structured-outputs.md)."""
        return await self._run("parse", {**params, "output_format": output_format})  # type: ignore[no-any-return]

    # The I/O of each plan (resources/_planning.py decides which), awaited, and nothing else.

    async def _run(self, method: Method, params: Mapping[str, Any], stream: Any = omit) -> Any:
        plan = plan_call(method, self._specs, self._beta, params, self._client.options, self._mode, stream)
        if plan.how is How.REQUEST:
            return await self._client._request(plan.call, plan.opts, plan.parse, self._mode)
        if plan.how is How.STREAM:
            return stream_result(await self._client._stream(plan.call, plan.opts, plan.stream_options), self._mode)
        return await (await self._start(plan)).get_final_message()  # How.AUTO_STREAM

    def _open(self, params: Mapping[str, Any]) -> AsyncMessageStreamManager[Any]:
        from ..streaming.message_stream import AsyncMessageStreamManager  # here: only stream() needs it

        plan = plan_call("stream", self._specs, self._beta, params, self._client.options, self._mode)
        return AsyncMessageStreamManager(lambda: self._start(plan))

    async def _start(self, plan: Plan) -> AsyncMessageStream[Any]:
        from ..streaming.message_stream import AsyncMessageStream  # here: only a streamed call needs it

        accumulator = plan.accumulator()
        raw = await self._client._stream(plan.call, plan.opts, plan.stream_options, accumulator)
        return AsyncMessageStream(raw, accumulator, plan.finish)


if not TYPE_CHECKING:
    #: The official names of this path that live in other modules (see ``claude_core._compat.paths``).
    __getattr__ = fallback_getattr(__name__)
