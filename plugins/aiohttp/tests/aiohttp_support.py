"""Helpers for the claude-aiohttp tests: a client over aiohttp, and a record of the transports clients chose."""

from __future__ import annotations

from typing import Any, Iterator, List

import pytest
from claude_aiohttp import AiohttpAsyncTransport, AiohttpTransport
from claude_emulator import Emulator

import claude_core
from claude_core import hookimpl

MODEL = "claude-sonnet-4-5"
PARAMS: Any = {"model": MODEL, "max_tokens": 32, "messages": [{"role": "user", "content": "Hello there, Claude"}]}


class Seen:
    """A plugin that notes the base transport each client chose (and leaves it as it is)."""

    def __init__(self) -> None:
        self.transports: List[Any] = []

    @hookimpl
    def claude_wrap_transport(self, transport: Any) -> None:
        self.transports.append(transport)

    def over_aiohttp(self) -> bool:
        return bool(self.transports) and all(isinstance(t, AiohttpAsyncTransport) for t in self.transports)

    def over_httpx(self) -> bool:
        return bool(self.transports) and not any(isinstance(t, AiohttpAsyncTransport) for t in self.transports)


def client(emu: Emulator, seen: Seen, **options: Any) -> claude_core.AsyncAnthropic:
    options.setdefault("api_key", emu.api_key)
    options.setdefault("base_url", emu.base_url)
    return claude_core.AsyncAnthropic(plugins=[AiohttpTransport(), seen], **options)


def delta_text(events: List[Any]) -> str:
    return "".join(e.delta.text for e in events if e.type == "content_block_delta")


__all__ = ["MODEL", "PARAMS", "Seen", "client", "delta_text"]


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    """An emulator for the module, reset around each test (``fresh``)."""
    with Emulator() as server:
        yield server


@pytest.fixture(autouse=True)
def fresh(emu: Emulator) -> Iterator[None]:
    emu.reset()
    yield
    emu.reset()
