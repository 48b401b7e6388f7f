"""Which clients go over aiohttp: those given the plugin or the option, or every async client by the environment."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from typing import Any, Dict

import pytest
from aiohttp_support import PARAMS, Seen, emu, fresh  # noqa: F401  (emu, fresh: fixtures)
from claude_aiohttp import AiohttpTransport
from claude_emulator import Emulator

import claude_core


def test_sync_clients_keep_httpx_transport(emu: Emulator) -> None:
    seen = Seen()
    with claude_core.Anthropic(api_key=emu.api_key, base_url=emu.base_url, plugins=[AiohttpTransport(), seen]) as c:
        assert c.messages.create(**PARAMS).content[0].text.startswith("Echo:")
    assert seen.over_httpx()


async def test_an_async_client_chooses_it_by_provider_options(emu: Emulator) -> None:
    seen = Seen()
    options: Any = {"transport": "aiohttp"}
    async with claude_core.AsyncAnthropic(
        api_key=emu.api_key, base_url=emu.base_url, plugins=[seen], provider_options=options
    ) as c:
        await c.messages.create(**PARAMS)
        other = c.with_options(timeout=20)  # a copy keeps the choice
        await other.messages.create(**PARAMS)
    assert seen.over_aiohttp()


async def test_provider_options_can_keep_httpx_for_a_client_given_the_plugin(emu: Emulator) -> None:
    seen = Seen()
    async with claude_core.AsyncAnthropic(
        api_key=emu.api_key,
        base_url=emu.base_url,
        plugins=[AiohttpTransport(), seen],
        provider_options={"transport": "httpx"},
    ) as c:
        await c.messages.create(**PARAMS)
    assert seen.over_httpx()


@pytest.mark.parametrize("value", ["bad", -1, True])
def test_bad_settings_name_the_parameter(value: Any) -> None:
    with pytest.raises(ValueError, match="limit should be a number of connections"):
        AiohttpTransport(limit=value)
    with pytest.raises(TypeError, match=r"verify should be True, False or an ssl\.SSLContext"):
        AiohttpTransport(verify="/etc/ssl/ca.pem")  # type: ignore[arg-type]


_PROBE = """
import asyncio, json, sys
import claude_core
from claude_core import hookimpl

class Seen:
    kinds = []
    @hookimpl
    def claude_wrap_transport(self, transport):
        self.kinds.append(type(transport).__module__)

HI = {"model": "claude-sonnet-4-5", "max_tokens": 8, "messages": [{"role": "user", "content": "Hi"}]}

async def main():
    seen = Seen()
    async with claude_core.AsyncAnthropic(api_key=sys.argv[1], base_url=sys.argv[2], plugins=[seen]) as c:
        text = (await c.messages.create(**HI)).content[0].text
    with claude_core.Anthropic(api_key=sys.argv[1], base_url=sys.argv[2], plugins=[seen]) as c:
        c.messages.create(**HI)
    print(json.dumps({"text": text, "kinds": seen.kinds, "aiohttp_loaded": "aiohttp" in sys.modules}))

asyncio.run(main())
"""


def _probe(emu: Emulator, **env: str) -> Dict[str, Any]:
    environ = {k: v for k, v in os.environ.items() if k != "CLAUDE_CORE_TRANSPORT"}
    environ.update(env)
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", _PROBE, emu.api_key, emu.base_url],
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    result: Dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_the_environment_chooses_aiohttp_for_every_async_client(emu: Emulator) -> None:
    result = _probe(emu, CLAUDE_CORE_TRANSPORT="aiohttp")
    assert result["text"].startswith("Echo:")
    assert result["kinds"][0] == "claude_aiohttp.transport"  # the async client
    assert result["kinds"][1] != "claude_aiohttp.transport"  # the sync one
    assert result["aiohttp_loaded"]


def test_installed_but_not_chosen_it_is_inert_and_aiohttp_is_not_imported(emu: Emulator) -> None:
    result = _probe(emu)
    assert result["text"].startswith("Echo:")
    assert "claude_aiohttp.transport" not in result["kinds"] and len(result["kinds"]) == 2
    assert result["aiohttp_loaded"] is False


def test_the_entry_point_is_registered() -> None:
    from importlib import metadata

    distribution = metadata.distribution("claude-aiohttp")
    points = [p for p in distribution.entry_points if (p.group, p.name) == ("claude_core.plugins", "aiohttp")]
    assert [p.value for p in points] == ["claude_aiohttp.plugin:PLUGIN"]
    assert "provider_options" in repr(points[0].load())


async def test_a_client_used_concurrently_shares_one_session(emu: Emulator) -> None:
    seen = Seen()
    async with claude_core.AsyncAnthropic(
        api_key=emu.api_key, base_url=emu.base_url, plugins=[AiohttpTransport(), seen]
    ) as c:
        await asyncio.gather(*(c.messages.create(**PARAMS) for _ in range(8)))
        sessions = {id(t._session) for t in seen.transports}
    assert len(seen.transports) == 1 and len(sessions) == 1
