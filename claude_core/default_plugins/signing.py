"""Default signing: ``X-Api-Key`` and/or ``Authorization: Bearer``."""

from __future__ import annotations

from typing import Any, Optional

import httpx

from ..credentials import APIKeyCredentials
from ..errors import MissingCredentialsError
from ..hookspecs import hookimpl
from ..providers import Provider


@hookimpl(trylast=True)
def claude_sign_request(request: httpx.Request, credentials: Any, provider: Provider) -> Optional[httpx.Request]:
    headers = request.headers
    if isinstance(credentials, APIKeyCredentials):
        if credentials.api_key is not None and "x-api-key" not in headers:
            headers["X-Api-Key"] = credentials.api_key
        if credentials.auth_token is not None and "authorization" not in headers:
            headers["Authorization"] = f"Bearer {credentials.auth_token}"
        return request
    if credentials is None and "x-api-key" not in headers and "authorization" not in headers:
        raise MissingCredentialsError(
            f"no credentials for the {provider.name!r} provider: pass api_key= (or auth_token=) to the client, "
            "set ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN), or install a credentials plugin"
        )
    return None
