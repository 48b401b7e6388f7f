"""The Provider contract.

A provider is found by name in the ``claude_core.providers`` entry-point group and
instantiated with a client's options. It owns both sides of a deployment:

* the request side: base URL, path, body and header changes, which endpoints it serves;
* the response side: the request-id header, how an error response becomes the SDK's
  exception, and how a streamed body is framed (:class:`StreamDecoder`).

Authentication is not its job: that is the ``claude_credentials`` and
``claude_sign_request`` hooks, which receive the provider and can look at its name.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from typing import Any, ClassVar, Dict, FrozenSet, List, Mapping, Optional, Tuple

import httpx
from typing_extensions import Protocol

from .._options import ClientOptions
from .._records import record
from .._types import REQUEST_BODY, NotGiven
from ..errors import APIStatusError, UnsupportedEndpointError, error_from_stream_event, status_error_from_response

__all__ = ["APIRequest", "Provider", "StreamDecoder", "StreamPair"]

_REQUEST_BODY_CONTEXT = {REQUEST_BODY: True}

#: One decoded stream event: its name (None when the stream named none) and its JSON text.
#: A name of ``"error"`` marks an error the stream reported; :meth:`Provider.stream_error`
#: turns its data into the SDK's exception.
StreamPair = Tuple[Optional[str], str]


class StreamDecoder(Protocol):
    """Turns the bytes of one streamed response body into events; no I/O.

    :class:`~claude_core.streaming.SSEDecoder` is the first-party one. A deployment with
    other framing (AWS event-stream) returns its own from :meth:`Provider.stream_decoder`,
    mapping an exception frame to an ``("error", json)`` pair.
    """

    def feed_pairs(self, chunk: bytes) -> List[StreamPair]:
        """The events that ``chunk`` completed, in order (chunks split anywhere)."""
        ...

    def close_pairs(self) -> List[StreamPair]:
        """The events left at the end of the body (an unterminated last event)."""
        ...


def merge_options(given: Mapping[str, Any], provider_options: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
    """A provider client's ``provider_options``: the constructor arguments ``given`` (those not
    None or NotGiven) over the ``provider_options`` it was also passed."""
    options = dict(provider_options or {})
    options.update(
        (key, value) for key, value in given.items() if value is not None and not isinstance(value, NotGiven)
    )
    return options


def body_bytes(body: Mapping[str, Any]) -> bytes:
    """A JSON request body as the SDK sends it, with the official SDK's encoder: compact, UTF-8,
    tuples as lists, a ``datetime`` as its ISO 8601 text, pydantic models dumped as the fields
    set; anything else JSON cannot hold (a set, a date, NaN) raises, naming where it is in the
    body. Providers that wrap or re-encode a body (Bedrock's count-tokens) use it so the bytes
    are the ones a plain call would send."""
    try:
        return json.dumps(body, separators=(",", ":"), ensure_ascii=False, allow_nan=False, default=_encode).encode()
    except (TypeError, ValueError) as exc:
        from .._unencodable import unencodable_error  # the rare failure only: loaded when needed

        raise unencodable_error(body, exc) from None


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    dump = getattr(value, "model_dump", None)
    if dump is not None:
        from pydantic import BaseModel  # here: loaded already by whatever made the model

        if isinstance(value, BaseModel):
            return dump(mode="json", exclude_unset=True, by_alias=True, context=_REQUEST_BODY_CONTEXT)
        return dump(mode="json", exclude_unset=True, by_alias=True)  # the SDK's stream events, or another kind
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


@record(frozen=False)
class APIRequest:
    """One API call before it becomes an HTTP request.

    ``endpoint`` names the operation (``"messages.create"``, ``"models.list"``...) so a
    provider can refuse or remap it without parsing paths. ``body`` is the JSON body as a
    dict, or None. ``headers`` and ``query`` hold the call's own values on top of the
    client's defaults.
    """

    endpoint: str
    method: str
    path: str
    body: Optional[Dict[str, Any]] = None
    query: Dict[str, object] = dataclasses.field(default_factory=dict)
    headers: Dict[str, Any] = dataclasses.field(default_factory=dict)
    stream: bool = False
    files: Optional[Dict[str, Any]] = None
    """A multipart body instead of JSON (httpx's ``files=``): its file objects are read as the
    request is sent, from the start again for a retry."""

    def __init__(
        self,
        endpoint: str,
        method: str,
        path: str,
        body: Optional[Dict[str, Any]] = None,
        query: Optional[Dict[str, object]] = None,
        headers: Optional[Dict[str, Any]] = None,
        stream: bool = False,
        files: Optional[Dict[str, Any]] = None,
    ) -> None:
        # written out, not the record's generic one (4x slower): every call makes two of these
        self.endpoint = endpoint
        self.method = method
        self.path = path
        self.body = body
        self.query = {} if query is None else query
        self.headers = {} if headers is None else headers
        self.stream = stream
        self.files = files

    def copy(self) -> "APIRequest":
        """A copy whose body, query and headers can be changed without touching this one."""
        body = dict(self.body) if self.body is not None else None
        return APIRequest(
            self.endpoint, self.method, self.path, body, dict(self.query), dict(self.headers), self.stream, self.files
        )


class Provider:
    """Base class of providers. Subclasses override what differs for their deployment.

    A client makes one instance from its own options. To name another deployment (a
    fallback for :class:`~claude_core.retries.RetryDecision`), make one yourself:
    ``AnthropicProvider(ClientOptions(base_url="https://eu.example"))``.
    """

    name: ClassVar[str] = "anthropic"
    #: Endpoints this provider serves; None means all of them.
    endpoints: ClassVar[Optional[FrozenSet[str]]] = None
    #: Whether the built-in credentials (``api_key=``, ``ANTHROPIC_API_KEY``...) apply.
    api_key_auth: ClassVar[bool] = True
    #: The response header that carries the request id.
    request_id_header: ClassVar[str] = "request-id"

    def __init__(self, options: ClientOptions) -> None:
        self.options = options

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, base_url={self.options.base_url!r})"

    # -- request side ---------------------------------------------------------------

    def base_url(self) -> str:
        """The URL that request paths are joined to; read once per client."""
        raise NotImplementedError

    def default_headers(self) -> Mapping[str, str]:
        """Headers this deployment needs on every request (for example a version)."""
        return {}

    def prepare(self, request: APIRequest) -> APIRequest:
        """Map ``request`` onto this deployment; raise for endpoints it does not serve.

        Called once per call and deployment, before its first attempt and after the
        deployment's credentials were resolved (in a worker thread in the async client, so
        it may read what resolving them found), with a copy of the call that is this
        provider's own: editing it in place and returning it is fine.
        """
        self.check_supported(request)
        return request

    def check_supported(self, request: APIRequest) -> None:
        """Raise :class:`UnsupportedEndpointError` for an endpoint this deployment does not
        serve; called when the call is made, before credentials are looked for."""
        if self.endpoints is not None and request.endpoint not in self.endpoints:
            supported = ", ".join(sorted(self.endpoints))
            raise UnsupportedEndpointError(
                f"{request.endpoint} is not supported by the {self.name!r} provider (it serves: {supported})"
            )

    # -- response side --------------------------------------------------------------

    def request_id(self, response: httpx.Response) -> Optional[str]:
        """The request id of ``response`` (``request-id`` first-party)."""
        request_id: Optional[str] = response.headers.get(self.request_id_header)
        return request_id

    def status_error(self, response: httpx.Response) -> APIStatusError:
        """The SDK's exception for a non-success ``response`` whose body has been read."""
        error = status_error_from_response(response)
        error.request_id = self.request_id(response)
        return error

    def credentials_rejected(self, response: httpx.Response) -> bool:
        """Whether a refused ``response`` says the credentials went stale, so that refreshing
        them and repeating the attempt once may succeed (a 401 first-party)."""
        return response.status_code == 401

    def stream_error(self, data: str, response: httpx.Response) -> APIStatusError:
        """The SDK's exception for an ``("error", data)`` event inside a successful stream."""
        error = error_from_stream_event(data, response)
        error.request_id = self.request_id(response)
        return error

    def shape_response(self, endpoint: str, response: httpx.Response) -> httpx.Response:
        """The successful, read ``response`` of a plain (not streamed) ``endpoint`` call in
        the first-party shape the SDK parses; the response itself by default.

        A deployment that answers an endpoint in its own shape (Bedrock's
        ``{"inputTokens": N}`` for ``messages.count_tokens``) returns a new
        ``httpx.Response`` with the first-party body. Called only when a provider overrides
        it, just before the body is parsed (also by ``with_raw_response``'s ``parse()``);
        the raw response keeps the body as received.
        """
        return response

    def stream_decoder(self) -> StreamDecoder:
        """A fresh decoder for one streamed response body (Server-Sent Events by default)."""
        from ..streaming.sse import SSEDecoder  # here: only a stream needs it

        return SSEDecoder()
