"""Hook implementations that make ``Anthropic(provider="emulator")`` work offline, with no key.

claude_core imports this module in every process that has the emulator installed: the app and
the transport (botocore among what they load) are imported inside the hooks, for the
``emulator`` provider only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from claude_core.credentials import APIKeyCredentials
from claude_core.hookspecs import hookimpl

if TYPE_CHECKING:
    from claude_core import ClientOptions
    from claude_core.providers import Provider

    from .transport import EmulatorTransport

__all__ = ["claude_transport", "claude_credentials"]

PROVIDER_NAME = "emulator"


@hookimpl
def claude_transport(options: ClientOptions, is_async: bool) -> Optional[EmulatorTransport]:
    """An in-process transport over a fresh EmulatorApp for ``provider="emulator"`` clients.

    ``extra["emulator_app"]`` may hold the EmulatorApp to serve from (to queue faults or
    read recorded requests). With ``base_url=`` set, None: requests go over real HTTP.
    """
    if options.provider != PROVIDER_NAME or options.base_url:
        return None
    from .app import EmulatorApp
    from .transport import EmulatorTransport

    app = options.extra.get("emulator_app")
    return EmulatorTransport(app if isinstance(app, EmulatorApp) else EmulatorApp())


@hookimpl
def claude_credentials(provider: Provider, options: ClientOptions) -> Optional[APIKeyCredentials]:
    """The emulator's key (or ``api_key=``) for ``provider="emulator"`` clients; None for the others."""
    if provider.name != PROVIDER_NAME:
        return None
    from .app import EMULATOR_API_KEY

    return APIKeyCredentials(api_key=options.api_key or EMULATOR_API_KEY)
