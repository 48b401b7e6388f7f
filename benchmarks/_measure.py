"""Every measurement of a run: worker scripts run in their envs, each against a fresh emulator.

Timed measurements run in interleaved passes (every contender once per pass) and keep each
contender's best pass, so a burst of load elsewhere on the machine does not fall on one
contender alone.
"""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from _servers import emulator_process
from _targets import BULK, EVENT, RAW_IN_CORE
from _venvs import ROOT, Venv
from claude_emulator import EMULATOR_API_KEY

WORKERS = ROOT / "benchmarks" / "workers"
#: Display name of what each env measures; the env name is also its worker's ``--client``.
LABELS = {"httpx": "raw httpx", "core": "claude_core", "official": "anthropic"}
IMPORT_SNIPPETS = (
    ("import httpx, pydantic", "core", "import httpx, pydantic"),
    ("claude_core", "core", "import claude_core; claude_core.Anthropic(api_key='k')"),
    ("anthropic", "official", "import anthropic; anthropic.Anthropic(api_key='k')"),
)


@dataclasses.dataclass(frozen=True)
class Settings:
    """How much of everything one run measures."""

    quick: bool
    import_runs: int
    sequential: int
    concurrent: int
    deltas: int
    passes: int
    tool_repeat: int
    tool_sizes: List[int]
    memory_calls: int


FULL = Settings(False, 15, 2000, 1280, 20_000, 3, 3, [500, 1000, 2000, 4000, 8000], 2000)
QUICK = Settings(True, 3, 100, 320, 2000, 1, 1, [500, 1000, 2000], 500)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def worker(
    venv: Venv, script: str, *, client: Optional[str] = None, event_chunks: bool = False, **options: Any
) -> Dict[str, Any]:
    """Run ``workers/<script>.py`` in ``venv`` against a fresh emulator; return its JSON.

    ``client`` is what the worker drives, by default the env's own package.
    """
    started = time.perf_counter()
    client = client or venv.name
    with emulator_process(event_chunks) as base_url:
        args = [str(WORKERS / f"{script}.py"), "--client", client, "--base-url", base_url]
        args += ["--api-key", EMULATOR_API_KEY]
        for name, value in options.items():
            args += [
                f"--{name.replace('_', '-')}",
                ",".join(map(str, value)) if isinstance(value, list) else str(value),
            ]
        result: Dict[str, Any] = json.loads(venv.run(args))
    framing = f" ({EVENT})" if event_chunks else ""
    log(f"  {script}: {client} in the {venv.name} env{framing}: {time.perf_counter() - started:.1f} s")
    return result


def import_seconds(envs: Dict[str, Venv], runs: int) -> Dict[str, float]:
    """Median seconds of each import snippet over ``runs`` fresh interpreters, interleaved, after a warm-up."""
    started = time.perf_counter()
    samples: Dict[str, List[float]] = {name: [] for name, _, _ in IMPORT_SNIPPETS}
    for round_ in range(runs + 1):
        for name, env, snippet in IMPORT_SNIPPETS:
            code = f"import time; t = time.perf_counter(); {snippet}; print(time.perf_counter() - t)"
            seconds = float(envs[env].run(["-c", code]))
            if round_:
                samples[name].append(seconds)
    log(f"  import + construct: {time.perf_counter() - started:.1f} s")
    return {name: statistics.median(values) for name, values in samples.items()}


def round_trips(envs: Dict[str, Venv], settings: Settings) -> Tuple[Dict[str, float], Dict[str, float]]:
    """Seconds per call, sequential and 64 in flight, for each contender (best pass).

    Raw httpx also runs 64 in flight in the core env, which holds the same httpx plus
    sniffio: httpcore imports sniffio on every async request, and a failed import is costly.
    """
    runs = [(LABELS[name], venv, name, settings.sequential) for name, venv in envs.items()]
    runs.append((RAW_IN_CORE, envs["core"], "httpx", 0))
    sequential: Dict[str, float] = {}
    concurrent: Dict[str, float] = {}
    for _ in range(settings.passes):
        for label, venv, client, calls in runs:
            trip = worker(venv, "roundtrips", client=client, sequential=calls, concurrent=settings.concurrent, rounds=1)
            if calls:
                sequential[label] = min(sequential.get(label, float("inf")), trip["sequential"])
            concurrent[label] = min(concurrent.get(label, float("inf")), trip["concurrent"])
    return sequential, concurrent


def stream_events(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Dict[str, float]]:
    """Events/s of every reading of the text stream, in both framings (best pass)."""
    results: Dict[str, Dict[str, float]] = {EVENT: {}, BULK: {}}
    for _ in range(settings.passes):
        for framing, event_chunks in ((EVENT, True), (BULK, False)):
            counts: Dict[str, Any] = {"event_chunks": event_chunks, "deltas": settings.deltas, "repeat": 1}
            eps = {
                "emulator send rate (plain socket)": worker(envs["httpx"], "wire", **counts)["socket"],
                "raw httpx iter_lines": worker(envs["httpx"], "streams", **counts)["iter_lines"],
            }
            for env in ("core", "official"):
                readings = worker(envs[env], "streams", **counts)
                eps.update({f"{LABELS[env]} {reading}": value for reading, value in readings.items()})
            for reading, value in eps.items():
                results[framing][reading] = max(results[framing].get(reading, 0.0), value)
    return results


def tool_input_seconds(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Dict[int, float]]:
    """Seconds to stream a tool call of N input chunks, one event per HTTP chunk, for both SDKs."""
    results: Dict[str, Dict[int, float]] = {}
    for env in ("core", "official"):
        seconds = worker(
            envs[env], "tool_input", event_chunks=True, sizes=settings.tool_sizes, repeat=settings.tool_repeat
        )
        results[LABELS[env]] = {int(n): value for n, value in seconds.items()}
    return results


def _tree() -> str:
    """The repository's commit, ``+dirty`` when the work tree differs from it (the core env installs the tree)."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "claude_core", "pyproject.toml"], cwd=ROOT, capture_output=True, text=True
        )
    except OSError:
        return "unknown"
    return commit.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def measure(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    """Every figure of one run, as the report that run.py prints and saves."""
    report: Dict[str, Any] = {
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {platform.system()}",
        "claude_core_tree": _tree(),
        "load_average_at_start": os.getloadavg(),
        "settings": dataclasses.asdict(settings),
        "envs": {name: venv.packages() for name, venv in envs.items()},
    }
    report["import_seconds"] = import_seconds(envs, settings.import_runs)
    report["sequential_seconds_per_call"], report["concurrent64_seconds_per_call"] = round_trips(envs, settings)
    report["stream_events_per_second"] = stream_events(envs, settings)
    report["tool_input_seconds"] = tool_input_seconds(envs, settings)
    report["peak_rss_mib"] = {
        LABELS[env]: worker(venv, "memory", calls=settings.memory_calls)["peak_rss_mib"] for env, venv in envs.items()
    }
    report["load_average_at_end"] = os.getloadavg()
    return report


def check_core_env(core: Venv) -> None:
    """Fail early, and clearly, unless the core env imports its own installed claude_core."""
    where = Path(core.run(["-c", "import claude_core; print(claude_core.__file__)"]).strip())
    if core.path not in where.parents:
        raise SystemExit(f"the core env imports claude_core from {where}, not from its own site-packages")
