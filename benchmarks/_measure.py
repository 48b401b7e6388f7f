"""Every measurement of a run: worker scripts run in their envs, each against a fresh emulator.

Timed measurements run in interleaved passes (every contender once per pass) and keep each
contender's best pass, so a burst of load elsewhere on the machine does not fall on one
contender alone.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

from _servers import emulator_process
from _targets import BULK, EVENT, RAW_IN_CORE
from _venvs import ROOT, Venv, prepare_bedrock
from claude_emulator import EMULATOR_API_KEY, EMULATOR_AWS_ACCESS_KEY_ID, EMULATOR_AWS_SECRET_ACCESS_KEY

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
    batch_lines: int
    batch_rss_lines: List[int]
    file_mib: int


FULL = Settings(
    False, 15, 2000, 1280, 20_000, 3, 3, [500, 1000, 2000, 4000, 8000], 2000, 200_000, [50_000, 200_000], 200
)
QUICK = Settings(True, 3, 100, 320, 2000, 1, 1, [500, 1000, 2000], 500, 20_000, [5_000, 20_000], 20)


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


def bedrock_stream_events(envs: Dict[str, Venv], settings: Settings) -> Dict[str, float]:
    """Events/s of both readings of the text stream over Bedrock's event-stream framing, one event per
    HTTP chunk, with each SDK's ``AnthropicBedrock`` (best pass)."""
    results: Dict[str, float] = {}
    credentials = {"aws_access_key": EMULATOR_AWS_ACCESS_KEY_ID, "aws_secret_key": EMULATOR_AWS_SECRET_ACCESS_KEY}
    bedrock = prepare_bedrock()  # envs of their own: the plain ones hold no provider plugin
    check_core_env(bedrock["core"], "claude_core", "provider_bedrock")
    for _ in range(settings.passes):
        for env in ("core", "official"):
            readings = worker(
                bedrock[env],
                "bedrock_stream",
                client=env,
                event_chunks=True,
                deltas=settings.deltas,
                repeat=1,
                **credentials,
            )
            for reading, value in readings.items():
                label = f"{LABELS[env]} {reading}"
                results[label] = max(results.get(label, 0.0), value)
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


def peak_rss(envs: Dict[str, Venv], settings: Settings) -> Dict[str, float]:
    """Peak RSS (MiB) of a fresh interpreter after the sequential calls, for each contender."""
    return {
        LABELS[env]: worker(venv, "memory", calls=settings.memory_calls)["peak_rss_mib"] for env, venv in envs.items()
    }


def batch_results(envs: Dict[str, Venv], settings: Settings) -> Tuple[Dict[str, float], Dict[str, Dict[int, float]]]:
    """Lines/s reading a batch's results (best pass), and peak RSS (MiB) after reading N lines, for each contender.

    Every RSS figure comes from a fresh interpreter that reads N lines once.
    """
    rates: Dict[str, float] = {}
    for _ in range(settings.passes):
        for env, venv in envs.items():
            rate = worker(venv, "batch_results", lines=settings.batch_lines, repeat=1)["lines_per_second"]
            rates[LABELS[env]] = max(rates.get(LABELS[env], 0.0), rate)
    rss = {
        LABELS[env]: {
            n: worker(venv, "batch_results", lines=n, repeat=1)["peak_rss_mib"] for n in settings.batch_rss_lines
        }
        for env, venv in envs.items()
    }
    return rates, rss


@contextlib.contextmanager
def random_file(mib: int) -> Iterator[Tuple[Path, str]]:
    """A temporary file of ``mib`` MiB of random bytes, written 1 MiB at a time, and its SHA-256 (hex)."""
    with tempfile.TemporaryDirectory(prefix="bench-upload-") as folder:
        path = Path(folder) / f"random-{mib}MiB.bin"
        digest = hashlib.sha256()
        with path.open("wb") as file:
            for _ in range(mib):
                chunk = os.urandom(1 << 20)
                digest.update(chunk)
                file.write(chunk)
        yield path, digest.hexdigest()


def file_transfer(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Dict[str, float]]:
    """Upload + download of one random file, for each contender: seconds of the best pass, highest peak RSS."""
    runs: Dict[str, List[Dict[str, float]]] = {LABELS[env]: [] for env in envs}
    with random_file(settings.file_mib) as (path, sha256):
        for _ in range(settings.passes):
            for env, venv in envs.items():
                runs[LABELS[env]].append(worker(venv, "file_transfer", source=path, sha256=sha256))
    results: Dict[str, Dict[str, float]] = {}
    for label, passes in runs.items():
        best = min(passes, key=lambda run: run["upload_seconds"] + run["download_seconds"])
        results[label] = {
            "upload_seconds": best["upload_seconds"],
            "download_seconds": best["download_seconds"],
            "seconds": best["upload_seconds"] + best["download_seconds"],
            "peak_rss_mib": max(run["peak_rss_mib"] for run in passes),
        }
    return results


def _tree() -> str:
    """The repository's commit, ``+dirty`` when the work tree differs from it (the core env installs the tree)."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "claude_core", "pyproject.toml", "provider_bedrock"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    except OSError:
        return "unknown"
    return commit.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


Step = Callable[[Dict[str, Venv], Settings], Dict[str, Any]]


def _imports(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    return {"import_seconds": import_seconds(envs, settings.import_runs)}


def _round_trips(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    sequential, concurrent = round_trips(envs, settings)
    return {"sequential_seconds_per_call": sequential, "concurrent64_seconds_per_call": concurrent}


def _streams(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    return {"stream_events_per_second": stream_events(envs, settings)}


def _bedrock_stream(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    return {"bedrock_stream_events_per_second": bedrock_stream_events(envs, settings)}


def _tool_input(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    return {"tool_input_seconds": tool_input_seconds(envs, settings)}


def _memory(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    return {"peak_rss_mib": peak_rss(envs, settings)}


def _batch_results(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    rates, rss = batch_results(envs, settings)
    return {"batch_results_lines_per_second": rates, "batch_results_peak_rss_mib": rss}


def _file_transfer(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    return {"file_transfer": file_transfer(envs, settings)}


#: Every measurement, in the order a run makes them: its name (for ``run.py --only``) and what it adds to the report.
STEPS: Dict[str, Step] = {
    "imports": _imports,
    "round_trips": _round_trips,
    "streams": _streams,
    "bedrock_stream": _bedrock_stream,
    "tool_input": _tool_input,
    "memory": _memory,
    "batch_results": _batch_results,
    "file_transfer": _file_transfer,
}


def measure(envs: Dict[str, Venv], settings: Settings, only: Sequence[str] = tuple(STEPS)) -> Dict[str, Any]:
    """The figures of the measurements ``only`` (every one by default), as the report that run.py prints and saves."""
    report: Dict[str, Any] = {
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {platform.system()}",
        "claude_core_tree": _tree(),
        "load_average_at_start": os.getloadavg(),
        "settings": dataclasses.asdict(settings),
        "measurements": [name for name in STEPS if name in only],
        "envs": {name: venv.packages() for name, venv in envs.items()},
    }
    for name in report["measurements"]:
        report.update(STEPS[name](envs, settings))
    report["load_average_at_end"] = os.getloadavg()
    return report


def check_core_env(core: Venv, *modules: str) -> None:
    """Fail early, and clearly, unless the env imports its own installed ``modules`` (claude_core by default)."""
    for module in modules or ("claude_core",):
        where = Path(core.run(["-c", f"import {module}; print({module}.__file__)"]).strip())
        if core.path not in where.parents:
            raise SystemExit(f"the {core.name} env imports {module} from {where}, not from its own site-packages")
