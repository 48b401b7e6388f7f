"""Benchmarks of claude_core side by side with the official ``anthropic`` SDK and raw httpx.

Each runs in an environment of its own, as a user would install it (``_venvs.py``). This
script builds the envs, runs the worker scripts of ``benchmarks/workers/`` in them, each
against a fresh emulator process (``_measure.py``), prints a table with every target
judged PASS or MISS (``_targets.py``), and writes ``benchmarks/results/latest.json``
(``results/quick.json`` for ``--quick``). ``--write-docs`` also rewrites the figures in
docs/performance.md and the plot docs/tool-input.svg. Run it as ``tox -e bench``.

Measured, in one run:

* import + client construction in fresh interpreters (median of N), against
  ``import httpx, pydantic`` in the core env;
* sequential ``messages.create`` round trips, and 64 in flight with the async clients;
* events per second of a 20,000-delta text stream (raw httpx ``iter_lines``,
  ``stream=True``, ``.stream()`` + ``text_stream``), with every event in its own HTTP chunk
  as the API sends them, and pre-rendered in 64 KiB chunks;
* seconds to stream a tool call whose input arrives in N ``input_json_delta`` chunks;
* peak RSS of a fresh interpreter after 2,000 sequential calls.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import FULL, QUICK, check_core_env, log, measure
from _plot import line_plot
from _render import figures, target_table, write_docs
from _venvs import ROOT, prepare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short smoke run (figures not for the docs)")
    parser.add_argument("--write-docs", action="store_true", help="rewrite the figures in docs/performance.md")
    args = parser.parse_args()
    if args.quick and args.write_docs:
        parser.error("--write-docs needs a full run, not --quick")
    settings = QUICK if args.quick else FULL
    log("environments")
    envs = prepare()
    check_core_env(envs["core"])
    log("measuring")
    report = measure(envs, settings)
    out = ROOT / "benchmarks" / "results" / ("quick.json" if settings.quick else "latest.json")
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(figures(report) + "\n\n" + target_table(report))
    if args.write_docs:
        write_docs(ROOT / "docs" / "performance.md", report)
        plot = line_plot(
            report["tool_input_seconds"],
            "Streaming a tool call: N input_json_delta chunks (one event per HTTP chunk)",
            "N (chunks)",
            "seconds",
        )
        (ROOT / "docs" / "tool-input.svg").write_text(plot)


if __name__ == "__main__":
    main()
