"""claude-emulator: a faithful, offline Claude API for demos and tests.

``Emulator`` serves it over real HTTP on 127.0.0.1; ``EmulatorTransport`` serves it
in-process to an httpx client; ``EmulatorApp`` is the handler both use, and ``RateLimits``
gives it the API's per-key rate limits. The provider and hook modules are loaded by
claude_core through entry points, never from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._eventstream import encode_message as encode_eventstream_message
    from ._ratelimits import RateLimits
    from ._wire import DISCONNECT, EmulatorRequest, Pause, RecordedRequest, Reply
    from .app import (
        EMULATOR_API_KEY,
        EMULATOR_AUTH_TOKEN,
        EMULATOR_AWS_ACCESS_KEY_ID,
        EMULATOR_AWS_SECRET_ACCESS_KEY,
        EMULATOR_BEDROCK_API_KEY,
        EmulatorApp,
    )
    from .server import Emulator
    from .transport import EmulatorTransport

__all__ = [
    "Emulator",
    "EmulatorApp",
    "EmulatorTransport",
    "RateLimits",
    "EmulatorRequest",
    "RecordedRequest",
    "Reply",
    "Pause",
    "DISCONNECT",
    "EMULATOR_API_KEY",
    "EMULATOR_AUTH_TOKEN",
    "EMULATOR_AWS_ACCESS_KEY_ID",
    "EMULATOR_AWS_SECRET_ACCESS_KEY",
    "EMULATOR_BEDROCK_API_KEY",
    "encode_eventstream_message",
]

#: Every name, imported on first use: ``claude_emulator.plugin``, which claude_core loads in
#: every process that has the emulator installed, imports this package without its app
#: (botocore, for its Bedrock routes, among what that loads).
_LAZY = {
    "Emulator": ".server",
    "EmulatorApp": ".app",
    "EmulatorTransport": ".transport",
    "RateLimits": "._ratelimits",
    "EmulatorRequest": "._wire",
    "RecordedRequest": "._wire",
    "Reply": "._wire",
    "Pause": "._wire",
    "DISCONNECT": "._wire",
    "EMULATOR_API_KEY": ".app",
    "EMULATOR_AUTH_TOKEN": ".app",
    "EMULATOR_AWS_ACCESS_KEY_ID": ".app",
    "EMULATOR_AWS_SECRET_ACCESS_KEY": ".app",
    "EMULATOR_BEDROCK_API_KEY": ".app",
    "encode_eventstream_message": "._eventstream",
}
_RENAMED = {"encode_eventstream_message": "encode_message"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module, __name__), _RENAMED.get(name, name))
    globals()[name] = value
    return value
