"""Events per second of one streamed text reply of N deltas, read as a user would.

Raw httpx iterates the body's lines (``iter_lines``) and counts the ``data:`` ones; each SDK
iterates ``messages.create(stream=True)`` (a typed event per event) and
``messages.stream()`` + ``text_stream``. Prints ``{reading: events/s}``.
"""

from __future__ import annotations

import json
from typing import Any, Dict

from _common import BODY, STREAM_OVERHEAD_EVENTS, best_seconds, emit, parser, raw_headers, sdk


def _check(counted: int, expected: int, what: str) -> int:
    if counted != expected:
        raise SystemExit(f"{what}: read {counted} items, expected {expected}")
    return counted


def raw_httpx(base_url: str, api_key: str, knobs: Dict[str, str], events: int, repeat: int) -> Dict[str, float]:
    import httpx

    content, headers = json.dumps({**BODY, "stream": True}).encode(), {**raw_headers(api_key), **knobs}
    with httpx.Client(base_url=base_url, timeout=60) as raw:

        def lines() -> int:
            with raw.stream("POST", "/v1/messages", content=content, headers=headers) as response:
                count = sum(1 for line in response.iter_lines() if line.startswith("data:"))
            return _check(count, events, "iter_lines")

        return {"iter_lines": events / best_seconds(lines, repeat)}


def read_streams(sync: Any, body: Dict[str, Any], deltas: int, repeat: int) -> Dict[str, float]:
    """Events/s of ``sync.messages.create(stream=True)`` and of ``.stream()`` + ``text_stream``, for ``body``."""
    events = deltas + STREAM_OVERHEAD_EVENTS

    def raw_events() -> int:
        return _check(sum(1 for _ in sync.messages.create(stream=True, **body)), events, "stream=True")

    def text() -> int:
        with sync.messages.stream(**body) as stream:
            return _check(sum(1 for _ in stream.text_stream), deltas, "text_stream")

    return {
        "stream=True": events / best_seconds(raw_events, repeat),
        ".stream() text": events / best_seconds(text, repeat),
    }


def sdk_streams(
    client: str, base_url: str, api_key: str, knobs: Dict[str, str], deltas: int, repeat: int
) -> Dict[str, float]:
    with sdk(client).Anthropic(api_key=api_key, base_url=base_url, default_headers=knobs, timeout=60) as sync:
        return read_streams(sync, BODY, deltas, repeat)


def main() -> None:
    args = parser(__doc__.splitlines()[0])
    args.add_argument("--deltas", type=int, required=True, help="text deltas in the stream")
    args.add_argument("--repeat", type=int, required=True, help="timed reads (best counts)")
    options = args.parse_args()
    knobs = {"x-emulator-text-deltas": str(options.deltas), "x-emulator-no-ping": "1"}
    result: Dict[str, Any]
    if options.client == "httpx":
        events = options.deltas + STREAM_OVERHEAD_EVENTS
        result = raw_httpx(options.base_url, options.api_key, knobs, events, options.repeat)
    else:
        result = sdk_streams(options.client, options.base_url, options.api_key, knobs, options.deltas, options.repeat)
    emit(result)


if __name__ == "__main__":
    main()
