"""Default signing: ``X-Api-Key`` and/or ``Authorization: Bearer``."""

from __future__ import annotations

from typing import Any, MutableMapping, Optional

import httpx

from ..credentials import APIKeyCredentials
from ..hookspecs import hookimpl


def apply_auth(headers: MutableMapping[str, str], credentials: Any) -> bool:
    """Add the API key / bearer token unless the caller set those headers; True if handled.

    ``headers`` is an ``httpx.Headers`` or a dict with lower-case keys. This is the one
    place the secrets are read out of their :class:`~claude_core.credentials.Secret`.
    """
    if not isinstance(credentials, APIKeyCredentials):
        return False
    api_key, auth_token = credentials.api_key, credentials.auth_token
    if api_key is not None and "x-api-key" not in headers:
        headers["x-api-key"] = api_key.get_secret_value()
    if auth_token is not None and "authorization" not in headers:
        headers["authorization"] = f"Bearer {auth_token.get_secret_value()}"
    return True


@hookimpl(trylast=True)
def claude_sign_request(request: httpx.Request, credentials: Any) -> Optional[httpx.Request]:
    return request if apply_auth(request.headers, credentials) else None
