"""The proof: a burst of 400 requests from 4 processes x 2 async clients against 100 requests and 20k
input tokens a minute, time-compressed: no 429, and the limit's rate achieved within 15 %.

The emulator's buckets start full, so the first 100 requests go at once; the rate is that of
the other 300, from the first answer to the last.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

import redis
from claude_emulator import Emulator, RateLimits
from ratelimit_support import RedisServer, redis_server  # noqa: F401

WORKER = Path(__file__).resolve().parent / "fleet_worker.py"
LIMITS = RateLimits(requests_per_minute=100, input_tokens_per_minute=20_000, time_scale=12)  # a minute: 5 s
MINUTE = LIMITS.minute


def fleet(emu: Emulator, redis_url: Optional[str], processes: int, clients: int, requests: int) -> List[Dict[str, Any]]:
    """Start the processes, let them begin together (after their imports), and collect what each saw."""
    start_at = time.time() + 2.0
    args = [
        emu.base_url,
        emu.api_key,
        redis_url or "-",
        repr(MINUTE),
        str(clients),
        str(requests // processes),
        repr(start_at),
    ]
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(processes)
    ]
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=60)
        assert worker.returncode == 0, err
        results.append(json.loads(out))
    return results


def check(results: List[Dict[str, Any]], requests: int, already_full: bool) -> float:
    """No 429, no failure, every request answered; the achieved rate per (emulated) minute."""
    assert [refusal for result in results for refusal in result["refusals"]] == []
    assert [failure for result in results for failure in result["failed"]] == []
    answered = sorted(moment for result in results for moment in result["answered"])
    assert len(answered) == requests
    paced = requests - (100 if already_full else 0)
    return paced / ((answered[-1] - answered[0]) / MINUTE)


def test_a_fleet_sharing_redis_stays_within_the_limit_even_across_a_redis_restart(redis_server: RedisServer) -> None:
    with Emulator(rate_limits=LIMITS) as emu:
        rate = check(fleet(emu, redis_server.url, processes=4, clients=2, requests=400), 400, already_full=True)
        assert 85 <= rate <= 115, f"{rate:.1f} requests a minute against a limit of 100"
        (key,) = redis.Redis.from_url(redis_server.url).keys("claude_ratelimit:*")

        redis_server.restart()  # the budget is lost; the bucket is empty: the next burst is paced from its start
        results = fleet(emu, redis_server.url, processes=4, clients=2, requests=100)
        check(results, 100, already_full=False)
        state = redis.Redis.from_url(redis_server.url).hgetall(key)
        assert float(state[b"requests:L"]) == 100 and float(state[b"input_tokens:L"]) == 20_000


def test_the_same_burst_in_one_process_without_redis() -> None:
    with Emulator(rate_limits=LIMITS) as emu:
        rate = check(fleet(emu, None, processes=1, clients=8, requests=400), 400, already_full=True)
        assert 85 <= rate <= 115, f"{rate:.1f} requests a minute against a limit of 100"
