"""Claude on Amazon Bedrock: InvokeModel, InvokeModelWithResponseStream and CountTokens.

Paths are ``/model/{modelId}/invoke``, ``/invoke-with-response-stream`` and ``/count-tokens``
with the model id URL-encoded: a Bedrock model id (``anthropic.claude-sonnet-4-5-20250929-v1:0``),
an inference profile (``us.``, ``eu.``, ``apac.``, ``global.`` ... prefixes) or an ARN, whose
last path segment names one of those. Bodies are Messages bodies with
``anthropic_version: "bedrock-2023-05-31"`` and without ``model`` and ``stream``; betas come
as a list in ``anthropic_beta``.

Every request is authenticated as AWS does it: a SigV4 signature, recomputed with botocore's
own ``SigV4Auth`` (service ``bedrock``, the region of the credential scope, the request's
``X-Amz-Date``) over the request as received and the emulator's test credentials, or a
Bedrock API key as a bearer token. Errors have Bedrock's shape: a ``{"message": ...}`` body,
the exception's name in ``x-amzn-errortype`` and the ``x-amzn-requestid`` header.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib
import hmac
import json
import re
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple
from urllib.parse import quote, urlencode

from botocore.auth import SigV4Auth  # type: ignore[import-untyped, unused-ignore]
from botocore.awsrequest import AWSRequest  # type: ignore[import-untyped, unused-ignore]
from botocore.credentials import Credentials  # type: ignore[import-untyped, unused-ignore]

from . import _eventstream, _stream
from ._content import Generated
from ._models import find_model
from ._wire import APIErrorReply, EmulatorRequest, Reply, dumps

__all__ = [
    "BEDROCK_VERSION",
    "EMULATOR_AWS_ACCESS_KEY_ID",
    "EMULATOR_AWS_SECRET_ACCESS_KEY",
    "EMULATOR_BEDROCK_API_KEY",
    "AwsCredentials",
    "aws_credentials",
    "BedrockError",
    "OPERATIONS",
    "parse_path",
    "resolve_model",
    "check_auth",
    "messages_body",
    "count_tokens_body",
    "error_reply",
    "from_api_error",
    "request_id",
    "exception_type",
    "EXCEPTION_MESSAGES",
    "status_error",
    "invoke_headers",
    "stream_events",
    "chunk_frame",
    "exception_frame",
]

BEDROCK_VERSION = "bedrock-2023-05-31"
#: The test credentials every Bedrock request is checked against unless ``aws_credentials`` are given.
EMULATOR_AWS_ACCESS_KEY_ID = "AKIAEMULATOREXAMPLE0"
EMULATOR_AWS_SECRET_ACCESS_KEY = "emulator/SecretAccessKey/EXAMPLEKEY00000000"
#: The Bedrock API key (a bearer token) accepted unless ``bedrock_api_keys`` are given.
EMULATOR_BEDROCK_API_KEY = "ABSKemulator-bedrock-api-key"

OPERATIONS = ("invoke", "invoke-with-response-stream", "count-tokens")
_PREFIX = "/model/"
_REGION_PREFIXES = ("us.", "us-gov.", "eu.", "apac.", "global.", "jp.", "au.", "ca.")
_VERSION_SUFFIX = re.compile(r"-v\d+(?::\d+)?\Z")
_AUTHORIZATION = re.compile(
    r"AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)"
)
_BEDROCK_NS = "http://internal.amazon.com/coral/com.amazon.bedrock/"
_CORAL_NS = "http://internal.amazon.com/coral/com.amazon.coral.service/"
_AUTH_ERRORS = frozenset(
    {
        "InvalidSignatureException",
        "IncompleteSignatureException",
        "MissingAuthenticationTokenException",
        "UnrecognizedClientException",
    }
)
_SIGNATURE_MISMATCH = (
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
    "Access Key and signing method. Consult the service documentation for details."
)
_BAD_TOKEN = "The security token included in the request is invalid."

#: The Bedrock exception for each HTTP status (errors that a queued fault or the validation raise).
_STATUS_ERRORS: Dict[int, str] = {
    400: "ValidationException",
    403: "AccessDeniedException",
    404: "ResourceNotFoundException",
    408: "ModelTimeoutException",
    413: "ValidationException",
    424: "ModelErrorException",
    429: "ThrottlingException",
    500: "InternalServerException",
    503: "ServiceUnavailableException",
    529: "ServiceUnavailableException",
}
_STATUS_MESSAGES: Dict[int, str] = {
    403: "You don't have access to the model with the specified model ID.",
    408: "Model has timed out in processing the request. Try your request again.",
    429: "Too many requests, please wait before trying again.",
    500: "The server encountered an internal error.",
    503: "Bedrock is unable to process your request.",
    529: "Bedrock is unable to process your request.",
}
#: What an ``error_type`` of a stream script becomes in an exception frame (a Bedrock name passes as is).
_STREAM_EXCEPTIONS: Dict[str, str] = {
    "overloaded_error": "throttlingException",
    "rate_limit_error": "throttlingException",
    "api_error": "internalServerException",
    "invalid_request_error": "validationException",
    "timeout_error": "modelTimeoutException",
}
#: The message of each exception frame.
EXCEPTION_MESSAGES: Dict[str, str] = {
    "throttlingException": "Too many requests, please wait before trying again.",
    "modelStreamErrorException": "The model stream encountered an error.",
    "validationException": "Input validation failed.",
    "internalServerException": "The server encountered an internal error.",
    "serviceUnavailableException": "Bedrock is unable to process your request.",
    "modelTimeoutException": "Model has timed out in processing the request. Try your request again.",
}


@dataclasses.dataclass(frozen=True)
class AwsCredentials:
    """The AWS credentials requests must be signed with (a session token, when given, must be sent)."""

    access_key: str
    secret_key: str
    token: Optional[str] = None


def aws_credentials(value: Optional[Sequence[Optional[str]]]) -> AwsCredentials:
    """The checked ``aws_credentials`` of an app: ``(key id, secret[, session token])``; None: the defaults."""
    if value is None:
        return AwsCredentials(EMULATOR_AWS_ACCESS_KEY_ID, EMULATOR_AWS_SECRET_ACCESS_KEY)
    if isinstance(value, str) or len(value) not in (2, 3):
        raise TypeError("aws_credentials should be (access key id, secret key[, session token])")
    access_key, secret_key, token = [*value, None][:3]
    if not (isinstance(access_key, str) and access_key and isinstance(secret_key, str) and secret_key):
        raise ValueError("aws_credentials should hold a non-empty access key id and secret key")
    if token is not None and not (isinstance(token, str) and token):
        raise ValueError("the session token of aws_credentials should be a non-empty string or None")
    return AwsCredentials(access_key, secret_key, token)


class BedrockError(Exception):
    """Raised inside Bedrock handlers; answered as ``{"message"}`` with ``x-amzn-errortype``."""

    def __init__(self, status: int, error_type: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.error_type = error_type
        self.message = message


def _invalid(message: str) -> BedrockError:
    return BedrockError(400, "ValidationException", message)


def request_id(number: int) -> str:
    """A UUID-shaped ``x-amzn-requestid``, numbered like the other request ids."""
    return f"00000000-0000-4000-8000-{number:012d}"


def error_reply(status: int, error_type: str, message: str, rid: str) -> Reply:
    namespace = _CORAL_NS if error_type in _AUTH_ERRORS else _BEDROCK_NS
    headers = [
        ("content-type", "application/json"),
        ("x-amzn-requestid", rid),
        ("x-amzn-errortype", f"{error_type}:{namespace}"),
    ]
    return Reply(status, headers, [dumps({"message": message})])


def from_api_error(exc: APIErrorReply) -> BedrockError:
    """A first-party API error (the Messages validation) as Bedrock would answer it."""
    error_type = _STATUS_ERRORS.get(
        exc.status, "InternalServerException" if exc.status >= 500 else "ValidationException"
    )
    return BedrockError(exc.status, error_type, exc.message)


def status_error(status: int) -> BedrockError:
    """The Bedrock error a queued ``enqueue(status=...)`` fault answers with."""
    fallback = "InternalServerException" if status >= 500 else "ValidationException"
    message = _STATUS_MESSAGES.get(status, f"Emulated error {status}")
    return BedrockError(status, _STATUS_ERRORS.get(status, fallback), message)


def exception_type(error_type: str) -> str:
    """The exception-frame type for a stream script's ``error_type``."""
    if error_type in _STREAM_EXCEPTIONS:
        return _STREAM_EXCEPTIONS[error_type]
    return error_type if error_type.endswith("Exception") else "modelStreamErrorException"


# -- paths and models ---------------------------------------------------------------


def parse_path(path: str) -> Optional[Tuple[str, str]]:
    """``(model id, operation)`` of a decoded ``/model/{modelId}/{operation}`` path, else None."""
    if not path.startswith(_PREFIX):
        return None
    model_id, _, operation = path[len(_PREFIX) :].rpartition("/")
    if not model_id or operation not in OPERATIONS:
        return None
    return model_id, operation


def resolve_model(model_id: str) -> str:
    """The emulator model a Bedrock model id, inference profile or ARN names (400 when none)."""
    name = model_id
    if name.startswith("arn:"):
        name = name.rpartition("/")[2]
    for prefix in _REGION_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    if name.startswith("anthropic."):
        name = name[len("anthropic.") :]
    name = _VERSION_SUFFIX.sub("", name)
    if find_model(name) is None:
        raise _invalid("The provided model identifier is invalid.")
    return name


# -- bodies -------------------------------------------------------------------------


def _parse_json(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        raise _invalid("Malformed input request, please reformat your input and try again.") from None


def _extraneous(key: str) -> BedrockError:
    return _invalid(
        f"Malformed input request: #: extraneous key [{key}] is not permitted, please reformat your input and "
        "try again."
    )


def messages_body(raw: bytes, model: str, *, stream: bool) -> Tuple[Dict[str, Any], str]:
    """The Messages params an InvokeModel body stands for, and its betas (as an ``anthropic-beta`` value)."""
    body = _parse_json(raw)
    if not isinstance(body, dict):
        raise _invalid(
            "Malformed input request: #: expected type: JSONObject, please reformat your input and try again."
        )
    if "anthropic_version" not in body:
        raise _invalid(
            "Malformed input request: #: required key [anthropic_version] not found, please reformat your input "
            "and try again."
        )
    if body["anthropic_version"] != BEDROCK_VERSION:
        raise _invalid(f"Invalid API version: anthropic_version must be {BEDROCK_VERSION!r}.")
    for key in ("model", "stream"):
        if key in body:
            raise _extraneous(key)
    betas = body.get("anthropic_beta", [])
    if not (isinstance(betas, list) and all(isinstance(beta, str) for beta in betas)):
        raise _invalid("Malformed input request: #/anthropic_beta: expected type: JSONArray of strings.")
    params = {key: value for key, value in body.items() if key not in ("anthropic_version", "anthropic_beta")}
    params["model"] = model
    if stream:
        params["stream"] = True
    return params, ",".join(betas)


def count_tokens_body(raw: bytes) -> bytes:
    """The InvokeModel body a CountTokens request carries (``input.invokeModel.body``, base64)."""
    body = _parse_json(raw)
    invoke = body.get("input", {}).get("invokeModel") if isinstance(body, dict) else None
    if isinstance(body, dict) and isinstance(body.get("input"), dict) and "converse" in body["input"]:
        raise _invalid("The emulator counts tokens for input.invokeModel bodies only, not input.converse.")
    if not isinstance(invoke, dict) or not isinstance(invoke.get("body"), str):
        raise _invalid(
            "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must not be null"
        )
    try:
        return base64.b64decode(invoke["body"], validate=True)
    except (binascii.Error, ValueError):
        raise _invalid("Malformed input request: input.invokeModel.body is not valid base64.") from None


# -- authentication -----------------------------------------------------------------


def check_auth(request: EmulatorRequest, credentials: AwsCredentials, api_keys: Tuple[str, ...]) -> None:
    """Accept a Bedrock API key as a bearer token, or a SigV4 signature that botocore recomputes equal."""
    authorization = request.headers.get("authorization", "").strip()
    if not authorization:
        raise BedrockError(403, "MissingAuthenticationTokenException", "Missing Authentication Token")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() == "bearer":
        if token.strip() not in api_keys:
            raise BedrockError(403, "UnrecognizedClientException", _BAD_TOKEN)
        return
    _check_sigv4(request, authorization, credentials)


def _check_sigv4(request: EmulatorRequest, authorization: str, credentials: AwsCredentials) -> None:
    match = _AUTHORIZATION.fullmatch(authorization)
    if match is None:
        raise BedrockError(
            403,
            "IncompleteSignatureException",
            "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.",
        )
    credential, signed_headers, signature = match.groups()
    scope = credential.split("/")
    if len(scope) != 5 or scope[4] != "aws4_request":
        raise BedrockError(403, "IncompleteSignatureException", f"Credential is malformed: {credential}")
    access_key, date, region, service, _ = scope
    headers = request.headers
    if access_key != credentials.access_key:
        raise BedrockError(403, "UnrecognizedClientException", _BAD_TOKEN)
    if headers.get("x-amz-security-token") != credentials.token:
        raise BedrockError(403, "UnrecognizedClientException", _BAD_TOKEN)
    if service != "bedrock":
        raise BedrockError(
            403, "InvalidSignatureException", "Credential should be scoped to correct service: 'bedrock'."
        )
    amz_date = headers.get("x-amz-date", "")
    if not amz_date:
        raise BedrockError(
            403, "IncompleteSignatureException", "Authorization header requires existence of X-Amz-Date."
        )
    if amz_date[:8] != date:
        raise BedrockError(
            403,
            "InvalidSignatureException",
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
            f"'{date}' != '{amz_date[:8]}'",
        )
    names = signed_headers.lower().split(";")
    required = ["host", "x-amz-date"] + (["x-amz-security-token"] if credentials.token else [])
    for name in required:
        if name not in names:
            raise BedrockError(
                403, "InvalidSignatureException", f"'{name}' must be a 'SignedHeader' in the AWS Authorization."
            )
    content_sha = headers.get("x-amz-content-sha256")
    if content_sha not in (None, "UNSIGNED-PAYLOAD") and content_sha != hashlib.sha256(request.body).hexdigest():
        raise BedrockError(
            403,
            "InvalidSignatureException",
            "The provided 'x-amz-content-sha256' header does not match what was computed.",
        )
    aws_request = AWSRequest(method=request.method, url=_url(request), data=request.body)
    for name in names:
        for value in headers.get_list(name):
            aws_request.headers[name] = value
    aws_request.context["timestamp"] = amz_date
    signer = SigV4Auth(
        Credentials(credentials.access_key, credentials.secret_key, credentials.token), "bedrock", region
    )
    canonical_request = signer.canonical_request(aws_request)
    expected = signer.signature(signer.string_to_sign(aws_request, canonical_request), aws_request)
    if not hmac.compare_digest(str(expected), signature.lower()):
        raise BedrockError(403, "InvalidSignatureException", _SIGNATURE_MISMATCH)


def _url(request: EmulatorRequest) -> str:
    """The URL the client addressed: its ``Host`` and the request target as sent."""
    target = request.target
    if not target:
        target = quote(request.path, safe="/:~")
        if request.query:
            target += "?" + urlencode(request.query)
    return "http://" + (request.headers.get("host") or "localhost") + target


def invoke_headers(rid: str, message: Dict[str, Any]) -> List[Tuple[str, str]]:
    """The headers of an InvokeModel reply: the request id and the token counts Bedrock reports."""
    usage = message["usage"]
    return [
        ("content-type", "application/json"),
        ("x-amzn-requestid", rid),
        ("x-amzn-bedrock-invocation-latency", "1"),
        ("x-amzn-bedrock-input-token-count", str(usage["input_tokens"])),
        ("x-amzn-bedrock-output-token-count", str(usage["output_tokens"])),
    ]


# -- streams ------------------------------------------------------------------------


def stream_events(message: Mapping[str, Any], generated: Generated) -> List[bytes]:
    """The SSE frames of a Bedrock stream: no pings; ``message_stop`` carries Bedrock's invocation metrics."""
    frames = _stream.render_events(message, generated, pings=False)
    usage = message["usage"]
    metrics = {
        "inputTokenCount": usage["input_tokens"],
        "outputTokenCount": usage["output_tokens"],
        "invocationLatency": 1,
        "firstByteLatency": 1,
    }
    stop = {"type": "message_stop", "amazon-bedrock-invocationMetrics": metrics}
    frames[-1] = _stream.frame("message_stop", dumps(stop))
    return frames


def chunk_frame(frame: bytes) -> bytes:
    """One SSE frame (``event: ...\\ndata: <json>\\n\\n``) as the event-stream ``chunk`` message carrying its JSON."""
    return _eventstream.chunk_message(frame[frame.index(b"\ndata: ") + 7 : -2])


def exception_frame(error_type: str) -> bytes:
    """The exception frame a stream script's ``error_type`` ends a Bedrock stream with."""
    name = exception_type(error_type)
    return _eventstream.exception_message(name, EXCEPTION_MESSAGES.get(name, f"Emulated {name}"))
