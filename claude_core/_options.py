"""ClientOptions: everything a client was configured with, as plugins see it."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, Union

import httpx
from httpx import _config as _httpx_config

from ._headers import is_secret_header
from ._records import record
from ._types import NOT_GIVEN, NotGiven, Omit, TimeoutTypes

if TYPE_CHECKING:
    from .credentials import KeySource

__all__ = [
    "ClientOptions",
    "DEFAULT_TIMEOUT",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_BASE_URL",
    "HTTPX_DEFAULT_TIMEOUT",
    "check_timeout",
    "client_timeout",
    "CallOptions",
    "as_timeout",
]

DEFAULT_BASE_URL = "https://api.anthropic.com"
DEFAULT_TIMEOUT = httpx.Timeout(timeout=600.0, connect=5.0)
#: The timeout of an ``httpx.Client()`` made without one (5 s); a client given as
#: ``http_client=`` with this timeout gets :data:`DEFAULT_TIMEOUT` instead, as in the official SDK.
HTTPX_DEFAULT_TIMEOUT: httpx.Timeout = getattr(_httpx_config, "DEFAULT_TIMEOUT_CONFIG", None) or httpx.Timeout(5.0)
DEFAULT_MAX_RETRIES = 2

_SECRET_FIELDS = frozenset({"api_key", "auth_token", "api_key_callable", "auth_token_callable"})


@record
class ClientOptions:
    """The options of one client. Plugins receive it in hooks; it never prints a secret.

    ``api_key``/``auth_token`` hold those arguments when they are a str; when they are a
    callable (a rotating key), it is in ``api_key_callable``/``auth_token_callable`` instead.
    ``strict_response_validation`` (the ``_strict_response_validation`` argument) has every
    response body validated by pydantic rather than only its shape checked.
    ``extra`` holds provider-specific options (for example an AWS region) that the core
    does not interpret.
    """

    provider: str = "anthropic"
    api_key: Optional[str] = None
    auth_token: Optional[str] = None
    base_url: Optional[str] = None
    timeout: TimeoutTypes = dataclasses.field(default_factory=lambda: DEFAULT_TIMEOUT)
    max_retries: int = DEFAULT_MAX_RETRIES
    default_headers: Mapping[str, Union[str, Omit]] = dataclasses.field(default_factory=dict)
    default_query: Mapping[str, object] = dataclasses.field(default_factory=dict)
    stream_idle_timeout: Optional[float] = None
    auto_stream_long_requests: bool = True
    strict_response_validation: bool = False
    extra: Dict[str, Any] = dataclasses.field(default_factory=dict)
    api_key_callable: Optional[KeySource] = None
    auth_token_callable: Optional[KeySource] = None

    def __repr__(self) -> str:
        parts = []
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if field.name in _SECRET_FIELDS and value is not None:
                value = "<redacted>"
            elif field.name == "default_headers":
                value = {k: "<redacted>" if is_secret_header(k) else v for k, v in value.items()}
            elif field.name == "extra":
                value = {k: "<redacted>" if _is_secret_option(k, v) else v for k, v in value.items()}
            parts.append(f"{field.name}={value!r}")
        return f"ClientOptions({', '.join(parts)})"

    def replace(self, **changes: Any) -> "ClientOptions":
        return dataclasses.replace(self, **changes)


def check_timeout(value: object, where: str) -> None:
    """Raise for a timeout that is not positive seconds, an ``httpx.Timeout`` or None, naming ``where``."""
    if value is None or isinstance(value, httpx.Timeout):
        return
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise TypeError(f"{where} takes seconds (a float), an httpx.Timeout or None, got {value!r}")
    if not value > 0:
        raise ValueError(f"{where} must be positive seconds, an httpx.Timeout or None, got {value!r}")


def client_timeout(http_client: Optional[Union[httpx.Client, httpx.AsyncClient]]) -> httpx.Timeout:
    """A client's timeout when ``timeout=`` is not given: ``http_client``'s when its timeout is not
    httpx's default (:data:`HTTPX_DEFAULT_TIMEOUT`), else :data:`DEFAULT_TIMEOUT`."""
    if http_client is not None and http_client.timeout != HTTPX_DEFAULT_TIMEOUT:
        return http_client.timeout
    return DEFAULT_TIMEOUT


def _is_secret_option(name: str, value: object) -> bool:
    """A provider option that holds a secret (``aws_secret_key``, ``aws_session_token``...)."""
    lowered = name.lower()
    return value is not None and any(word in lowered for word in ("secret", "token", "key", "password"))


class CallOptions:
    """The per-call options: ``extra_headers``, ``extra_query``, ``extra_body``, ``timeout``."""

    __slots__ = ("extra_body", "extra_headers", "extra_query", "timeout")

    def __init__(
        self,
        extra_headers: Optional[Any] = None,
        extra_query: Optional[Any] = None,
        extra_body: Optional[Any] = None,
        timeout: Union[float, httpx.Timeout, NotGiven, None] = NOT_GIVEN,
    ) -> None:
        self.extra_headers = extra_headers
        self.extra_query = extra_query
        self.extra_body = extra_body
        self.timeout = timeout


def as_timeout(value: Union[float, httpx.Timeout, None]) -> httpx.Timeout:
    return value if isinstance(value, httpx.Timeout) else httpx.Timeout(value)
