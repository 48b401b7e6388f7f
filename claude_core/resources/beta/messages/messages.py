"""``client.beta.messages``: messages with ``betas=[...]`` sent as the ``anthropic-beta`` header.

The same methods as :mod:`claude_core.resources.messages`, on ``?beta=true`` endpoints;
the classes only widen the accepted keyword arguments with ``betas``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Union, overload

from typing_extensions import Literal, Unpack

from ...._types import omit
from ....streaming.message_stream import AsyncMessageStreamManager, MessageStreamManager
from ....types import Message, MessageTokensCount
from ....types.stream_events import RawMessageStreamEvent
from ... import messages as _messages
from ..._kwargs import BetaMessageCountTokensKwargs, BetaMessageCreateKwargs, BetaMessageStreamKwargs

if TYPE_CHECKING:
    from ....streaming.stream import AsyncStream, Stream

__all__ = ["Messages", "AsyncMessages", "BetaMessageCreateKwargs", "BetaMessageStreamKwargs"]


class Messages(_messages.Messages):
    """Messages with beta features: ``betas=[...]`` becomes the ``anthropic-beta`` header."""

    _beta = True
    _specs = (_messages.BETA_CREATE, _messages.BETA_STREAM, _messages.BETA_COUNT_TOKENS)

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
    @_messages.BETA_CREATE.applies
    def create(
        self, *, stream: Any = omit, **params: Unpack[BetaMessageStreamKwargs]
    ) -> Union[Message, Stream[RawMessageStreamEvent]]:
        return self._create(stream, params)  # type: ignore[no-any-return]

    @_messages.BETA_STREAM.applies
    def stream(self, **params: Unpack[BetaMessageStreamKwargs]) -> MessageStreamManager:
        return self._stream_manager(params)

    @_messages.BETA_COUNT_TOKENS.applies
    def count_tokens(self, **params: Unpack[BetaMessageCountTokensKwargs]) -> MessageTokensCount:
        return self._count_tokens(params)  # type: ignore[no-any-return]


class AsyncMessages(_messages.AsyncMessages):
    """Messages with beta features, awaited."""

    _beta = True
    _specs = (_messages.BETA_CREATE, _messages.BETA_STREAM, _messages.BETA_COUNT_TOKENS)

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
    @_messages.BETA_CREATE.applies
    async def create(
        self, *, stream: Any = omit, **params: Unpack[BetaMessageStreamKwargs]
    ) -> Union[Message, AsyncStream[RawMessageStreamEvent]]:
        return await self._create(stream, params)  # type: ignore[no-any-return]

    @_messages.BETA_STREAM.applies
    def stream(self, **params: Unpack[BetaMessageStreamKwargs]) -> AsyncMessageStreamManager:
        return self._stream_manager(params)

    @_messages.BETA_COUNT_TOKENS.applies
    async def count_tokens(self, **params: Unpack[BetaMessageCountTokensKwargs]) -> MessageTokensCount:
        return await self._count_tokens(params)  # type: ignore[no-any-return]
