"""google-auth over httpx: its transport ``Request`` for tests, so they need no ``requests``, and key-file helpers."""

from __future__ import annotations

import json
import pathlib
from typing import Any, Dict, List, Mapping, Optional

import httpx
from google.auth import exceptions, transport
from google.oauth2 import service_account

CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform"


class _Response(transport.Response):
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


class HttpxRequest(transport.Request):
    """``google.auth.transport.Request`` over httpx: what ``credentials.refresh(...)`` sends requests with."""

    def __init__(self) -> None:
        self.sent = 0

    def __call__(
        self,
        url: str,
        method: str = "GET",
        body: Optional[bytes] = None,
        headers: Optional[Mapping[str, str]] = None,
        timeout: Optional[float] = None,
        **kwargs: Any,
    ) -> _Response:
        self.sent += 1
        try:
            response = httpx.request(method, url, content=body, headers=headers, timeout=timeout or 30)
        except httpx.HTTPError as exc:
            raise exceptions.TransportError(exc) from exc
        return _Response(response)


def credentials(path: pathlib.Path, scopes: Optional[List[str]] = None) -> Any:
    """Service-account credentials from a key file, as a Vertex client loads them (cloud-platform scope)."""
    return service_account.Credentials.from_service_account_file(str(path), scopes=scopes or [CLOUD_PLATFORM])


def key_info(path: pathlib.Path) -> Dict[str, Any]:
    info: Dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return info
