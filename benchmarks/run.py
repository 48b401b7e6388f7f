"""Benchmarks of claude_core side by side with the official ``anthropic`` SDK and raw httpx.

Run with ``tox -e bench`` (which installs ``anthropic``). Prints a table and writes
``benchmarks/results/latest.json``; ``--write-docs`` also updates docs/performance.md.

Measured, in one run:

* import + client construction, in fresh interpreters (median of N runs), against
  ``import httpx, pydantic``;
* sequential ``messages.create`` round trips, and 64-way concurrent ones with the
  async clients, against the emulator running in its own process;
* streaming: events per second of a 20,000-delta text stream (raw httpx line
  iteration, ``stream=True``, ``.stream()`` text), and the seconds to stream a tool
  call whose input arrives in N ``input_json_delta`` chunks, N = 500 ... 8,000.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _plot import line_plot
from _servers import emulator_process
from claude_emulator import EMULATOR_API_KEY
from streaming import events_per_second, tool_input_seconds

ROOT = Path(__file__).resolve().parent.parent
MODEL = "claude-sonnet-4-5"
MESSAGES = [{"role": "user", "content": "Benchmark me, please."}]
HEADERS = {"x-api-key": EMULATOR_API_KEY, "anthropic-version": "2023-06-01", "content-type": "application/json"}

IMPORT_SNIPPETS = {
    "import httpx, pydantic": "import httpx, pydantic",
    "claude_core: import + Anthropic()": "import claude_core; claude_core.Anthropic(api_key='k')",
    "anthropic: import + Anthropic()": "import anthropic; anthropic.Anthropic(api_key='k')",
}


def time_import(snippet: str, runs: int) -> float:
    code = f"import time; t = time.perf_counter(); {snippet}; print(time.perf_counter() - t)"
    samples = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        samples.append(float(out.stdout.strip()))
    return statistics.median(samples)


def bench_sequential(base_url: str, n: int) -> Dict[str, float]:
    import anthropic

    import claude_core

    body = {"model": MODEL, "max_tokens": 64, "messages": MESSAGES}
    results: Dict[str, float] = {}

    with httpx.Client(base_url=base_url) as raw:

        def raw_call() -> Any:
            response = raw.post("/v1/messages", content=json.dumps(body).encode(), headers=HEADERS)
            response.raise_for_status()
            return response.json()

        results["raw httpx"] = _per_call(raw_call, n)
    with claude_core.Anthropic(api_key=EMULATOR_API_KEY, base_url=base_url) as ours:
        results["claude_core"] = _per_call(lambda: ours.messages.create(**body), n)  # type: ignore[arg-type]
    with anthropic.Anthropic(api_key=EMULATOR_API_KEY, base_url=base_url) as official:
        results["anthropic"] = _per_call(lambda: official.messages.create(**body), n)
    return results


def _per_call(call: Callable[[], Any], n: int) -> float:
    for _ in range(min(50, n)):
        call()
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(n):
            call()
        best = min(best, (time.perf_counter() - start) / n)
    return best


def bench_concurrent(base_url: str, total: int, width: int = 64) -> Dict[str, float]:
    import anthropic

    import claude_core

    body = {"model": MODEL, "max_tokens": 64, "messages": MESSAGES}

    async def run() -> Dict[str, float]:
        results: Dict[str, float] = {}
        async with httpx.AsyncClient(base_url=base_url, limits=claude_core.DEFAULT_CONNECTION_LIMITS) as raw:

            async def raw_call() -> Any:
                response = await raw.post("/v1/messages", content=json.dumps(body).encode(), headers=HEADERS)
                response.raise_for_status()
                return response.json()

            results["raw httpx"] = await _throughput(raw_call, total, width)
        async with claude_core.AsyncAnthropic(api_key=EMULATOR_API_KEY, base_url=base_url) as ours:
            results["claude_core"] = await _throughput(lambda: ours.messages.create(**body), total, width)  # type: ignore[arg-type]
        async with anthropic.AsyncAnthropic(api_key=EMULATOR_API_KEY, base_url=base_url) as official:
            results["anthropic"] = await _throughput(lambda: official.messages.create(**body), total, width)
        return results

    return asyncio.run(run())


async def _throughput(call: Callable[[], Awaitable[Any]], total: int, width: int) -> float:
    """Seconds per request with ``width`` requests in flight."""

    async def worker(count: int) -> None:
        for _ in range(count):
            await call()

    await asyncio.gather(*(worker(2) for _ in range(width)))  # warm up the pool
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        await asyncio.gather(*(worker(total // width) for _ in range(width)))
        best = min(best, (time.perf_counter() - start) / total)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer iterations (smoke test)")
    parser.add_argument("--write-docs", action="store_true", help="update docs/performance.md")
    args = parser.parse_args()
    runs, sequential, concurrent = (5, 200, 640) if args.quick else (15, 2000, 3200)
    deltas, repeat = (5000, 2) if args.quick else (20_000, 5)
    sizes = [500, 1000, 2000, 4000, 8000]

    import anthropic

    import claude_core

    report: Dict[str, Any] = {
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {platform.system()}",
        "versions": {
            "claude_core": claude_core.__version__,
            "anthropic": anthropic.__version__,
            "httpx": httpx.__version__,
        },
    }
    imports = {name: time_import(snippet, runs) for name, snippet in IMPORT_SNIPPETS.items()}
    report["import_seconds"] = imports
    with emulator_process() as base_url:
        report["sequential_seconds_per_call"] = bench_sequential(base_url, sequential)
        report["concurrent64_seconds_per_call"] = bench_concurrent(base_url, concurrent)
        report["stream_events_per_second"] = events_per_second(base_url, deltas, repeat)
        report["tool_input_seconds"] = tool_input_seconds(base_url, sizes, repeat)
    report["ratios"] = ratios(report)
    out = ROOT / "benchmarks" / "results" / "latest.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    table = render(report)
    print(table)
    if args.write_docs:
        write_docs(table)
        plot = line_plot(
            {name: dict(values) for name, values in report["tool_input_seconds"].items()},
            "Streaming a tool call: N input_json_delta chunks",
            "N (chunks)",
            "seconds",
        )
        (ROOT / "docs" / "tool-input.svg").write_text(plot)


def ratios(report: Dict[str, Any]) -> Dict[str, float]:
    imports = report["import_seconds"]
    ours = imports["claude_core: import + Anthropic()"]
    seq = report["sequential_seconds_per_call"]
    conc = report["concurrent64_seconds_per_call"]
    return {
        "import: claude_core / anthropic (target <= 0.33)": ours / imports["anthropic: import + Anthropic()"],
        "import: claude_core / httpx+pydantic (target <= 1.3)": ours / imports["import httpx, pydantic"],
        "sequential: claude_core / raw httpx (target <= 1.15)": seq["claude_core"] / seq["raw httpx"],
        "sequential: anthropic / raw httpx": seq["anthropic"] / seq["raw httpx"],
        "concurrent 64: claude_core / raw httpx (target <= 1.15)": conc["claude_core"] / conc["raw httpx"],
        "concurrent 64: anthropic / raw httpx": conc["anthropic"] / conc["raw httpx"],
        **stream_ratios(report),
    }


def stream_ratios(report: Dict[str, Any]) -> Dict[str, float]:
    eps = report["stream_events_per_second"]
    tools = report["tool_input_seconds"]
    first, last = min(tools["claude_core"]), max(tools["claude_core"])
    growth = last / first

    def scaling(name: str) -> float:
        return (tools[name][last] / tools[name][first]) / growth

    return {
        ".stream() events/s: claude_core / anthropic (target >= 3)": eps["claude_core .stream() text"]
        / eps["anthropic .stream() text"],
        "stream=True events/s: claude_core / anthropic": eps["claude_core stream=True"] / eps["anthropic stream=True"],
        "raw httpx lines / claude_core .stream() (target <= 1.5)": eps["raw httpx iter_lines"]
        / eps["claude_core .stream() text"],
        f"tool input: claude_core time growth / N growth, N {first}->{last} (1.0 = linear)": scaling("claude_core"),
        f"tool input: anthropic time growth / N growth, N {first}->{last} (1.0 = linear)": scaling("anthropic"),
    }


def render(report: Dict[str, Any]) -> str:
    lines: List[str] = [
        f"Python {report['python']} on {report['machine']}; "
        + ", ".join(f"{k} {v}" for k, v in report["versions"].items()),
        "",
        "| measurement | raw httpx / baseline | claude_core | anthropic |",
        "|---|---|---|---|",
    ]
    imports = report["import_seconds"]
    lines.append(
        "| import + construct (ms, median) | "
        f"{imports['import httpx, pydantic'] * 1e3:.1f} (import httpx, pydantic) | "
        f"{imports['claude_core: import + Anthropic()'] * 1e3:.1f} | "
        f"{imports['anthropic: import + Anthropic()'] * 1e3:.1f} |"
    )
    for key, label in (
        ("sequential_seconds_per_call", "sequential messages.create (µs/call)"),
        ("concurrent64_seconds_per_call", "64 concurrent messages.create (µs/call)"),
    ):
        cells = " | ".join(f"{report[key][who] * 1e6:.0f}" for who in ("raw httpx", "claude_core", "anthropic"))
        lines.append(f"| {label} | {cells} |")
    eps = report["stream_events_per_second"]
    lines += ["", "| stream of text deltas | events/s |", "|---|---|"]
    lines += [f"| {name} | {value:,.0f} |" for name, value in eps.items()]
    tools = report["tool_input_seconds"]
    lines += ["", "| tool input chunks N | claude_core (s) | anthropic (s) |", "|---|---|---|"]
    lines += [
        f"| {n} | {tools['claude_core'][n]:.4f} | {tools['anthropic'][n]:.4f} |" for n in sorted(tools["claude_core"])
    ]
    lines += ["", "| ratio | value |", "|---|---|"]
    lines += [f"| {name} | {value:.2f} |" for name, value in report["ratios"].items()]
    return "\n".join(lines)


def write_docs(table: str) -> None:
    path = ROOT / "docs" / "performance.md"
    text = path.read_text()
    start, end = "<!-- figures:start -->", "<!-- figures:end -->"
    block = f"{start}\n{table}\n{end}"
    if start in text and end in text:
        text = text.split(start)[0] + block + text.split(end, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text)


if __name__ == "__main__":
    main()
