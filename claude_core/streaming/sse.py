"""An incremental Server-Sent Events decoder: bytes in, events out, no I/O.

Follows the WHATWG rules: lines end in ``\\r\\n``, ``\\r`` or ``\\n`` (split anywhere
across chunks), ``data`` lines of one event are joined with ``\\n``, lines starting
with ``:`` are comments, a blank line ends an event, and :meth:`SSEDecoder.close` emits
an event left unterminated at the end of the stream. Invalid UTF-8 is replaced, never
raised: the decoder accepts any bytes.

Speed: line endings are normalised to ``\\n`` once per chunk, events are cut with one
``str.split`` per chunk, and the usual two-line ``event:``/``data:`` event is read
without a per-line loop.
"""

from __future__ import annotations

import codecs
import re
from typing import List, Optional, Tuple

__all__ = ["ServerSentEvent", "SSEDecoder", "Fields"]

_PAIR = re.compile(r"event: ([^\n]*)\ndata: ([^\n]*)\n\n")
_ONLY_PAIRS = re.compile(r"(?:event: [^\n]*\ndata: [^\n]*\n\n)+")

#: ``(event, data, id, retry)`` of one event.
Fields = Tuple[Optional[str], str, Optional[str], Optional[int]]


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

    __slots__ = ("_id", "_pending", "_skip_lf", "_utf8")

    def __init__(self) -> None:
        self._utf8 = codecs.getincrementaldecoder("utf-8")("replace")
        self._pending: List[str] = []  # text of the event being received, without its end
        self._skip_lf = False  # the last chunk ended in "\r": a leading "\n" belongs to it
        self._id: Optional[str] = None  # the last event id persists across events

    def feed(self, chunk: bytes) -> List[ServerSentEvent]:
        """Decode ``chunk`` and return the events it completed, in order."""
        return [ServerSentEvent(*fields) for fields in self.feed_fields(chunk)]

    def close(self) -> List[ServerSentEvent]:
        """End of stream: emit the event still being built, if any."""
        return [ServerSentEvent(*fields) for fields in self.close_fields()]

    def feed_pairs(self, chunk: bytes) -> List[Tuple[Optional[str], str]]:
        """Like :meth:`feed`, as ``(event, data)`` pairs: what the client reads, made faster.

        When the completed text is nothing but ``event:``/``data:`` pairs (what the API
        sends), one regular expression reads them all.
        """
        return self._pairs(self._utf8.decode(chunk))

    def close_pairs(self) -> List[Tuple[Optional[str], str]]:
        """Like :meth:`close`, as ``(event, data)`` pairs."""
        return [(fields[0], fields[1]) for fields in self.close_fields()]

    def feed_fields(self, chunk: bytes) -> List[Fields]:
        """Like :meth:`feed`, as ``(event, data, id, retry)`` tuples."""
        return self._text(self._utf8.decode(chunk))

    def close_fields(self) -> List[Fields]:
        """Like :meth:`close`, as ``(event, data, id, retry)`` tuples."""
        events = self._text(self._utf8.decode(b"", True))
        if self._pending:
            block = "".join(self._pending)
            self._pending = []
            self._block(block, events)
        return events

    def _pairs(self, text: str) -> List[Tuple[Optional[str], str]]:
        if self._skip_lf or "\r" in text:
            return [(fields[0], fields[1]) for fields in self._text(text)]
        pending = self._pending
        if not pending and text[:7] == "event: " and text[-2:] == "\n\n":
            # one whole event, as the API flushes them: "event: NAME\ndata: JSON\n\n"
            newline = text.find("\n")
            if text[newline + 1 : newline + 7] == "data: " and text.find("\n", newline + 7) == len(text) - 2:
                return [(text[7:newline], text[newline + 7 : -2])]
        if pending:
            if "\n\n" not in text and not (text[:1] == "\n" and pending[-1][-1:] == "\n"):
                pending.append(text)
                return []
            pending.append(text)
            text = "".join(pending)
            pending.clear()
        end = text.rfind("\n\n") + 2
        if end < 2:
            if text:
                pending.append(text)
            return []
        complete = text[:end]
        if end < len(text):
            pending.append(text[end:])
        if _ONLY_PAIRS.fullmatch(complete):
            return _PAIR.findall(complete)
        return [(fields[0], fields[1]) for fields in self._text_complete(complete)]

    def _text_complete(self, text: str) -> List[Fields]:
        """Events of text that ends at an event boundary (nothing pending)."""
        events: List[Fields] = []
        for block in text.split("\n\n"):
            if block:
                self._block(block, events)
        return events

    def _text(self, text: str) -> List[Fields]:
        if self._skip_lf and text:
            self._skip_lf = False
            if text[0] == "\n":
                text = text[1:]
        if "\r" in text:
            self._skip_lf = text[-1] == "\r"
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not text:
            return []
        pending = self._pending
        if pending:
            # an event boundary may straddle the join: look at the last character kept
            if "\n\n" not in text and not (text[0] == "\n" and pending[-1][-1] == "\n"):
                pending.append(text)
                return []
            pending.append(text)
            text = "".join(pending)
            pending.clear()
        elif "\n\n" not in text:
            pending.append(text)
            return []
        blocks = text.split("\n\n")
        rest = blocks.pop()
        if rest:
            pending.append(rest)
        events: List[Fields] = []
        append = events.append
        last_id = self._id
        for block in blocks:
            if block[:7] == "event: ":
                newline = block.find("\n")
                if newline > 0 and block[newline + 1 : newline + 7] == "data: " and block.find("\n", newline + 1) < 0:
                    append((block[7:newline], block[newline + 7 :], last_id, None))
                    continue
            self._block(block, events)
            last_id = self._id
        return events

    def _block(self, block: str, events: List[Fields]) -> None:
        """The general path: any lines, then the end of the event."""
        event: Optional[str] = None
        data: List[str] = []
        retry: Optional[int] = None
        dirty = False
        for line in block.split("\n"):
            if not line:
                if dirty:
                    events.append((event, "\n".join(data), self._id, retry))
                    event, data, retry, dirty = None, [], None, False
                continue
            if line[0] == ":":
                continue
            name, sep, value = line.partition(":")
            if sep and value[:1] == " ":
                value = value[1:]
            if name == "data":
                data.append(value)
                dirty = True
            elif name == "event":
                event = value
                dirty = True
            elif name == "id":
                if "\0" not in value:
                    self._id = value
                    dirty = True
            elif name == "retry" and value.isdigit() and value.isascii():
                retry = int(value)
                dirty = True
        if dirty:
            events.append((event, "\n".join(data), self._id, retry))
