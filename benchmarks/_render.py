"""A benchmark report as Markdown tables, and docs/performance.md rewritten with them."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Tuple

from _targets import BULK, EVENT, RAW_IN_CORE, other_ratios, targets

WHO = ("raw httpx", "claude_core", "anthropic")
#: Packages every venv has from ``python -m venv``; no benchmark imports them.
_VENV_SEED = {"pip", "setuptools"}
FIGURES = ("<!-- figures:start -->", "<!-- figures:end -->")
TARGETS = ("<!-- targets:start -->", "<!-- targets:end -->")


def _env_line(name: str, packages: Dict[str, str]) -> str:
    listed = ", ".join(f"{dist} {version}" for dist, version in sorted(packages.items()) if dist not in _VENV_SEED)
    return f"- `{name}` env: {listed}"


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def figures(report: Dict[str, Any]) -> str:
    """Versions, environments and every figure of ``report``."""
    settings, envs = report["settings"], report["envs"]
    passes = settings["passes"]
    imports, rss = report["import_seconds"], report["peak_rss_mib"]
    seq, conc = report["sequential_seconds_per_call"], report["concurrent64_seconds_per_call"]
    lines: List[str] = [
        f"Python {report['python']} on {report['machine']}; claude-core {envs['core']['claude-core']} "
        f"(tree {report['claude_core_tree']}), anthropic {envs['official']['anthropic']}, "
        f"httpx {envs['httpx']['httpx']}" + (" (a --quick run)" if settings["quick"] else ""),
        "",
        *(_env_line(name, packages) for name, packages in envs.items()),
        "",
        _row("measurement", "raw httpx / baseline", "claude_core", "anthropic"),
        "|---|---|---|---|",
        _row(
            f"import + construct (ms, median of {settings['import_runs']})",
            f"{imports['import httpx, pydantic'] * 1e3:.1f} (import httpx, pydantic)",
            f"{imports['claude_core'] * 1e3:.1f}",
            f"{imports['anthropic'] * 1e3:.1f}",
        ),
        _row(
            f"sequential messages.create (µs/call, best of {passes} x {settings['sequential']:,})",
            *(f"{seq[who] * 1e6:.0f}" for who in WHO),
        ),
        _row(
            f"64 concurrent messages.create (µs/call, best of {passes} x {settings['concurrent']:,})",
            *(f"{conc[who] * 1e6:.0f}" for who in WHO),
        ),
        _row("64 concurrent messages.create (req/s)", *(f"{1 / conc[who]:,.0f}" for who in WHO)),
        _row(f"64 concurrent, {RAW_IN_CORE} (sniffio installed; µs/call)", f"{conc[RAW_IN_CORE] * 1e6:.0f}", "", ""),
        _row(
            f"peak RSS after {settings['memory_calls']:,} sequential calls (MiB)", *(f"{rss[who]:.1f}" for who in WHO)
        ),
    ]
    eps = report["stream_events_per_second"]
    lines += [
        "",
        _row(f"stream of {settings['deltas']:,} text deltas (events/s, best of {passes})", EVENT, BULK),
        "|---|---|---|",
        *(_row(reading, f"{eps[EVENT][reading]:,.0f}", f"{eps[BULK][reading]:,.0f}") for reading in eps[EVENT]),
    ]
    tools = report["tool_input_seconds"]
    lines += [
        "",
        _row(f"tool input chunks N ({EVENT}; s, best of {settings['tool_repeat']})", "claude_core", "anthropic"),
        "|---|---|---|",
        *(
            _row(str(n), f"{tools['claude_core'][n]:.4f}", f"{tools['anthropic'][n]:.4f}")
            for n in sorted(tools["claude_core"])
        ),
        "",
        _row("other ratios", "value"),
        "|---|---|",
        *(_row(name, f"{value:.2f}") for name, value in other_ratios(report).items()),
    ]
    return "\n".join(lines)


def target_table(report: Dict[str, Any]) -> str:
    """Every target with its figure in this run and PASS or MISS."""
    lines = [_row("target", "limit", "this run", ""), "|---|---|---|---|"]
    for target in targets(report):
        verdict = "PASS" if target.met else "**MISS**"
        lines.append(_row(target.name, f"{target.op} {target.limit:g}", f"{target.value:.2f}", verdict))
    return "\n".join(lines)


def _replace(text: str, markers: Tuple[str, str], block: str) -> str:
    start, end = markers
    if start not in text or end not in text:
        raise SystemExit(f"docs/performance.md lacks the markers {start} ... {end}")
    return text.split(start)[0] + f"{start}\n{block}\n{end}" + text.split(end, 1)[1]


def write_docs(path: Path, report: Dict[str, Any]) -> None:
    """Put this run's figures and targets between their markers in ``path``."""
    text = _replace(path.read_text(), FIGURES, figures(report))
    path.write_text(_replace(text, TARGETS, target_table(report)))
