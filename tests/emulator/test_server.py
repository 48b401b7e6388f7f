"""The HTTP/1.1 server: keep-alive, concurrency, request framing and lifecycle (the CLI: test_cli.py)."""

from __future__ import annotations

import asyncio
import io
import re
import socket
from typing import List

import httpx
import pytest
from claude_emulator import Emulator, Reply

from .conftest import HEADERS, message_body


def test_keep_alive_across_100_requests(emu: Emulator) -> None:
    ports: List[int] = []
    with httpx.Client(base_url=emu.base_url, headers=HEADERS) as http:
        for i in range(100):
            response = http.post("/v1/messages", json=message_body(f"n{i}"), extensions={})
            assert response.status_code == 200
            assert response.json()["content"][0]["text"] == f"Echo: n{i}"
            stream = response.extensions["network_stream"]
            ports.append(stream.get_extra_info("socket").getsockname()[1])
    assert len(set(ports)) == 1


def test_64_concurrent_requests(emu: Emulator) -> None:
    async def main() -> List[httpx.Response]:
        limits = httpx.Limits(max_connections=64)
        async with httpx.AsyncClient(base_url=emu.base_url, headers=HEADERS, limits=limits) as http:
            return await asyncio.gather(*(http.post("/v1/messages", json=message_body(f"c{i}")) for i in range(64)))

    responses = asyncio.run(main())
    assert [r.status_code for r in responses] == [200] * 64
    assert sorted(r.json()["content"][0]["text"] for r in responses) == sorted(f"Echo: c{i}" for i in range(64))
    assert len(emu.requests) == 64


def test_slow_reply_does_not_block_others(emu: Emulator) -> None:
    emu.enqueue(delay=0.5)

    async def main() -> float:
        async with httpx.AsyncClient(base_url=emu.base_url, headers=HEADERS) as http:
            slow = asyncio.ensure_future(http.get("/v1/models"))
            await asyncio.sleep(0.05)
            loop = asyncio.get_running_loop()
            started = loop.time()
            assert (await http.get("/v1/models")).status_code == 200
            elapsed = loop.time() - started
            assert (await slow).status_code == 200
            return elapsed

    assert asyncio.run(main()) < 0.3


def _raw(emu: Emulator, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", emu.port), timeout=5) as sock:
        sock.sendall(data)
        chunks: List[bytes] = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


def test_chunked_request_body(emu: Emulator) -> None:
    body = httpx.Request("POST", "http://x", json=message_body("chunky")).read()
    head = "POST /v1/messages HTTP/1.1\r\nhost: x\r\nx-api-key: {}\r\nanthropic-version: 2023-06-01\r\n".format(
        HEADERS["x-api-key"]
    )
    framed = b"%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n" % (10, body[:10], len(body) - 10, body[10:])
    raw = _raw(emu, head.encode() + b"transfer-encoding: chunked\r\nconnection: close\r\n\r\n" + framed)
    assert raw.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b"Echo: chunky" in raw
    assert emu.requests[0].json() == message_body("chunky")


def test_generator_body_is_sent_chunked(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    def handle(request: object) -> Reply:
        return Reply(200, [("content-type", "text/plain")], iter([b"one ", b"two"]))

    monkeypatch.setattr(emu.app, "handle", handle)
    with httpx.Client(base_url=emu.base_url) as http:
        response = http.get("/anything")
    assert response.headers["transfer-encoding"] == "chunked"
    assert response.text == "one two"


def test_malformed_request_gets_400(emu: Emulator) -> None:
    assert _raw(emu, b"NONSENSE\r\n\r\n").startswith(b"HTTP/1.1 400 Bad Request\r\n")


def test_start_stop_and_restart() -> None:
    emu = Emulator()
    with pytest.raises(RuntimeError):
        emu.base_url  # noqa: B018
    emu.start()
    try:
        url = emu.base_url
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
        with httpx.Client(base_url=url) as http:
            assert http.get("/v1/models").status_code == 401
    finally:
        emu.stop()
    with pytest.raises(httpx.ConnectError), httpx.Client(base_url=url) as http:
        http.get("/v1/models")
    emu.stop()  # idempotent


def test_port_in_use_raises(emu: Emulator) -> None:
    with pytest.raises(OSError):
        Emulator(port=emu.port).start()


def test_the_request_log_has_a_line_per_request() -> None:
    log = io.StringIO()
    with Emulator(log=log) as emu, httpx.Client(base_url=emu.base_url, headers=HEADERS) as http:
        emu.enqueue(delay=0.05)
        assert http.post("/v1/messages?beta=true", json=message_body()).status_code == 200
        assert http.get("/v1/models/claude-nope").status_code == 404
        emu.enqueue(drop=True)
        with pytest.raises(httpx.RemoteProtocolError):
            http.get("/v1/models")
    lines = log.getvalue().splitlines()
    assert len(lines) == 3, lines
    first = re.fullmatch(r"POST /v1/messages 200 (\d+\.\d) ms", lines[0])
    assert first is not None and float(first.group(1)) >= 50  # the delay is in the time
    assert re.fullmatch(r"GET /v1/models/claude-nope 404 \d+\.\d ms", lines[1])
    assert re.fullmatch(r"GET /v1/models - \d+\.\d ms", lines[2])  # dropped: no status was sent


def test_no_log_by_default(emu: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    with httpx.Client(base_url=emu.base_url, headers=HEADERS) as http:
        assert http.get("/v1/models").status_code == 200
    assert capsys.readouterr() == ("", "")
