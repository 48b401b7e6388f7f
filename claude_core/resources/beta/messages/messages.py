"""``client.beta.messages``: messages with ``betas=[...]`` sent as the ``anthropic-beta`` header."""

from __future__ import annotations

from typing import TYPE_CHECKING, List

from typing_extensions import Unpack

from ....types import Message, MessageTokensCount
from ..._base import Resource
from ...messages import (
    MessageCountTokensKwargs,
    MessageCreateKwargs,
    count_tokens_call,
    create_call,
    parse_message,
    parse_token_count,
)

if TYPE_CHECKING:
    from ...._client import Anthropic, AsyncAnthropic  # noqa: F401  (named in string subscripts)

__all__ = ["Messages", "AsyncMessages", "BetaMessageCreateKwargs", "BetaMessageCountTokensKwargs"]


class BetaMessageCreateKwargs(MessageCreateKwargs, total=False):
    betas: List[str]


class BetaMessageCountTokensKwargs(MessageCountTokensKwargs, total=False):
    betas: List[str]


class Messages(Resource["Anthropic"]):
    """Messages with beta features: ``betas=[...]`` becomes the ``anthropic-beta`` header."""

    def create(self, **params: Unpack[BetaMessageCreateKwargs]) -> Message:
        call, opts = create_call({"betas": [], **params}, "beta.messages.create")
        return self._client._request(call, opts, parse_message, self._mode)  # type: ignore[no-any-return]

    def count_tokens(self, **params: Unpack[BetaMessageCountTokensKwargs]) -> MessageTokensCount:
        call, opts = count_tokens_call({"betas": [], **params}, "beta.messages.count_tokens")
        return self._client._request(call, opts, parse_token_count, self._mode)  # type: ignore[no-any-return]


class AsyncMessages(Resource["AsyncAnthropic"]):
    """Messages with beta features, awaited."""

    async def create(self, **params: Unpack[BetaMessageCreateKwargs]) -> Message:
        call, opts = create_call({"betas": [], **params}, "beta.messages.create")
        return await self._client._request(call, opts, parse_message, self._mode)  # type: ignore[no-any-return]

    async def count_tokens(self, **params: Unpack[BetaMessageCountTokensKwargs]) -> MessageTokensCount:
        call, opts = count_tokens_call({"betas": [], **params}, "beta.messages.count_tokens")
        return await self._client._request(call, opts, parse_token_count, self._mode)  # type: ignore[no-any-return]
