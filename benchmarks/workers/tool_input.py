"""Seconds to stream one tool call whose input JSON arrives in N ``input_json_delta`` chunks.

Read with ``messages.stream()`` and ``get_final_message()``. Prints ``{N: seconds}``.
"""

from __future__ import annotations

from typing import Dict

from _common import BODY, best_seconds, emit, parser, sdk, sizes

TOOLS = [{"name": "record", "description": "Record items", "input_schema": {"type": "object", "properties": {}}}]


def seconds(client: str, base_url: str, api_key: str, size: int, repeat: int) -> float:
    knobs = {"x-emulator-tool-chunks": str(size), "x-emulator-no-ping": "1"}
    body = {**BODY, "messages": [{"role": "user", "content": "call record"}], "tools": TOOLS}
    with sdk(client).Anthropic(api_key=api_key, base_url=base_url, default_headers=knobs, timeout=60) as sync:

        def run() -> int:
            with sync.messages.stream(**body) as stream:
                message = stream.get_final_message()
            if message.content[-1].type != "tool_use":
                raise SystemExit(f"expected a tool_use block, got {message.content!r}")
            return len(message.content)

        return best_seconds(run, repeat)


def main() -> None:
    args = parser(__doc__.splitlines()[0])
    args.add_argument("--sizes", type=sizes, required=True, help="comma-separated chunk counts N")
    args.add_argument("--repeat", type=int, required=True, help="timed streams per N (best counts)")
    options = args.parse_args()
    result: Dict[str, float] = {
        str(size): seconds(options.client, options.base_url, options.api_key, size, options.repeat)
        for size in options.sizes
    }
    emit(result)


if __name__ == "__main__":
    main()
