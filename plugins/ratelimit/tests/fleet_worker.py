"""One process of the fleet test: async clients sharing one limiter send their share of a burst.

Run by test_fleet.py as ``python fleet_worker.py BASE_URL API_KEY REDIS_URL|- MINUTE CLIENTS REQUESTS START_AT``;
prints one JSON line: the epoch time each request's answer arrived, and the headers of each 429.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from typing import Any, Dict, List

from claude_ratelimit import RateLimiter

import claude_core

PROMPT = [{"role": "user", "content": "Tell me about rate limits. " * 15}]  # about 100 input tokens


async def main(
    base_url: str, api_key: str, redis_url: str, minute: float, clients: int, requests: int, start_at: float
) -> Dict[str, Any]:
    limiter = RateLimiter(redis_url=None if redis_url == "-" else redis_url, minute=minute)
    pool = [
        claude_core.AsyncAnthropic(api_key=api_key, base_url=base_url, plugins=[limiter], max_retries=0)
        for _ in range(clients)
    ]
    answered: List[float] = []
    refusals: List[Dict[str, str]] = []  # the headers of each 429
    failed: List[str] = []

    async def one(client: Any) -> None:
        try:
            await client.messages.create(model="claude-sonnet-4-5", max_tokens=8, messages=PROMPT)
        except claude_core.RateLimitError as exc:
            refusals.append(dict(exc.response.headers))
        except Exception as exc:
            failed.append(repr(exc))
        else:
            answered.append(time.time())

    await asyncio.sleep(max(0.0, start_at - time.time()))
    await asyncio.gather(*(one(pool[number % clients]) for number in range(requests)))
    for client in pool:
        await client.close()
    return {"answered": answered, "refusals": refusals, "failed": failed}


if __name__ == "__main__":
    base_url, api_key, redis_url, minute, clients, requests, start_at = sys.argv[1:8]
    result = asyncio.run(
        main(base_url, api_key, redis_url, float(minute), int(clients), int(requests), float(start_at))
    )
    print(json.dumps(result))
