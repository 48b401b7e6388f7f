"""Start the emulator as a separate process, so server work does not share a worker's GIL."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from typing import Iterator


@contextlib.contextmanager
def emulator_process(event_chunks: bool = False) -> Iterator[str]:
    """Yield the base URL of a fresh ``claude-emulator serve`` process on a free port.

    With ``event_chunks`` every stream event is sent as its own HTTP chunk, as the API
    flushes them; otherwise streams come pre-rendered in 64 KiB chunks.
    """
    # --quiet: nobody reads the request log, and a full pipe would stall the server
    command = [sys.executable, "-m", "claude_emulator", "serve", "--port", "0", "--quiet"]
    process = subprocess.Popen(
        command + (["--event-chunks"] if event_chunks else []),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if "listening on " not in line:
            raise RuntimeError(f"emulator did not start: {line!r}")
        yield line.split("listening on ", 1)[1].split()[0]
    finally:
        process.terminate()
        process.wait(timeout=10)
