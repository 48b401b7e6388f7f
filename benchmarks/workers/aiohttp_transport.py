"""The async client over httpx's transport and over claude-aiohttp's: calls in flight and streams.

For each transport (``httpx``, ``aiohttp``) prints:

* ``in_flight``: seconds per ``messages.create`` with ``--width`` calls in flight, best of
  ``--rounds`` rounds of ``--calls`` calls after a warm-up;
* ``events_per_s``: events per second reading a back-to-back stream of ``--deltas`` deltas
  (``messages.create(stream=True)``), best of ``--repeat`` reads, from ``--base-url``;
* ``cpu_us_per_event``: this process's CPU microseconds per event reading the same stream from
  ``--paced-base-url`` (an emulator pacing its events, one per HTTP chunk), best of
  ``--repeat`` reads; null without that URL.

Over https, the CA comes from ``SSL_CERT_FILE``, as for every other worker. Needs claude-core
and claude-aiohttp (``--client core`` only).
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Awaitable, Callable, Dict, List, Optional

from _common import BODY, STREAM_OVERHEAD_EVENTS, emit, parser

TRANSPORTS = ("httpx", "aiohttp")


def _plugins(transport: str) -> List[object]:
    if transport == "httpx":
        return []
    from claude_aiohttp import AiohttpTransport

    return [AiohttpTransport()]


async def _best(fn: Callable[[], Awaitable[None]], repeat: int, clock: Callable[[], float]) -> float:
    """Seconds on ``clock`` of the fastest of ``repeat`` runs of ``fn``, after one untimed run."""
    await fn()
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        await fn()
        best = min(best, clock() - start)
    return best


async def in_flight(client: Any, calls: int, width: int, rounds: int) -> float:
    """Seconds per call with ``width`` calls in flight."""

    async def worker(count: int) -> None:
        for _ in range(count):
            await client.messages.create(**BODY)

    per_worker = max(1, calls // width)

    async def round_() -> None:
        await asyncio.gather(*(worker(per_worker) for _ in range(width)))

    return await _best(round_, rounds, time.perf_counter) / (per_worker * width)


async def stream_seconds(client: Any, deltas: int, repeat: int, clock: Callable[[], float]) -> float:
    """Seconds on ``clock`` of the best read of a ``deltas``-delta stream."""
    events = deltas + STREAM_OVERHEAD_EVENTS

    async def read() -> None:
        count = 0
        async for _event in await client.messages.create(stream=True, **BODY):
            count += 1
        if count != events:
            raise SystemExit(f"stream=True: read {count} events, expected {events}")

    return await _best(read, repeat, clock)


async def measure(transport: str, options: Any) -> Dict[str, Optional[float]]:
    import claude_core

    knobs = {"x-emulator-text-deltas": str(options.deltas), "x-emulator-no-ping": "1"}
    events = options.deltas + STREAM_OVERHEAD_EVENTS
    settings: Dict[str, Any] = dict(api_key=options.api_key, default_headers=knobs, timeout=60)
    async with claude_core.AsyncAnthropic(base_url=options.base_url, plugins=_plugins(transport), **settings) as client:
        per_call = await in_flight(client, options.calls, options.width, options.rounds)
        back_to_back = await stream_seconds(client, options.deltas, options.repeat, time.perf_counter)
    cpu: Optional[float] = None
    if options.paced_base_url:
        async with claude_core.AsyncAnthropic(
            base_url=options.paced_base_url, plugins=_plugins(transport), **settings
        ) as paced:
            cpu = await stream_seconds(paced, options.deltas, options.repeat, time.process_time) / events * 1e6
    return {"in_flight": per_call, "events_per_s": events / back_to_back, "cpu_us_per_event": cpu}


def main() -> None:
    args = parser(__doc__.splitlines()[0])
    args.add_argument("--paced-base-url", help="an emulator that paces its streams (omit: no CPU figure)")
    args.add_argument("--calls", type=int, default=640, help="calls per in-flight round")
    args.add_argument("--width", type=int, default=64, help="calls in flight")
    args.add_argument("--rounds", type=int, default=3, help="timed in-flight rounds (best counts)")
    args.add_argument("--deltas", type=int, default=200, help="text deltas in each stream")
    args.add_argument("--repeat", type=int, default=3, help="timed stream reads (best counts)")
    options = args.parse_args()
    if options.client != "core":
        raise SystemExit("aiohttp_transport.py measures claude-core's transports: pass --client core")
    emit({transport: asyncio.run(measure(transport, options)) for transport in TRANSPORTS})


if __name__ == "__main__":
    main()
