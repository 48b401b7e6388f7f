"""How ``messages`` and ``beta.messages`` carry out ``create``, ``stream``, ``count_tokens`` and
``parse``: every decision made before any I/O, for the sync and the async resource alike.

:func:`plan_call` is the one function to read: it checks the arguments, builds the request
(its body in the method's wire order, the betas, ``output_format`` turned into
``output_config.format``) and says :class:`How` to send it. The resources then only do the I/O,
one line a :class:`How` (``resources/messages.py``, ``_run`` and ``_open``).
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, Callable, Dict, Mapping, NamedTuple, Optional, Tuple, cast

import httpx
import pydantic
from typing_extensions import Literal

from .._engine.parsing import parse_response
from .._options import DEFAULT_TIMEOUT, CallOptions, ClientOptions
from .._types import NotGiven, Omit, RequestMode, StreamOptions, omit
from ..errors import AnthropicError
from ..providers import APIRequest
from ..types import Message
from ._message_specs import MessageSpecs
from ._spec import STREAM_OPTION_KEYS, MethodSpec, options_of
from ._warnings import warn_deprecated_usage

# The structured-output and streaming machinery is imported where a plan needs it: a plain
# create() loads neither.
if TYPE_CHECKING:
    from ..streaming.accumulator import MessageAccumulator
    from ..types.parsed_message import ParsedMessage
    from ..types.token_count import MessageTokensCount

__all__ = [
    "How",
    "Method",
    "Plan",
    "plan_call",
    "NONSTREAMING_TOKEN_LIMITS",
    "STRUCTURED_OUTPUTS_BETA",
]

#: The methods :func:`plan_call` plans.
Method = Literal["create", "stream", "count_tokens", "parse"]
#: What makes a reply's final message a :class:`ParsedMessage` (``output_format`` validated).
Finish = Callable[[Message], "ParsedMessage[Any]"]


TOKEN_COUNTING_BETA = "token-counting-2024-11-01"
#: The beta ``beta.messages.parse`` adds when ``betas=[...]`` lacks it.
STRUCTURED_OUTPUTS_BETA = "structured-outputs-2025-12-15"
#: The beta under which the API streams tool input unvalidated, unfinished strings included.
FINE_GRAINED_TOOL_STREAMING = "fine-grained-tool-streaming-2025-05-14"

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


def parse_message(response: httpx.Response) -> Message:
    return parse_response(response, Message)


def parse_token_count(response: httpx.Response) -> MessageTokensCount:
    from ..types.token_count import MessageTokensCount  # its model is made by the first count_tokens

    return parse_response(response, MessageTokensCount)


class How(enum.Enum):
    """How the resource carries out a :class:`Plan`."""

    REQUEST = "request"  # one request; ``plan.parse`` turns its response into the result
    STREAM = "stream"  # create(stream=True): the raw event stream is the result
    AUTO_STREAM = "auto_stream"  # a long non-streaming create or parse, streamed under the hood
    STREAM_MANAGER = "stream_manager"  # stream(): a manager that sends the request on entry


class Plan(NamedTuple):
    """One call, decided: what to send and how (see :func:`plan_call`)."""

    how: How
    call: APIRequest
    opts: CallOptions
    stream_options: StreamOptions
    #: How a REQUEST's response becomes the result.
    parse: Callable[[httpx.Response], Any] = parse_message
    #: What makes a streamed reply's final message a ParsedMessage (None: the Message as it is).
    finish: Optional[Finish] = None

    def accumulator(self) -> MessageAccumulator:
        """A fresh accumulator for this plan's stream: with fine-grained tool streaming requested
        (``betas=`` or an ``anthropic-beta`` header), tool input snapshots keep unfinished strings."""
        sent = [
            self.call.headers.get("anthropic-beta"),
            *(v for k, v in (self.opts.extra_headers or {}).items() if k.lower() == "anthropic-beta"),
        ]
        fine_grained = any(isinstance(value, str) and FINE_GRAINED_TOOL_STREAMING in value for value in sent)
        from ..streaming.accumulator import MessageAccumulator  # here: only a stream needs it

        return MessageAccumulator(trailing_strings=fine_grained, beta=self.call.query.get("beta") == "true")


def plan_call(
    method: Method,
    specs: MessageSpecs,
    beta: bool,
    params: Mapping[str, Any],
    options: ClientOptions,
    mode: RequestMode,
    stream: Any = omit,
) -> Plan:
    """Everything ``method`` of ``messages`` (``beta.messages`` when ``beta``) decides before any I/O.

    :param params: the keyword arguments as the caller passed them, ``output_format`` included
        (``omit`` where not given).
    :param options: the client's options; ``mode``: what the method returns (see
        :class:`RequestMode`): both decide whether a long request is streamed under the hood.
    :param stream: the ``stream`` argument of ``create`` (``omit`` when not given; ``parse``
        has its own in ``params``): an explicit ``stream=False`` is sent, as the official SDK sends it.
    """
    spec: MethodSpec = getattr(specs, method)
    if method == "count_tokens":
        params, _ = _with_output_format(spec, params)
        call = APIRequest("messages.count_tokens", "POST", "/v1/messages/count_tokens", body=spec.body(params))
        # the beta endpoint names the token-counting beta after the caller's, as the official SDK sends it
        betas = [*(params.get("betas") or ()), TOKEN_COUNTING_BETA] if beta else None
        return Plan(How.REQUEST, _with_betas(call, betas, beta), options_of(params), {}, parse_token_count)

    if method == "stream":  # its own key order, ``"stream": true`` last
        if "stream" in params:
            raise TypeError(f"{spec.name}() got unexpected keyword argument(s): 'stream' (it always streams)")
        params, finish = _with_output_format(spec, params)
        call, opts, stream_options = _create_call(spec, params, beta)
        assert call.body is not None
        call.body["stream"] = True
        return Plan(How.STREAM_MANAGER, call, opts, stream_options, finish=finish)

    finish = None
    if method == "parse":  # create, with the reply validated into output_format
        stream = params.get("stream", omit)
        if stream is True:
            raise TypeError(f"{spec.name}() does not stream: use stream(), which takes output_format too")
        params, finish = _with_output_format(spec, params)
        finish = finish or _unparsed
        if beta:
            betas = list(params.get("betas") or ())
            params["betas"] = betas if STRUCTURED_OUTPUTS_BETA in betas else [*betas, STRUCTURED_OUTPUTS_BETA]
    if not isinstance(stream, (bool, Omit, NotGiven)):
        raise TypeError(f"{spec.name}() takes stream=True or stream=False, got stream={stream!r}")
    if isinstance(stream, bool) and method == "create":
        params = {**params, "stream": stream}
    call, opts, stream_options = _create_call(spec, params, beta)
    if stream is True:
        return Plan(How.STREAM, call, opts, stream_options)
    if stream_options:
        names = ", ".join(sorted(stream_options))
        raise TypeError(f"{names} apply to streamed calls: pass stream=True or use messages.stream()")
    if mode is RequestMode.PARSE and needs_streaming(call.body or {}, opts, options):
        return Plan(How.AUTO_STREAM, call, opts, stream_options, finish=finish)
    parse = parse_message if finish is None else _then(finish)
    return Plan(How.REQUEST, call, opts, stream_options, parse)


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


def _create_call(
    spec: MethodSpec, params: Mapping[str, Any], beta: bool
) -> Tuple[APIRequest, CallOptions, StreamOptions]:
    """The request of ``create``, ``stream`` or ``parse``: its body in the method's wire order."""
    body = spec.body(params)
    warn_deprecated_usage(body)
    stream_options = cast(StreamOptions, {k: params[k] for k in STREAM_OPTION_KEYS if params.get(k) is not None})
    call = APIRequest("messages.create", "POST", "/v1/messages", body=body)
    return _with_betas(call, params.get("betas"), beta), options_of(params), stream_options


def _with_betas(call: APIRequest, betas: Any, beta: bool) -> APIRequest:
    """Beta calls get ``?beta=true``; ``betas=[...]`` becomes the ``anthropic-beta`` header."""
    if beta:
        call.query["beta"] = "true"
        if betas:
            call.headers["anthropic-beta"] = ",".join(betas)
    return call


def _with_output_format(spec: MethodSpec, params: Mapping[str, Any]) -> Tuple[Dict[str, Any], Optional[Finish]]:
    """``params`` with their ``output_format`` (a type, or a format dict ``{"type": "json_schema",
    "schema": ...}`` sent as given) merged into ``output_config.format``, other keys (``effort``)
    kept; and, for a type, the function that validates the reply into it."""
    output_format = params.get("output_format")
    params = {k: v for k, v in params.items() if k != "output_format"}
    if output_format is None or isinstance(output_format, (Omit, NotGiven)):
        return params, None
    config = params.get("output_config")
    if isinstance(config, Mapping) and config.get("format") is not None:
        raise AnthropicError(
            f"{spec.name}() got both output_format and output_config.format: pass only one "
            "(output_format builds output_config.format from a type)"
        )
    adapter, output = (
        (None, dict(output_format)) if isinstance(output_format, Mapping) else _output_format_param(output_format)
    )
    params["output_config"] = {**config, "format": output} if isinstance(config, Mapping) else {"format": output}
    if adapter is None:
        return params, None
    from ..types.parsed_message import parse_message_output  # here: only output_format needs it

    def finish(message: Message) -> ParsedMessage[Any]:
        return parse_message_output(message, output_format, adapter)

    return params, finish


def _output_format_param(output_format: Any) -> Tuple[Any, Dict[str, Any]]:
    """The ``pydantic.TypeAdapter`` of ``output_format`` and the ``output_config.format`` it gives:
    ``{"type": "json_schema", "schema": transform_schema(TypeAdapter(T).json_schema())}``."""
    from ..schema import transform_schema  # here: only output_format needs it

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


def _unparsed(message: Message) -> ParsedMessage[Any]:
    """``parse()`` without an output type: the reply as a ParsedMessage, ``parsed_output`` None."""
    from ..types.parsed_message import parse_message_output  # here: only parse() needs it

    return parse_message_output(message, None, None)


def _then(finish: Finish) -> Callable[[httpx.Response], ParsedMessage[Any]]:
    """The response parser of a REQUEST whose message ``finish`` makes a ParsedMessage."""
    return lambda response: finish(parse_message(response))
