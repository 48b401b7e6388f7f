"""Benchmarks of claude_core side by side with the official ``anthropic`` SDK and raw httpx.

Each runs in an environment of its own, as a user would install it (``_venvs.py``). This
script builds the envs, runs the worker scripts of ``benchmarks/workers/`` in them, each
against a fresh emulator process (``_measure.py``), prints a table with every target
judged PASS or MISS (``_targets.py``), and writes ``benchmarks/results/latest.json``
(``results/quick.json`` for ``--quick``). ``--write-docs`` also rewrites the figures in
docs/performance.md and the plot docs/tool-input.svg. Run it as ``tox -e bench``.

Measured, in one run, first as users run it (https to the emulator, whose certificate a test CA
signed; every contender trusts it through ``SSL_CERT_FILE`` naming certifi's bundle plus that CA,
so TLS set-up and CA loading cost what they cost users; claude-core alone and with every
distribution of the repo installed, the official SDK alone and with its bedrock and vertex extras):

* process start to the first response: a fresh process imports, constructs a client and makes
  one ``messages.create``, over https and over plain http (median of N processes);
* sequential ``messages.create`` round trips, and 64 in flight with the async clients;
* peak RSS of a fresh interpreter after 2,000 sequential calls;
* client CPU time per event of a text stream paced as the API sends it: one event per HTTP
  chunk, 1 ms apart (raw httpx ``iter_lines``, ``stream=True``, ``.stream()`` + ``text_stream``);
* a text stream over Amazon Bedrock's event-stream framing (``invoke-with-response-stream``,
  SigV4-signed), one event per HTTP chunk, with each SDK's ``AnthropicBedrock``;

then over plain http, unpaced, as every measurement was made before:

* import + client construction in fresh interpreters (median of N), against
  ``import httpx, pydantic`` in the core env;
* sequential ``messages.create`` round trips, and 64 in flight with the async clients;
* events per second of a 20,000-delta text stream (raw httpx ``iter_lines``,
  ``stream=True``, ``.stream()`` + ``text_stream``), with every event in its own HTTP chunk
  and pre-rendered in 64 KiB chunks;
* seconds to stream a tool call whose input arrives in N ``input_json_delta`` chunks;
* peak RSS of a fresh interpreter after 2,000 sequential calls;
* lines per second reading a message batch's results file of 200,000 lines, and peak RSS
  after reading 50,000 and 200,000 of them;
* seconds and peak RSS to upload a 200 MiB file with the Files API and download it to disk;
* what claude-ratelimit adds per ``messages.create`` (in-process, and with a Redis server of its
  own) beside the plain client, sync one at a time and async 16 in flight, against an emulator
  whose rate limits are far above the load (so every answer carries the headers).

``--only batch_results,file_transfer`` makes some of the measurements alone (names in
``_measure.STEPS``); such a run writes ``results/only.json`` (``quick-only.json``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import List

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import FULL, QUICK, STEPS, check_core_envs, log, measure
from _plot import line_plot
from _render import figures, target_table, write_docs
from _venvs import ROOT, prepare


def _names(text: str) -> List[str]:
    """``"batch_results,file_transfer"`` -> those measurement names, in the order a run makes them."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in STEPS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"{', '.join(unknown) or 'none given'}: choose from {', '.join(STEPS)}")
    return [name for name in STEPS if name in names]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short smoke run (figures not for the docs)")
    parser.add_argument("--write-docs", action="store_true", help="rewrite the figures in docs/performance.md")
    parser.add_argument(
        "--only",
        type=_names,
        default=list(STEPS),
        metavar="NAME,...",
        help=f"make only these measurements, of {', '.join(STEPS)}",
    )
    args = parser.parse_args()
    if args.quick and args.write_docs:
        parser.error("--write-docs needs a full run, not --quick")
    partial = args.only != list(STEPS)
    if partial and args.write_docs:
        parser.error("--write-docs needs every measurement, not --only")
    settings = QUICK if args.quick else FULL
    log("environments")
    envs = prepare()
    check_core_envs(envs)
    log("measuring")
    report = measure(envs, settings, args.only)
    name = ("quick" if settings.quick else "latest") if not partial else ("quick-only" if settings.quick else "only")
    out = ROOT / "benchmarks" / "results" / f"{name}.json"
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
