"""Default credentials: ``api_key=``/``auth_token=`` or the environment."""

from __future__ import annotations

import os
from typing import Optional

from .._options import ClientOptions
from ..credentials import APIKeyCredentials
from ..hookspecs import hookimpl
from ..providers import Provider


@hookimpl(trylast=True)
def claude_credentials(provider: Provider, options: ClientOptions) -> Optional[APIKeyCredentials]:
    if not provider.api_key_auth:
        return None
    api_key = options.api_key if options.api_key is not None else os.environ.get("ANTHROPIC_API_KEY")
    auth_token = options.auth_token if options.auth_token is not None else os.environ.get("ANTHROPIC_AUTH_TOKEN")
    if api_key is None and auth_token is None:
        return None
    return APIKeyCredentials(api_key=api_key, auth_token=auth_token)
