"""Default credentials: ``api_key=``/``auth_token=``, then the environment.

Precedence, for providers that take an API key (``Provider.api_key_auth``):

1. an explicit ``api_key=``/``auth_token=`` argument, a str or a callable (a rotating key):
   used without asking any plugin (:func:`claude_core._key_settings.explicit_credentials`, called by the engine);
2. ``ANTHROPIC_API_KEY``/``ANTHROPIC_AUTH_TOKEN``: this module's ``tryfirst`` hook
   implementation, so the environment beats plugins that look elsewhere (a keyring);
3. every other ``claude_credentials`` implementation, in pluggy's order.
"""

from __future__ import annotations

from typing import Optional

from .._key_settings import key_credentials
from .._options import ClientOptions
from ..credentials import APIKeyCredentials
from ..hookspecs import hookimpl
from ..providers import Provider


@hookimpl(tryfirst=True)
def claude_credentials(provider: Provider, options: ClientOptions) -> Optional[APIKeyCredentials]:
    if not provider.api_key_auth:
        return None
    return key_credentials(options.api_key, options.auth_token)
