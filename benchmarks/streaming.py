"""Streaming benchmarks: events per second and tool-input accumulation cost.

Imported by run.py, which runs everything side by side in one process run.
"""

from __future__ import annotations

import time
from typing import Any, Callable, Dict, List

import httpx
from claude_emulator import EMULATOR_API_KEY

MODEL = "claude-sonnet-4-5"
HEADERS = {"x-api-key": EMULATOR_API_KEY, "anthropic-version": "2023-06-01", "content-type": "application/json"}
TOOLS = [{"name": "record", "description": "Record items", "input_schema": {"type": "object", "properties": {}}}]


def _best(fn: Callable[[], int], repeat: int) -> float:
    """Seconds of the fastest of ``repeat`` runs, after one untimed warm-up run."""
    fn()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def events_per_second(base_url: str, deltas: int, repeat: int) -> Dict[str, float]:
    """Text streams of ``deltas`` text deltas: raw httpx lines, raw SDK events, .stream() text."""
    import anthropic

    import claude_core

    knobs = {"x-emulator-text-deltas": str(deltas), "x-emulator-no-ping": "1"}
    body = {"model": MODEL, "max_tokens": 64, "messages": [{"role": "user", "content": "stream"}]}
    events = deltas + 6  # message_start, block start/stop, message_delta, message_stop + deltas
    results: Dict[str, float] = {}

    with httpx.Client(base_url=base_url, timeout=60) as raw:

        def raw_lines() -> int:
            count = 0
            with raw.stream("POST", "/v1/messages", json={**body, "stream": True}, headers={**HEADERS, **knobs}) as r:
                for line in r.iter_lines():
                    if line.startswith("data:"):
                        count += 1
            return count

        results["raw httpx iter_lines"] = events / _best(raw_lines, repeat)

    ours = claude_core.Anthropic(api_key=EMULATOR_API_KEY, base_url=base_url, default_headers=knobs)
    official = anthropic.Anthropic(api_key=EMULATOR_API_KEY, base_url=base_url, default_headers=knobs)
    for name, client in (("claude_core", ours), ("anthropic", official)):

        def raw_events(client: Any = client) -> int:
            return sum(1 for _ in client.messages.create(stream=True, **body))

        def helper_text(client: Any = client) -> int:
            with client.messages.stream(**body) as stream:
                return sum(1 for _ in stream.text_stream)

        results[f"{name} stream=True"] = events / _best(raw_events, repeat)
        results[f"{name} .stream() text"] = events / _best(helper_text, repeat)
    ours.close()
    official.close()
    return results


def tool_input_seconds(base_url: str, sizes: List[int], repeat: int) -> Dict[str, Dict[int, float]]:
    """Seconds to stream a tool call whose input arrives in N input_json_delta chunks."""
    import anthropic

    import claude_core

    body = {
        "model": MODEL,
        "max_tokens": 64,
        "messages": [{"role": "user", "content": "call record"}],
        "tools": TOOLS,
    }
    results: Dict[str, Dict[int, float]] = {"claude_core": {}, "anthropic": {}}
    for size in sizes:
        knobs = {"x-emulator-tool-chunks": str(size), "x-emulator-no-ping": "1"}
        for name, client in (
            ("claude_core", claude_core.Anthropic(api_key=EMULATOR_API_KEY, base_url=base_url, default_headers=knobs)),
            ("anthropic", anthropic.Anthropic(api_key=EMULATOR_API_KEY, base_url=base_url, default_headers=knobs)),
        ):

            def run(client: Any = client) -> int:
                with client.messages.stream(**body) as stream:
                    message = stream.get_final_message()
                return len(message.content)

            results[name][size] = _best(run, repeat)
            client.close()
    return results
