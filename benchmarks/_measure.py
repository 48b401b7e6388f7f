"""Every measurement of a run: worker scripts run in their envs, each against a fresh emulator.

The realistic measurements talk https to the emulator, whose certificate a test CA signed;
each worker trusts it as a user trusts a CA of their own, through ``SSL_CERT_FILE`` naming
certifi's bundle plus that CA. The older ones talk plain http, as before.

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

from _servers import emulator_process, redis_process
from _targets import BULK, CORE_ALL, EVENT, OFFICIAL_ALL, RAW_IN_CORE, RAW_LINES
from _venvs import PLUGIN_MODULES, PLUGINS, ROOT, Venv
from claude_emulator import EMULATOR_API_KEY, EMULATOR_AWS_ACCESS_KEY_ID, EMULATOR_AWS_SECRET_ACCESS_KEY

WORKERS = ROOT / "benchmarks" / "workers"
#: What each env measures: its display name and the ``--client`` its workers drive.
CONTENDERS = {
    "httpx": ("raw httpx", "httpx"),
    "core": ("claude_core", "core"),
    "core-all": (CORE_ALL, "core"),
    "official": ("anthropic", "official"),
    "official-all": (OFFICIAL_ALL, "official"),
}
LABELS = {env: label for env, (label, _) in CONTENDERS.items()}
#: The envs of the plain-http measurements, as before the https ones: no provider plugin installed.
BASE = ("httpx", "core", "official")
#: The envs of the https round trips and paced streams; ``official-all`` is measured where its extras could
#: cost a first-party call something: first response and memory (and Bedrock, which needs them).
HTTPS = ("httpx", "core", "core-all", "official")
SCHEMES = ("https", "http")
IMPORT_SNIPPETS = (
    ("import httpx, pydantic", "core", "import httpx, pydantic"),
    ("claude_core", "core", "import claude_core; claude_core.Anthropic(api_key='k')"),
    ("anthropic", "official", "import anthropic; anthropic.Anthropic(api_key='k')"),
)


@dataclasses.dataclass(frozen=True)
class Settings:
    """How much of everything one run measures."""

    quick: bool
    first_response_runs: int
    paced_deltas: int
    paced_repeat: int
    event_delay: float
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
    limiter_calls: int
    aiohttp_calls: int


FULL = Settings(
    quick=False,
    first_response_runs=25,
    paced_deltas=2000,
    paced_repeat=2,
    event_delay=0.001,
    import_runs=15,
    sequential=2000,
    concurrent=1280,
    deltas=20_000,
    passes=3,
    tool_repeat=3,
    tool_sizes=[500, 1000, 2000, 4000, 8000],
    memory_calls=2000,
    batch_lines=200_000,
    batch_rss_lines=[50_000, 200_000],
    file_mib=200,
    limiter_calls=500,
    aiohttp_calls=1280,
)
QUICK = Settings(
    quick=True,
    first_response_runs=3,
    paced_deltas=300,
    paced_repeat=1,
    event_delay=0.001,
    import_runs=3,
    sequential=100,
    concurrent=320,
    deltas=2000,
    passes=1,
    tool_repeat=1,
    tool_sizes=[500, 1000, 2000],
    memory_calls=500,
    batch_lines=20_000,
    batch_rss_lines=[5_000, 20_000],
    file_mib=20,
    limiter_calls=50,
    aiohttp_calls=320,
)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def worker(
    venv: Venv,
    script: str,
    *,
    client: Optional[str] = None,
    event_chunks: bool = False,
    tls: bool = False,
    event_delay: float = 0.0,
    rate_limits: bool = False,
    **options: Any,
) -> Dict[str, Any]:
    """Run ``workers/<script>.py`` in ``venv`` against a fresh emulator; return its JSON.

    ``client`` is what the worker drives, by default the env's own package. With ``tls`` the
    emulator serves https and the worker trusts its CA; ``event_delay`` paces its streams.
    An option ``True`` is passed as a bare flag.
    """
    started = time.perf_counter()
    client = client or CONTENDERS[venv.name][1]
    with emulator_process(event_chunks, tls=tls, event_delay=event_delay, rate_limits=rate_limits) as base_url:
        args = [str(WORKERS / f"{script}.py"), "--client", client, "--base-url", base_url]
        args += ["--api-key", EMULATOR_API_KEY]
        for name, value in options.items():
            flag = f"--{name.replace('_', '-')}"
            if value is True:
                args.append(flag)
            else:
                args += [flag, ",".join(map(str, value)) if isinstance(value, list) else str(value)]
        result: Dict[str, Any] = json.loads(venv.run(args, https=tls))
    tags = [
        tag
        for tag, on in (("https", tls), (EVENT, event_chunks), (f"paced {event_delay * 1e3:g} ms", event_delay))
        if on
    ]
    how = f" ({', '.join(tags)})" if tags else ""
    log(f"  {script}: {client} in the {venv.name} env{how}: {time.perf_counter() - started:.1f} s")
    return result


def first_response_seconds(envs: Dict[str, Venv], runs: int) -> Dict[str, Dict[str, float]]:
    """Median seconds from process start to the first response, https and plain http, of each contender.

    Each sample is a fresh process (``workers/first_response.py``) that imports, constructs a
    client, makes one ``messages.create`` and prints the time it got the response, on the
    clock the runner read just before starting it. ``runs`` samples of every contender and
    scheme, interleaved, after a warm-up round; one emulator per scheme serves them all.
    """
    started = time.perf_counter()
    script = str(WORKERS / "first_response.py")
    samples: Dict[str, Dict[str, List[float]]] = {scheme: {LABELS[env]: [] for env in envs} for scheme in SCHEMES}
    with emulator_process(tls=True) as https_url, emulator_process() as http_url:
        urls = {"https": https_url, "http": http_url}
        for round_ in range(runs + 1):
            for scheme in SCHEMES:
                for env, venv in envs.items():
                    args = [script, CONTENDERS[env][1], urls[scheme], EMULATOR_API_KEY]
                    start = time.monotonic()
                    seconds = float(venv.run(args, https=scheme == "https")) - start
                    if round_:
                        samples[scheme][LABELS[env]].append(seconds)
    log(f"  process start to first response: {time.perf_counter() - started:.1f} s")
    return {
        scheme: {label: statistics.median(values) for label, values in by.items()} for scheme, by in samples.items()
    }


def command_seconds(envs: Dict[str, Venv], runs: int) -> Dict[str, float]:
    """Median seconds from process start to exit of the ``claude-core`` command (core-all env) and,
    beside it, of one ``messages.create`` in a fresh interpreter of each SDK with every extra.

    ``claude-core --version``; ``claude-core prompt Hello`` answering over https (streamed, logged to
    SQLite in a temporary home: what a user's shell runs); ``workers/first_response.py`` of claude_core
    (core-all) and of the official SDK (official-all), both to their exit. ``runs`` samples of each,
    interleaved, after a warm-up round.
    """
    started = time.perf_counter()
    script = str(WORKERS / "first_response.py")
    samples: Dict[str, List[float]] = {}
    with emulator_process(tls=True) as url, tempfile.TemporaryDirectory() as home:
        env = {"ANTHROPIC_API_KEY": EMULATOR_API_KEY, "HOME": home, "XDG_DATA_HOME": home, "XDG_CONFIG_HOME": home}
        commands = {
            "claude-core --version": (envs["core-all"], ["-m", "claude_cli", "--version"]),
            "claude-core prompt, https": (envs["core-all"], ["-m", "claude_cli", "--base-url", url, "prompt", "Hello"]),
            f"{CORE_ALL}: one create, https": (envs["core-all"], [script, "core", url, EMULATOR_API_KEY]),
            f"{OFFICIAL_ALL}: one create, https": (envs["official-all"], [script, "official", url, EMULATOR_API_KEY]),
        }
        for round_ in range(runs + 1):
            for name, (venv, args) in commands.items():
                start = time.monotonic()
                venv.run(args, https=True, env=env)
                if round_:
                    samples.setdefault(name, []).append(time.monotonic() - start)
    log(f"  the claude-core command: {time.perf_counter() - started:.1f} s")
    return {name: statistics.median(values) for name, values in samples.items()}


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


def round_trips(
    envs: Dict[str, Venv], settings: Settings, tls: bool = False
) -> Tuple[Dict[str, float], Dict[str, float]]:
    """Seconds per call, sequential and 64 in flight, for each contender of ``envs`` (best pass).

    Raw httpx also runs 64 in flight in the core env, which holds the same httpx plus
    sniffio: httpcore imports sniffio on every async request, and a failed import is costly.
    """
    runs = [(LABELS[name], venv, CONTENDERS[name][1], settings.sequential) for name, venv in envs.items()]
    runs.append((RAW_IN_CORE, envs["core"], "httpx", 0))
    sequential: Dict[str, float] = {}
    concurrent: Dict[str, float] = {}
    for _ in range(settings.passes):
        for label, venv, client, calls in runs:
            trip = worker(
                venv, "roundtrips", client=client, tls=tls, sequential=calls, concurrent=settings.concurrent, rounds=1
            )
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
                RAW_LINES: worker(envs["httpx"], "streams", **counts)["iter_lines"],
            }
            for env in ("core", "official"):
                readings = worker(envs[env], "streams", **counts)
                eps.update({f"{LABELS[env]} {reading}": value for reading, value in readings.items()})
            for reading, value in eps.items():
                results[framing][reading] = max(results[framing].get(reading, 0.0), value)
    return results


def paced_stream_cpu(envs: Dict[str, Venv], settings: Settings) -> Dict[str, float]:
    """Client CPU µs per event of every reading of a text stream paced as the API sends it: over https,
    one event per HTTP chunk, ``settings.event_delay`` apart (best pass)."""
    results: Dict[str, float] = {}
    counts: Dict[str, Any] = {"deltas": settings.paced_deltas, "repeat": settings.paced_repeat, "cpu": True}
    for _ in range(settings.passes):
        for env, venv in envs.items():
            readings = worker(venv, "streams", event_chunks=True, tls=True, event_delay=settings.event_delay, **counts)
            for reading, value in readings.items():
                label = RAW_LINES if env == "httpx" else f"{LABELS[env]} {reading}"
                results[label] = min(results.get(label, float("inf")), value)
    return results


def bedrock_stream_events(envs: Dict[str, Venv], settings: Settings) -> Dict[str, float]:
    """Events/s of both readings of the text stream over Bedrock's event-stream framing, over https, one
    event per HTTP chunk, with each SDK's ``AnthropicBedrock`` in its env with every provider (best pass)."""
    results: Dict[str, float] = {}
    credentials = {"aws_access_key": EMULATOR_AWS_ACCESS_KEY_ID, "aws_secret_key": EMULATOR_AWS_SECRET_ACCESS_KEY}
    for _ in range(settings.passes):
        for env in ("core", "official"):
            readings = worker(
                envs[f"{env}-all"],
                "bedrock_stream",
                event_chunks=True,
                tls=True,
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


def peak_rss(envs: Dict[str, Venv], settings: Settings, tls: bool = False) -> Dict[str, float]:
    """Peak RSS (MiB) of a fresh interpreter after the sequential calls, for each contender of ``envs``."""
    return {
        LABELS[env]: worker(venv, "memory", tls=tls, calls=settings.memory_calls)["peak_rss_mib"]
        for env, venv in envs.items()
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
    """The repository's commit, ``+dirty`` when the work tree differs from it (the core envs install the tree)."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "claude_core", "pyproject.toml", *(str(path) for path in PLUGINS)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    except OSError:
        return "unknown"
    return commit.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


Step = Callable[[Dict[str, Venv], Settings], Dict[str, Any]]


def _some(envs: Dict[str, Venv], names: Sequence[str]) -> Dict[str, Venv]:
    return {name: envs[name] for name in names}


def _first_response(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    return {"first_response_seconds": first_response_seconds(envs, settings.first_response_runs)}


def _round_trips_https(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    sequential, concurrent = round_trips(_some(envs, HTTPS), settings, tls=True)
    return {"https_sequential_seconds_per_call": sequential, "https_concurrent64_seconds_per_call": concurrent}


def _memory_https(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    return {"https_peak_rss_mib": peak_rss(envs, settings, tls=True)}


def _paced_streams(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    return {"paced_stream_cpu_us_per_event": paced_stream_cpu(_some(envs, HTTPS), settings)}


def _imports(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    return {"import_seconds": import_seconds(envs, settings.import_runs)}


def _round_trips(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    sequential, concurrent = round_trips(_some(envs, BASE), settings)
    return {"sequential_seconds_per_call": sequential, "concurrent64_seconds_per_call": concurrent}


def _streams(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    return {"stream_events_per_second": stream_events(envs, settings)}


def _bedrock_stream(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    return {"bedrock_stream_events_per_second": bedrock_stream_events(envs, settings)}


def _tool_input(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    return {"tool_input_seconds": tool_input_seconds(envs, settings)}


def _memory(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    return {"peak_rss_mib": peak_rss(_some(envs, BASE), settings)}


def _batch_results(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    rates, rss = batch_results(_some(envs, BASE), settings)
    return {"batch_results_lines_per_second": rates, "batch_results_peak_rss_mib": rss}


def _limiter(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    with redis_process() as redis_url:
        report = worker(
            envs["core-all"],
            "ratelimit_overhead",
            client="core",
            rate_limits=True,
            redis_url=redis_url,
            calls=settings.limiter_calls,
        )
    return {"ratelimit_overhead": report}


def _command(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    return {"command_seconds": command_seconds(envs, settings.first_response_runs)}


def _aiohttp_transport(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    """The async client over httpx's transport and over claude-aiohttp's, in the core-all env, over https:
    64 calls in flight, a back-to-back stream and a paced one, each event its own HTTP chunk."""
    with emulator_process(True, tls=True, event_delay=settings.event_delay) as paced_url:
        report = worker(
            envs["core-all"],
            "aiohttp_transport",
            client="core",
            event_chunks=True,
            tls=True,
            paced_base_url=paced_url,
            calls=settings.aiohttp_calls,
            width=64,
            rounds=settings.passes,
            deltas=settings.paced_deltas,
            repeat=settings.paced_repeat,
        )
    return {"aiohttp_transport": report}


def _file_transfer(envs: Dict[str, Venv], settings: Settings) -> Dict[str, Any]:
    return {"file_transfer": file_transfer(_some(envs, BASE), settings)}


#: Every measurement, in the order a run makes them: its name (for ``run.py --only``) and what it adds to the
#: report. The first five and the last two talk https; the others plain http, as every measurement did before.
STEPS: Dict[str, Step] = {
    "first_response": _first_response,
    "round_trips_https": _round_trips_https,
    "memory_https": _memory_https,
    "paced_streams": _paced_streams,
    "bedrock_stream": _bedrock_stream,
    "imports": _imports,
    "round_trips": _round_trips,
    "streams": _streams,
    "tool_input": _tool_input,
    "memory": _memory,
    "batch_results": _batch_results,
    "file_transfer": _file_transfer,
    "limiter": _limiter,
    "aiohttp_transport": _aiohttp_transport,
    "command": _command,
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


def check_core_envs(envs: Dict[str, Venv]) -> None:
    """Fail early, and clearly, unless the claude-core envs import the repo's packages from their own site-packages."""
    for env, modules in (("core", ("claude_core",)), ("core-all", ("claude_core", *PLUGIN_MODULES))):
        for module in modules:
            where = Path(envs[env].run(["-c", f"import {module}; print({module}.__file__)"]).strip())
            if envs[env].path not in where.parents:
                raise SystemExit(f"the {env} env imports {module} from {where}, not from its own site-packages")
