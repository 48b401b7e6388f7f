"""EmulatorProvider: the ``emulator`` deployment, served in-process by the emulator plugin."""

from __future__ import annotations

from typing import Mapping

from claude_core.providers import Provider

__all__ = ["EmulatorProvider", "EMULATOR_BASE_URL"]

#: Never resolved: the emulator plugin's transport answers every request in-process.
EMULATOR_BASE_URL = "http://emulator.invalid"


class EmulatorProvider(Provider):
    """``Anthropic(provider="emulator")``: the offline emulator, no server and no key needed.

    With ``base_url=`` (for example a running :class:`~claude_emulator.Emulator`'s
    ``base_url``) requests go over real HTTP to it instead.
    """

    name = "emulator"
    #: The emulator plugin supplies the key (``api_key=`` or the emulator's own), not the environment.
    api_key_auth = False

    def base_url(self) -> str:
        return self.options.base_url or EMULATOR_BASE_URL

    def default_headers(self) -> Mapping[str, str]:
        return {"anthropic-version": "2023-06-01"}
