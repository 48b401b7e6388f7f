"""Default signing: ``X-Api-Key`` and/or ``Authorization: Bearer``.

The engine knows this plugin by its name (:data:`claude_core.plugins.BUILTIN_SIGNER`): while it
is the only signer, the headers are added as each request is built instead of through the hook.
"""

from __future__ import annotations

from typing import Any, Optional

import httpx

from ..credentials import APIKeyCredentials
from ..hookspecs import hookimpl


@hookimpl(trylast=True)
def claude_sign_request(request: httpx.Request, credentials: Any) -> Optional[httpx.Request]:
    if not isinstance(credentials, APIKeyCredentials):
        return None
    credentials.add_headers(request.headers)
    return request
