"""The performance targets, each a ratio of two figures of one run, judged PASS or MISS (never asserted).

The realistic figures (https, first response, paced streams, every distribution installed) hold
the targets users feel; the plain-http figures, measured as before, keep the targets that
still make sense there and give context ratios.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, List

EVENT = "one event per chunk"
BULK = "64 KiB chunks"
#: Raw httpx run in the core env, where sniffio is installed: httpcore's async path imports it per request.
RAW_IN_CORE = "raw httpx in the core env"
#: claude-core with every distribution of the repo installed, and the official SDK with its provider extras.
CORE_ALL = "claude_core, every distribution"
OFFICIAL_ALL = "anthropic[bedrock,vertex]"
RAW_LINES = "raw httpx iter_lines"
PACED = "paced https stream"


@dataclasses.dataclass(frozen=True)
class Target:
    """``value`` compared with ``limit``: at most (``"<="``) or at least (``">="``)."""

    name: str
    value: float
    op: str
    limit: float

    @property
    def met(self) -> bool:
        return self.value <= self.limit if self.op == "<=" else self.value >= self.limit


def tool_input_scaling(tools: Dict[str, Dict[int, float]], who: str) -> float:
    """Time growth over N growth from the smallest to the largest N (1.0: linear, N-fold: quadratic)."""
    first, last = min(tools[who]), max(tools[who])
    return (tools[who][last] / tools[who][first]) / (last / first)


def _first_response_targets(report: Dict[str, Any]) -> List[Target]:
    first = report["first_response_seconds"]["https"]
    return [
        Target("first response (https): claude_core / anthropic", first["claude_core"] / first["anthropic"], "<=", 0.5),
        Target(
            f"first response (https): {CORE_ALL} / {OFFICIAL_ALL}", first[CORE_ALL] / first[OFFICIAL_ALL], "<=", 0.5
        ),
    ]


def _https_round_trip_targets(report: Dict[str, Any]) -> List[Target]:
    seq = report["https_sequential_seconds_per_call"]
    conc = report["https_concurrent64_seconds_per_call"]
    return [
        Target(
            "sequential create (https), time: claude_core / raw httpx",
            seq["claude_core"] / seq["raw httpx"],
            "<=",
            1.15,
        ),
        Target(
            "64 concurrent create (https), req/s: claude_core / anthropic",
            conc["anthropic"] / conc["claude_core"],
            ">=",
            1.2,
        ),
        Target(
            "64 concurrent create (https), time: claude_core / raw httpx",
            conc["claude_core"] / conc["raw httpx"],
            "<=",
            1.1,
        ),
    ]


def _https_memory_targets(report: Dict[str, Any]) -> List[Target]:
    rss = report["https_peak_rss_mib"]
    return [
        Target(
            f"peak RSS after {report['settings']['memory_calls']:,} https calls: {CORE_ALL} / {OFFICIAL_ALL}",
            rss[CORE_ALL] / rss[OFFICIAL_ALL],
            "<=",
            0.8,
        )
    ]


def _paced_targets(report: Dict[str, Any]) -> List[Target]:
    cpu = report["paced_stream_cpu_us_per_event"]
    return [
        Target(
            f"{PACED} stream=True, client CPU per event: claude_core / {RAW_LINES}",
            cpu["claude_core stream=True"] / cpu[RAW_LINES],
            "<=",
            1.15,
        ),
        Target(
            f"{PACED} .stream() text, client CPU per event: claude_core / {RAW_LINES}",
            cpu["claude_core .stream() text"] / cpu[RAW_LINES],
            "<=",
            1.2,
        ),
    ]


def _import_targets(report: Dict[str, Any]) -> List[Target]:
    imports = report["import_seconds"]
    return [
        Target(
            "import + construct: claude_core / anthropic", imports["claude_core"] / imports["anthropic"], "<=", 0.33
        ),
        Target(
            "import + construct: claude_core / import httpx, pydantic",
            imports["claude_core"] / imports["import httpx, pydantic"],
            "<=",
            1.3,
        ),
    ]


def _stream_targets(report: Dict[str, Any]) -> List[Target]:
    eps = report["stream_events_per_second"][EVENT]
    return [
        Target(
            f"stream=True events/s (http, {EVENT}): claude_core / anthropic",
            eps["claude_core stream=True"] / eps["anthropic stream=True"],
            ">=",
            1.5,
        ),
        Target(
            f"stream=True (http, {EVENT}): raw httpx iter_lines events/s / claude_core's",
            eps[RAW_LINES] / eps["claude_core stream=True"],
            "<=",
            1.3,
        ),
        Target(
            f".stream() text events/s (http, {EVENT}): claude_core / anthropic",
            eps["claude_core .stream() text"] / eps["anthropic .stream() text"],
            ">=",
            4.0,
        ),
    ]


def _bedrock_targets(report: Dict[str, Any]) -> List[Target]:
    eps = report["bedrock_stream_events_per_second"]
    return [
        Target(
            f"Bedrock stream=True events/s (https, {EVENT}): {CORE_ALL} / {OFFICIAL_ALL}",
            eps["claude_core stream=True"] / eps["anthropic stream=True"],
            ">=",
            1.5,
        )
    ]


def _tool_input_targets(report: Dict[str, Any]) -> List[Target]:
    return [
        Target(
            "tool input: claude_core time growth / N growth (1.0 = linear)",
            tool_input_scaling(report["tool_input_seconds"], "claude_core"),
            "<=",
            1.5,
        )
    ]


def _memory_targets(report: Dict[str, Any]) -> List[Target]:
    return [
        Target(
            f"peak RSS after {report['settings']['memory_calls']:,} sequential calls (http): claude_core (MiB)",
            report["peak_rss_mib"]["claude_core"],
            "<=",
            35.0,
        )
    ]


def batch_rss_growth(report: Dict[str, Any], who: str) -> float:
    """Peak RSS (MiB) after reading the most result lines minus after reading the fewest (0: flat)."""
    rss = report["batch_results_peak_rss_mib"][who]
    return rss[max(rss)] - rss[min(rss)]


def _batch_targets(report: Dict[str, Any]) -> List[Target]:
    rates = report["batch_results_lines_per_second"]
    few, many = min(report["settings"]["batch_rss_lines"]), max(report["settings"]["batch_rss_lines"])
    return [
        Target("batch results lines/s: claude_core / anthropic", rates["claude_core"] / rates["anthropic"], ">=", 4.0),
        Target(
            f"batch results peak RSS: claude_core {many // 1000}k lines - {few // 1000}k lines (MiB)",
            batch_rss_growth(report, "claude_core"),
            "<=",
            2.0,
        ),
    ]


def _file_targets(report: Dict[str, Any]) -> List[Target]:
    mib = report["settings"]["file_mib"]
    return [
        Target(
            f"upload + download {mib} MiB: claude_core peak RSS (MiB)",
            report["file_transfer"]["claude_core"]["peak_rss_mib"],
            "<=",
            60.0,
        )
    ]


#: The targets of each part of a report, by the report key that part brings.
_TARGETS = (
    ("first_response_seconds", _first_response_targets),
    ("https_sequential_seconds_per_call", _https_round_trip_targets),
    ("https_peak_rss_mib", _https_memory_targets),
    ("paced_stream_cpu_us_per_event", _paced_targets),
    ("import_seconds", _import_targets),
    ("stream_events_per_second", _stream_targets),
    ("bedrock_stream_events_per_second", _bedrock_targets),
    ("tool_input_seconds", _tool_input_targets),
    ("peak_rss_mib", _memory_targets),
    ("batch_results_lines_per_second", _batch_targets),
    ("file_transfer", _file_targets),
)


def targets(report: Dict[str, Any]) -> List[Target]:
    """Every target of docs/performance.md that ``report`` has the figures for (see _measure.py for its keys)."""
    return [target for key, section in _TARGETS if key in report for target in section(report)]


def _first_response_ratios(report: Dict[str, Any]) -> Dict[str, float]:
    first = report["first_response_seconds"]
    return {
        "first response (http): claude_core / anthropic": first["http"]["claude_core"] / first["http"]["anthropic"],
        f"first response (http): {CORE_ALL} / {OFFICIAL_ALL}": first["http"][CORE_ALL] / first["http"][OFFICIAL_ALL],
        "first response (https): claude_core / raw httpx": first["https"]["claude_core"] / first["https"]["raw httpx"],
        **{f"first response: {who} https / http": first["https"][who] / first["http"][who] for who in first["https"]},
    }


def _round_trip_ratios(report: Dict[str, Any], scheme: str) -> Dict[str, float]:
    prefix = "https_" if scheme == "https" else ""
    seq = report[f"{prefix}sequential_seconds_per_call"]
    conc = report[f"{prefix}concurrent64_seconds_per_call"]
    ratios = {
        f"sequential create ({scheme}), time: anthropic / raw httpx": seq["anthropic"] / seq["raw httpx"],
        f"64 concurrent create ({scheme}), time: anthropic / raw httpx": conc["anthropic"] / conc["raw httpx"],
        f"64 concurrent create ({scheme}), time: claude_core / {RAW_IN_CORE} (sniffio installed)": conc["claude_core"]
        / conc[RAW_IN_CORE],
    }
    if CORE_ALL in seq:
        ratios[f"sequential create ({scheme}), time: {CORE_ALL} / raw httpx"] = seq[CORE_ALL] / seq["raw httpx"]
        ratios[f"64 concurrent create ({scheme}), req/s: {CORE_ALL} / anthropic"] = conc["anthropic"] / conc[CORE_ALL]
    else:  # the plain-http run, whose ratios were targets before the https ones
        ratios[f"sequential create ({scheme}), time: claude_core / raw httpx"] = seq["claude_core"] / seq["raw httpx"]
        ratios[f"64 concurrent create ({scheme}), req/s: claude_core / anthropic"] = (
            conc["anthropic"] / conc["claude_core"]
        )
    return ratios


def _https_memory_ratios(report: Dict[str, Any]) -> Dict[str, float]:
    rss = report["https_peak_rss_mib"]
    return {
        "peak RSS (https): claude_core / anthropic": rss["claude_core"] / rss["anthropic"],
        "peak RSS (https): claude_core / raw httpx": rss["claude_core"] / rss["raw httpx"],
        f"peak RSS (https): {CORE_ALL} / claude_core": rss[CORE_ALL] / rss["claude_core"],
        f"peak RSS (https): {OFFICIAL_ALL} / anthropic": rss[OFFICIAL_ALL] / rss["anthropic"],
    }


def _paced_ratios(report: Dict[str, Any]) -> Dict[str, float]:
    cpu = report["paced_stream_cpu_us_per_event"]
    in_targets = (RAW_LINES, "claude_core stream=True", "claude_core .stream() text")
    ratios = {
        f"{PACED}, client CPU per event: {reading} / {RAW_LINES}": cpu[reading] / cpu[RAW_LINES]
        for reading in cpu
        if reading not in in_targets
    }
    for reading in ("stream=True", ".stream() text"):
        ratios[f"{PACED} {reading}, client CPU per event: anthropic / claude_core"] = (
            cpu[f"anthropic {reading}"] / cpu[f"claude_core {reading}"]
        )
    return ratios


def _stream_ratios(report: Dict[str, Any]) -> Dict[str, float]:
    bulk = report["stream_events_per_second"][BULK]
    event = report["stream_events_per_second"][EVENT]
    return {
        f"stream=True events/s ({BULK}): claude_core / anthropic": bulk["claude_core stream=True"]
        / bulk["anthropic stream=True"],
        f"stream=True ({BULK}): raw httpx iter_lines events/s / claude_core's": bulk[RAW_LINES]
        / bulk["claude_core stream=True"],
        f".stream() text events/s ({BULK}): claude_core / anthropic": bulk["claude_core .stream() text"]
        / bulk["anthropic .stream() text"],
        f".stream() text ({EVENT}): raw httpx iter_lines events/s / claude_core's": event[RAW_LINES]
        / event["claude_core .stream() text"],
        **{
            f"{reading}: events/s {BULK} / {EVENT}": bulk[reading] / event[reading]
            for reading in bulk
            if reading in event
        },
    }


def _bedrock_ratios(report: Dict[str, Any]) -> Dict[str, float]:
    eps = report["bedrock_stream_events_per_second"]
    return {
        f"Bedrock .stream() text events/s (https, {EVENT}): {CORE_ALL} / {OFFICIAL_ALL}": eps[
            "claude_core .stream() text"
        ]
        / eps["anthropic .stream() text"],
    }


def _tool_input_ratios(report: Dict[str, Any]) -> Dict[str, float]:
    return {
        "tool input: anthropic time growth / N growth (1.0 = linear)": tool_input_scaling(
            report["tool_input_seconds"], "anthropic"
        )
    }


def _memory_ratios(report: Dict[str, Any]) -> Dict[str, float]:
    rss = report["peak_rss_mib"]
    return {
        "peak RSS (http): claude_core / raw httpx": rss["claude_core"] / rss["raw httpx"],
        "peak RSS (http): anthropic / raw httpx": rss["anthropic"] / rss["raw httpx"],
    }


def _batch_ratios(report: Dict[str, Any]) -> Dict[str, float]:
    rates = report["batch_results_lines_per_second"]
    return {
        "batch results lines/s: raw httpx / anthropic": rates["raw httpx"] / rates["anthropic"],
        "batch results lines/s: raw httpx / claude_core": rates["raw httpx"] / rates["claude_core"],
    }


def _file_ratios(report: Dict[str, Any]) -> Dict[str, float]:
    files = report["file_transfer"]
    return {
        "upload + download, time: claude_core / raw httpx": files["claude_core"]["seconds"]
        / files["raw httpx"]["seconds"],
        "upload + download, time: anthropic / raw httpx": files["anthropic"]["seconds"] / files["raw httpx"]["seconds"],
    }


_RATIOS = (
    ("first_response_seconds", _first_response_ratios),
    ("https_sequential_seconds_per_call", lambda report: _round_trip_ratios(report, "https")),
    ("https_peak_rss_mib", _https_memory_ratios),
    ("paced_stream_cpu_us_per_event", _paced_ratios),
    ("sequential_seconds_per_call", lambda report: _round_trip_ratios(report, "http")),
    ("stream_events_per_second", _stream_ratios),
    ("bedrock_stream_events_per_second", _bedrock_ratios),
    ("tool_input_seconds", _tool_input_ratios),
    ("peak_rss_mib", _memory_ratios),
    ("batch_results_lines_per_second", _batch_ratios),
    ("file_transfer", _file_ratios),
)


def other_ratios(report: Dict[str, Any]) -> Dict[str, float]:
    """Ratios shown beside the targets, for context (those ``report`` has the figures for)."""
    return {name: value for key, section in _RATIOS if key in report for name, value in section(report).items()}
