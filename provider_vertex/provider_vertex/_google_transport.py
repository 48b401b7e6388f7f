"""google-auth's HTTP transport over httpx, so that fetching tokens needs no ``requests``.

google-auth makes its own HTTP calls (the OAuth token endpoint, the metadata server)
through a ``google.auth.transport.Request``: a callable taking a URL, method, body,
headers and timeout. :class:`Request` is one over a synchronous ``httpx.Client``; in the
async client it runs in a worker thread, as every credential refresh does.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

import google.auth.exceptions
import google.auth.transport
import httpx

__all__ = ["Request", "Response"]

#: Seconds a token or metadata request may take when google-auth names no timeout.
DEFAULT_TIMEOUT = 120.0


class Response(google.auth.transport.Response):
    """An httpx response, read, as google-auth reads responses."""

    def __init__(self, response: httpx.Response) -> None:
        self._response = response

    @property
    def status(self) -> int:
        return self._response.status_code

    @property
    def headers(self) -> Mapping[str, str]:
        return self._response.headers

    @property
    def data(self) -> bytes:
        return self._response.content


class Request(google.auth.transport.Request):
    """Sends google-auth's requests with ``client``, or with a short-lived ``httpx.Client``
    of its own per request (tokens are fetched about once an hour: no pool to keep open).

    Failures to connect or read become ``google.auth.exceptions.TransportError``, the
    exception google-auth expects from a transport.
    """

    def __init__(self, client: Optional[httpx.Client] = None) -> None:
        self._client = client

    def __call__(
        self,
        url: str,
        method: str = "GET",
        body: Optional[bytes] = None,
        headers: Optional[Mapping[str, str]] = None,
        timeout: Optional[float] = None,
        **kwargs: Any,
    ) -> Response:
        seconds = DEFAULT_TIMEOUT if timeout is None else timeout
        try:
            if self._client is not None:
                sent = self._client.request(method, url, content=body, headers=headers, timeout=seconds)
            else:
                with httpx.Client(timeout=seconds) as client:
                    sent = client.request(method, url, content=body, headers=headers)
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            message = f"{type(exc).__name__}: {exc}"
            raise google.auth.exceptions.TransportError(message) from exc  # type: ignore[no-untyped-call]
        return Response(sent)
