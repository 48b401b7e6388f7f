"""``client.beta.messages``: messages with ``betas=[...]`` sent as the ``anthropic-beta`` header.

The same methods as :mod:`claude_core.resources.messages`, on ``?beta=true`` endpoints;
the classes only widen the accepted keyword arguments with ``betas``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Union, overload

from typing_extensions import Literal, Unpack

from ....streaming.message_stream import AsyncMessageStreamManager, MessageStreamManager
from ....types import Message, MessageTokensCount
from ....types.stream_events import RawMessageStreamEvent
from ... import messages as _messages

if TYPE_CHECKING:
    from ....streaming.stream import AsyncStream, Stream

__all__ = ["Messages", "AsyncMessages", "BetaMessageCreateKwargs", "BetaMessageStreamKwargs"]


class BetaMessageCreateKwargs(_messages.MessageCreateKwargs, total=False):
    betas: List[str]


class BetaMessageStreamKwargs(_messages.MessageStreamKwargs, total=False):
    betas: List[str]


class BetaMessageCountTokensKwargs(_messages.MessageCountTokensKwargs, total=False):
    betas: List[str]


class Messages(_messages.Messages):
    """Messages with beta features: ``betas=[...]`` becomes the ``anthropic-beta`` header."""

    _beta = True

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
    def create(
        self, *, stream: bool = False, **params: Unpack[BetaMessageStreamKwargs]
    ) -> Union[Message, Stream[RawMessageStreamEvent]]:
        return self._create(stream, params)  # type: ignore[no-any-return]

    def stream(self, **params: Unpack[BetaMessageStreamKwargs]) -> MessageStreamManager:
        return self._stream_manager(params)

    def count_tokens(self, **params: Unpack[BetaMessageCountTokensKwargs]) -> MessageTokensCount:
        return self._count_tokens(params)  # type: ignore[no-any-return]


class AsyncMessages(_messages.AsyncMessages):
    """Messages with beta features, awaited."""

    _beta = True

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
    async def create(
        self, *, stream: bool = False, **params: Unpack[BetaMessageStreamKwargs]
    ) -> Union[Message, AsyncStream[RawMessageStreamEvent]]:
        return await self._create(stream, params)  # type: ignore[no-any-return]

    def stream(self, **params: Unpack[BetaMessageStreamKwargs]) -> AsyncMessageStreamManager:
        return self._stream_manager(params)

    async def count_tokens(self, **params: Unpack[BetaMessageCountTokensKwargs]) -> MessageTokensCount:
        return await self._count_tokens(params)  # type: ignore[no-any-return]
