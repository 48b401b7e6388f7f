"""The Provider contract.

A provider is found by name in the ``claude_core.providers`` entry-point group and
instantiated once per client with the client's options. It decides where a call goes
(base URL, path), how the body and headers change for its deployment, and which
endpoints it serves. Authentication is not its job: that is the ``claude_credentials``
and ``claude_sign_request`` hooks, which receive the provider and can look at its name.
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar, Dict, FrozenSet, Mapping, Optional

from .._options import ClientOptions
from ..errors import UnsupportedEndpointError

__all__ = ["APIRequest", "Provider"]


@dataclasses.dataclass
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


class Provider:
    """Base class of providers. Subclasses override what differs for their deployment."""

    name: ClassVar[str] = "anthropic"
    #: Endpoints this provider serves; None means all of them.
    endpoints: ClassVar[Optional[FrozenSet[str]]] = None
    #: Whether the built-in credentials (``api_key=``, ``ANTHROPIC_API_KEY``...) apply.
    api_key_auth: ClassVar[bool] = True

    def __init__(self, options: ClientOptions) -> None:
        self.options = options

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r})"

    def base_url(self) -> str:
        """The URL that request paths are joined to; read once per client."""
        raise NotImplementedError

    def default_headers(self) -> Mapping[str, str]:
        """Headers this deployment needs on every request (for example a version)."""
        return {}

    def stream_decoder(self) -> Any:
        """A fresh decoder for one streamed response body (Server-Sent Events by default).

        It needs ``feed_pairs(chunk: bytes)`` and ``close_pairs()``, each returning the
        completed events as ``(event name, JSON data)`` pairs, like
        :class:`~claude_core.streaming.SSEDecoder`.
        """
        from ..streaming.sse import SSEDecoder

        return SSEDecoder()

    def prepare(self, request: APIRequest) -> APIRequest:
        """Map ``request`` onto this deployment; raise for endpoints it does not serve.

        Called once per call, before the first attempt. Return the request to send;
        editing ``request`` in place and returning it is fine.
        """
        self.check_supported(request)
        return request

    def check_supported(self, request: APIRequest) -> None:
        if self.endpoints is not None and request.endpoint not in self.endpoints:
            supported = ", ".join(sorted(self.endpoints))
            raise UnsupportedEndpointError(
                f"{request.endpoint} is not supported by the {self.name!r} provider (it serves: {supported})"
            )
