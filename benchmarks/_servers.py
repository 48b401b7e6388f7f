"""Start the emulator as a separate process, so server work does not share the benchmark's GIL."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from typing import Iterator


@contextlib.contextmanager
def emulator_process() -> Iterator[str]:
    """Yield the base URL of a ``claude-emulator serve`` process on a free port."""
    process = subprocess.Popen(
        [sys.executable, "-m", "claude_emulator", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if "listening on " not in line:
            raise RuntimeError(f"emulator did not start: {line!r}")
        url = line.split("listening on ", 1)[1].split()[0]
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
