"""The installed distribution: its entry point, inert until the environment configures it, then on for every client."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import metadata
from typing import Any, Dict

from claude_emulator import Emulator, RateLimits
from ratelimit_support import RedisServer, redis_server  # noqa: F401

# Run in a fresh interpreter: the environment is read when claude_core loads its plugins.
PROGRAM = """
import asyncio, json, sys
import claude_core
from claude_core.plugins import describe

async def main():
    async with claude_core.AsyncAnthropic(max_retries=0) as client:
        hi = [{"role": "user", "content": "Hi"}]
        calls = [client.messages.create(model="claude-sonnet-4-5", max_tokens=8, messages=hi)
                 for _ in range(int(sys.argv[1]))]
        return await asyncio.gather(*calls, return_exceptions=True)

results = asyncio.run(main())
(row,) = [row for row in describe() if row["name"] == "ratelimit"]
print(json.dumps({
    "hooks": row["hooks"],
    "refused": sum(isinstance(result, claude_core.RateLimitError) for result in results),
    "failed": [repr(result) for result in results if isinstance(result, Exception)],
    "loaded": sorted(name for name in sys.modules if name.split(".")[0] in ("redis", "claude_ratelimit")),
}))
"""


def run(emu: Emulator, count: int, **env: str) -> Dict[str, Any]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_"))}
    environment.update(ANTHROPIC_API_KEY=emu.api_key, ANTHROPIC_BASE_URL=emu.base_url, **env)
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(count)], env=environment, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_the_entry_point_and_the_dependencies() -> None:
    distribution = metadata.distribution("claude-ratelimit")
    points = {(point.group, point.name): point.value for point in distribution.entry_points}
    assert points == {("claude_core.plugins", "ratelimit"): "claude_ratelimit.plugin:plugin"}
    assert sorted(distribution.requires or []) == ["claude-core", "redis>=5; extra == 'redis'"]


def test_installed_but_not_configured_it_has_no_hooks_and_loads_nothing() -> None:
    with Emulator(rate_limits=RateLimits(requests_per_minute=5)) as emu:
        seen = run(emu, 8)
    assert seen["hooks"] == []
    assert seen["refused"] == 3  # nothing waits: the API's limits answer
    assert seen["loaded"] == ["claude_ratelimit", "claude_ratelimit.plugin"]


def test_claude_ratelimit_turns_it_on_in_process_for_every_client() -> None:
    with Emulator(rate_limits=RateLimits(requests_per_minute=20, time_scale=20)) as emu:
        seen = run(emu, 30, CLAUDE_RATELIMIT="1", CLAUDE_RATELIMIT_MINUTE="3")
    assert seen["hooks"] == ["claude_call_observer", "claude_wrap_transport"]
    assert seen["refused"] == 0 and seen["failed"] == []
    assert not any(name.startswith("redis") for name in seen["loaded"])  # no Redis configured: never imported


def test_a_redis_url_in_the_environment_shares_the_budget_through_redis(redis_server: RedisServer) -> None:
    import redis

    with Emulator(rate_limits=RateLimits(requests_per_minute=20, time_scale=20)) as emu:
        seen = run(
            emu,
            30,
            CLAUDE_RATELIMIT_REDIS_URL=redis_server.url,
            CLAUDE_RATELIMIT_NAME="team-a",
            CLAUDE_RATELIMIT_MINUTE="3",
        )
    assert seen["refused"] == 0 and seen["failed"] == []
    assert "redis" in seen["loaded"]
    state = redis.Redis.from_url(redis_server.url).hgetall("claude_ratelimit:team-a")
    assert float(state[b"requests:L"]) == 20
