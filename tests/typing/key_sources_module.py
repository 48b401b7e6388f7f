"""Rotating keys as typed user code writes them (a claude-core addition: the official SDK takes a str).

Checked by ``tox -e typing`` (mypy --strict and pyright) like ``user_module.py``, and run by
``test_key_sources.py``: ``api_key=`` takes a str, a sync callable or an async one,
returning the key or an :class:`~claude_core.credentials.Expiring`.
"""

from __future__ import annotations

from typing import Callable, Optional

import claude_core
from claude_core.credentials import Expiring, Secret


def sync_client(fetch: Callable[[], str], base_url: str) -> claude_core.Anthropic:
    return claude_core.Anthropic(api_key=fetch, base_url=base_url)


def expiring_client(key: str, base_url: str) -> claude_core.Anthropic:
    def fetch() -> Expiring:
        return Expiring(key, expires_in=300.0)

    return claude_core.Anthropic(api_key=fetch, base_url=base_url)


def async_client(key: str, base_url: str) -> claude_core.AsyncAnthropic:
    async def fetch() -> str:
        return key

    return claude_core.AsyncAnthropic(api_key=fetch, base_url=base_url)


def token_client(key: str, base_url: str) -> claude_core.AsyncAnthropic:
    async def fetch() -> Expiring:
        return Expiring(key, 60.0)

    return claude_core.AsyncAnthropic(api_key=None, auth_token=fetch, base_url=base_url)


def key_in_use(client: claude_core.Anthropic) -> Optional[str]:
    return client.api_key


def revealed(secret: Optional[Secret]) -> str:
    return secret.get_secret_value() if secret is not None else ""
