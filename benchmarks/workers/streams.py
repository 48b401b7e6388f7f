"""One streamed text reply of N deltas, read as a user would: events per second, or client CPU per event.

Raw httpx iterates the body's lines (``iter_lines``) and counts the ``data:`` ones; each SDK
iterates ``messages.create(stream=True)`` (a typed event per event) and
``messages.stream()`` + ``text_stream``. Prints ``{reading: events/s}`` of the best of
``--repeat`` reads in wall time or, with ``--cpu``, ``{reading: µs of this process's CPU time
per event}`` of the best of ``--repeat`` reads: the figure for a paced stream, whose wall time
is the server's pacing.
"""

from __future__ import annotations

import json
import time
from typing import Any, Callable, Dict

from _common import BODY, STREAM_OVERHEAD_EVENTS, best_seconds, emit, parser, raw_headers, sdk

Clock = Callable[[], float]


def _check(counted: int, expected: int, what: str) -> int:
    if counted != expected:
        raise SystemExit(f"{what}: read {counted} items, expected {expected}")
    return counted


def raw_httpx(
    base_url: str, api_key: str, knobs: Dict[str, str], events: int, repeat: int, clock: Clock
) -> Dict[str, float]:
    """Best seconds on ``clock`` of reading the stream's lines with raw httpx."""
    import httpx

    content, headers = json.dumps({**BODY, "stream": True}).encode(), {**raw_headers(api_key), **knobs}
    with httpx.Client(base_url=base_url, timeout=60) as raw:

        def lines() -> int:
            with raw.stream("POST", "/v1/messages", content=content, headers=headers) as response:
                count = sum(1 for line in response.iter_lines() if line.startswith("data:"))
            return _check(count, events, "iter_lines")

        return {"iter_lines": best_seconds(lines, repeat, clock)}


def read_streams(
    sync: Any, body: Dict[str, Any], deltas: int, repeat: int, clock: Clock = time.perf_counter
) -> Dict[str, float]:
    """Best seconds on ``clock`` of reading ``sync.messages.create(stream=True)`` and ``.stream()`` +
    ``text_stream``, for ``body``."""
    events = deltas + STREAM_OVERHEAD_EVENTS

    def raw_events() -> int:
        return _check(sum(1 for _ in sync.messages.create(stream=True, **body)), events, "stream=True")

    def text() -> int:
        with sync.messages.stream(**body) as stream:
            return _check(sum(1 for _ in stream.text_stream), deltas, "text_stream")

    return {"stream=True": best_seconds(raw_events, repeat, clock), ".stream() text": best_seconds(text, repeat, clock)}


def per_event(seconds: Dict[str, float], deltas: int, cpu: bool = False) -> Dict[str, float]:
    """``{reading: events/s}`` from wall seconds per stream, or ``{reading: CPU µs per event}`` with ``cpu``."""
    events = deltas + STREAM_OVERHEAD_EVENTS
    return {reading: value / events * 1e6 if cpu else events / value for reading, value in seconds.items()}


def main() -> None:
    args = parser(__doc__.splitlines()[0])
    args.add_argument("--deltas", type=int, required=True, help="text deltas in the stream")
    args.add_argument("--repeat", type=int, required=True, help="timed reads (best counts)")
    args.add_argument("--cpu", action="store_true", help="measure this process's CPU time, not wall time")
    options = args.parse_args()
    knobs = {"x-emulator-text-deltas": str(options.deltas), "x-emulator-no-ping": "1"}
    clock = time.process_time if options.cpu else time.perf_counter
    seconds: Dict[str, float]
    if options.client == "httpx":
        events = options.deltas + STREAM_OVERHEAD_EVENTS
        seconds = raw_httpx(options.base_url, options.api_key, knobs, events, options.repeat, clock)
    else:
        with sdk(options.client).Anthropic(
            api_key=options.api_key, base_url=options.base_url, default_headers=knobs, timeout=60
        ) as sync:
            seconds = read_streams(sync, BODY, options.deltas, options.repeat, clock)
    emit(per_event(seconds, options.deltas, options.cpu))


if __name__ == "__main__":
    main()
