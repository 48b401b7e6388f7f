"""The emulator as a separate process, so server work does not share a worker's GIL: over plain
http or over https with the test CA's certificate, its streams paced or not; and a Redis server
of its own for the rate limiter's benchmark.

Run as a script (by :func:`emulator_process`, with the runner's Python, which has
claude-emulator), it serves an ``EmulatorApp`` on 127.0.0.1 until SIGTERM, logging nothing.
``claude-emulator serve`` has no TLS option, so this serves the app with the emulator's own
connection handler (a private name) on an asyncio server given an SSL context.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator, Optional

#: A test CA (valid to 2999) and a certificate it signed for 127.0.0.1 and localhost, with its key.
TLS = Path(__file__).resolve().parent.parent / "tests" / "core" / "tls"
TEST_CA = TLS / "ca.pem"
SERVER_PEM = TLS / "server.pem"


@contextlib.contextmanager
def emulator_process(
    event_chunks: bool = False, *, tls: bool = False, event_delay: float = 0.0, rate_limits: bool = False
) -> Iterator[str]:
    """Yield the base URL of a fresh emulator process on a free port.

    With ``event_chunks`` every stream event is sent as its own HTTP chunk, as the API
    flushes them; otherwise streams come pre-rendered in 64 KiB chunks. ``event_delay``
    seconds pass between the events of every stream (each then its own chunk). With
    ``tls`` the URL is ``https://`` and the server's certificate is signed by :data:`TEST_CA`.
    With ``rate_limits`` it limits every key as the API does, far above any benchmark's load
    (:data:`HIGH_LIMITS`), so that every answer carries the ``anthropic-ratelimit-*`` headers
    and nobody waits.
    """
    command = [sys.executable, str(Path(__file__).resolve()), "--event-delay", repr(event_delay)]
    command += (["--event-chunks"] if event_chunks else []) + (["--tls"] if tls else [])
    command += ["--rate-limits"] if rate_limits else []
    # stderr goes to a file: a pipe nobody reads would stall the server once full (asyncio logs to it)
    with tempfile.TemporaryFile("w+") as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True)
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            if "listening on " not in line:
                process.wait(timeout=10)
                errors.seek(0)
                raise RuntimeError(f"emulator did not start: {line!r}\n{errors.read()[-4000:]}")
            yield line.split("listening on ", 1)[1].split()[0]
        finally:
            process.terminate()
            process.wait(timeout=10)


@contextlib.contextmanager
def redis_process() -> Iterator[str]:
    """Yield the URL of a fresh ``redis-server`` (on ``PATH``) on a free port, saving nothing to disk."""
    executable = shutil.which("redis-server")
    if executable is None:
        raise RuntimeError("the rate limiter's benchmark needs redis-server on PATH (Debian: redis-server)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryDirectory() as directory:
        command = [executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        process = subprocess.Popen([*command, "--dir", directory], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 10
            while True:
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on port {port}")
                time.sleep(0.02)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            process.terminate()
            process.wait(timeout=10)


#: Limits per minute far above any benchmark's load: every answer carries the headers, nobody waits.
HIGH_LIMITS = {"requests_per_minute": 10**8, "input_tokens_per_minute": 10**9, "output_tokens_per_minute": 10**9}


async def _serve(
    event_chunks: bool, event_delay: float, context: Optional[ssl.SSLContext], rate_limits: bool = False
) -> None:
    from claude_emulator import EmulatorApp, RateLimits
    from claude_emulator.server import _READ_LIMIT, _Connections

    limits = RateLimits(**HIGH_LIMITS) if rate_limits else None
    app = EmulatorApp(event_chunks=event_chunks, event_delay=event_delay, rate_limits=limits)
    connections = _Connections(app)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    server = await asyncio.start_server(connections.serve, "127.0.0.1", 0, limit=_READ_LIMIT, ssl=context)
    port = server.sockets[0].getsockname()[1]
    print(f"emulator listening on {'https' if context else 'http'}://127.0.0.1:{port}", flush=True)
    try:
        await stop.wait()
    finally:
        server.close()
        await connections.close_all()
        await server.wait_closed()
        app.close()  # deletes the uploaded files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--event-chunks", action="store_true", help="one HTTP chunk per stream event")
    parser.add_argument("--event-delay", type=float, default=0.0, help="seconds between the events of a stream")
    parser.add_argument("--tls", action="store_true", help=f"serve https with {SERVER_PEM.name}")
    parser.add_argument("--rate-limits", action="store_true", help="limit keys as the API does, far above the load")
    options = parser.parse_args()
    context = None
    if options.tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(SERVER_PEM)
    asyncio.run(_serve(options.event_chunks, options.event_delay, context, options.rate_limits))


if __name__ == "__main__":
    main()
