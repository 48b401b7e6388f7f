"""``client.messages``: create (plain or streamed), stream, count_tokens."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Tuple, Union, cast, overload

import httpx
from typing_extensions import Literal, Unpack

from .._options import DEFAULT_TIMEOUT, ClientOptions
from .._pipeline import CallOptions, parse_response
from .._response import APIResponse, AsyncAPIResponse
from .._types import NotGiven, RequestMode, RequestOptions, StreamOptions
from ..providers import APIRequest
from ..streaming.accumulator import MessageAccumulator
from ..streaming.message_stream import (
    AsyncMessageStream,
    AsyncMessageStreamManager,
    MessageStream,
    MessageStreamManager,
)
from ..types import Message, MessageCountTokensParams, MessageCreateParams, MessageTokensCount
from ..types.stream_events import RawMessageStreamEvent
from ._base import Resource, split_params

if TYPE_CHECKING:
    from .._client import Anthropic, AsyncAnthropic  # noqa: F401  (named in string subscripts)
    from ..streaming.stream import AsyncStream, Stream

__all__ = [
    "Messages",
    "AsyncMessages",
    "MessageCreateKwargs",
    "MessageStreamKwargs",
    "MessageCountTokensKwargs",
    "NONSTREAMING_TOKEN_LIMITS",
]


class MessageCreateKwargs(MessageCreateParams, RequestOptions, total=False):
    """The keyword arguments of ``messages.create``: API parameters plus per-call options."""


class MessageStreamKwargs(MessageCreateParams, RequestOptions, StreamOptions, total=False):
    """The keyword arguments of ``messages.stream`` and of ``create(stream=True)``."""


class MessageCountTokensKwargs(MessageCountTokensParams, RequestOptions, total=False):
    """The keyword arguments of ``messages.count_tokens``."""


_CREATE_REQUIRED = tuple(sorted(MessageCreateParams.__required_keys__))
_COUNT_REQUIRED = tuple(sorted(MessageCountTokensParams.__required_keys__))
_STREAM_KEYS = tuple(StreamOptions.__annotations__)

#: Models whose non-streaming responses are capped below what max_tokens allows.
NONSTREAMING_TOKEN_LIMITS: Dict[str, int] = {
    "claude-opus-4-20250514": 8192,
    "claude-opus-4-0": 8192,
    "claude-4-opus-20250514": 8192,
    "claude-opus-4-1-20250805": 8192,
}
#: A non-streaming request is expected to take 3600 s per 128,000 output tokens; above
#: 600 s (max_tokens > 21,333) it risks the default timeout, so it is streamed instead.
_SECONDS_PER_TOKEN = 3600 / 128_000
_NONSTREAMING_SECONDS = 600


def create_call(params: Mapping[str, Any], beta: bool = False) -> Tuple[APIRequest, CallOptions, StreamOptions]:
    endpoint = "beta.messages.create" if beta else "messages.create"
    stream_options = cast(StreamOptions, {k: params[k] for k in _STREAM_KEYS if params.get(k) is not None})
    body, opts = split_params(endpoint, {k: v for k, v in params.items() if k not in _STREAM_KEYS}, _CREATE_REQUIRED)
    body.pop("stream", None)
    call = APIRequest("messages.create", "POST", "/v1/messages", body=body)
    return _apply_betas(call, body, beta), opts, stream_options


def count_tokens_call(params: Mapping[str, Any], beta: bool = False) -> Tuple[APIRequest, CallOptions]:
    endpoint = "beta.messages.count_tokens" if beta else "messages.count_tokens"
    body, opts = split_params(endpoint, params, _COUNT_REQUIRED)
    call = APIRequest("messages.count_tokens", "POST", "/v1/messages/count_tokens", body=body)
    return _apply_betas(call, body, beta), opts


def _apply_betas(call: APIRequest, body: Dict[str, Any], beta: bool) -> APIRequest:
    """Beta calls get ``?beta=true``; ``betas=[...]`` becomes the ``anthropic-beta`` header."""
    betas: List[str] = list(body.pop("betas", None) or [])
    if beta:
        call.query["beta"] = "true"
        if betas:
            call.headers["anthropic-beta"] = ",".join(betas)
    return call


def needs_streaming(body: Mapping[str, Any], opts: CallOptions, options: ClientOptions) -> bool:
    """Whether a non-streaming create should be streamed under the hood (see docs/streaming.md)."""
    if not options.auto_stream_long_requests or not isinstance(opts.timeout, NotGiven):
        return False
    if options.timeout != DEFAULT_TIMEOUT:
        return False
    max_tokens = body.get("max_tokens")
    if not isinstance(max_tokens, int):
        return False
    limit = NONSTREAMING_TOKEN_LIMITS.get(str(body.get("model")))
    return max_tokens * _SECONDS_PER_TOKEN > _NONSTREAMING_SECONDS or (limit is not None and max_tokens > limit)


class CreatePlan(enum.Enum):
    """How ``messages.create`` carries out a call."""

    REQUEST = "request"  # one plain request
    STREAM = "stream"  # stream=True: the raw stream is returned
    AUTO_STREAM = "auto_stream"  # a long non-streaming request, streamed under the hood


def plan_create(
    stream: bool, params: Mapping[str, Any], beta: bool, mode: RequestMode, options: ClientOptions
) -> Tuple[CreatePlan, APIRequest, CallOptions, StreamOptions]:
    """Everything ``create`` decides before any I/O, for the sync and the async resource alike."""
    call, opts, stream_options = create_call(params, beta)
    if stream:
        return CreatePlan.STREAM, call, opts, stream_options
    if stream_options:
        names = ", ".join(sorted(stream_options))
        raise TypeError(f"{names} apply to streamed calls: pass stream=True or use messages.stream()")
    if mode is RequestMode.PARSE and needs_streaming(call.body or {}, opts, options):
        return CreatePlan.AUTO_STREAM, call, opts, stream_options
    return CreatePlan.REQUEST, call, opts, stream_options


def _stream_result(raw: Any, mode: RequestMode, response_class: Any) -> Any:
    """A raw stream, or for ``with_raw_response`` a response whose ``parse()`` hands it out."""
    if mode is RequestMode.PARSE:
        return raw
    return response_class(raw.response, lambda _: raw, provider=raw.provider, streamed=True)


def parse_message(response: httpx.Response) -> Message:
    return parse_response(response, Message)


def parse_token_count(response: httpx.Response) -> MessageTokensCount:
    return parse_response(response, MessageTokensCount)


class Messages(Resource["Anthropic"]):
    """The Messages API."""

    _beta = False

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
    def create(
        self, *, stream: bool = False, **params: Unpack[MessageStreamKwargs]
    ) -> Union[Message, Stream[RawMessageStreamEvent]]:
        """Send a conversation and get the model's next message, or with ``stream=True`` its raw events."""
        return self._create(stream, params)  # type: ignore[no-any-return]

    def _create(self, stream: bool, params: Mapping[str, Any]) -> Any:
        client = self._client
        plan, call, opts, stream_options = plan_create(stream, params, self._beta, self._mode, client.options)
        if plan is CreatePlan.REQUEST:
            return client._request(call, opts, parse_message, self._mode)
        if plan is CreatePlan.STREAM:
            return _stream_result(client._stream(call, opts, stream_options), self._mode, APIResponse)
        accumulator = MessageAccumulator()
        return MessageStream(client._stream(call, opts, stream_options, accumulator), accumulator).get_final_message()

    def stream(self, **params: Unpack[MessageStreamKwargs]) -> MessageStreamManager:
        """Stream a message: ``with client.messages.stream(...) as stream: for text in stream.text_stream``."""
        return self._stream_manager(params)

    def _stream_manager(self, params: Mapping[str, Any]) -> MessageStreamManager:
        call, opts, stream_options = create_call(params, self._beta)

        def start() -> MessageStream:
            accumulator = MessageAccumulator()
            return MessageStream(self._client._stream(call, opts, stream_options, accumulator), accumulator)

        return MessageStreamManager(start)

    def count_tokens(self, **params: Unpack[MessageCountTokensKwargs]) -> MessageTokensCount:
        """Count the input tokens of a conversation without creating a message."""
        return self._count_tokens(params)  # type: ignore[no-any-return]

    def _count_tokens(self, params: Mapping[str, Any]) -> Any:
        call, opts = count_tokens_call(params, self._beta)
        return self._client._request(call, opts, parse_token_count, self._mode)


class AsyncMessages(Resource["AsyncAnthropic"]):
    """The Messages API, awaited."""

    _beta = False

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
    async def create(
        self, *, stream: bool = False, **params: Unpack[MessageStreamKwargs]
    ) -> Union[Message, AsyncStream[RawMessageStreamEvent]]:
        """Send a conversation and get the model's next message, or with ``stream=True`` its raw events."""
        return await self._create(stream, params)  # type: ignore[no-any-return]

    async def _create(self, stream: bool, params: Mapping[str, Any]) -> Any:
        client = self._client
        plan, call, opts, stream_options = plan_create(stream, params, self._beta, self._mode, client.options)
        if plan is CreatePlan.REQUEST:
            return await client._request(call, opts, parse_message, self._mode)
        if plan is CreatePlan.STREAM:
            return _stream_result(await client._stream(call, opts, stream_options), self._mode, AsyncAPIResponse)
        accumulator = MessageAccumulator()
        raw = await client._stream(call, opts, stream_options, accumulator)
        return await AsyncMessageStream(raw, accumulator).get_final_message()

    def stream(self, **params: Unpack[MessageStreamKwargs]) -> AsyncMessageStreamManager:
        """Stream a message: ``async with client.messages.stream(...) as stream: ...``."""
        return self._stream_manager(params)

    def _stream_manager(self, params: Mapping[str, Any]) -> AsyncMessageStreamManager:
        call, opts, stream_options = create_call(params, self._beta)

        async def start() -> AsyncMessageStream:
            accumulator = MessageAccumulator()
            raw = await self._client._stream(call, opts, stream_options, accumulator)
            return AsyncMessageStream(raw, accumulator)

        return AsyncMessageStreamManager(start)

    async def count_tokens(self, **params: Unpack[MessageCountTokensKwargs]) -> MessageTokensCount:
        """Count the input tokens of a conversation without creating a message."""
        return await self._count_tokens(params)  # type: ignore[no-any-return]

    async def _count_tokens(self, params: Mapping[str, Any]) -> Any:
        call, opts = count_tokens_call(params, self._beta)
        return await self._client._request(call, opts, parse_token_count, self._mode)
