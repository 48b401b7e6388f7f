"""The ``bedrock`` provider: Claude on Amazon Bedrock's runtime API.

Request side: ``/model/{modelId}/invoke`` and ``/invoke-with-response-stream`` for
messages (and legacy completions), ``/model/{modelId}/count-tokens`` for token counting,
the Bedrock body (``anthropic_version``, betas in ``anthropic_beta``), no first-party auth
headers. Response side: ``x-amzn-requestid``, Bedrock's error bodies, and AWS
event-stream framing (:class:`EventStreamDecoder`).

Authentication (SigV4 or a Bedrock API key) is the job of :mod:`provider_bedrock.plugin`.
"""

from __future__ import annotations

import base64
import json
import os
import re
import threading
from typing import Any, Dict, FrozenSet, List, Mapping, Optional, Tuple, Type
from urllib.parse import quote

import httpx

from claude_core import errors
from claude_core.cloud_clients import check_served
from claude_core.providers import APIRequest, Provider, StreamDecoder, StreamPair, body_bytes

__all__ = [
    "BedrockProvider",
    "EventStreamDecoder",
    "BEDROCK_ANTHROPIC_VERSION",
    "BASE_URL_ENV",
    "resolve_region",
]

#: The ``anthropic_version`` Bedrock's Anthropic models take in the body.
BEDROCK_ANTHROPIC_VERSION = "bedrock-2023-05-31"
BASE_URL_ENV = "ANTHROPIC_BEDROCK_BASE_URL"

_SERVED: FrozenSet[str] = frozenset({"messages.create", "messages.count_tokens", "completions.create"})
#: Endpoint prefixes Bedrock does not serve, and what to use instead.
_ALTERNATIVES: Tuple[Tuple[str, str], ...] = (
    (
        "messages.batches.",
        "the Message Batches API is not served by Amazon Bedrock: use the first-party client "
        "(claude_core.Anthropic) for it, or Bedrock's own batch inference (CreateModelInvocationJob)",
    ),
    (
        "beta.files.",
        "the Files API is not served by Amazon Bedrock: use the first-party client (claude_core.Anthropic) for it",
    ),
    (
        "models.",
        "the Models API is not served by Amazon Bedrock: use the first-party client (claude_core.Anthropic), "
        "or Bedrock's ListFoundationModels (boto3.client('bedrock').list_foundation_models())",
    ),
)
#: What an endpoint neither served nor in ``_ALTERNATIVES`` is told.
_NOT_SERVED = (
    "is not served by Amazon Bedrock (the 'bedrock' provider serves messages.create, messages.stream, "
    "messages.count_tokens and completions.create): use the first-party client (claude_core.Anthropic) for it"
)

#: Bedrock error types (``x-amzn-errortype``, ``:exception-type``, first letter lower-cased)
#: with the SDK class and the status they mean.
_BY_ERROR_TYPE: Dict[str, Tuple[Type[errors.APIStatusError], int]] = {
    "validationException": (errors.BadRequestError, 400),
    "accessDeniedException": (errors.PermissionDeniedError, 403),
    "resourceNotFoundException": (errors.NotFoundError, 404),
    "modelNotReadyException": (errors.RateLimitError, 429),
    "throttlingException": (errors.RateLimitError, 429),
    "serviceQuotaExceededException": (errors.RateLimitError, 429),
    "modelTimeoutException": (errors.DeadlineExceededError, 408),
    "modelErrorException": (errors.InternalServerError, 424),
    "modelStreamErrorException": (errors.InternalServerError, 500),
    "internalServerException": (errors.InternalServerError, 500),
    "serviceUnavailableException": (errors.ServiceUnavailableError, 503),
}

_SESSION_OPTION = "aws_session"


#: AWS's error types (``x-amzn-errortype``) for credentials that went stale: refreshing may help.
_STALE_CREDENTIALS = frozenset({"ExpiredTokenException", "UnrecognizedClientException", "InvalidSignatureException"})


def _error_type(raw: Optional[str]) -> Optional[str]:
    """``ValidationException:http://internal.amazon.com/...`` -> ``ValidationException``."""
    if not raw:
        return None
    name = raw.split(":", 1)[0].strip()
    return name or None


def _key(kind: Optional[str]) -> Optional[str]:
    """The lookup key of an error type: ``ValidationException`` and ``validationException`` alike."""
    return kind[:1].lower() + kind[1:] if kind else None


def _class_for(kind: Optional[str], status: int) -> Tuple[Type[errors.APIStatusError], int]:
    key = _key(kind)
    if key is not None and key in _BY_ERROR_TYPE:
        cls, usual = _BY_ERROR_TYPE[key]
        return cls, status if status >= 400 else usual
    return errors.error_class(status, cloud=True), status


def resolve_region(options: Mapping[str, Any], profile_region: Any) -> str:
    """The AWS region: ``aws_region=``, ``AWS_REGION``, ``AWS_DEFAULT_REGION``, then the
    session's or profile's region (``profile_region()``, called only when needed)."""
    region = options.get("aws_region") or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    if not region:
        region = profile_region()
    if not region:
        raise errors.AnthropicError(
            "no AWS region for the 'bedrock' provider: pass aws_region= (AnthropicBedrock(aws_region=...) or "
            "provider_options={'aws_region': ...}), set AWS_REGION or AWS_DEFAULT_REGION, or set a region in "
            "the AWS profile (or boto3.Session) in use"
        )
    return str(region)


class BedrockProvider(Provider):
    """``provider="bedrock"``: Claude on Amazon Bedrock.

    Provider options (``provider_options=`` or the :class:`~provider_bedrock.AnthropicBedrock`
    arguments): ``aws_region``, ``aws_profile``, ``aws_access_key``, ``aws_secret_key``,
    ``aws_session_token``, ``aws_session`` (a ``boto3.Session``).
    """

    name = "bedrock"
    endpoints = _SERVED
    api_key_auth = False  # ANTHROPIC_API_KEY is not a Bedrock credential
    request_id_header = "x-amzn-requestid"

    def __init__(self, options: Any) -> None:
        super().__init__(options)
        self._lock = threading.Lock()
        self._region: Optional[str] = None
        self._botocore_session: Any = None

    # -- AWS configuration --------------------------------------------------------------

    @property
    def aws_options(self) -> Dict[str, Any]:
        extra: Dict[str, Any] = self.options.extra
        return extra

    @property
    def aws_session(self) -> Any:
        """The ``boto3.Session`` the user passed (``aws_session=``), or None."""
        return self.aws_options.get(_SESSION_OPTION)

    def botocore_session(self) -> Any:
        """A botocore session for ``aws_profile`` (or the default profile); made once, reads AWS config files."""
        with self._lock:
            if self._botocore_session is None:
                import botocore.session  # type: ignore[import-untyped, unused-ignore]

                profile = self.aws_options.get("aws_profile")
                self._botocore_session = botocore.session.Session(profile=profile)
            return self._botocore_session

    def _profile_region(self) -> Optional[str]:
        session = self.aws_session
        if session is not None:
            region = getattr(session, "region_name", None)
            return str(region) if region else None
        try:
            region = self.botocore_session().get_config_variable("region")
        except Exception as exc:  # botocore.exceptions.ProfileNotFound and friends
            raise errors.AnthropicError(
                f"could not read the AWS profile's region: {type(exc).__name__}: {exc}"
            ) from exc
        return str(region) if region else None

    @property
    def region(self) -> str:
        """The AWS region, resolved on first use (see :func:`resolve_region`)."""
        region = self._region
        if region is None:
            region = self._region = resolve_region(self.aws_options, self._profile_region)
        return region

    # -- request side ---------------------------------------------------------------------

    def base_url(self) -> str:
        return (
            self.options.base_url
            or os.environ.get(BASE_URL_ENV)
            or f"https://bedrock-runtime.{self.region}.amazonaws.com"
        )

    def default_headers(self) -> Mapping[str, str]:
        return {}

    def check_supported(self, request: APIRequest) -> None:
        check_served(request.endpoint, _SERVED, _ALTERNATIVES, _NOT_SERVED)

    def prepare(self, request: APIRequest) -> APIRequest:
        self.check_supported(request)
        body = dict(request.body or {})
        model = body.pop("model", None)
        body.pop("stream", None)
        if not isinstance(model, str) or not model:
            raise errors.AnthropicError(f"{request.endpoint} on Bedrock needs model= (a model id, ARN or profile id)")
        body.setdefault("anthropic_version", BEDROCK_ANTHROPIC_VERSION)
        betas = _header(request.headers, "anthropic-beta")
        if betas:
            body.setdefault("anthropic_beta", [beta.strip() for beta in betas.split(",") if beta.strip()])
        request.query.pop("beta", None)  # beta.messages: Bedrock takes the betas in the body
        model_path = f"/model/{quote(model, safe=':')}"
        if request.endpoint == "messages.count_tokens":
            inner = body_bytes(body).decode()
            encoded = base64.b64encode(inner.encode()).decode("ascii")
            request.body = {"input": {"invokeModel": {"body": encoded}}}
            request.path = f"{model_path}/count-tokens"
            return request
        request.body = body
        request.path = f"{model_path}/invoke-with-response-stream" if request.stream else f"{model_path}/invoke"
        return request

    # -- response side --------------------------------------------------------------------

    def shape_response(self, endpoint: str, response: httpx.Response) -> httpx.Response:
        """``{"inputTokens": N}`` (CountTokens) -> ``{"input_tokens": N}``; other bodies as they are."""
        if endpoint != "messages.count_tokens":
            return response
        try:
            body = response.json()
        except ValueError:
            return response
        if not isinstance(body, dict) or "inputTokens" not in body or "input_tokens" in body:
            return response
        content = json.dumps({"input_tokens": body["inputTokens"]}).encode()
        headers = [
            (k, v) for k, v in response.headers.items() if k.lower() not in ("content-length", "content-encoding")
        ]
        return httpx.Response(
            response.status_code,
            headers=[*headers, ("content-length", str(len(content)))],
            content=content,
            request=response.request,
        )

    def request_id(self, response: httpx.Response) -> Optional[str]:
        """The API's own ``request-id`` when Bedrock passes one on, else Bedrock's ``x-amzn-requestid``."""
        headers = response.headers
        request_id: Optional[str] = headers.get("request-id") or headers.get(self.request_id_header)
        return request_id

    def credentials_rejected(self, response: httpx.Response) -> bool:
        """A 401, or AWS's 403 for an expired or unknown token or a signature made with an old secret."""
        if response.status_code == 401:
            return True
        kind = _error_type(response.headers.get("x-amzn-errortype"))
        return response.status_code == 403 and kind in _STALE_CREDENTIALS

    def status_error(self, response: httpx.Response) -> errors.APIStatusError:
        body: Any = errors.error_body(response)
        kind = _error_type(response.headers.get("x-amzn-errortype"))
        message = None
        if isinstance(body, dict):
            message = body.get("message") or body.get("Message")
            nested = body.get("error")
            if message is None and isinstance(nested, dict):  # a first-party body (a proxy in front)
                message = nested.get("message")
                kind = kind or nested.get("type")
        status = response.status_code
        cls, _ = _class_for(kind, status)
        if isinstance(body, str) and not kind:  # a gateway's page, not Bedrock's JSON
            text = errors.text_error_message(status, body)
        else:
            described = f"{kind}: {message}" if kind else (message if message is not None else body)
            text = f"Error code: {status} - {described}"
        error = cls(text, response=response, body=body)
        if kind is not None:
            error.type = kind
        error.request_id = self.request_id(response)
        return error

    def stream_error(self, data: str, response: httpx.Response) -> errors.APIStatusError:
        body: Any
        try:
            body = json.loads(data)
        except ValueError:
            body = data
        if not (isinstance(body, dict) and "bedrock_exception" in body):
            error = errors.error_from_stream_event(data, response)  # an Anthropic error event inside a chunk
            error.request_id = self.request_id(response)
            return error
        kind = _error_type(body["bedrock_exception"])
        cls, status = _class_for(kind, 0)
        if _key(kind) not in _BY_ERROR_TYPE:  # an exception Bedrock may add later: a server error
            cls, status = errors.InternalServerError, 500
        details = body.get("body")
        error = cls(
            f"Error code: {status} - {kind}: {body.get('message')} (in the stream)",
            response=response,
            body=details if details is not None else body,
        )
        error.status_code = status
        error.type = kind
        error.request_id = self.request_id(response)
        return error

    def stream_decoder(self) -> StreamDecoder:
        return EventStreamDecoder()


def _header(headers: Mapping[str, Any], name: str) -> Optional[str]:
    for key, value in headers.items():
        if key.lower() == name and isinstance(value, str):
            return value
    return None


_EVENT_TYPE = re.compile(r'\s*\{\s*"type"\s*:\s*"([^"\\]+)"')
_BYTES_PREFIX = b'{"bytes":"'


class EventStreamDecoder:
    """AWS event-stream frames (botocore's own parser) -> the Messages stream's ``(type, json)`` pairs.

    * ``:message-type`` ``event`` with ``:event-type`` ``chunk``: the payload
      ``{"bytes": "<base64>"}`` holds one stream event's JSON;
    * ``exception`` and ``error`` frames become ``("error", ...)`` pairs, which
      :meth:`BedrockProvider.stream_error` turns into the typed error;
    * any other frame is skipped.
    """

    def __init__(self) -> None:
        from botocore.eventstream import EventStreamBuffer  # type: ignore[import-untyped, unused-ignore]

        self._buffer = EventStreamBuffer()

    def feed_pairs(self, chunk: bytes) -> List[StreamPair]:
        buffer = self._buffer
        buffer.add_data(chunk)
        pairs: List[StreamPair] = []
        for message in buffer:
            headers = message.headers
            kind = headers.get(":message-type")
            if kind == "event":
                if headers.get(":event-type") == "chunk":
                    pairs.append(_chunk_pair(message.payload))
            elif kind == "exception":
                pairs.append(("error", _exception_data(headers.get(":exception-type"), message.payload)))
            elif kind == "error":
                code = headers.get(":error-code")
                data = {
                    "bedrock_exception": code or "internalServerException",
                    "message": headers.get(":error-message"),
                }
                pairs.append(("error", json.dumps(data)))
        return pairs

    def close_pairs(self) -> List[StreamPair]:
        return []  # an unterminated frame is incomplete: the stream ends without message_stop


def _chunk_pair(payload: bytes) -> StreamPair:
    end = payload.find(b'"', len(_BYTES_PREFIX)) if payload.startswith(_BYTES_PREFIX) else -1
    raw = payload[len(_BYTES_PREFIX) : end] if end > 0 else None
    if raw is None or b"\\" in raw:
        raw = json.loads(payload)["bytes"].encode("ascii")
    text = base64.b64decode(raw).decode("utf-8")
    match = _EVENT_TYPE.match(text)
    if match is not None:
        return match.group(1), text
    try:
        event = json.loads(text)
    except ValueError:
        return None, text  # the core reports it as a malformed event
    name = event.get("type") if isinstance(event, dict) else None
    return (name if isinstance(name, str) else None), text


def _exception_data(kind: Optional[str], payload: bytes) -> str:
    body: Any
    try:
        body = json.loads(payload) if payload else None
    except ValueError:
        body = payload.decode("utf-8", "replace")
    message = body.get("message") if isinstance(body, dict) else body
    return json.dumps({"bedrock_exception": kind or "internalServerException", "message": message, "body": body})
