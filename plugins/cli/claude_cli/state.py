"""What every command shares: the global options, and the client they make."""

from __future__ import annotations

import dataclasses
from typing import Optional

import click

import claude_core
from claude_core.plugins import check_provider

from .plugins import load_sdk_plugins

__all__ = ["State", "PROVIDER_ENV"]

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
            self._client = claude_core.Anthropic(provider=self.provider, base_url=self.base_url)
        return self._client

    def close(self) -> None:
        """Close the run's client, if a command made one (when the command ends)."""
        if self._client is not None:
            self._client.close()
