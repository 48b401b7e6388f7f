"""``client.messages``: create (plain or streamed), stream, count_tokens, parse (structured outputs)."""

from __future__ import annotations

import enum
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Optional, Tuple, Type, Union, cast, overload

import httpx
from typing_extensions import Literal, TypeVar, Unpack

from .._compat.paths import fallback_getattr
from .._engine.parsing import parse_response
from .._options import DEFAULT_TIMEOUT, CallOptions, ClientOptions
from .._types import NotGiven, Omit, RequestMode, StreamOptions, omit
from ..errors import AnthropicError
from ..providers import APIRequest
from ..types import Message, MessageTokensCount
from ._base import AsyncRequester, Requester, Resource, stream_result
from ._message_specs import COUNT_TOKENS_KEYS, CREATE_KEYS, message_param_types, method_specs
from ._spec import STREAM_OPTION_KEYS, MethodSpec, options_of
from ._warnings import warn_deprecated_usage

# The streaming and structured-output machinery is imported where a call needs it, and the
# parameter TypedDicts where a signature is shown, so that a plain create() loads neither.
if TYPE_CHECKING:
    from ..streaming.accumulator import MessageAccumulator
    from ..streaming.message_stream import AsyncMessageStreamManager, MessageStreamManager
    from ..streaming.stream import AsyncStream, Stream
    from ..types.parsed_message import ParsedMessage
    from ..types.request_params import JSONOutputFormatParam
    from ..types.stream_events import RawMessageStreamEvent
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
CREATE, STREAM, COUNT_TOKENS, PARSE = method_specs(CREATE_KEYS, COUNT_TOKENS_KEYS, message_param_types, beta=False)

TOKEN_COUNTING_BETA = "token-counting-2024-11-01"

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


def create_call(
    spec: MethodSpec, params: Mapping[str, Any], beta: bool
) -> Tuple[APIRequest, CallOptions, StreamOptions]:
    """The request of ``create`` or ``stream``: its body in the method's wire order."""
    body = spec.body(params)
    warn_deprecated_usage(body)
    stream_options = cast(StreamOptions, {k: params[k] for k in STREAM_OPTION_KEYS if params.get(k) is not None})
    call = APIRequest("messages.create", "POST", "/v1/messages", body=body)
    return _apply_betas(call, params.get("betas"), beta), options_of(params), stream_options


def count_tokens_call(spec: MethodSpec, params: Mapping[str, Any], beta: bool) -> Tuple[APIRequest, CallOptions]:
    """The request of ``count_tokens``; ``output_format`` (a type or a format dict) goes into ``output_config``."""
    if "output_format" in params:
        params, _ = with_output_format(
            spec, {k: v for k, v in params.items() if k != "output_format"}, params["output_format"]
        )
    call = APIRequest("messages.count_tokens", "POST", "/v1/messages/count_tokens", body=spec.body(params))
    # the beta endpoint names the token-counting beta after the caller's, as the official SDK sends it
    betas = [*(params.get("betas") or ()), TOKEN_COUNTING_BETA] if beta else None
    return _apply_betas(call, betas, beta), options_of(params)


def _apply_betas(call: APIRequest, betas: Any, beta: bool) -> APIRequest:
    """Beta calls get ``?beta=true``; ``betas=[...]`` becomes the ``anthropic-beta`` header."""
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
    spec: MethodSpec, stream: Any, params: Mapping[str, Any], beta: bool, mode: RequestMode, options: ClientOptions
) -> Tuple[CreatePlan, APIRequest, CallOptions, StreamOptions]:
    """Everything ``create`` decides before any I/O, for the sync and the async resource alike.

    ``stream`` is what the caller passed (``omit`` when nothing): an explicit ``stream=False``
    is sent, as the official SDK sends it.
    """
    if not isinstance(stream, (bool, Omit, NotGiven)):
        raise TypeError(f"{spec.name}() takes stream=True or stream=False, got stream={stream!r}")
    if isinstance(stream, bool):
        params = {**params, "stream": stream}
    call, opts, stream_options = create_call(spec, params, beta)
    if stream is True:
        return CreatePlan.STREAM, call, opts, stream_options
    if stream_options:
        names = ", ".join(sorted(stream_options))
        raise TypeError(f"{names} apply to streamed calls: pass stream=True or use messages.stream()")
    if mode is RequestMode.PARSE and needs_streaming(call.body or {}, opts, options):
        return CreatePlan.AUTO_STREAM, call, opts, stream_options
    return CreatePlan.REQUEST, call, opts, stream_options


def stream_call(
    spec: MethodSpec, params: Mapping[str, Any], beta: bool
) -> Tuple[APIRequest, CallOptions, StreamOptions, Optional[Callable[[Message], ParsedMessage[Any]]]]:
    """The request of ``messages.stream()``: its own key order, ``"stream": true`` last; with
    ``output_format`` (a type, or a format dict) merged into ``output_config``, and for a type
    the function that makes the final message a :class:`ParsedMessage`."""
    if "stream" in params:
        raise TypeError(f"{spec.name}() got unexpected keyword argument(s): 'stream' (it always streams)")
    parsed: Optional[Callable[[Message], ParsedMessage[Any]]] = None
    if "output_format" in params:
        output_format = params["output_format"]
        params, adapter = with_output_format(
            spec, {k: v for k, v in params.items() if k != "output_format"}, output_format
        )
        if adapter is not None:
            from ..types.parsed_message import parse_message_output

            def parsed(message: Message) -> ParsedMessage[Any]:
                return parse_message_output(message, output_format, adapter)

    call, opts, stream_options = create_call(spec, params, beta)
    assert call.body is not None
    call.body["stream"] = True
    return call, opts, stream_options, parsed


#: The beta ``beta.messages.parse`` adds when ``betas=[...]`` lacks it.
STRUCTURED_OUTPUTS_BETA = "structured-outputs-2025-12-15"


def output_format_param(output_format: Any) -> Tuple[Any, Dict[str, Any]]:
    """The ``pydantic.TypeAdapter`` of ``output_format`` and the ``output_config.format`` it gives:
    ``{"type": "json_schema", "schema": transform_schema(TypeAdapter(T).json_schema())}``."""
    import pydantic

    from ..schema import transform_schema

    takes = (
        "output_format takes the type to parse the reply into: a pydantic model class, a TypedDict, "
        "a dataclass or a type such as list[str] (or a format dict, "
        '{"type": "json_schema", "schema": {...}})'
    )
    if isinstance(output_format, str):  # pydantic would read it as the name of a type
        raise TypeError(f"{takes}; got the str {output_format!r}")
    try:
        adapter: Any = pydantic.TypeAdapter(output_format)
        schema = adapter.json_schema()
    except (pydantic.errors.PydanticUserError, TypeError) as exc:
        raise TypeError(f"{takes}; got {output_format!r}, for which pydantic makes no JSON schema") from exc
    return adapter, {"type": "json_schema", "schema": transform_schema(schema)}


def with_output_format(spec: MethodSpec, params: Mapping[str, Any], output_format: Any) -> Tuple[Dict[str, Any], Any]:
    """``params`` with ``output_format`` merged into ``output_config.format`` (other keys, like
    ``effort``, kept), and the type's adapter (None without ``output_format``, or when it is
    already a format dict, ``{"type": "json_schema", "schema": ...}``, sent as given)."""
    if output_format is None or isinstance(output_format, (Omit, NotGiven)):
        return dict(params), None
    config = params.get("output_config")
    if isinstance(config, Mapping) and config.get("format") is not None:
        raise AnthropicError(
            f"{spec.name}() got both output_format and output_config.format: pass only one "
            "(output_format builds output_config.format from a type)"
        )
    adapter, output = (
        (None, dict(output_format)) if isinstance(output_format, Mapping) else output_format_param(output_format)
    )
    merged = {**config, "format": output} if isinstance(config, Mapping) else {"format": output}
    return {**params, "output_config": merged}, adapter


def plan_parse(
    spec: MethodSpec,
    output_format: Any,
    params: Mapping[str, Any],
    beta: bool,
    mode: RequestMode,
    options: ClientOptions,
) -> Tuple[CreatePlan, APIRequest, CallOptions, StreamOptions, Callable[[Message], ParsedMessage[Any]]]:
    """Everything ``parse`` decides before any I/O: the request (``output_format`` turned into
    ``output_config.format``; on beta, ``structured-outputs-2025-12-15`` added to the betas) and
    the function that turns the reply into a :class:`ParsedMessage`."""
    stream = params.get("stream", omit)
    if stream is True:
        raise TypeError(f"{spec.name}() does not stream: use stream(), which takes output_format too")
    body_params, adapter = with_output_format(spec, params, output_format)
    body_params.pop("stream", None)
    if beta:
        betas = list(params.get("betas") or ())
        if STRUCTURED_OUTPUTS_BETA not in betas:
            betas.append(STRUCTURED_OUTPUTS_BETA)
        body_params["betas"] = betas
    plan, call, opts, stream_options = plan_create(spec, stream, body_params, beta, mode, options)
    from ..types.parsed_message import parse_message_output

    def parsed(message: Message) -> ParsedMessage[Any]:
        return parse_message_output(message, output_format if adapter is not None else None, adapter)

    return plan, call, opts, stream_options, parsed


#: The beta under which the API streams tool input unvalidated, unfinished strings included.
FINE_GRAINED_TOOL_STREAMING = "fine-grained-tool-streaming-2025-05-14"


def accumulator_for(call: APIRequest, opts: CallOptions) -> MessageAccumulator:
    """The accumulator of a ``.stream()``: with fine-grained tool streaming requested (``betas=``
    or an ``anthropic-beta`` header), tool input snapshots keep unfinished strings."""
    sent = [
        call.headers.get("anthropic-beta"),
        *(v for k, v in (opts.extra_headers or {}).items() if k.lower() == "anthropic-beta"),
    ]
    fine_grained = any(isinstance(value, str) and FINE_GRAINED_TOOL_STREAMING in value for value in sent)
    from ..streaming.accumulator import MessageAccumulator

    return MessageAccumulator(trailing_strings=fine_grained, beta=call.query.get("beta") == "true")


def parse_message(response: httpx.Response) -> Message:
    return parse_response(response, Message)


def parse_token_count(response: httpx.Response) -> MessageTokensCount:
    return parse_response(response, MessageTokensCount)


class Messages(Resource[Requester]):
    """The Messages API."""

    _beta = False
    _specs = (CREATE, STREAM, COUNT_TOKENS, PARSE)

    @cached_property
    def batches(self) -> Batches:
        """Message Batches (``beta.messages.batches`` adds ``?beta=true`` and the batches beta)."""
        from .batches import Batches, BetaBatches

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
        return self._create(stream, params)  # type: ignore[no-any-return]

    def _create(self, stream: Any, params: Mapping[str, Any]) -> Any:
        client = self._client
        spec = self._specs[0]
        plan, call, opts, stream_options = plan_create(spec, stream, params, self._beta, self._mode, client.options)
        if plan is CreatePlan.REQUEST:
            return client._request(call, opts, parse_message, self._mode)
        if plan is CreatePlan.STREAM:
            return stream_result(client._stream(call, opts, stream_options), self._mode)
        from ..streaming.message_stream import MessageStream

        accumulator = accumulator_for(call, opts)
        return MessageStream(client._stream(call, opts, stream_options, accumulator), accumulator).get_final_message()

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
        return self._stream_manager({**params, "output_format": output_format})

    def _stream_manager(self, params: Mapping[str, Any]) -> MessageStreamManager[Any]:
        from ..streaming.message_stream import MessageStream, MessageStreamManager

        call, opts, stream_options, parsed = stream_call(self._specs[1], params, self._beta)

        def start() -> MessageStream[Any]:
            accumulator = accumulator_for(call, opts)
            return MessageStream(self._client._stream(call, opts, stream_options, accumulator), accumulator, parsed)

        return MessageStreamManager(start)

    @COUNT_TOKENS.applies
    def count_tokens(
        self,
        *,
        output_format: Union[JSONOutputFormatParam, Type[Any], Omit, None] = omit,
        **params: Unpack[MessageCountTokensKwargs],
    ) -> MessageTokensCount:
        """Count the input tokens of a conversation without creating a message."""
        return self._count_tokens({**params, "output_format": output_format})  # type: ignore[no-any-return]

    def _count_tokens(self, params: Mapping[str, Any]) -> Any:
        call, opts = count_tokens_call(self._specs[2], params, self._beta)
        return self._client._request(call, opts, parse_token_count, self._mode)

    @PARSE.applies
    def parse(
        self, *, output_format: Union[Type[T], Omit, None] = omit, **params: Unpack[MessageParseKwargs]
    ) -> ParsedMessage[T]:
        """Create a message whose JSON answer is validated into ``output_format`` (a pydantic model or
        any type ``pydantic.TypeAdapter`` takes): ``message.parsed_output`` (see docs/structured-outputs.md)."""
        return self._parse(output_format, params)  # type: ignore[no-any-return]

    def _parse(self, output_format: Any, params: Mapping[str, Any]) -> Any:
        client = self._client
        plan, call, opts, stream_options, parsed = plan_parse(
            self._specs[3], output_format, params, self._beta, self._mode, client.options
        )
        if plan is CreatePlan.REQUEST:
            return client._request(call, opts, lambda response: parsed(parse_message(response)), self._mode)
        from ..streaming.message_stream import MessageStream

        accumulator = accumulator_for(call, opts)
        stream = MessageStream(client._stream(call, opts, stream_options, accumulator), accumulator)
        return parsed(stream.get_final_message())


class AsyncMessages(Resource[AsyncRequester]):
    """The Messages API, awaited."""

    _beta = False
    _specs = (CREATE, STREAM, COUNT_TOKENS, PARSE)

    @cached_property
    def batches(self) -> AsyncBatches:
        """Message Batches, awaited."""
        from .batches import AsyncBatches, AsyncBetaBatches

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
        return await self._create(stream, params)  # type: ignore[no-any-return]

    async def _create(self, stream: Any, params: Mapping[str, Any]) -> Any:
        client = self._client
        spec = self._specs[0]
        plan, call, opts, stream_options = plan_create(spec, stream, params, self._beta, self._mode, client.options)
        if plan is CreatePlan.REQUEST:
            return await client._request(call, opts, parse_message, self._mode)
        if plan is CreatePlan.STREAM:
            return stream_result(await client._stream(call, opts, stream_options), self._mode)
        from ..streaming.message_stream import AsyncMessageStream

        accumulator = accumulator_for(call, opts)
        raw = await client._stream(call, opts, stream_options, accumulator)
        return await AsyncMessageStream(raw, accumulator).get_final_message()

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
        return self._stream_manager({**params, "output_format": output_format})

    def _stream_manager(self, params: Mapping[str, Any]) -> AsyncMessageStreamManager[Any]:
        from ..streaming.message_stream import AsyncMessageStream, AsyncMessageStreamManager

        call, opts, stream_options, parsed = stream_call(self._specs[1], params, self._beta)

        async def start() -> AsyncMessageStream[Any]:
            accumulator = accumulator_for(call, opts)
            raw = await self._client._stream(call, opts, stream_options, accumulator)
            return AsyncMessageStream(raw, accumulator, parsed)

        return AsyncMessageStreamManager(start)

    @COUNT_TOKENS.applies
    async def count_tokens(
        self,
        *,
        output_format: Union[JSONOutputFormatParam, Type[Any], Omit, None] = omit,
        **params: Unpack[MessageCountTokensKwargs],
    ) -> MessageTokensCount:
        """Count the input tokens of a conversation without creating a message."""
        return await self._count_tokens({**params, "output_format": output_format})  # type: ignore[no-any-return]

    async def _count_tokens(self, params: Mapping[str, Any]) -> Any:
        call, opts = count_tokens_call(self._specs[2], params, self._beta)
        return await self._client._request(call, opts, parse_token_count, self._mode)

    @PARSE.applies
    async def parse(
        self, *, output_format: Union[Type[T], Omit, None] = omit, **params: Unpack[MessageParseKwargs]
    ) -> ParsedMessage[T]:
        """Create a message whose JSON answer is validated into ``output_format`` (a pydantic model or
        any type ``pydantic.TypeAdapter`` takes): ``message.parsed_output`` (see docs/structured-outputs.md)."""
        return await self._parse(output_format, params)  # type: ignore[no-any-return]

    async def _parse(self, output_format: Any, params: Mapping[str, Any]) -> Any:
        client = self._client
        plan, call, opts, stream_options, parsed = plan_parse(
            self._specs[3], output_format, params, self._beta, self._mode, client.options
        )
        if plan is CreatePlan.REQUEST:
            return await client._request(call, opts, lambda response: parsed(parse_message(response)), self._mode)
        from ..streaming.message_stream import AsyncMessageStream

        accumulator = accumulator_for(call, opts)
        raw = await client._stream(call, opts, stream_options, accumulator)
        return parsed(await AsyncMessageStream(raw, accumulator).get_final_message())


if not TYPE_CHECKING:
    #: The official names of this path that live in other modules (see ``claude_core._compat.paths``).
    __getattr__ = fallback_getattr(__name__)
