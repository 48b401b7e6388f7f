"""google-auth over httpx for tests (provider_vertex's transport: no ``requests`` needed), and key-file helpers."""

from __future__ import annotations

import json
import pathlib
from typing import Any, Dict, List, Optional

from google.oauth2 import service_account
from provider_vertex._google_transport import Request, Response

CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform"


class HttpxRequest(Request):
    """provider_vertex's google-auth transport, counting the requests it sends."""

    def __init__(self) -> None:
        super().__init__()
        self.sent = 0

    def __call__(self, *args: Any, **kwargs: Any) -> Response:
        self.sent += 1
        return super().__call__(*args, **kwargs)


def credentials(path: pathlib.Path, scopes: Optional[List[str]] = None) -> Any:
    """Service-account credentials from a key file, as a Vertex client loads them (cloud-platform scope)."""
    return service_account.Credentials.from_service_account_file(str(path), scopes=scopes or [CLOUD_PLATFORM])


def key_info(path: pathlib.Path) -> Dict[str, Any]:
    info: Dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return info
