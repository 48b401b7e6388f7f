"""Record the conversations of ``conversations.py`` with the official SDK 0.79.0, as vcrpy cassettes.

Run once, with the official SDK, vcrpy and the emulator installed (not part of the test suite)::

    /path/to/venv-with-anthropic-0.79/bin/python tests/compat/record_conversation_cassettes.py

The emulator answers; the cassettes name the API's host, and hold no key.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))

import anthropic  # noqa: E402
import vcr  # noqa: E402
from claude_emulator import Emulator  # noqa: E402

from tests.compat.conversations import streamed, tool_calls  # noqa: E402

SECRET_HEADERS = ("x-api-key", "authorization")


def main() -> None:
    with Emulator() as emu:

        def as_the_api(request: Any) -> Any:
            request.uri = request.uri.replace(emu.base_url, "https://api.anthropic.com")
            for name in SECRET_HEADERS:
                request.headers.pop(name, None)
            request.headers["host"] = "api.anthropic.com"
            return request

        recorder = vcr.VCR(
            cassette_library_dir=str(HERE / "cassettes"),
            record_mode="all",
            before_record_request=as_the_api,
            decode_compressed_response=True,
        )
        client = anthropic.Anthropic(api_key=emu.api_key, base_url=emu.base_url, max_retries=0)
        for name, conversation in (("conversation_tool_calls", tool_calls), ("conversation_streamed", streamed)):
            (HERE / "cassettes" / f"{name}.yaml").unlink(missing_ok=True)
            with recorder.use_cassette(f"{name}.yaml"):
                replies = conversation(client)
            print(name, [[block.type for block in reply.content] for reply in replies])


if __name__ == "__main__":
    main()
