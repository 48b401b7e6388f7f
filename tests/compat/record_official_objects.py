"""Record what the official SDK 0.79.0 builds from the inputs of ``response_inputs.py``.

Run once, with the official SDK and the emulator installed (not part of the test suite)::

    /path/to/venv-with-anthropic-0.79/bin/python tests/compat/record_official_objects.py

It writes ``official_objects.json``: for each stream and body, through ``client.messages`` and
``client.beta.messages``, the dumps of the message, of its usage and of each content block, in
every mode, and the kind of every nested value (``model``, ``dict``, ``list``, ...); and for each
stream, the dumps of the raw events ``create(stream=True)`` yields.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Dict

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))

import anthropic  # noqa: E402
from claude_emulator import Emulator  # noqa: E402

from tests.compat.response_inputs import (  # noqa: E402
    BETA_ONLY,
    BODIES,
    PARAMS,
    STREAMS,
    python_value,
    record,
    record_events,
    sse,
)


def main() -> None:
    results: Dict[str, Any] = {"anthropic_version": anthropic.__version__}
    with Emulator() as emu:
        client = anthropic.Anthropic(api_key=emu.api_key, base_url=emu.base_url, max_retries=0)
        for name, events in STREAMS.items():
            for api in ("messages", "beta"):
                if api == "messages" and name in BETA_ONLY:
                    continue
                emu.enqueue(sse=sse(events))
                resource = client.beta.messages if api == "beta" else client.messages
                with resource.stream(**PARAMS) as stream:
                    results[f"stream/{name}/{api}"] = record(stream.get_final_message())
                emu.enqueue(sse=sse(events))
                results[f"events/{name}/{api}"] = record_events(resource.create(**PARAMS, stream=True))
        for name, body in BODIES.items():
            for api in ("messages", "beta"):
                if api == "messages" and name in BETA_ONLY:
                    continue
                emu.enqueue(status=200, json=body)
                resource = client.beta.messages if api == "beta" else client.messages
                results[f"create/{name}/{api}"] = record(resource.create(**PARAMS))
    (HERE / "official_objects.json").write_text(json.dumps(results, default=python_value) + "\n")


if __name__ == "__main__":
    main()
