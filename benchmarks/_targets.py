"""The performance targets, each a ratio of two figures of one run, judged PASS or MISS (never asserted)."""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, List

EVENT = "one event per chunk"
BULK = "64 KiB chunks"
#: Raw httpx run in the core env, where sniffio is installed: httpcore's async path imports it per request.
RAW_IN_CORE = "raw httpx in the core env"


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


def _round_trip_targets(report: Dict[str, Any]) -> List[Target]:
    seq = report["sequential_seconds_per_call"]
    conc = report["concurrent64_seconds_per_call"]
    return [
        Target("sequential create, time: claude_core / raw httpx", seq["claude_core"] / seq["raw httpx"], "<=", 1.15),
        Target(
            "64 concurrent create, req/s: claude_core / anthropic", conc["anthropic"] / conc["claude_core"], ">=", 1.2
        ),
        Target(
            "64 concurrent create, time: claude_core / raw httpx", conc["claude_core"] / conc["raw httpx"], "<=", 1.1
        ),
    ]


def _stream_targets(report: Dict[str, Any]) -> List[Target]:
    eps = report["stream_events_per_second"][EVENT]
    return [
        Target(
            f"stream=True events/s ({EVENT}): claude_core / anthropic",
            eps["claude_core stream=True"] / eps["anthropic stream=True"],
            ">=",
            1.5,
        ),
        Target(
            f"stream=True ({EVENT}): raw httpx iter_lines events/s / claude_core's",
            eps["raw httpx iter_lines"] / eps["claude_core stream=True"],
            "<=",
            1.3,
        ),
        Target(
            f".stream() text events/s ({EVENT}): claude_core / anthropic",
            eps["claude_core .stream() text"] / eps["anthropic .stream() text"],
            ">=",
            4.0,
        ),
    ]


def _bedrock_targets(report: Dict[str, Any]) -> List[Target]:
    eps = report["bedrock_stream_events_per_second"]
    return [
        Target(
            f"Bedrock stream=True events/s ({EVENT}): claude_core / anthropic",
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
            f"peak RSS after {report['settings']['memory_calls']:,} sequential calls: claude_core (MiB)",
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
    ("import_seconds", _import_targets),
    ("sequential_seconds_per_call", _round_trip_targets),
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


def _round_trip_ratios(report: Dict[str, Any]) -> Dict[str, float]:
    seq = report["sequential_seconds_per_call"]
    conc = report["concurrent64_seconds_per_call"]
    return {
        "sequential create, time: anthropic / raw httpx": seq["anthropic"] / seq["raw httpx"],
        "64 concurrent create, time: anthropic / raw httpx": conc["anthropic"] / conc["raw httpx"],
        f"64 concurrent create, time: claude_core / {RAW_IN_CORE} (sniffio installed)": conc["claude_core"]
        / conc[RAW_IN_CORE],
    }


def _stream_ratios(report: Dict[str, Any]) -> Dict[str, float]:
    bulk = report["stream_events_per_second"][BULK]
    event = report["stream_events_per_second"][EVENT]
    return {
        f"stream=True events/s ({BULK}): claude_core / anthropic": bulk["claude_core stream=True"]
        / bulk["anthropic stream=True"],
        f"stream=True ({BULK}): raw httpx iter_lines events/s / claude_core's": bulk["raw httpx iter_lines"]
        / bulk["claude_core stream=True"],
        f".stream() text events/s ({BULK}): claude_core / anthropic": bulk["claude_core .stream() text"]
        / bulk["anthropic .stream() text"],
        f".stream() text ({EVENT}): raw httpx iter_lines events/s / claude_core's": event["raw httpx iter_lines"]
        / event["claude_core .stream() text"],
        **{
            f"{reading}: events/s {BULK} / {EVENT}": bulk[reading] / event[reading]
            for reading in bulk
            if reading in event
        },
    }


def _bedrock_ratios(report: Dict[str, Any]) -> Dict[str, float]:
    eps = report["bedrock_stream_events_per_second"]
    ratios = {
        f"Bedrock .stream() text events/s ({EVENT}): claude_core / anthropic": eps["claude_core .stream() text"]
        / eps["anthropic .stream() text"],
    }
    first_party = report.get("stream_events_per_second", {}).get(EVENT, {})
    for reading in eps:
        if reading in first_party:
            ratios[f"{reading} ({EVENT}): events/s Bedrock / first-party API"] = eps[reading] / first_party[reading]
    return ratios


def _tool_input_ratios(report: Dict[str, Any]) -> Dict[str, float]:
    return {
        "tool input: anthropic time growth / N growth (1.0 = linear)": tool_input_scaling(
            report["tool_input_seconds"], "anthropic"
        )
    }


def _memory_ratios(report: Dict[str, Any]) -> Dict[str, float]:
    rss = report["peak_rss_mib"]
    return {
        "peak RSS: claude_core / raw httpx": rss["claude_core"] / rss["raw httpx"],
        "peak RSS: anthropic / raw httpx": rss["anthropic"] / rss["raw httpx"],
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
    ("sequential_seconds_per_call", _round_trip_ratios),
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
