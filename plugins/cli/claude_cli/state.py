"""What every command shares: the global options, and the client they make."""

from __future__ import annotations

import dataclasses
import os
import sys
from typing import Optional

import click

import claude_core
from claude_core.plugins import check_provider

from .output import is_terminal
from .plugins import load_sdk_plugins

__all__ = ["State", "PROVIDER_ENV", "base_url_problem"]

#: The environment variable ``--provider`` defaults to (``ANTHROPIC_BASE_URL`` is the SDK's own).
PROVIDER_ENV = "CLAUDE_CORE_PROVIDER"


@dataclasses.dataclass
class State:
    """The global options of one run (``ctx.obj``); commands take it with ``@click.pass_obj``."""

    provider: str = "anthropic"
    base_url: Optional[str] = None
    debug: bool = False
    _client: Optional[claude_core.Anthropic] = dataclasses.field(default=None, repr=False)

    def client(self) -> claude_core.Anthropic:
        """The run's client (made once): ``--provider`` and ``--base-url`` applied, credentials
        found as the SDK finds them (arguments, environment, the keyring plugin)."""
        if self._client is None:
            try:
                check_provider(self.provider)
            except Exception as exc:  # checked when a command needs a client: `plugins` works regardless
                raise click.BadParameter(str(exc), param_hint="--provider") from exc
            load_sdk_plugins()  # its warning about broken plugins kept for where the CLI says it
            plugins = []
            if is_terminal(sys.stderr):  # a retry's wait is said where someone watches
                from .retry_notice import RetryNotice

                plugins.append(RetryNotice())
            client = claude_core.Anthropic(provider=self.provider, base_url=self.base_url, plugins=plugins)
            self._check_base_url(client)
            self._client = client
        return self._client

    def _check_base_url(self, client: claude_core.Anthropic) -> None:
        """A base URL the API cannot be reached at is a usage error before any request, naming
        where it was given (the SDK would fail each retry on it, as a network error)."""
        given, where = self.base_url, "--base-url"
        if not given:
            try:
                given = str(client.base_url).rstrip("/")
            except Exception:  # a cloud provider missing its region: said by the request, in its terms
                return
            named = sorted(
                k for k, v in os.environ.items() if k.endswith("_BASE_URL") and v.strip().rstrip("/") == given
            )
            where = " or ".join(named) or "the provider's base URL"
        fix = base_url_problem(given)
        if fix is not None:
            client.close()
            raise click.BadParameter(f"{given!r} {fix}", param_hint=where)

    def close(self) -> None:
        """Close the run's client, if a command made one (when the command ends)."""
        if self._client is not None:
            self._client.close()


def base_url_problem(url: str) -> Optional[str]:
    """What is wrong with ``url`` as the API's base URL, and the fix (None: nothing)."""
    import httpx

    text = url.strip()
    if "://" not in text:
        if text.lower().startswith(("http:", "https:")):
            return "is not a URL: write it as http://HOST[:PORT] or https://HOST"
        return f"has no scheme: add http:// or https:// (http://{text.rstrip('/')})"
    try:
        parsed = httpx.URL(text)
    except httpx.InvalidURL as exc:
        return f"is not a URL ({exc}): write it as http://HOST[:PORT] or https://HOST"
    if parsed.scheme not in ("http", "https"):
        return f"is not an http:// or https:// URL: give one such as https://{parsed.host or 'api.anthropic.com'}"
    if not parsed.host:
        return "has no host: give one such as https://api.anthropic.com"
    return None
