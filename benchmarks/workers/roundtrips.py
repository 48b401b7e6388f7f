"""``messages.create`` round trips: sequential with the sync client, 64 in flight with the async one.

Prints ``{"sequential": s/call or null, "concurrent": s/call}``, each the best of ``--rounds``
rounds after a warm-up. Raw httpx sends the same body with the same headers and decodes
the JSON, through a client with the SDKs' connection limits.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any, Awaitable, Callable

from _common import BODY, emit, parser, raw_headers, sdk

#: The connection limits both SDKs give their httpx clients.
LIMITS = {"max_connections": 1000, "max_keepalive_connections": 100}


def per_call(call: Callable[[], Any], n: int, rounds: int) -> float:
    """Seconds per call: best of ``rounds`` rounds of ``n`` calls, after a warm-up."""
    for _ in range(min(50, n)):
        call()
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(n):
            call()
        best = min(best, (time.perf_counter() - start) / n)
    return best


async def throughput(call: Callable[[], Awaitable[Any]], total: int, width: int, rounds: int) -> float:
    """Seconds per call with ``width`` calls in flight: best of ``rounds`` rounds of ``total`` calls."""

    async def worker(count: int) -> None:
        for _ in range(count):
            await call()

    await asyncio.gather(*(worker(2) for _ in range(width)))  # warm up the pool
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        await asyncio.gather(*(worker(total // width) for _ in range(width)))
        best = min(best, (time.perf_counter() - start) / (total // width * width))
    return best


def sequential(client: str, base_url: str, api_key: str, n: int, rounds: int) -> float:
    if client == "httpx":
        import httpx

        content, headers = json.dumps(BODY).encode(), raw_headers(api_key)
        with httpx.Client(base_url=base_url) as raw:

            def raw_call() -> Any:
                response = raw.post("/v1/messages", content=content, headers=headers)
                response.raise_for_status()
                return response.json()

            return per_call(raw_call, n, rounds)
    with sdk(client).Anthropic(api_key=api_key, base_url=base_url) as sync:
        return per_call(lambda: sync.messages.create(**BODY), n, rounds)


async def concurrent(client: str, base_url: str, api_key: str, total: int, width: int, rounds: int) -> float:
    if client == "httpx":
        import httpx

        content, headers = json.dumps(BODY).encode(), raw_headers(api_key)
        async with httpx.AsyncClient(base_url=base_url, limits=httpx.Limits(**LIMITS)) as raw:

            async def raw_call() -> Any:
                response = await raw.post("/v1/messages", content=content, headers=headers)
                response.raise_for_status()
                return response.json()

            return await throughput(raw_call, total, width, rounds)
    async with sdk(client).AsyncAnthropic(api_key=api_key, base_url=base_url) as async_client:
        return await throughput(lambda: async_client.messages.create(**BODY), total, width, rounds)


def main() -> None:
    args = parser(__doc__.splitlines()[0])
    args.add_argument("--sequential", type=int, required=True, help="calls per sequential round (0: none)")
    args.add_argument("--concurrent", type=int, required=True, help="calls per concurrent round")
    args.add_argument("--width", type=int, default=64, help="calls in flight")
    args.add_argument("--rounds", type=int, default=3, help="timed rounds of each (best counts)")
    options = args.parse_args()
    client, url, key, rounds = options.client, options.base_url, options.api_key, options.rounds
    emit(
        {
            "sequential": sequential(client, url, key, options.sequential, rounds) if options.sequential else None,
            "concurrent": asyncio.run(concurrent(client, url, key, options.concurrent, options.width, rounds)),
        }
    )


if __name__ == "__main__":
    main()
