"""claude-emulator: a faithful, offline Claude API for demos and tests.

``Emulator`` serves it over real HTTP on 127.0.0.1; ``EmulatorTransport`` serves it
in-process to an httpx client; ``EmulatorApp`` is the handler both use. The provider and
hook modules are loaded by claude_core through entry points, never from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._eventstream import encode_message as encode_eventstream_message
from ._wire import DISCONNECT, EmulatorRequest, Pause, RecordedRequest, Reply
from .app import (
    EMULATOR_API_KEY,
    EMULATOR_AUTH_TOKEN,
    EMULATOR_AWS_ACCESS_KEY_ID,
    EMULATOR_AWS_SECRET_ACCESS_KEY,
    EMULATOR_BEDROCK_API_KEY,
    EmulatorApp,
)

if TYPE_CHECKING:
    from .server import Emulator
    from .transport import EmulatorTransport

__all__ = [
    "Emulator",
    "EmulatorApp",
    "EmulatorTransport",
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

_LAZY = {"Emulator": ".server", "EmulatorTransport": ".transport"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value
