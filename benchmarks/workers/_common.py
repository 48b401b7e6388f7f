"""What every worker shares: its arguments, the request it sends, timing, and its JSON output.

Workers run in a benchmark env (see ``benchmarks/_venvs.py``) and import only the standard
library and that env's own package: ``claude_core``, ``anthropic`` or ``httpx``.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from types import ModuleType
from typing import TYPE_CHECKING, Any, Callable, Dict, List

if TYPE_CHECKING:
    import argparse

MODEL = "claude-sonnet-4-5"
BODY: Dict[str, Any] = {
    "model": MODEL,
    "max_tokens": 64,
    "messages": [{"role": "user", "content": "Benchmark me, please."}],
}
#: Events around the deltas of a one-block stream without pings: message_start, block start and stop,
#: message_delta, message_stop.
STREAM_OVERHEAD_EVENTS = 5
SDK_MODULES = {"core": "claude_core", "official": "anthropic"}


def parser(description: str) -> argparse.ArgumentParser:
    """An argument parser with the options every worker takes."""
    import argparse  # here: first_response.py, timed from process start, takes no options

    result = argparse.ArgumentParser(description=description)
    result.add_argument("--client", choices=["core", "official", "httpx"], required=True)
    result.add_argument("--base-url", required=True)
    result.add_argument("--api-key", required=True)
    return result


def sdk(client: str) -> ModuleType:
    """``claude_core`` or ``anthropic``: the two share their call shapes, so one code path drives both."""
    return importlib.import_module(SDK_MODULES[client])


def raw_headers(api_key: str) -> Dict[str, str]:
    """The headers both SDKs send that the API needs, for raw httpx."""
    return {"x-api-key": api_key, "anthropic-version": "2023-06-01", "content-type": "application/json"}


def best_seconds(fn: Callable[[], object], repeat: int, clock: Callable[[], float] = time.perf_counter) -> float:
    """Seconds of the fastest of ``repeat`` runs of ``fn``, after one untimed warm-up run.

    ``clock`` is wall time by default; ``time.process_time`` counts this process's CPU time instead.
    """
    fn()
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        fn()
        best = min(best, clock() - start)
    return best


def sizes(text: str) -> List[int]:
    """``"500,1000"`` -> ``[500, 1000]``."""
    return [int(part) for part in text.split(",") if part]


def peak_rss_mib() -> float:
    """Peak resident memory of this process since it started, in MiB.

    On Linux it is ``VmHWM`` of ``/proc/self/status``: ``ru_maxrss`` also counts the process
    that spawned this one (the kernel keeps the spawner's high-water mark across the fork and
    exec), so under ``benchmarks/run.py`` it could not go below the runner's own ~37 MiB.
    Elsewhere it is ``ru_maxrss`` (bytes on macOS, KiB on the other systems).
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def emit(result: Dict[str, Any]) -> None:
    """Print the worker's result as one JSON line."""
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
