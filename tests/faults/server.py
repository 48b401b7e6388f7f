"""A raw-socket HTTP/1.1 server that plays scripted faults: resets, stalls, trickles.

Every accepted connection gets a thread that reads requests (headers plus a
``Content-Length`` body), records them, and answers each with the next queued
behaviour; once the queue is empty it answers like the Claude API: a JSON Message, or
an SSE stream (one event per HTTP chunk) when the request body asks for ``"stream": true``.
Each behaviour ends by itself within its own bound, and all of them end at once when
the server closes, so no test can hang on the server.
"""

from __future__ import annotations

import collections
import dataclasses
import json
import socket
import struct
import threading
import time
from types import TracebackType
from typing import Any, Deque, Dict, List, Optional, Protocol, Sequence, Tuple, Type

__all__ = [
    "MESSAGE",
    "Behaviour",
    "Connection",
    "FaultServer",
    "NormalReply",
    "RecordedRequest",
    "ResetAfterHeaders",
    "ResetMidBody",
    "StallMidBody",
    "TrickleJson",
    "TricklePings",
    "WireReply",
    "sse_events",
]

MESSAGE: Dict[str, Any] = {
    "id": "msg_1",
    "type": "message",
    "role": "assistant",
    "model": "claude-sonnet-4-5",
    "content": [{"type": "text", "text": "ok"}],
    "stop_reason": "end_turn",
    "stop_sequence": None,
    "usage": {"input_tokens": 3, "output_tokens": 1},
}
#: How long a reset waits after its last bytes, so the client is blocked reading when the
#: RST arrives and sees "connection reset" rather than whatever happened to be buffered.
_SETTLE = 0.05
_POLL = 0.05


def _dumps(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


MESSAGE_JSON = _dumps(MESSAGE)


def _head(content_type: str, length: Optional[int] = None) -> bytes:
    framing = "transfer-encoding: chunked" if length is None else f"content-length: {length}"
    return f"HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\nrequest-id: req_fault\r\n{framing}\r\n\r\n".encode()


def _chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


def _event(name: str, data: Dict[str, Any]) -> bytes:
    return b"event: " + name.encode() + b"\ndata: " + _dumps(data) + b"\n\n"


def _message_start() -> bytes:
    started = dict(MESSAGE, content=[], stop_reason=None, stop_sequence=None)
    return _event("message_start", {"type": "message_start", "message": started})


PING = _event("ping", {"type": "ping"})


def sse_events() -> List[bytes]:
    """The frames of a complete stream that accumulates to :data:`MESSAGE`, its text in two deltas."""
    deltas = [
        _event(
            "content_block_delta",
            {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": t}},
        )
        for t in ("o", "k")
    ]
    block = {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}
    stop = {"stop_reason": "end_turn", "stop_sequence": None}
    return [
        _message_start(),
        PING,
        _event("content_block_start", block),
        *deltas,
        _event("content_block_stop", {"type": "content_block_stop", "index": 0}),
        _event("message_delta", {"type": "message_delta", "delta": stop, "usage": {"output_tokens": 1}}),
        _event("message_stop", {"type": "message_stop"}),
    ]


@dataclasses.dataclass(frozen=True)
class RecordedRequest:
    """One request as the server read it."""

    method: str
    path: str
    headers: Dict[str, str]
    body: bytes

    @property
    def wants_stream(self) -> bool:
        try:
            return json.loads(self.body).get("stream") is True
        except (ValueError, AttributeError):
            return False


class Connection:
    """One accepted socket: what behaviours write with, and how they wait."""

    def __init__(self, sock: socket.socket, stopping: threading.Event) -> None:
        self.sock = sock
        self.stopping = stopping

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def pause(self, seconds: float) -> bool:
        """Wait ``seconds``; False when the server closed meanwhile."""
        return not self.stopping.wait(seconds)

    def reset(self) -> None:
        """Abort the connection with an RST (SO_LINGER on, zero timeout, then close)."""
        self.pause(_SETTLE)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.sock.close()


class Behaviour(Protocol):
    """Answers one request; returns whether the connection stays open for the next one."""

    def play(self, connection: Connection, request: RecordedRequest) -> bool: ...


class NormalReply:
    """What the API answers: :data:`MESSAGE` as JSON, or as an SSE stream sent one event per chunk."""

    def play(self, connection: Connection, request: RecordedRequest) -> bool:
        if not request.wants_stream:
            connection.send(_head("application/json", len(MESSAGE_JSON)) + MESSAGE_JSON)
            return True
        connection.send(_head("text/event-stream"))
        for frame in sse_events():
            connection.send(_chunk(frame))
        connection.send(b"0\r\n\r\n")
        return True


class JsonReply:
    """``body`` as a 200 JSON response with a content-length."""

    def __init__(self, body: Any) -> None:
        self.body = _dumps(body)

    def play(self, connection: Connection, request: RecordedRequest) -> bool:
        connection.send(_head("application/json", len(self.body)) + self.body)
        return True


class ChunkedReply:
    """A 200 reply of ``content_type`` whose body is ``chunks``, each an HTTP chunk written to the
    socket on its own (so one client read may hold part of a chunk or many); ``reset_after``
    chunks, the connection is reset instead of ending."""

    def __init__(
        self, chunks: Sequence[bytes], content_type: str = "text/event-stream", reset_after: Optional[int] = None
    ) -> None:
        self.chunks = chunks
        self.content_type = content_type
        self.reset_after = reset_after

    def play(self, connection: Connection, request: RecordedRequest) -> bool:
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        connection.send(_head(self.content_type))
        for number, chunk in enumerate(self.chunks):
            if number == self.reset_after:
                connection.reset()
                return False
            if chunk:  # an empty chunk would end the body
                connection.send(_chunk(chunk))
        connection.send(b"0\r\n\r\n")
        return True


class WireReply:
    """A 200 SSE reply whose chunked body is written as the raw ``pieces`` given, framing
    included, each ``send`` on its own after a short pause (so the client reads them apart);
    with ``close``, the connection is closed after the last piece."""

    def __init__(self, pieces: Sequence[bytes], close: bool = False, pause: float = 0.001) -> None:
        self.pieces = pieces
        self.close = close
        self.pause = pause

    def play(self, connection: Connection, request: RecordedRequest) -> bool:
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        connection.send(_head("text/event-stream"))
        for piece in self.pieces:
            connection.pause(self.pause)
            connection.send(piece)
        return not self.close


class ResetAfterHeaders:
    """A 200 with ``content-length: 500``, then an RST before any byte of the body."""

    def play(self, connection: Connection, request: RecordedRequest) -> bool:
        connection.send(_head("application/json", 500))
        connection.reset()
        return False


class ResetMidBody:
    """A 200 JSON Message cut by an RST after half of its body."""

    def play(self, connection: Connection, request: RecordedRequest) -> bool:
        connection.send(_head("application/json", len(MESSAGE_JSON)) + MESSAGE_JSON[: len(MESSAGE_JSON) // 2])
        connection.reset()
        return False


class StallMidBody:
    """A 200 JSON Message that sends half its body, then nothing for ``seconds``, then closes."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def play(self, connection: Connection, request: RecordedRequest) -> bool:
        connection.send(_head("application/json", len(MESSAGE_JSON)) + MESSAGE_JSON[: len(MESSAGE_JSON) // 2])
        connection.pause(self.seconds)
        return False


class TrickleJson:
    """A chunked 200 JSON reply: one space every ``interval`` s, never content; closes after ``max_seconds``."""

    def __init__(self, interval: float = 0.5, max_seconds: float = 20.0) -> None:
        self.interval = interval
        self.max_seconds = max_seconds

    def play(self, connection: Connection, request: RecordedRequest) -> bool:
        connection.send(_head("application/json"))
        end = time.monotonic() + self.max_seconds
        while time.monotonic() < end and connection.pause(self.interval):
            connection.send(_chunk(b" "))
        return False


class TricklePings:
    """An SSE 200: ``message_start``, a ``ping`` every ``interval`` s, never content; closes after ``max_seconds``."""

    def __init__(self, interval: float = 0.5, max_seconds: float = 20.0) -> None:
        self.interval = interval
        self.max_seconds = max_seconds

    def play(self, connection: Connection, request: RecordedRequest) -> bool:
        connection.send(_head("text/event-stream") + _chunk(_message_start()))
        end = time.monotonic() + self.max_seconds
        while time.monotonic() < end and connection.pause(self.interval):
            connection.send(_chunk(PING))
        return False


class FaultServer:
    """Serves HTTP/1.1 on 127.0.0.1 (a free port) from background threads; use it as a context manager.

    :meth:`enqueue` behaviours; each request takes the next one, or a :class:`NormalReply`.
    """

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(_POLL)
        self.port: int = self._listener.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._queue: Deque[Behaviour] = collections.deque()
        self._requests: List[RecordedRequest] = []
        self.connections = 0
        self._threads: List[threading.Thread] = []
        self._spawn(self._accept_loop)

    def __enter__(self) -> "FaultServer":
        return self

    def __exit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        self.close()

    def enqueue(self, *behaviours: Behaviour) -> None:
        with self._lock:
            self._queue.extend(behaviours)

    @property
    def requests(self) -> List[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    def close(self) -> None:
        """Stop accepting, end every behaviour and connection, and wait for the threads."""
        self._stopping.set()
        for thread in list(self._threads):
            thread.join(timeout=5.0)
        self._listener.close()

    def _spawn(self, target: Any, *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                sock, _ = self._listener.accept()
            except socket.timeout:
                continue
            with self._lock:
                self.connections += 1
            self._spawn(self._serve, sock)

    def _serve(self, sock: socket.socket) -> None:
        sock.settimeout(_POLL)
        connection = Connection(sock, self._stopping)
        buffer = b""
        try:
            while True:
                request, buffer = self._read_request(sock, buffer)
                if request is None:
                    return
                with self._lock:
                    self._requests.append(request)
                    behaviour: Behaviour = self._queue.popleft() if self._queue else NormalReply()
                if not behaviour.play(connection, request):
                    return
        except OSError:
            pass  # the client went away
        finally:
            sock.close()

    def _read_request(self, sock: socket.socket, buffer: bytes) -> Tuple[Optional[RecordedRequest], bytes]:
        """The next request on ``sock`` and the bytes after it; None when the client closed or the server stops."""
        while b"\r\n\r\n" not in buffer:
            more = self._recv(sock)
            if not more:
                return None, b""
            buffer += more
        head, _, buffer = buffer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, path, _ = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        while len(buffer) < length:
            more = self._recv(sock)
            if not more:
                return None, b""
            buffer += more
        return RecordedRequest(method, path, headers, buffer[:length]), buffer[length:]

    def _recv(self, sock: socket.socket) -> bytes:
        while not self._stopping.is_set():
            try:
                return sock.recv(65536)
            except socket.timeout:
                continue
        return b""
