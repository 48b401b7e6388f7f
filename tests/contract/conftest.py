"""Emulators beside the session's one: further deployments, each accepting only its own key."""

from __future__ import annotations

from typing import Callable, Dict, Iterator

import pytest
from claude_emulator import Emulator, EmulatorApp


@pytest.fixture(scope="session")
def deployment() -> Iterator[Callable[[str], Emulator]]:
    """``deployment(key)``: a running emulator that accepts only ``key``, reset for this use."""
    servers: Dict[str, Emulator] = {}

    def get(key: str) -> Emulator:
        if key not in servers:
            servers[key] = Emulator(EmulatorApp(api_keys=[key])).start()
        servers[key].reset()
        return servers[key]

    yield get
    for server in servers.values():
        server.stop()
