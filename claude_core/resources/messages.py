"""``client.messages``: create, count_tokens (and the beta variants in :mod:`.beta`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Tuple

import httpx
from typing_extensions import Unpack

from .._pipeline import CallOptions, parse_response
from .._types import RequestOptions
from ..providers import APIRequest
from ..types import Message, MessageCountTokensParams, MessageCreateParams, MessageTokensCount
from ._base import Resource, split_params

if TYPE_CHECKING:
    from .._client import Anthropic, AsyncAnthropic  # noqa: F401  (named in string subscripts)

__all__ = ["Messages", "AsyncMessages", "MessageCreateKwargs", "MessageCountTokensKwargs"]


class MessageCreateKwargs(MessageCreateParams, RequestOptions, total=False):
    """The keyword arguments of ``messages.create``: API parameters plus per-call options."""


class MessageCountTokensKwargs(MessageCountTokensParams, RequestOptions, total=False):
    """The keyword arguments of ``messages.count_tokens``."""


_CREATE_REQUIRED = tuple(sorted(MessageCreateParams.__required_keys__))
_COUNT_REQUIRED = tuple(sorted(MessageCountTokensParams.__required_keys__))


def create_call(params: Mapping[str, Any], endpoint: str = "messages.create") -> Tuple[APIRequest, CallOptions]:
    body, opts = split_params(endpoint, params, _CREATE_REQUIRED)
    call = APIRequest("messages.create", "POST", "/v1/messages", body=body)
    return _apply_betas(call, body), opts


def count_tokens_call(
    params: Mapping[str, Any], endpoint: str = "messages.count_tokens"
) -> Tuple[APIRequest, CallOptions]:
    body, opts = split_params(endpoint, params, _COUNT_REQUIRED)
    call = APIRequest("messages.count_tokens", "POST", "/v1/messages/count_tokens", body=body)
    return _apply_betas(call, body), opts


def _apply_betas(call: APIRequest, body: Dict[str, Any]) -> APIRequest:
    """Move a ``betas`` parameter into the ``anthropic-beta`` header and mark the call beta."""
    if "betas" in body:
        betas: List[str] = list(body.pop("betas") or [])
        call.query["beta"] = "true"
        if betas:
            call.headers["anthropic-beta"] = ",".join(betas)
    return call


def parse_message(response: httpx.Response) -> Message:
    return parse_response(response, Message)


def parse_token_count(response: httpx.Response) -> MessageTokensCount:
    return parse_response(response, MessageTokensCount)


class Messages(Resource["Anthropic"]):
    """The Messages API."""

    def create(self, **params: Unpack[MessageCreateKwargs]) -> Message:
        """Send a conversation and get the model's next message."""
        call, opts = create_call(params)
        return self._client._request(call, opts, parse_message, self._mode)  # type: ignore[no-any-return]

    def count_tokens(self, **params: Unpack[MessageCountTokensKwargs]) -> MessageTokensCount:
        """Count the input tokens of a conversation without creating a message."""
        call, opts = count_tokens_call(params)
        return self._client._request(call, opts, parse_token_count, self._mode)  # type: ignore[no-any-return]


class AsyncMessages(Resource["AsyncAnthropic"]):
    """The Messages API, awaited."""

    async def create(self, **params: Unpack[MessageCreateKwargs]) -> Message:
        """Send a conversation and get the model's next message."""
        call, opts = create_call(params)
        return await self._client._request(call, opts, parse_message, self._mode)  # type: ignore[no-any-return]

    async def count_tokens(self, **params: Unpack[MessageCountTokensKwargs]) -> MessageTokensCount:
        """Count the input tokens of a conversation without creating a message."""
        call, opts = count_tokens_call(params)
        return await self._client._request(call, opts, parse_token_count, self._mode)  # type: ignore[no-any-return]
