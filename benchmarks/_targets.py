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


def targets(report: Dict[str, Any]) -> List[Target]:
    """Every target of docs/performance.md, from ``report`` (see run.py for its keys)."""
    imports = report["import_seconds"]
    seq = report["sequential_seconds_per_call"]
    conc = report["concurrent64_seconds_per_call"]
    eps = report["stream_events_per_second"][EVENT]
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
        Target("sequential create, time: claude_core / raw httpx", seq["claude_core"] / seq["raw httpx"], "<=", 1.15),
        Target(
            "64 concurrent create, req/s: claude_core / anthropic", conc["anthropic"] / conc["claude_core"], ">=", 1.2
        ),
        Target(
            "64 concurrent create, time: claude_core / raw httpx", conc["claude_core"] / conc["raw httpx"], "<=", 1.1
        ),
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
        Target(
            "tool input: claude_core time growth / N growth (1.0 = linear)",
            tool_input_scaling(report["tool_input_seconds"], "claude_core"),
            "<=",
            1.5,
        ),
        Target(
            f"peak RSS after {report['settings']['memory_calls']:,} sequential calls: claude_core (MiB)",
            report["peak_rss_mib"]["claude_core"],
            "<=",
            35.0,
        ),
    ]


def other_ratios(report: Dict[str, Any]) -> Dict[str, float]:
    """Ratios shown beside the targets, for context."""
    seq = report["sequential_seconds_per_call"]
    conc = report["concurrent64_seconds_per_call"]
    bulk = report["stream_events_per_second"][BULK]
    event = report["stream_events_per_second"][EVENT]
    rss = report["peak_rss_mib"]
    return {
        "sequential create, time: anthropic / raw httpx": seq["anthropic"] / seq["raw httpx"],
        "64 concurrent create, time: anthropic / raw httpx": conc["anthropic"] / conc["raw httpx"],
        f"64 concurrent create, time: claude_core / {RAW_IN_CORE} (sniffio installed)": conc["claude_core"]
        / conc[RAW_IN_CORE],
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
        "tool input: anthropic time growth / N growth (1.0 = linear)": tool_input_scaling(
            report["tool_input_seconds"], "anthropic"
        ),
        "peak RSS: claude_core / raw httpx": rss["claude_core"] / rss["raw httpx"],
        "peak RSS: anthropic / raw httpx": rss["anthropic"] / rss["raw httpx"],
    }
