"""The emulator as a pure request handler: ``EmulatorApp.handle(request) -> Reply``, no sockets.

The app checks authentication, routes to the Messages, count_tokens, Text Completions,
Models, Message Batches and Files endpoints, to Claude on Amazon Bedrock's ``/model/...``
ones and to Claude on Vertex AI's ``/v1/projects/...`` ones (see :mod:`._cloud_routes`),
records every request it receives, and serves queued faults (``enqueue``, see
:mod:`._faults`) before normal handling; rate limits (``rate_limits``) are in
:mod:`._ratelimits`. ``POST /oauth2/token`` is a local Google OAuth token endpoint (see
:mod:`._oauth`) that grants the Vertex routes' access tokens; it is outside the Claude API, so
its requests are neither recorded nor given queued faults. It is thread-safe: a server
thread and a test thread may use it at once.

By default any non-empty ``x-api-key`` or bearer token is accepted, so code that already
holds a real key runs unchanged; given ``api_keys`` or ``auth_tokens``, only those are.
"""

from __future__ import annotations

import collections
import itertools
import os
import pathlib
import re
import threading
from typing import Any, Callable, Deque, Dict, Iterable, List, Mapping, Optional, Pattern, Sequence, Tuple, Union

from . import _batches, _bedrock, _complete, _content, _files, _messages, _models, _oauth, _ratelimits, _stream, _vertex
from ._bedrock import EMULATOR_AWS_ACCESS_KEY_ID, EMULATOR_AWS_SECRET_ACCESS_KEY, EMULATOR_BEDROCK_API_KEY
from ._cloud_routes import BedrockRoutes, VertexRoutes
from ._faults import NO_SCRIPT, Fault, fault_reply, with_fault
from ._ratelimits import RateLimiter, RateLimits
from ._wire import MISSING, APIErrorReply, EmulatorRequest, RecordedRequest, Reply, error_body, json_reply

__all__ = [
    "EmulatorApp",
    "EMULATOR_API_KEY",
    "EMULATOR_AUTH_TOKEN",
    "EMULATOR_AWS_ACCESS_KEY_ID",
    "EMULATOR_AWS_SECRET_ACCESS_KEY",
    "EMULATOR_BEDROCK_API_KEY",
]

#: The key ``Emulator.api_key`` hands to clients when no strict keys are given (any key works then).
EMULATOR_API_KEY = "sk-ant-emulator-key"
#: The bearer token ``Emulator.auth_token`` hands to clients when no strict tokens are given.
EMULATOR_AUTH_TOKEN = "emulator-token"


class EmulatorApp:
    """A faithful, offline Claude API: deterministic replies, real error shapes, queued faults.

    :param api_keys: strict checking: only these ``x-api-key`` values are accepted (default:
        None, any non-empty key; a request without credentials is still a 401).
    :param auth_tokens: strict checking: only these ``Authorization: Bearer`` tokens are
        accepted (default: None, any non-empty token). Giving either list makes the check
        strict for both kinds: a kind without a list then accepts nothing.
    :param require_auth: check credentials and ``anthropic-version`` at all (False: accept
        requests without credentials).
    :param event_delay: seconds to wait between the events of every streamed reply.
    :param event_chunks: send every event of a streamed reply as its own HTTP chunk, as the API
        flushes them (default: the pre-rendered body in 64 KiB chunks).
    :param batch_step: how many requests of a message batch finish at each poll (GET) of it
        (see :mod:`._batches`).
    :param aws_credentials: ``(access key id, secret key)`` or ``(access key id, secret key,
        session token)``: what Bedrock requests must be SigV4-signed with (default:
        :data:`EMULATOR_AWS_ACCESS_KEY_ID` and :data:`EMULATOR_AWS_SECRET_ACCESS_KEY`, no
        token). A session token, when given, must come as ``X-Amz-Security-Token``.
    :param bedrock_api_keys: the Bedrock API keys accepted as ``Authorization: Bearer`` on the
        Bedrock routes (default: :data:`EMULATOR_BEDROCK_API_KEY` only).
    :param rate_limits: per-minute limits of requests, input and output tokens per API key on
        the Messages endpoints, with the API's ``anthropic-ratelimit-*`` headers and 429s (see
        :mod:`._ratelimits`; default: None, no limits and no such headers).
    """

    def __init__(
        self,
        api_keys: Optional[Iterable[str]] = None,
        auth_tokens: Optional[Iterable[str]] = None,
        require_auth: bool = True,
        event_delay: float = 0.0,
        event_chunks: bool = False,
        batch_step: int = 1,
        aws_credentials: Optional[Sequence[Optional[str]]] = None,
        bedrock_api_keys: Optional[Iterable[str]] = None,
        rate_limits: Optional[RateLimits] = None,
    ) -> None:
        if rate_limits is not None and not isinstance(rate_limits, RateLimits):
            raise TypeError(
                f"rate_limits should be a claude_emulator.RateLimits(...) or None, not {type(rate_limits).__name__}"
            )
        if isinstance(batch_step, bool) or not isinstance(batch_step, int) or batch_step < 1:
            raise ValueError(f"batch_step should be a positive integer, not {batch_step!r}")
        #: The accepted keys and tokens; both None (the default) accepts any non-empty one.
        self.api_keys: Optional[Tuple[str, ...]] = None if api_keys is None else _credentials("api_keys", api_keys)
        self.auth_tokens: Optional[Tuple[str, ...]] = (
            None if auth_tokens is None else _credentials("auth_tokens", auth_tokens)
        )
        self.require_auth = require_auth
        #: The credentials Bedrock requests are signed with, and the Bedrock API keys accepted.
        self.aws_credentials = _bedrock.aws_credentials(aws_credentials)
        self.bedrock_api_keys: Tuple[str, ...] = (
            (EMULATOR_BEDROCK_API_KEY,)
            if bedrock_api_keys is None
            else _credentials("bedrock_api_keys", bedrock_api_keys)
        )
        self.event_delay = float(event_delay)
        self.event_chunks = bool(event_chunks)
        self._limiter = None if rate_limits is None else RateLimiter(rate_limits)
        self._lock = threading.Lock()
        self._requests: List[RecordedRequest] = []
        self._faults: Deque[Fault] = collections.deque()
        self._counter = itertools.count(1)
        self._files = _files.FileStore()
        self._batches = _batches.Batches(batch_step, self._check_message)
        self._tokens = _oauth.TokenStore()
        self._bedrock_routes = BedrockRoutes(self, self._check_message, self._files, self._limiter)
        self._vertex_routes = VertexRoutes(self, self._tokens, self._count_tokens, self._messages)
        self._routes: Dict[Tuple[str, str], Callable[[EmulatorRequest, int, _stream.StreamScript], Reply]] = {
            ("POST", "/v1/messages"): self._messages,
            ("POST", "/v1/messages/count_tokens"): self._count_tokens,
            ("POST", "/v1/complete"): self._complete,
            ("GET", "/v1/models"): self._list_models,
            ("POST", "/v1/messages/batches"): self._create_batch,
            ("GET", "/v1/messages/batches"): self._list_batches,
            ("POST", "/v1/files"): self._upload_file,
            ("GET", "/v1/files"): self._list_files,
        }
        # routes naming one batch or file: (method, path pattern whose group is the id, handler)
        self._item_routes: List[Tuple[str, Pattern[str], Callable[[EmulatorRequest, int, str], Reply]]] = [
            ("GET", _BATCH, self._poll_batch),
            ("POST", _BATCH_CANCEL, self._cancel_batch),
            ("DELETE", _BATCH, self._delete_batch),
            ("GET", _BATCH_RESULTS, self._batch_results),
            ("GET", _FILE, self._file_metadata),
            ("DELETE", _FILE, self._delete_file),
            ("GET", _FILE_CONTENT, self._file_content),
        ]

    def __repr__(self) -> str:
        return f"EmulatorApp(requests={len(self._requests)}, queued_faults={len(self._faults)}, strict={self.strict})"

    @property
    def strict(self) -> bool:
        """Whether only the given ``api_keys`` / ``auth_tokens`` are accepted (else any non-empty one)."""
        return self.api_keys is not None or self.auth_tokens is not None

    @property
    def rate_limits(self) -> Optional[RateLimits]:
        """The rate limits applied to the Messages endpoints (None: none)."""
        return None if self._limiter is None else self._limiter.limits

    # -- test helpers -----------------------------------------------------------------

    @property
    def requests(self) -> List[RecordedRequest]:
        """A copy of every request received so far, oldest first."""
        with self._lock:
            return list(self._requests)

    def enqueue(
        self,
        status: Optional[int] = None,
        headers: Optional[Mapping[str, str]] = None,
        json: Any = MISSING,
        body: Optional[bytes] = None,
        delay: float = 0.0,
        drop: bool = False,
        *,
        stream_error_after: Optional[int] = None,
        error_type: str = "overloaded_error",
        drop_after_events: Optional[int] = None,
        stall_after_events: Optional[int] = None,
        stall_seconds: float = 0.0,
        stall_pings: bool = False,
        truncate_after_events: Optional[int] = None,
        sse: Optional[bytes] = None,
    ) -> None:
        """Queue a reply for the next request, whatever its endpoint (faults are served in FIFO order).

        With ``status`` (and optionally ``json=`` or raw ``body=``) the request gets exactly
        that reply; without a body an error status gets the API's error body for it. Without
        ``status`` the request is handled normally and only ``headers``, ``delay`` and
        ``drop`` apply. ``delay`` waits that many seconds before answering; ``drop`` closes
        the connection without any response.

        ``sse=`` answers with exactly these bytes as a ``text/event-stream`` body (status 200
        unless ``status`` is given). The other keywords script the next reply if it streams
        (``"stream": true``), counting events of the normal stream, pings included:
        ``stream_error_after=N`` sends an ``error`` event of ``error_type`` after N events and
        ends the body; ``drop_after_events=N`` cuts the connection after N events (no chunked
        terminator); ``stall_after_events=N`` sleeps ``stall_seconds`` after N events, sending a
        ``ping`` every 0.05 s meanwhile if ``stall_pings``, then goes on; and
        ``truncate_after_events=N`` ends the body cleanly after N events (no ``message_stop``).

        On the Bedrock routes (``/model/...``) a status fault answers in Bedrock's error shape
        (``{"message"}``, ``x-amzn-errortype``), ``sse=`` bytes go out as the event-stream
        body, and ``stream_error_after=N`` sends an exception frame after N events: its
        ``:exception-type`` is ``error_type`` itself when that is a Bedrock name
        (``"modelStreamErrorException"``), else ``overloaded_error`` and
        ``rate_limit_error`` give ``throttlingException``, ``api_error``
        ``internalServerException``, ``invalid_request_error`` ``validationException`` and
        ``timeout_error`` ``modelTimeoutException``. A stall with ``stall_pings`` is silent
        there (Bedrock sends no pings).
        """
        if (json is not MISSING) + (body is not None) + (sse is not None) > 1:
            raise ValueError("pass only one of json=, body= and sse=")
        script = _stream.StreamScript(
            stream_error_after,
            error_type,
            drop_after_events,
            stall_after_events,
            float(stall_seconds),
            bool(stall_pings),
            truncate_after_events,
        )
        items = tuple((headers or {}).items())
        fault = Fault(status, items, json, body, float(delay), bool(drop), script, sse)
        with self._lock:
            self._faults.append(fault)

    def reset(self) -> None:
        """Forget recorded requests, queued faults, message batches and uploaded files; zero ``vertex_token_grants``.

        Every rate-limit bucket is full again.

        Service accounts and the access tokens already issued stay valid.
        """
        with self._lock:
            self._requests.clear()
            self._faults.clear()
        self._batches.clear()
        self._files.clear()
        self._tokens.reset_grants()
        if self._limiter is not None:
            self._limiter.reset()

    def vertex_service_account(
        self,
        path: Union[str, "os.PathLike[str]"],
        *,
        token_uri: str,
        project_id: str = "emulator-project",
        token_lifetime: int = 3600,
    ) -> pathlib.Path:
        """Write a Google service-account key file (a fresh RSA-2048 key) at ``path``; returns ``path``.

        ``POST /oauth2/token`` then grants tokens for assertions it signs, each valid for
        ``token_lifetime`` seconds; ``token_uri`` is the endpoint's URL, written in the file
        (``Emulator.vertex_service_account`` fills it in). Client emails are
        ``emulator@{project_id}.iam.gserviceaccount.com``, then ``emulator-2@...`` and so on.
        """
        return self._tokens.service_account(
            path, token_uri=token_uri, project_id=project_id, token_lifetime=token_lifetime
        )

    def vertex_access_token(self, lifetime: int = 3600) -> str:
        """A new access token the Vertex routes accept for ``lifetime`` seconds (not counted as a grant)."""
        return self._tokens.mint(lifetime)

    @property
    def vertex_token_grants(self) -> int:
        """How many access tokens ``POST /oauth2/token`` has granted since start (or the last :meth:`reset`)."""
        return self._tokens.grants

    def close(self) -> None:
        """Delete the uploaded files and their temporary directory (``Emulator.stop`` calls this)."""
        self._files.close()

    def expire_batch(self, batch_id: str) -> None:
        """End a message batch now, as 24 hours would: every request still processing is ``expired``.

        Raises ``KeyError`` for an unknown batch and ``ValueError`` for one that has ended.
        """
        self._batches.expire(batch_id)

    # -- handling ---------------------------------------------------------------------

    def handle(self, request: EmulatorRequest) -> Reply:
        """Answer one request: a queued fault if any, else the endpoint's reply or an API error."""
        if request.path == _oauth.TOKEN_PATH:
            return self._tokens.token_reply(request)
        with self._lock:
            number = next(self._counter)
            self._requests.append(request)
            fault = self._faults.popleft() if self._faults else None
        if request.path.startswith("/model/"):
            return self._bedrock_routes.handle(request, number, fault)
        if fault is not None and fault.sse is not None:
            reply = _stream.sse_reply([fault.sse], _rid(number), fault.status if fault.status is not None else 200)
            return with_fault(reply, fault)
        if fault is not None and fault.replaces_reply:
            return fault_reply(fault, _rid(number))
        try:
            reply = self._route(request, number, fault.script if fault is not None else NO_SCRIPT)
        except APIErrorReply as exc:
            reply = json_reply(exc.status, error_body(exc.error_type, exc.message, _rid(number)), _rid(number))
            reply.headers.extend(exc.headers)
        except _vertex.GoogleError as exc:
            reply = _vertex.error_reply(exc)
        return reply if fault is None else with_fault(reply, fault)

    def _route(self, request: EmulatorRequest, number: int, script: _stream.StreamScript) -> Reply:
        if request.path.startswith(_vertex.PREFIX):
            return self._vertex_routes.handle(request, number, script)
        _check_size(request)
        if self.require_auth:
            self._check_auth(request)
        handler = self._routes.get((request.method, request.path))
        if handler is not None:
            return handler(request, number, script)
        for method, pattern, item_handler in self._item_routes:
            match = pattern.fullmatch(request.path)
            if match is not None and method == request.method:
                return item_handler(request, number, match.group(1))
        if request.method == "GET" and request.path.startswith("/v1/models/"):
            model = _models.retrieve_model(request.path[len("/v1/models/") :])
            return json_reply(200, model, _rid(number))
        raise APIErrorReply(404, "Not Found")

    def _check_auth(self, request: EmulatorRequest) -> None:
        headers = request.headers
        api_key = headers.get("x-api-key", "").strip()
        authorization = headers.get("authorization", "").strip()
        if api_key:
            if self.strict and api_key not in (self.api_keys or ()):
                raise APIErrorReply(401, "invalid x-api-key")
        elif authorization:
            scheme, _, token = authorization.partition(" ")
            token = token.strip()
            if scheme.lower() != "bearer" or not token or (self.strict and token not in (self.auth_tokens or ())):
                raise APIErrorReply(401, "invalid bearer token")
        else:
            raise APIErrorReply(401, "x-api-key header is required")
        if "anthropic-version" not in headers:
            raise APIErrorReply(400, "anthropic-version: header is required")

    # -- endpoints --------------------------------------------------------------------

    def _check_message(self, body: Any, beta: bool, betas: str) -> Tuple[Dict[str, Any], int]:
        """Validate a Messages body as POST /v1/messages does; the params and their input tokens."""
        params = _messages.validate_params(body, need_max_tokens=True, beta=beta, betas=betas)
        self._files.check_refs(params)
        input_tokens = _messages.count_input_tokens(params)
        _messages.check_context_window(params["model"], input_tokens, betas)
        return params, input_tokens

    def _messages(
        self,
        request: EmulatorRequest,
        number: int,
        script: _stream.StreamScript,
        id_prefix: str = "msg_emu_",
        limit_key: Optional[str] = None,
    ) -> Reply:
        betas = request.headers.get("anthropic-beta", "")
        params, input_tokens = self._check_message(_parse_body(request), _is_beta(request), betas)
        knobs = _content.knobs_from_headers(request.headers)
        generated = _content.generate(params, knobs)
        message = _messages.build_message(params, f"{id_prefix}{number}", generated, input_tokens)
        reservation = _ratelimits.admit(self._limiter, limit_key, request, input_tokens, params)
        if not params.get("stream"):
            reply = json_reply(200, message, _rid(number))
            return _ratelimits.limit_reply(reply, reservation, generated.output_tokens, streamed=False)
        frames = _stream.render_events(message, generated, pings=knobs.pings)
        reply = self._stream_reply(frames, script, number)
        return _ratelimits.limit_reply(reply, reservation, generated.output_tokens, streamed=True)

    def _count_tokens(self, request: EmulatorRequest, number: int, script: _stream.StreamScript) -> Reply:
        params = _messages.validate_params(_parse_body(request), need_max_tokens=False, beta=_is_beta(request))
        self._files.check_refs(params)
        return json_reply(200, {"input_tokens": _messages.count_input_tokens(params)}, _rid(number))

    def _complete(self, request: EmulatorRequest, number: int, script: _stream.StreamScript) -> Reply:
        params = _complete.validate_params(_parse_body(request))
        completion = _complete.complete(params)
        _messages.check_context_window(params["model"], completion.input_tokens)
        knobs = _content.knobs_from_headers(request.headers)
        completion_id = _complete.new_id()
        if not params.get("stream"):
            return json_reply(200, _complete.build(params, completion, completion_id), _rid(number))
        frames = _complete.render_events(params, completion, completion_id, pings=knobs.pings)
        return self._stream_reply(frames, script, number)

    def _stream_reply(self, frames: List[bytes], script: _stream.StreamScript, number: int) -> Reply:
        body = _stream.stream_body(frames, script, self.event_delay, self.event_chunks)
        return _stream.sse_reply(body, _rid(number))

    def _list_models(self, request: EmulatorRequest, number: int, script: _stream.StreamScript) -> Reply:
        return json_reply(200, _models.list_models(request.query), _rid(number))

    # -- message batches --------------------------------------------------------------

    def _create_batch(self, request: EmulatorRequest, number: int, script: _stream.StreamScript) -> Reply:
        batch = self._batches.create(_parse_body(request), number, request.headers, _is_beta(request))
        return json_reply(200, batch.to_json(_base_url(request)), _rid(number))

    def _list_batches(self, request: EmulatorRequest, number: int, script: _stream.StreamScript) -> Reply:
        return json_reply(200, self._batches.list(request.query, _base_url(request)), _rid(number))

    def _poll_batch(self, request: EmulatorRequest, number: int, batch_id: str) -> Reply:
        return json_reply(200, self._batches.poll(batch_id).to_json(_base_url(request)), _rid(number))

    def _cancel_batch(self, request: EmulatorRequest, number: int, batch_id: str) -> Reply:
        return json_reply(200, self._batches.cancel(batch_id).to_json(_base_url(request)), _rid(number))

    def _delete_batch(self, request: EmulatorRequest, number: int, batch_id: str) -> Reply:
        return json_reply(200, self._batches.delete(batch_id), _rid(number))

    def _batch_results(self, request: EmulatorRequest, number: int, batch_id: str) -> Reply:
        headers = [("content-type", "application/binary"), ("request-id", _rid(number))]
        return Reply(200, headers, self._batches.results(batch_id))

    # -- files ------------------------------------------------------------------------

    def _upload_file(self, request: EmulatorRequest, number: int, script: _stream.StreamScript) -> Reply:
        self._files.require_beta(request.headers)
        content_type = request.headers.get("content-type", "")
        stored = self._files.upload(request.open_body(), content_type, f"file_emu_{number}")
        return json_reply(200, stored.metadata(), _rid(number))

    def _list_files(self, request: EmulatorRequest, number: int, script: _stream.StreamScript) -> Reply:
        self._files.require_beta(request.headers)
        return json_reply(200, self._files.list(request.query), _rid(number))

    def _file_metadata(self, request: EmulatorRequest, number: int, file_id: str) -> Reply:
        self._files.require_beta(request.headers)
        return json_reply(200, self._files.get(file_id).metadata(), _rid(number))

    def _delete_file(self, request: EmulatorRequest, number: int, file_id: str) -> Reply:
        self._files.require_beta(request.headers)
        return json_reply(200, self._files.delete(file_id), _rid(number))

    def _file_content(self, request: EmulatorRequest, number: int, file_id: str) -> Reply:
        self._files.require_beta(request.headers)
        stored = self._files.get(file_id)
        headers = [("content-type", stored.mime_type), ("request-id", _rid(number))]
        return Reply(200, headers, self._files.open(file_id), length=stored.size_bytes)


_BATCH = re.compile(r"/v1/messages/batches/([^/]+)")
_BATCH_CANCEL = re.compile(r"/v1/messages/batches/([^/]+)/cancel")
_BATCH_RESULTS = re.compile(r"/v1/messages/batches/([^/]+)/results")
_FILE = re.compile(r"/v1/files/([^/]+)")
_FILE_CONTENT = re.compile(r"/v1/files/([^/]+)/content")


#: The largest request body each endpoint takes (bytes); the Messages API and the rest take 32 MB.
_MAX_BODY = {"/v1/messages/batches": 256 << 20, "/v1/files": 500 << 20}
_DEFAULT_MAX_BODY = 32 << 20


def _check_size(request: EmulatorRequest) -> None:
    """A 413 ``request_too_large`` for a body over the endpoint's limit, before anything reads it."""
    if request.body_file is None:
        size = len(request.body)
    else:
        size = request.body_file.seek(0, os.SEEK_END)
        request.body_file.seek(0)
    limit = _MAX_BODY.get(request.path, _DEFAULT_MAX_BODY)
    if size > limit:
        raise APIErrorReply(413, "Request exceeds the maximum allowed number of bytes.")


def _rid(number: int) -> str:
    return f"req_emu_{number}"


def _credentials(name: str, values: Iterable[str]) -> Tuple[str, ...]:
    if isinstance(values, str):
        raise TypeError(f"{name} should be a list of strings, not one string")
    result = tuple(values)
    if not all(isinstance(value, str) and value for value in result):
        raise ValueError(f"{name} should hold non-empty strings")
    return result


def _base_url(request: EmulatorRequest) -> str:
    """``http://`` and the request's ``Host`` header: where the client reached the emulator."""
    return "http://" + (request.headers.get("host") or "localhost")


def _is_beta(request: EmulatorRequest) -> bool:
    return request.query.get("beta", "").lower() == "true"


def _parse_body(request: EmulatorRequest) -> Any:
    try:
        return request.json()
    except ValueError:
        raise APIErrorReply(400, "There was an error parsing the body of your request: invalid JSON") from None
