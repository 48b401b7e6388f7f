"""An incremental Server-Sent Events decoder: bytes in, events out, no I/O.

Follows the WHATWG rules: lines end in ``\\r\\n``, ``\\r`` or ``\\n`` (split anywhere
across chunks), ``data`` lines of one event are joined with ``\\n``, lines starting
with ``:`` are comments, a blank line ends an event, and :meth:`SSEDecoder.close` emits
an event left unterminated at the end of the stream. Invalid UTF-8 is replaced, never
raised: the decoder accepts any bytes.
"""

from __future__ import annotations

from typing import List, Optional

__all__ = ["ServerSentEvent", "SSEDecoder"]


class ServerSentEvent:
    """One event: its ``event`` name (None when the stream named none), ``data``, ``id``, ``retry``."""

    __slots__ = ("data", "event", "id", "retry")

    def __init__(
        self, event: Optional[str] = None, data: str = "", id: Optional[str] = None, retry: Optional[int] = None
    ) -> None:
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry

    def __repr__(self) -> str:
        return f"ServerSentEvent(event={self.event!r}, data={self.data!r}, id={self.id!r}, retry={self.retry!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ServerSentEvent):
            return NotImplemented
        return (self.event, self.data, self.id, self.retry) == (other.event, other.data, other.id, other.retry)

    __hash__ = None  # type: ignore[assignment]


class SSEDecoder:
    """Feed it chunks with :meth:`feed`; call :meth:`close` once the stream ends."""

    __slots__ = ("_data", "_dirty", "_event", "_id", "_pending", "_retry", "_skip_lf")

    def __init__(self) -> None:
        self._pending: List[bytes] = []  # the start of a line whose end has not arrived
        self._skip_lf = False  # the last chunk ended in "\r": a leading "\n" belongs to it
        self._event: Optional[str] = None
        self._data: List[str] = []
        self._id: Optional[str] = None
        self._retry: Optional[int] = None
        self._dirty = False

    def feed(self, chunk: bytes) -> List[ServerSentEvent]:
        """Decode ``chunk`` and return the events it completed, in order."""
        if self._skip_lf:
            self._skip_lf = False
            if chunk[:1] == b"\n":
                chunk = chunk[1:]
        if not chunk:
            return []
        if b"\n" not in chunk and b"\r" not in chunk:
            self._pending.append(chunk)
            return []
        if self._pending:
            self._pending.append(chunk)
            chunk = b"".join(self._pending)
            self._pending = []
        lines = chunk.splitlines()
        last = chunk[-1:]
        if last == b"\r":
            self._skip_lf = True
        elif last != b"\n":
            self._pending.append(lines.pop())
        events: List[ServerSentEvent] = []
        for line in lines:
            event = self._line(line)
            if event is not None:
                events.append(event)
        return events

    def close(self) -> List[ServerSentEvent]:
        """End of stream: emit the event still being built, if any."""
        events: List[ServerSentEvent] = []
        if self._pending:
            line = b"".join(self._pending)
            self._pending = []
            event = self._line(line)
            if event is not None:
                events.append(event)
        event = self._line(b"")
        if event is not None:
            events.append(event)
        return events

    def _line(self, line: bytes) -> Optional[ServerSentEvent]:
        if not line:
            if not self._dirty:
                return None
            event = ServerSentEvent(self._event, "\n".join(self._data), self._id, self._retry)
            self._event = None
            self._data = []
            self._retry = None
            self._dirty = False
            return event
        if line[:1] == b":":
            return None
        name, sep, value = line.partition(b":")
        if sep and value[:1] == b" ":
            value = value[1:]
        if name == b"data":
            self._data.append(value.decode("utf-8", "replace"))
            self._dirty = True
        elif name == b"event":
            self._event = value.decode("utf-8", "replace")
            self._dirty = True
        elif name == b"id":
            if b"\0" not in value:
                self._id = value.decode("utf-8", "replace")
                self._dirty = True
        elif name == b"retry" and value.isdigit():
            self._retry = int(value)
            self._dirty = True
        return None
