"""The API key settings: the ``api_key=`` / ``auth_token=`` arguments, then ``ANTHROPIC_API_KEY`` /
``ANTHROPIC_AUTH_TOKEN``. Read by the engine (arguments win without asking any plugin) and by
the default ``claude_credentials`` hook (the environment)."""

from __future__ import annotations

import os
from typing import List, Optional, Union

from ._options import ClientOptions
from .credentials import APIKeyCredentials, KeySource, RotatingCredentials
from .providers import Provider

__all__ = ["explicit_credentials", "key_credentials", "empty_settings"]


def explicit_credentials(provider: Provider, options: ClientOptions) -> Optional[APIKeyCredentials]:
    """The credentials named by the client's arguments (the environment fills the other half), or None.

    A callable argument (a rotating key) makes them :class:`~claude_core.credentials.RotatingCredentials`.
    """
    if not provider.api_key_auth:
        return None
    api_key = options.api_key_callable or options.api_key
    auth_token = options.auth_token_callable or options.auth_token
    if api_key is None and auth_token is None:
        return None
    return key_credentials(api_key, auth_token)


def key_credentials(
    api_key: Union[str, KeySource, None], auth_token: Union[str, KeySource, None]
) -> Optional[APIKeyCredentials]:
    """Credentials of the given key and token, each from its environment variable when not given."""
    api_key = api_key if api_key is not None else os.environ.get("ANTHROPIC_API_KEY")
    auth_token = auth_token if auth_token is not None else os.environ.get("ANTHROPIC_AUTH_TOKEN")
    # an empty key is no key: refused before sending, as the official SDK does (see empty_settings)
    api_key = api_key or None
    auth_token = auth_token or None
    if api_key is None and auth_token is None:
        return None
    if callable(api_key) or callable(auth_token):
        return RotatingCredentials(api_key=api_key, auth_token=auth_token)
    return APIKeyCredentials(api_key=api_key, auth_token=auth_token)


def empty_settings(options: ClientOptions) -> List[str]:
    """The key settings that were given but empty (``api_key=""``, ``ANTHROPIC_API_KEY=``),
    for the error refusing a request without credentials."""
    found = []
    for argument, variable in (("api_key", "ANTHROPIC_API_KEY"), ("auth_token", "ANTHROPIC_AUTH_TOKEN")):
        value = getattr(options, argument)
        if value == "":
            found.append(f'{argument}=""')
        elif value is None and getattr(options, f"{argument}_callable") is None and os.environ.get(variable) == "":
            found.append(f"{variable} (set but empty)")
    return found
