"""claude-keyring's hooks: an API key from the OS keyring, when the client has none of its own.

Registered under the ``claude_core.plugins`` entry-point group as ``keyring``. It answers
only for providers that take an API key (``Provider.api_key_auth``: the first-party API and
providers like it), after everything else the core tries:

1. ``api_key=``/``auth_token=`` given to the client: the core uses them without asking plugins;
2. ``ANTHROPIC_API_KEY``/``ANTHROPIC_AUTH_TOKEN``: the core's own implementation, ``tryfirst``;
3. this plugin: the secret in service ``claude-core``, username the provider's name
   (``anthropic``), or ``anthropic:PROFILE`` for a profile chosen with
   ``provider_options={"keyring": {"profile": PROFILE}}``, else ``CLAUDE_CORE_PROFILE``.

The core calls :func:`claude_credentials` once per client and deployment, at the first
request (in a worker thread in the async client), only when 1 and 2 gave no key, and keeps
the answer for the client's life. ``keyring`` and its backends are imported then, at the
first lookup; never for a client with a key of its own. No keyring backend, or a failing one, is one debug line on the
``claude_core.keyring`` logger and no answer: the core's "no credentials" error then names
the keyring entry it looked for (:func:`claude_credential_places`) and why it was unreadable.
"""

from __future__ import annotations

import logging
from typing import Dict, Mapping, Optional

from claude_core import APIKeyCredentials, ClientOptions, hookimpl
from claude_core.providers import Provider

from . import _store

__all__ = ["OPTION", "entry_name"]

#: The ``provider_options`` key of this plugin's settings.
OPTION = "keyring"
logger = logging.getLogger("claude_core.keyring")
#: Why the last lookup of an entry could not read the keyring, by username, for the error message.
_unreadable: Dict[str, str] = {}


def entry_name(provider: Provider, options: ClientOptions) -> str:
    """The username of the keyring entry read for ``provider`` with these options."""
    return _store.username(provider.name, _profile(options))


def _profile(options: ClientOptions) -> Optional[str]:
    settings = options.extra.get(OPTION)
    if settings is None:
        return _store.profile_from_env()
    if not isinstance(settings, Mapping) or not set(settings) <= {"profile"}:
        raise ValueError(
            f"provider_options[{OPTION!r}] takes a mapping with one key, 'profile' "
            f"(for example {{'profile': 'work'}}), got {settings!r}"
        )
    if "profile" not in settings:
        return _store.profile_from_env()
    profile = settings["profile"]
    if profile is not None and not isinstance(profile, str):
        raise TypeError(f"provider_options[{OPTION!r}]['profile'] must be a string or None, got {profile!r}")
    return profile or None


@hookimpl
def claude_credentials(provider: Provider, options: ClientOptions) -> Optional[APIKeyCredentials]:
    if not provider.api_key_auth:
        return None
    name = entry_name(provider, options)
    try:
        secret = _store.read(name)
    except _store.KeyringUnavailable as exc:
        _unreadable[name] = str(exc)
        logger.debug("not reading the key %r from the OS keyring: %s", name, exc)
        return None
    _unreadable.pop(name, None)
    if secret is None:
        logger.debug("no key %r in the OS keyring (service %r)", name, _store.SERVICE)
        return None
    logger.debug("using the key %r from the OS keyring (service %r)", name, _store.SERVICE)
    return APIKeyCredentials(api_key=secret)


@hookimpl
def claude_credential_places(provider: Provider, options: ClientOptions) -> Optional[str]:
    if not provider.api_key_auth:
        return None
    name = entry_name(provider, options)
    why = _unreadable.get(name)
    return f"the OS keyring (service {_store.SERVICE!r}, username {name!r}{': ' + why if why else ''})"
