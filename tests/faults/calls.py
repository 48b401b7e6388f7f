"""The SDK calls the fault tests make, through the public API on the sync or the async client, timed.

Three call shapes, each returning the reply's text:

- ``create``: ``messages.create(...)``;
- ``create_stream``: ``messages.create(..., stream=True)``, every event iterated;
- ``stream``: ``with messages.stream(...) as s``, ``s.text_stream`` read to its end.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import time
import traceback
from typing import Any, Dict, Optional, Type

import httpx

import claude_core

from ..conftest import aiohttp_transport

__all__ = ["SHAPES", "Caller", "Outcome"]

SHAPES = ("create", "create_stream", "stream")
PARAMS: Dict[str, Any] = {
    "model": "claude-sonnet-4-5",
    "max_tokens": 16,
    "messages": [{"role": "user", "content": "Hello"}],
}
_SDK_DIR = os.path.dirname(claude_core.__file__)


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What one call gave: its text or its exception, and how long it took."""

    text: Optional[str]
    error: Optional[Exception]
    elapsed: float

    def describe(self) -> str:
        if self.error is None:
            return f"returned {self.text!r} after {self.elapsed:.2f} s"
        kind = type(self.error)
        return (
            f"raised {kind.__module__}.{kind.__qualname__}({self.error}) after {self.elapsed:.2f} s, "
            f"leaving the SDK at {self.raised_from()}"
        )

    def raised_from(self) -> str:
        """``file:line in function`` of the innermost SDK frame the exception passed through."""
        assert self.error is not None
        frames = [f for f in traceback.extract_tb(self.error.__traceback__) if f.filename.startswith(_SDK_DIR)]
        if not frames:
            return "(no SDK frame)"
        last = frames[-1]
        return f"{os.path.relpath(last.filename, os.path.dirname(_SDK_DIR))}:{last.lineno} in {last.name}"

    def assert_raised(self, expected: Type[Exception]) -> None:
        """The call raised exactly ``expected`` (not a subclass, never a raw httpx exception)."""
        assert self.error is not None, f"expected {expected.__name__}, but the call {self.describe()}"
        assert not isinstance(self.error, httpx.HTTPError), f"a raw httpx exception escaped: the call {self.describe()}"
        assert type(self.error) is expected, f"expected {expected.__name__}, but the call {self.describe()}"


class Caller:
    """Makes one call of a shape with a fresh sync or async client (over aiohttp in mode
    ``async-aiohttp``) pointed at ``base_url``."""

    def __init__(self, mode: str, base_url: str) -> None:
        self.mode = mode
        self.base_url = base_url

    def __call__(self, shape: str, **client_options: Any) -> Outcome:
        assert shape in SHAPES, shape
        options = {"api_key": "sk-ant-fault-tests", "base_url": self.base_url, **client_options}
        if self.mode == "async-aiohttp":
            options["plugins"] = [*options.get("plugins", ()), aiohttp_transport()]
        if self.mode != "sync":
            return asyncio.run(_async_outcome(shape, options))
        return _sync_outcome(shape, options)


def _sync_outcome(shape: str, options: Dict[str, Any]) -> Outcome:
    with claude_core.Anthropic(**options) as client:
        start = time.monotonic()
        try:
            text = _sync_call(client, shape)
        except Exception as exc:
            return Outcome(None, exc, time.monotonic() - start)
        return Outcome(text, None, time.monotonic() - start)


async def _async_outcome(shape: str, options: Dict[str, Any]) -> Outcome:
    async with claude_core.AsyncAnthropic(**options) as client:
        start = time.monotonic()
        try:
            text = await _async_call(client, shape)
        except Exception as exc:
            return Outcome(None, exc, time.monotonic() - start)
        return Outcome(text, None, time.monotonic() - start)


def _sync_call(client: claude_core.Anthropic, shape: str) -> str:
    if shape == "create":
        return str(client.messages.create(**PARAMS).content[0].text)
    if shape == "create_stream":
        with client.messages.create(**PARAMS, stream=True) as events:
            return "".join(event.delta.text for event in events if event.type == "content_block_delta")
    with client.messages.stream(**PARAMS) as stream:
        return "".join(stream.text_stream)


async def _async_call(client: claude_core.AsyncAnthropic, shape: str) -> str:
    if shape == "create":
        return str((await client.messages.create(**PARAMS)).content[0].text)
    if shape == "create_stream":
        async with await client.messages.create(**PARAMS, stream=True) as events:
            return "".join([event.delta.text async for event in events if event.type == "content_block_delta"])
    async with client.messages.stream(**PARAMS) as stream:
        return "".join([text async for text in stream.text_stream])
