"""Fixtures for the emulator's own tests: one server per session, raw httpx clients over HTTP or in-process."""

from __future__ import annotations

from typing import Any, Dict, Iterator

import httpx
import pytest
from claude_emulator import EMULATOR_API_KEY, Emulator, EmulatorApp, EmulatorTransport

HEADERS = {"x-api-key": EMULATOR_API_KEY, "anthropic-version": "2023-06-01"}
MODEL = "claude-sonnet-4-5"


def message_body(text: str = "Hello there, Claude", **extra: Any) -> Dict[str, Any]:
    body: Dict[str, Any] = {"model": MODEL, "max_tokens": 100, "messages": [{"role": "user", "content": text}]}
    body.update(extra)
    return body


@pytest.fixture(scope="session")
def emu_server() -> Iterator[Emulator]:
    with Emulator() as emu:
        yield emu


@pytest.fixture
def emu(emu_server: Emulator) -> Iterator[Emulator]:
    emu_server.reset()
    yield emu_server
    emu_server.reset()


@pytest.fixture(params=["http", "transport"])
def client(request: pytest.FixtureRequest, emu: Emulator) -> Iterator[httpx.Client]:
    """An httpx.Client with valid credentials: over real HTTP to ``emu``, or in-process to its app."""
    if request.param == "http":
        http = httpx.Client(base_url=emu.base_url, headers=HEADERS)
    else:
        http = httpx.Client(base_url="http://emulator.test", headers=HEADERS, transport=EmulatorTransport(emu.app))
    with http:
        yield http


@pytest.fixture
def app() -> EmulatorApp:
    return EmulatorApp()
