"""Child process of ``test_abandoned_streams``: abandons many half-read sync streams, then calls again.

Run by path: ``python abandon.py <seconds>``; after ``<seconds>`` it dumps every thread's
stack to stderr, so a deadlock the parent times out on shows where it is stuck. It
prints one JSON line with its timings and open file descriptor counts.

Why it deadlocks: a half-read ``Stream`` is cyclic garbage (its generators refer back to
it), so the cyclic GC finalizes it at an arbitrary moment. When that moment falls inside
httpcore's connection pool while the pool's (non-reentrant) lock is held, closing the
stream's httpcore byte stream takes that same lock again, and the thread blocks on
itself forever (encode/httpcore#990, #996). ``gc.freeze()`` plus a low threshold makes
full collections happen inside requests often enough to hit this in a few dozen streams.
"""

from __future__ import annotations

import faulthandler
import gc
import json
import os
import sys
import time
from typing import Any, Dict

from claude_emulator import Emulator

import claude_core

STREAMS = 500
EVENTS_READ = 3
#: The emulator echoes the user message one word per text delta: about 100 KB of events,
#: so three events are far from the end of the HTTP body.
LONG = {"role": "user", "content": " ".join(f"word{i}" for i in range(1000))}
PARAMS: Dict[str, Any] = {"model": "claude-sonnet-4-5", "max_tokens": 4096, "messages": [LONG]}
SHORT: Dict[str, Any] = {"model": "claude-sonnet-4-5", "max_tokens": 8, "messages": [{"role": "user", "content": "hi"}]}


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def hide_in_cycle(stream: object) -> None:
    """Leave ``stream`` in a reference cycle: only the cyclic GC frees it, whenever it runs."""
    cycle: Dict[str, Any] = {"stream": stream}
    cycle["self"] = cycle


def abandon_streams(client: claude_core.Anthropic) -> None:
    """Read a few events of each stream, then drop it unclosed (every third one also in a cycle)."""
    for number in range(STREAMS):
        stream = client.messages.create(**PARAMS, stream=True)  # the previous stream: dropped, unclosed
        for _ in range(EVENTS_READ):
            next(iter(stream))
        if number % 3 == 0:
            hide_in_cycle(stream)
        if number % 50 == 49:
            gc.collect()


def main() -> None:
    faulthandler.dump_traceback_later(float(sys.argv[1]))
    with Emulator() as emulator, claude_core.Anthropic(api_key=emulator.api_key, base_url=emulator.base_url) as client:
        client.messages.create(**SHORT)  # plugins loaded, pool and first connection open
        baseline = open_fds()
        gc.collect()
        gc.freeze()
        gc.set_threshold(100, 1, 1)
        start = time.monotonic()
        abandon_streams(client)
        loop_seconds = time.monotonic() - start
        start = time.monotonic()
        client.messages.create(**SHORT)
        create_seconds = time.monotonic() - start
        gc.collect()
        client.messages.create(**SHORT)
        report = {
            "streams": STREAMS,
            "loop_seconds": round(loop_seconds, 3),
            "create_seconds": round(create_seconds, 3),
            "baseline_fds": baseline,
            "final_fds": open_fds(),
        }
    print(json.dumps(report), flush=True)


if __name__ == "__main__":
    main()
