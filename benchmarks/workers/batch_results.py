"""Lines per second reading a message batch's JSONL results file of N lines, and peak RSS after it.

The batch holds N copies of one request (``x-emulator-batch-copies``) and ends at creation
(``x-emulator-batch-polls: 0``). Each SDK iterates ``client.messages.batches.results(id)``
(a typed entry per line; the ``retrieve`` it starts with is timed too); raw httpx streams
the batch's ``results_url`` and ``json.loads`` every line of ``iter_lines()``. Every
reading counts the succeeded entries and checks there are N. Prints
``{"lines_per_second": best of --repeat reads, "peak_rss_mib": peak RSS at the end}``.
"""

from __future__ import annotations

import json
import time
from typing import Any, Callable, Dict

from _common import BODY, emit, parser, peak_rss_mib, raw_headers, sdk

REQUEST: Dict[str, Any] = {"custom_id": "bench", "params": BODY}


def knobs(lines: int) -> Dict[str, str]:
    """The emulator headers of a create: ``lines`` copies of the request, ended at once."""
    return {"x-emulator-batch-copies": str(lines), "x-emulator-batch-polls": "0"}


def lines_per_second(read: Callable[[], int], lines: int, repeat: int) -> float:
    """Lines/s of the fastest of ``repeat`` reads (no warm-up: creating the batch warmed the client)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        counted = read()
        best = min(best, time.perf_counter() - start)
        if counted != lines:
            raise SystemExit(f"read {counted} succeeded entries, expected {lines}")
    return lines / best


def raw_httpx(base_url: str, api_key: str, lines: int, repeat: int) -> float:
    import httpx

    content = json.dumps({"requests": [REQUEST]}).encode()
    with httpx.Client(base_url=base_url, timeout=120) as raw:
        created = raw.post("/v1/messages/batches", content=content, headers={**raw_headers(api_key), **knobs(lines)})
        created.raise_for_status()
        url = created.json()["results_url"]
        headers = {"x-api-key": api_key, "anthropic-version": "2023-06-01", "accept": "application/binary"}

        def read() -> int:
            with raw.stream("GET", url, headers=headers) as response:
                response.raise_for_status()
                return sum(
                    1 for line in response.iter_lines() if line and json.loads(line)["result"]["type"] == "succeeded"
                )

        return lines_per_second(read, lines, repeat)


def sdk_results(client: str, base_url: str, api_key: str, lines: int, repeat: int) -> float:
    with sdk(client).Anthropic(api_key=api_key, base_url=base_url, timeout=120) as sync:
        batch = sync.messages.batches.create(requests=[REQUEST], extra_headers=knobs(lines))

        def read() -> int:
            return sum(1 for entry in sync.messages.batches.results(batch.id) if entry.result.type == "succeeded")

        return lines_per_second(read, lines, repeat)


def main() -> None:
    args = parser(__doc__.splitlines()[0])
    args.add_argument("--lines", type=int, required=True, help="result lines in the batch")
    args.add_argument("--repeat", type=int, required=True, help="timed reads (best counts)")
    options = args.parse_args()
    if options.client == "httpx":
        rate = raw_httpx(options.base_url, options.api_key, options.lines, options.repeat)
    else:
        rate = sdk_results(options.client, options.base_url, options.api_key, options.lines, options.repeat)
    emit({"lines_per_second": rate, "peak_rss_mib": peak_rss_mib()})


if __name__ == "__main__":
    main()
