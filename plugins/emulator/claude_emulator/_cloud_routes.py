"""The app's Claude on Amazon Bedrock and Claude on Vertex AI routes: each request checked, mapped and answered.

What the two platforms' requests and replies look like (paths, SigV4 signatures and API keys,
bodies, error shapes, event-stream frames) is in :mod:`._bedrock` and :mod:`._vertex`, their
OAuth tokens in :mod:`._oauth`; these handlers put that together with the Messages
validation, generation, rate limits and queued faults of the first-party routes. A Bedrock
request is answered here, in Bedrock's shapes; a Vertex request is translated into the
first-party request it stands for and answered by the app's first-party handler.

The routes read their app's settings on every request, since those may change, through
:class:`Settings`: this module does not import :mod:`.app`.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Optional, Protocol, Tuple

from . import _bedrock, _content, _eventstream, _messages, _stream, _vertex
from ._bedrock import AwsCredentials
from ._faults import NO_SCRIPT, Fault, with_fault
from ._files import FileStore
from ._oauth import TokenStore
from ._ratelimits import RateLimiter, SettleOnEnd, admit
from ._wire import MISSING, APIErrorReply, EmulatorRequest, Reply, dumps

__all__ = ["Settings", "CheckMessage", "Handler", "MessagesHandler", "BedrockRoutes", "VertexRoutes"]

#: The ``max_tokens`` a CountTokens body without one is validated with.
_NO_MAX_TOKENS = 2**31 - 1


class Settings(Protocol):
    """What the routes read of their app on every request (an ``EmulatorApp`` has all of it)."""

    require_auth: bool
    aws_credentials: AwsCredentials
    bedrock_api_keys: Tuple[str, ...]
    event_delay: float
    event_chunks: bool


#: Validates a Messages body as ``POST /v1/messages`` does: ``(body, beta, anthropic-beta)`` to
#: ``(params, input tokens)``; raises :class:`APIErrorReply` for that endpoint's error.
CheckMessage = Callable[[Any, bool, str], Tuple[Dict[str, Any], int]]
#: A first-party handler: ``(request, request number, stream script)`` to its reply.
Handler = Callable[[EmulatorRequest, int, _stream.StreamScript], Reply]
#: The first-party Messages handler: ``(request, number, script, message id prefix, rate-limit key)``.
MessagesHandler = Callable[[EmulatorRequest, int, _stream.StreamScript, str, Optional[str]], Reply]


class BedrockRoutes:
    """``POST /model/{modelId}/invoke``, ``/invoke-with-response-stream`` and ``/count-tokens``.

    :param settings: the app, read for ``require_auth``, the AWS credentials and Bedrock API
        keys, and the stream pacing.
    :param check_message: the first-party Messages validation.
    :param files: the uploaded files that ``file`` sources may name.
    :param limiter: the app's rate limits (None: none); Bedrock requests share the key ``"bedrock"``.
    """

    def __init__(
        self,
        settings: Settings,
        check_message: CheckMessage,
        files: FileStore,
        limiter: Optional[RateLimiter],
    ) -> None:
        self._settings = settings
        self._check_message = check_message
        self._files = files
        self._limiter = limiter

    def handle(self, request: EmulatorRequest, number: int, fault: Optional[Fault]) -> Reply:
        """Answer a ``/model/...`` request, or the queued ``fault`` in Bedrock's shape; every error as Bedrock's."""
        rid = _bedrock.request_id(number)
        if fault is not None and fault.sse is not None:
            headers = [("content-type", _eventstream.CONTENT_TYPE), ("x-amzn-requestid", rid)]
            status = fault.status if fault.status is not None else 200
            return with_fault(Reply(status, headers, iter([fault.sse])), fault)
        if fault is not None and fault.replaces_reply:
            return self._fault_reply(fault, rid)
        try:
            try:
                reply = self._answer(request, number, fault.script if fault is not None else NO_SCRIPT)
            except APIErrorReply as exc:
                raise _bedrock.from_api_error(exc) from None
        except _bedrock.BedrockError as exc:
            reply = _bedrock.error_reply(exc.status, exc.error_type, exc.message, rid)
        return reply if fault is None else with_fault(reply, fault)

    @staticmethod
    def _fault_reply(fault: Fault, rid: str) -> Reply:
        status = fault.status if fault.status is not None else 200
        if fault.body is None and fault.json is MISSING and status >= 400:
            error = _bedrock.status_error(status)
            reply = _bedrock.error_reply(status, error.error_type, error.message, rid)
        else:
            content = (
                fault.body if fault.body is not None else dumps(fault.json) if fault.json is not MISSING else b"{}"
            )
            reply = Reply(status, [("content-type", "application/json"), ("x-amzn-requestid", rid)], [content])
        return with_fault(reply, fault)

    def _answer(self, request: EmulatorRequest, number: int, script: _stream.StreamScript) -> Reply:
        settings = self._settings
        if settings.require_auth:
            _bedrock.check_auth(request, settings.aws_credentials, settings.bedrock_api_keys)
        route = _bedrock.parse_path(request.path)
        if route is None or request.method != "POST":
            raise _bedrock.BedrockError(404, "UnknownOperationException", "The requested operation is not recognized.")
        model_id, operation = route
        model = _bedrock.resolve_model(model_id)
        rid = _bedrock.request_id(number)
        if operation == "count-tokens":
            params, betas = _bedrock.messages_body(_bedrock.count_tokens_body(request.body), model, stream=False)
            # an InvokeModel body, whose max_tokens is not counted: without one, none limits the thinking budget
            params.setdefault("max_tokens", _NO_MAX_TOKENS)
            params = _messages.validate_params(params, need_max_tokens=True, beta=True, betas=betas)
            self._files.check_refs(params)
            return Reply(
                200,
                [("content-type", "application/json"), ("x-amzn-requestid", rid)],
                [dumps({"inputTokens": _messages.count_input_tokens(params)})],
            )
        stream = operation == "invoke-with-response-stream"
        params, betas = _bedrock.messages_body(request.body, model, stream=stream)
        params, input_tokens = self._check_message(params, bool(betas), betas)
        knobs = _content.knobs_from_headers(request.headers)
        generated = _content.generate(params, knobs)
        message = _messages.build_message(params, f"msg_bdrk_emu_{number}", generated, input_tokens)
        reservation = admit(self._limiter, "bedrock", request, input_tokens, params)
        if not stream:
            if reservation is not None:  # Bedrock sends no anthropic-ratelimit-* headers
                reservation.settle(generated.output_tokens)
            return Reply(200, _bedrock.invoke_headers(rid, message), [dumps(message)])
        frames = _stream.Reframed(_bedrock.stream_events(message, generated), _bedrock.chunk_frame)
        body = _stream.stream_body(
            frames, script, settings.event_delay, settings.event_chunks, error=_bedrock.exception_frame, ping=None
        )
        headers = [
            ("content-type", _eventstream.CONTENT_TYPE),
            ("x-amzn-requestid", rid),
            ("x-amzn-bedrock-content-type", "application/json"),
        ]
        if reservation is not None:
            return Reply(200, headers, SettleOnEnd(body, reservation, generated.output_tokens))
        return Reply(200, headers, iter(body))


class VertexRoutes:
    """``POST /v1/projects/.../models/{model}:rawPredict`` and ``:streamRawPredict``, and count-tokens.

    :param settings: the app, read for ``require_auth``.
    :param tokens: the OAuth access tokens the emulator issued.
    :param count_tokens: the first-party ``POST /v1/messages/count_tokens`` handler.
    :param messages: the first-party ``POST /v1/messages`` handler; Vertex requests share the
        rate-limit key ``"vertex"``.
    """

    def __init__(
        self, settings: Settings, tokens: TokenStore, count_tokens: Handler, messages: MessagesHandler
    ) -> None:
        self._settings = settings
        self._tokens = tokens
        self._count_tokens = count_tokens
        self._messages = messages

    def handle(self, request: EmulatorRequest, number: int, script: _stream.StreamScript) -> Reply:
        """A Vertex request, answered by the first-party handler of the request it stands for.

        Raises :class:`._vertex.GoogleError` for Google's own refusals and :class:`APIErrorReply`
        for the rest, as the first-party routes do.
        """
        route = _vertex.parse_path(request.path)
        if route is None or request.method != "POST":
            raise _vertex.not_found(request.path)
        if self._settings.require_auth:
            _vertex.check_token(request, self._tokens)
        translated = _vertex.first_party_request(request, route)
        if route.count_tokens:
            return self._count_tokens(translated, number, script)
        return self._messages(translated, number, script, "msg_vrtx_emu_", "vertex")
