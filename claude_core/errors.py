"""The exception hierarchy. Every failure the SDK raises is one of these.

::

    AnthropicError
    ├── PluginError                 a plugin's hook raised; names the plugin
    ├── MissingCredentialsError     (also a TypeError) no key, token or credentials
    ├── UnsupportedEndpointError    the provider cannot serve this endpoint
    └── APIError
        ├── APIResponseValidationError
        ├── APIConnectionError
        │   └── APITimeoutError
        └── APIStatusError
            ├── BadRequestError            400
            ├── AuthenticationError        401
            ├── PermissionDeniedError      403
            ├── NotFoundError              404
            ├── ConflictError              409
            ├── RequestTooLargeError       413
            ├── UnprocessableEntityError   422
            ├── RateLimitError             429
            ├── InternalServerError        >= 500
            │   ├── ServiceUnavailableError 503 (raised by cloud providers)
            │   └── DeadlineExceededError  504 (raised by cloud providers)
            └── OverloadedError            529
"""

from __future__ import annotations

import json
from typing import Any, Dict, Optional, Type

import httpx

from ._headers import is_secret_header

__all__ = [
    "error_class",
    "AnthropicError",
    "PluginError",
    "MissingCredentialsError",
    "UnsupportedEndpointError",
    "APIError",
    "APIResponseValidationError",
    "APIConnectionError",
    "APITimeoutError",
    "APIStatusError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "RequestTooLargeError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
    "ServiceUnavailableError",
    "DeadlineExceededError",
    "OverloadedError",
    "status_error_from_response",
    "error_from_stream_event",
    "error_body",
    "text_error_message",
]


class AnthropicError(Exception):
    """Base class of every error raised by claude_core."""


class PluginError(AnthropicError):
    """A plugin's hook implementation raised; ``plugin`` and ``hook`` name it."""

    def __init__(self, plugin: str, hook: str, cause: BaseException) -> None:
        super().__init__(f"plugin {plugin!r} failed in hook {hook}: {type(cause).__name__}: {cause}")
        self.plugin = plugin
        self.hook = hook


class MissingCredentialsError(AnthropicError, TypeError):
    """No plugin could find credentials for the provider."""


class UnsupportedEndpointError(AnthropicError):
    """The selected provider does not serve this endpoint."""


class APIError(AnthropicError):
    """A request was sent; ``request`` is the final httpx request, its secret headers
    (``x-api-key``, ``authorization``...) reading ``<redacted>``."""

    message: str
    request: httpx.Request
    body: object

    def __init__(self, message: str, request: httpx.Request, *, body: object = None) -> None:
        super().__init__(message)
        self.message = message
        self.request = _redacted(request)
        self.body = body
        error = body.get("error") if isinstance(body, dict) else None
        self.type: Optional[str] = error.get("type") if isinstance(error, dict) else None
        """The API's error type, such as ``invalid_request_error``, when the body names one."""


class APIResponseValidationError(APIError):
    """The response did not have the shape the SDK expects."""

    def __init__(self, response: httpx.Response, body: object, *, message: Optional[str] = None) -> None:
        super().__init__(message or "Data returned by API invalid for expected schema.", response.request, body=body)
        response.request = self.request  # the response keeps the redacted copy too
        self.response = response
        self.status_code = response.status_code


class APIConnectionError(APIError):
    """The request could not be sent or the connection broke before a response."""

    def __init__(self, *, request: httpx.Request, message: str = "Connection error.") -> None:
        super().__init__(message, request)


class APITimeoutError(APIConnectionError):
    """The request timed out."""

    def __init__(self, request: httpx.Request, message: str = "Request timed out.") -> None:
        super().__init__(request=request, message=message)


class APIStatusError(APIError):
    """The API answered with a non-success status code."""

    def __init__(self, message: str, *, response: httpx.Response, body: object) -> None:
        super().__init__(message, response.request, body=body)
        response.request = self.request  # the response keeps the redacted copy too
        self.response = response
        self.status_code = response.status_code
        self.request_id: Optional[str] = response.headers.get("request-id")


class BadRequestError(APIStatusError):
    pass


class AuthenticationError(APIStatusError):
    pass


class PermissionDeniedError(APIStatusError):
    pass


class NotFoundError(APIStatusError):
    pass


class ConflictError(APIStatusError):
    pass


class RequestTooLargeError(APIStatusError):
    pass


class UnprocessableEntityError(APIStatusError):
    pass


class RateLimitError(APIStatusError):
    pass


class InternalServerError(APIStatusError):
    pass


class ServiceUnavailableError(InternalServerError):
    pass


class DeadlineExceededError(InternalServerError):
    pass


class OverloadedError(APIStatusError):
    pass


def _redacted(request: httpx.Request) -> httpx.Request:
    """What an error keeps of ``request``: a copy (same method, URL, body and extensions)
    whose secret headers read ``<redacted>``, or ``request`` itself when it has none."""
    headers = request.headers
    if not any(is_secret_header(name) for name in headers):
        return request
    kept = [(name, "<redacted>" if is_secret_header(name) else value) for name, value in headers.multi_items()]
    copy = httpx.Request(
        request.method, request.url, headers=kept, stream=request.stream, extensions=request.extensions
    )
    if isinstance(request.stream, httpx.ByteStream):
        copy.read()  # an in-memory body stays readable as ``copy.content``
    return copy


def _with_cause(error: APIConnectionError, cause: Exception) -> APIConnectionError:
    """Chain the httpx error ``cause`` to ``error``; the cause keeps the redacted request too."""
    if isinstance(cause, httpx.RequestError):
        cause.request = error.request
    error.__cause__ = cause
    return error


_BY_STATUS: Dict[int, Type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: RequestTooLargeError,
    422: UnprocessableEntityError,
    429: RateLimitError,
    529: OverloadedError,
}


#: Error types of an ``event: error`` in a stream, with the status the API uses for them.
_BY_TYPE: Dict[str, int] = {
    "invalid_request_error": 400,
    "authentication_error": 401,
    "billing_error": 402,
    "permission_error": 403,
    "not_found_error": 404,
    "request_too_large": 413,
    "rate_limit_error": 429,
    "api_error": 500,
    "timeout_error": 504,
    "overloaded_error": 529,
}


#: What cloud deployments (Bedrock, Vertex AI) also name; the first-party API's 503 and 504
#: are plain InternalServerErrors, as in the official SDK.
_CLOUD_STATUS: Dict[int, Type[APIStatusError]] = {503: ServiceUnavailableError, 504: DeadlineExceededError}


def error_class(status: int, *, cloud: bool = False) -> Type[APIStatusError]:
    """The SDK's exception class for an HTTP ``status``; ``cloud`` adds the 503 and 504 classes."""
    cls = (cloud and _CLOUD_STATUS.get(status)) or _BY_STATUS.get(status)
    if cls is not None:
        return cls
    return InternalServerError if status >= 500 else APIStatusError


def _describe(status: int, body: object) -> str:
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict) and ("type" in error or "message" in error):
        return f"Error code: {status} - {error.get('type')}: {error.get('message')}"
    return f"Error code: {status} - {body}"


def error_from_stream_event(data: str, response: httpx.Response) -> APIStatusError:
    """The typed error for an ``event: error`` that arrived inside a successful stream.

    The class follows the error's type (``overloaded_error`` -> :class:`OverloadedError`);
    ``status_code`` is the status the API uses for that type, although the stream's own
    HTTP status was 200.
    """
    body: Any
    try:
        body = json.loads(data)
    except ValueError:
        body = data
    error = body.get("error") if isinstance(body, dict) else None
    kind = error.get("type") if isinstance(error, dict) else None
    status = _BY_TYPE.get(kind, 500) if isinstance(kind, str) else 500
    exc = error_class(status)(_describe(status, body) + " (in the stream)", response=response, body=body)
    exc.status_code = status
    return exc


def error_body(response: httpx.Response) -> object:
    """The read body of an error ``response`` as errors keep it: its JSON, else its text
    stripped of surrounding whitespace (``""`` when empty), as in the official SDK."""
    text = response.text.strip()
    try:
        return json.loads(text)
    except ValueError:
        return text


def text_error_message(status: int, body: str) -> str:
    """The message of an error whose body is not JSON (an HTML page from a proxy): the body
    itself, or ``Error code: N`` when it is empty, as in the official SDK."""
    return body or f"Error code: {status}"


def status_error_from_response(response: httpx.Response) -> APIStatusError:
    """Build the typed error for a non-success ``response`` whose body has been read."""
    body = error_body(response)
    status = response.status_code
    message = text_error_message(status, body) if isinstance(body, str) else _describe(status, body)
    return error_class(status)(message, response=response, body=body)
