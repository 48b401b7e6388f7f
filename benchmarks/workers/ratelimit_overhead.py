"""What claude-ratelimit adds per ``messages.create``: the plain client beside one with a limiter.

Prints ``{"plain": {...}, "in_process": {...}, "redis": {...} or null, "overhead_us": {...}}``:
for each, the seconds per call sequentially with the sync client (``sequential``) and with
``--width`` calls in flight in the async one (``concurrent``), the best of ``--rounds`` rounds
after a warm-up; ``overhead_us`` is each limiter's extra microseconds per call over the plain
client. Run it against an emulator whose limits are far above the load, so that every answer
carries the ``anthropic-ratelimit-*`` headers the limiter reads and nobody waits:
``python -m claude_emulator serve --rpm 100000000 --itpm 1000000000 --otpm 1000000000``.
``--redis-url`` (a Redis of its own: the budget's keys are written there) adds the fleet-wide
limiter; without it ``redis`` is null. Needs claude-core and claude-ratelimit (``[redis]``).
"""

from __future__ import annotations

import asyncio
from typing import Dict, List, Optional

from _common import BODY, emit, parser
from roundtrips import per_call, throughput


def measure(
    base_url: str, api_key: str, plugins: List[object], calls: int, width: int, rounds: int
) -> Dict[str, float]:
    import claude_core

    with claude_core.Anthropic(api_key=api_key, base_url=base_url, plugins=plugins) as sync:
        sequential = per_call(lambda: sync.messages.create(**BODY), calls, rounds)

    async def concurrent() -> float:
        async with claude_core.AsyncAnthropic(api_key=api_key, base_url=base_url, plugins=plugins) as client:
            return await throughput(lambda: client.messages.create(**BODY), calls, width, rounds)

    return {"sequential": sequential, "concurrent": asyncio.run(concurrent())}


def overhead(limited: Optional[Dict[str, float]], plain: Dict[str, float]) -> Optional[Dict[str, float]]:
    if limited is None:
        return None
    return {mode: round((limited[mode] - plain[mode]) * 1e6, 1) for mode in plain}


def main() -> None:
    args = parser(__doc__.splitlines()[0])
    args.add_argument("--calls", type=int, default=500, help="calls per round")
    args.add_argument("--width", type=int, default=16, help="calls in flight in the async client")
    args.add_argument("--rounds", type=int, default=3, help="timed rounds of each (best counts)")
    args.add_argument("--redis-url", help="a Redis for the fleet-wide limiter (omit: in-process only)")
    options = args.parse_args()
    if options.client != "core":
        args.error("the limiter is a claude-core plugin: use --client core")
    from claude_ratelimit import RateLimiter

    url, key = options.base_url, options.api_key
    sizes = (options.calls, options.width, options.rounds)
    plain = measure(url, key, [], *sizes)
    in_process = measure(url, key, [RateLimiter()], *sizes)
    redis = measure(url, key, [RateLimiter(redis_url=options.redis_url)], *sizes) if options.redis_url else None
    emit(
        {
            "plain": plain,
            "in_process": in_process,
            "redis": redis,
            "overhead_us": {"in_process": overhead(in_process, plain), "redis": overhead(redis, plain)},
        }
    )


if __name__ == "__main__":
    main()
