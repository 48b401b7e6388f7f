"""A benchmark report as Markdown tables, and docs/performance.md rewritten with them."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Tuple

from _targets import BULK, CORE_ALL, EVENT, OFFICIAL_ALL, PACED, RAW_IN_CORE, other_ratios, targets

WHO = ("raw httpx", "claude_core", "anthropic")
#: The contenders of the https measurements, in the order of their columns.
WHO_ALL = ("raw httpx", "claude_core", CORE_ALL, "anthropic", OFFICIAL_ALL)
#: Packages every venv has from ``python -m venv``; no benchmark imports them.
_VENV_SEED = {"pip", "setuptools"}
FIGURES = ("<!-- figures:start -->", "<!-- figures:end -->")
TARGETS = ("<!-- targets:start -->", "<!-- targets:end -->")


def _env_line(name: str, packages: Dict[str, str]) -> str:
    listed = ", ".join(f"{dist} {version}" for dist, version in sorted(packages.items()) if dist not in _VENV_SEED)
    return f"- `{name}` env: {listed}"


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _header(report: Dict[str, Any]) -> List[str]:
    settings, envs = report["settings"], report["envs"]
    return [
        f"Python {report['python']} on {report['machine']}; claude-core {envs['core']['claude-core']} "
        f"(tree {report['claude_core_tree']}), anthropic {envs['official']['anthropic']}, "
        f"httpx {envs['httpx']['httpx']}" + (" (a --quick run)" if settings["quick"] else ""),
        "",
        *(_env_line(name, packages) for name, packages in envs.items()),
    ]


def _cells(figures: Dict[str, float], scale: float, form: str) -> List[str]:
    """One cell per contender of :data:`WHO_ALL`, empty for one not measured."""
    return [format(figures[who] * scale, form) if who in figures else "" for who in WHO_ALL]


def _https_rows(report: Dict[str, Any]) -> List[str]:
    """The rows of the realistic table: first response, https round trips and memory (each when measured)."""
    settings, passes = report["settings"], report["settings"]["passes"]
    rows: List[str] = []
    if "first_response_seconds" in report:
        first, runs = report["first_response_seconds"], settings["first_response_runs"]
        rows += [
            _row(f"process start to first response, https (ms, median of {runs})", *_cells(first["https"], 1e3, ".1f")),
            _row(f"process start to first response, http (ms, median of {runs})", *_cells(first["http"], 1e3, ".1f")),
        ]
    if "https_sequential_seconds_per_call" in report:
        seq, conc = report["https_sequential_seconds_per_call"], report["https_concurrent64_seconds_per_call"]
        rows += [
            _row(
                f"sequential messages.create, https (µs/call, best of {passes} x {settings['sequential']:,})",
                *_cells(seq, 1e6, ".0f"),
            ),
            _row(
                f"64 concurrent messages.create, https (µs/call, best of {passes} x {settings['concurrent']:,})",
                *_cells(conc, 1e6, ".0f"),
            ),
            _row(
                "64 concurrent messages.create, https (req/s)",
                *(f"{1 / conc[who]:,.0f}" if who in conc else "" for who in WHO_ALL),
            ),
            _row(f"64 concurrent, https, {RAW_IN_CORE} (µs/call)", f"{conc[RAW_IN_CORE] * 1e6:.0f}", "", "", "", ""),
        ]
    if "https_peak_rss_mib" in report:
        rss = report["https_peak_rss_mib"]
        rows.append(_row(f"peak RSS after {settings['memory_calls']:,} https calls (MiB)", *_cells(rss, 1.0, ".1f")))
    if not rows:
        return []
    return ["", _row("measurement", *WHO_ALL), "|---|---|---|---|---|---|", *rows]


def _paced_rows(report: Dict[str, Any]) -> List[str]:
    settings, cpu = report["settings"], report["paced_stream_cpu_us_per_event"]
    return [
        "",
        _row(
            f"{PACED} of {settings['paced_deltas']:,} text deltas, {EVENT}, {settings['event_delay'] * 1e3:g} ms apart",
            f"client CPU per event (µs, best of {settings['passes']} x {settings['paced_repeat']})",
        ),
        "|---|---|",
        *(_row(reading, f"{value:.1f}") for reading, value in cpu.items()),
    ]


def _call_rows(report: Dict[str, Any]) -> List[str]:
    """The rows of the plain-http table: imports, round trips, memory (each when measured)."""
    settings, passes = report["settings"], report["settings"]["passes"]
    rows: List[str] = []
    if "import_seconds" in report:
        imports = report["import_seconds"]
        rows.append(
            _row(
                f"import + construct (ms, median of {settings['import_runs']})",
                f"{imports['import httpx, pydantic'] * 1e3:.1f} (import httpx, pydantic)",
                f"{imports['claude_core'] * 1e3:.1f}",
                f"{imports['anthropic'] * 1e3:.1f}",
            )
        )
    if "sequential_seconds_per_call" in report:
        seq, conc = report["sequential_seconds_per_call"], report["concurrent64_seconds_per_call"]
        rows += [
            _row(
                f"sequential messages.create, http (µs/call, best of {passes} x {settings['sequential']:,})",
                *(f"{seq[who] * 1e6:.0f}" for who in WHO),
            ),
            _row(
                f"64 concurrent messages.create, http (µs/call, best of {passes} x {settings['concurrent']:,})",
                *(f"{conc[who] * 1e6:.0f}" for who in WHO),
            ),
            _row("64 concurrent messages.create, http (req/s)", *(f"{1 / conc[who]:,.0f}" for who in WHO)),
            _row(
                f"64 concurrent, http, {RAW_IN_CORE} (sniffio installed; µs/call)",
                f"{conc[RAW_IN_CORE] * 1e6:.0f}",
                "",
                "",
            ),
        ]
    if "peak_rss_mib" in report:
        rss = report["peak_rss_mib"]
        rows.append(
            _row(
                f"peak RSS after {settings['memory_calls']:,} sequential http calls (MiB)",
                *(f"{rss[who]:.1f}" for who in WHO),
            )
        )
    if not rows:
        return []
    return ["", _row("measurement", "raw httpx / baseline", "claude_core", "anthropic"), "|---|---|---|---|", *rows]


def _stream_rows(report: Dict[str, Any]) -> List[str]:
    settings, eps = report["settings"], report["stream_events_per_second"]
    return [
        "",
        _row(
            f"http stream of {settings['deltas']:,} text deltas, unpaced (events/s, best of {settings['passes']})",
            EVENT,
            BULK,
        ),
        "|---|---|---|",
        *(_row(reading, f"{eps[EVENT][reading]:,.0f}", f"{eps[BULK][reading]:,.0f}") for reading in eps[EVENT]),
    ]


def _bedrock_rows(report: Dict[str, Any]) -> List[str]:
    settings, eps = report["settings"], report["bedrock_stream_events_per_second"]
    readings = ("stream=True", ".stream() text")
    return [
        "",
        _row(
            f"Bedrock https stream of {settings['deltas']:,} text deltas, event-stream framing, {EVENT}, "
            f"unpaced (AnthropicBedrock; events/s, best of {settings['passes']})",
            CORE_ALL,
            OFFICIAL_ALL,
        ),
        "|---|---|---|",
        *(
            _row(reading, f"{eps[f'claude_core {reading}']:,.0f}", f"{eps[f'anthropic {reading}']:,.0f}")
            for reading in readings
        ),
    ]


def _tool_rows(report: Dict[str, Any]) -> List[str]:
    settings, tools = report["settings"], report["tool_input_seconds"]
    return [
        "",
        _row(f"tool input chunks N ({EVENT}; s, best of {settings['tool_repeat']})", "claude_core", "anthropic"),
        "|---|---|---|",
        *(
            _row(str(n), f"{tools['claude_core'][n]:.4f}", f"{tools['anthropic'][n]:.4f}")
            for n in sorted(tools["claude_core"])
        ),
    ]


def _batch_rows(report: Dict[str, Any]) -> List[str]:
    settings = report["settings"]
    rates, rss = report["batch_results_lines_per_second"], report["batch_results_peak_rss_mib"]
    return [
        "",
        _row(f"batch results, {settings['batch_lines']:,} lines", *WHO),
        "|---|---|---|---|",
        _row(f"lines/s (best of {settings['passes']})", *(f"{rates[who]:,.0f}" for who in WHO)),
        *(
            _row(f"peak RSS after reading {n:,} lines (MiB)", *(f"{rss[who][n]:.1f}" for who in WHO))
            for n in sorted(rss["claude_core"])
        ),
    ]


def _file_rows(report: Dict[str, Any]) -> List[str]:
    settings, files = report["settings"], report["file_transfer"]
    passes = settings["passes"]
    return [
        "",
        _row(f"file of {settings['file_mib']} MiB: upload, then download to disk", *WHO),
        "|---|---|---|---|",
        _row(f"upload + download (s, best of {passes})", *(f"{files[who]['seconds']:.2f}" for who in WHO)),
        _row("of which upload (s)", *(f"{files[who]['upload_seconds']:.2f}" for who in WHO)),
        _row("of which download (s)", *(f"{files[who]['download_seconds']:.2f}" for who in WHO)),
        _row(f"peak RSS (MiB, highest of {passes})", *(f"{files[who]['peak_rss_mib']:.1f}" for who in WHO)),
    ]


def _limiter_rows(report: Dict[str, Any]) -> List[str]:
    settings, limiter = report["settings"], report["ratelimit_overhead"]
    kinds = [kind for kind in ("in_process", "redis") if limiter[kind] is not None]
    names = {"in_process": "in-process limiter", "redis": "Redis limiter"}

    def cells(mode: str) -> List[str]:
        plain = limiter["plain"][mode] * 1e6
        found = [f"{plain:,.0f}"]
        for kind in kinds:
            value = limiter[kind][mode] * 1e6
            found.append(f"{value:,.0f} ({value - plain:+,.0f})")
        return found

    return [
        "",
        _row(
            f"claude-ratelimit: µs per messages.create, emulator sending rate-limit headers "
            f"(best of 3 rounds of {settings['limiter_calls']:,} calls; the limiter's cost in brackets)",
            "plain client",
            *(names[kind] for kind in kinds),
        ),
        "|---|" + "---|" * (1 + len(kinds)),
        _row("sync, one at a time", *cells("sequential")),
        _row("async, 16 in flight", *cells("concurrent")),
    ]


def _aiohttp_rows(report: Dict[str, Any]) -> List[str]:
    settings, figures = report["settings"], report["aiohttp_transport"]
    httpx, aiohttp = figures["httpx"], figures["aiohttp"]
    rows = [
        ("µs per messages.create, 64 in flight", 1e6, "in_flight", "{:,.0f}"),
        (f"events/s, back-to-back stream of {settings['paced_deltas']:,} deltas", 1.0, "events_per_s", "{:,.0f}"),
        (f"client CPU µs per event, {settings['event_delay'] * 1e3:g} ms apart", 1.0, "cpu_us_per_event", "{:.1f}"),
    ]
    return [
        "",
        _row(
            f"async client over claude-aiohttp and over httpx's transport (core-all env, {EVENT}, best of "
            f"{settings['passes']} rounds of {settings['aiohttp_calls']:,} calls "
            f"and of {settings['paced_repeat']} reads)",
            "httpx transport",
            "aiohttp transport",
            "aiohttp / httpx",
        ),
        "|---|---|---|---|",
        *(
            _row(
                name,
                form.format(httpx[key] * scale),
                form.format(aiohttp[key] * scale),
                f"{aiohttp[key] / httpx[key]:.2f}",
            )
            for name, scale, key, form in rows
            if httpx[key] is not None and aiohttp[key] is not None
        ),
    ]


def _command_rows(report: Dict[str, Any]) -> List[str]:
    seconds = report["command_seconds"]
    official = seconds[f"{OFFICIAL_ALL}: one create, https"]
    return [
        "",
        _row(
            f"process start to exit, ms (median of {report['settings']['first_response_runs']}): the claude-core "
            "command (core-all env; prompt streams and logs its answer) and one create per SDK",
            "ms",
            f"/ {OFFICIAL_ALL}",
        ),
        "|---|---|---|",
        *(_row(name, f"{value * 1e3:.1f}", f"{value / official:.2f}") for name, value in seconds.items()),
    ]


#: The plain-http tables after the main one, each with the report key it needs.
_TABLES = (
    ("stream_events_per_second", _stream_rows),
    ("tool_input_seconds", _tool_rows),
    ("batch_results_lines_per_second", _batch_rows),
    ("file_transfer", _file_rows),
    ("ratelimit_overhead", _limiter_rows),
)


def figures(report: Dict[str, Any]) -> str:
    """Versions, environments and every figure of ``report``: the realistic ones (https), then plain http."""
    lines = _header(report)
    realistic = _https_rows(report)
    realistic += _paced_rows(report) if "paced_stream_cpu_us_per_event" in report else []
    realistic += _bedrock_rows(report) if "bedrock_stream_events_per_second" in report else []
    realistic += _aiohttp_rows(report) if "aiohttp_transport" in report else []
    realistic += _command_rows(report) if "command_seconds" in report else []
    if realistic:
        lines += ["", "### As users run it: https, first response, paced streams", *realistic]
    plain = _call_rows(report)
    for key, table in _TABLES:
        if key in report:
            plain += table(report)
    if plain:
        lines += ["", "### As before: plain http, unpaced", *plain]
    ratios = other_ratios(report)
    if ratios:
        lines += [
            "",
            _row("other ratios", "value"),
            "|---|---|",
            *(_row(name, f"{value:.2f}") for name, value in ratios.items()),
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
