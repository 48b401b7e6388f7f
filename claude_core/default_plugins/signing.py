"""Default signing: ``X-Api-Key`` and/or ``Authorization: Bearer``."""

from __future__ import annotations

from typing import Any, MutableMapping, Optional

import httpx

from ..credentials import APIKeyCredentials
from ..errors import MissingCredentialsError
from ..hookspecs import hookimpl
from ..providers import Provider


def apply_auth(headers: MutableMapping[str, str], credentials: Any, provider: Provider) -> bool:
    """Add the API key / bearer token unless the caller set those headers; True if handled.

    ``headers`` is an ``httpx.Headers`` or a dict with lower-case keys.
    """
    if isinstance(credentials, APIKeyCredentials):
        if credentials.api_key is not None and "x-api-key" not in headers:
            headers["x-api-key"] = credentials.api_key
        if credentials.auth_token is not None and "authorization" not in headers:
            headers["authorization"] = f"Bearer {credentials.auth_token}"
        return True
    if credentials is None and "x-api-key" not in headers and "authorization" not in headers:
        raise MissingCredentialsError(
            f"no credentials for the {provider.name!r} provider: pass api_key= (or auth_token=) to the client, "
            "set ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN), or install a credentials plugin"
        )
    return False


@hookimpl(trylast=True)
def claude_sign_request(request: httpx.Request, credentials: Any, provider: Provider) -> Optional[httpx.Request]:
    return request if apply_auth(request.headers, credentials, provider) else None
