"""``EmulatorApp(event_chunks=True)``: every stream event in its own HTTP chunk, as the API flushes them."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from typing import Dict, Iterator, List, Optional

import httpx
import pytest
from claude_emulator import Emulator, EmulatorApp, EmulatorTransport
from claude_emulator._stream import CHUNK_SIZE

from .conftest import HEADERS, message_body
from .sse import names, parse_sse

BODY = dict(message_body("one two three four five six seven eight nine ten"), stream=True)


def _request(port: int, headers: Optional[Dict[str, str]] = None) -> bytes:
    """A streamed POST /v1/messages as raw HTTP/1.1 bytes, asking the server to close when done."""
    payload = json.dumps(BODY).encode()
    lines = [
        "POST /v1/messages HTTP/1.1",
        f"host: 127.0.0.1:{port}",
        "content-type: application/json",
        f"content-length: {len(payload)}",
        "connection: close",
        *(f"{name}: {value}" for name, value in {**HEADERS, **(headers or {})}.items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


def _chunks(port: int, headers: Optional[Dict[str, str]] = None) -> List[bytes]:
    """The payload of every chunk of the chunked reply, read with a plain socket and parsed by hand."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(_request(port, headers))
        received = bytearray()
        while data := sock.recv(65536):
            received += data
    head, _, body = bytes(received).partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 ")
    assert b"transfer-encoding: chunked" in head.lower()
    chunks: List[bytes] = []
    while True:
        size_line, _, body = body.partition(b"\r\n")
        size = int(size_line, 16)
        if size == 0:
            assert body == b"\r\n"
            return chunks
        chunks.append(body[:size])
        assert body[size : size + 2] == b"\r\n"
        body = body[size + 2 :]


def _one_event_each(chunks: List[bytes]) -> None:
    for chunk in chunks:
        assert len(parse_sse(chunk)) == 1, chunk


@pytest.fixture(scope="module")
def event_chunks() -> Iterator[Emulator]:
    with Emulator(EmulatorApp(event_chunks=True)) as emu:
        yield emu


def test_each_event_is_its_own_chunk(event_chunks: Emulator) -> None:
    chunks = _chunks(event_chunks.port)
    _one_event_each(chunks)
    events = parse_sse(b"".join(chunks))
    assert len(chunks) == len(events) > 10
    assert "ping" in names(events, pings=True)
    assert names(events)[-1] == "message_stop"


def test_a_long_stream_keeps_one_event_per_chunk(event_chunks: Emulator) -> None:
    chunks = _chunks(event_chunks.port, {"x-emulator-text-deltas": "3000", "x-emulator-no-ping": "1"})
    _one_event_each(chunks)
    assert len(chunks) == 3000 + 5  # message_start, block start and stop, message_delta, message_stop


def test_the_default_stays_in_64_kib_chunks(emu: Emulator) -> None:
    chunks = _chunks(emu.port, {"x-emulator-text-deltas": "20000", "x-emulator-no-ping": "1"})
    assert len(chunks) > 2
    assert {len(chunk) for chunk in chunks[:-1]} == {CHUNK_SIZE}


def test_a_scripted_error_comes_in_its_own_chunk(event_chunks: Emulator) -> None:
    event_chunks.enqueue(stream_error_after=4)
    chunks = _chunks(event_chunks.port)
    _one_event_each(chunks)
    assert names(parse_sse(b"".join(chunks)), pings=True) == [
        "message_start",
        "ping",
        "content_block_start",
        "content_block_delta",
        "error",
    ]


def test_the_in_process_transport_yields_one_event_per_chunk() -> None:
    transport = EmulatorTransport(EmulatorApp(event_chunks=True))
    http = httpx.Client(base_url="http://e", headers=HEADERS, transport=transport)
    with http, http.stream("POST", "/v1/messages", json=BODY) as response:
        chunks = list(response.iter_raw())
    _one_event_each(chunks)
    assert len(chunks) == len(parse_sse(b"".join(chunks)))


def test_the_cli_flag() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "claude_emulator", "serve", "--port", "0", "--event-chunks"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().split("listening on ", 1)[1].split()[0]
        _one_event_each(_chunks(httpx.URL(url).port or 80))
    finally:
        process.terminate()
        process.wait(timeout=10)
