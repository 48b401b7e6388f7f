"""HTTP/1.1 chunked transfer coding, decoded without I/O: wire bytes in, body bytes out.

The stream reader (:mod:`claude_core._transport.socket_body`) hands it whatever one socket read
returned, often hundreds of chunks at once when the reader lags behind the sender, and
gets back the body bytes of all of them in one ``bytes``. Size lines follow h11's
grammar: at most 20 hex digits, a chunk extension (``;`` and anything up to the line
end, ignored), optional whitespace, CRLF. It stops at the last chunk's size line: the
trailer section after it is left to h11, which the reader hands it to.
"""

from __future__ import annotations

import re
from typing import List

import httpx

__all__ = ["ChunkedDecoder", "MAX_LINE"]

#: The longest chunk-size line accepted (h11's limit for an incomplete event).
MAX_LINE = 16 * 1024

_SIZE = re.compile(rb"([0-9A-Fa-f]{1,20})(?:;.*)?[ \t]*\r\n")
_SIZE_AFTER_DATA = re.compile(rb"\r\n([0-9A-Fa-f]{1,20})(?:;.*)?[ \t]*\r\n")


class ChunkedDecoder:
    """Feed it the wire bytes with :meth:`feed`; :attr:`done` once the last chunk's size line was read.

    Malformed framing raises :class:`httpx.RemoteProtocolError`, the error httpx raises
    for it, so callers map it like any broken connection.
    """

    __slots__ = ("_after_data", "_held", "_left", "done", "rest")

    def __init__(self) -> None:
        self._held = b""  # an incomplete size or trailer line, kept for the next feed
        self._left = 0  # body bytes of the current chunk still to come
        self._after_data = False  # a chunk's data ended: its CRLF comes before the next size
        self.done = False
        #: the bytes received after the last chunk's size line: its trailer section, for h11
        self.rest = b""

    def feed(self, data: bytes) -> bytes:
        """The body bytes ``data`` completes (``b""`` when it holds framing only)."""
        if self.done:
            self.rest += data
            return b""
        if self._held:
            data, self._held = self._held + data, b""
        size = len(data)
        left = self._left
        if left >= size and size:  # inside one chunk's data: nothing to cut
            self._left = left - size
            self._after_data = self._left == 0
            return data
        out: List[bytes] = []
        pos = 0
        while pos < size:
            if left:
                end = pos + left
                if end >= size:
                    out.append(data[pos:])
                    left = end - size
                    self._after_data = left == 0
                    pos = size
                    break
                out.append(data[pos:end])
                pos, left = end, 0
                self._after_data = True
                continue
            after_data = self._after_data
            match = (_SIZE_AFTER_DATA if after_data else _SIZE).match(data, pos)
            if match is None:
                self._hold_line(data, pos, after_data)
                break
            pos = match.end()
            self._after_data = False
            left = int(match.group(1), 16)
            if not left:
                self.done = True
                self.rest = data[pos:]
                break
        self._left = left
        return b"".join(out)

    def _hold_line(self, data: bytes, pos: int, after_data: bool) -> None:
        """A size line that did not match: keep it if it may still be incomplete, else fail."""
        start = pos + 2 if after_data else pos
        if after_data and data[pos : pos + 2] not in (b"\r\n", b"\r", b""):
            raise httpx.RemoteProtocolError(f"malformed chunk footer: {data[pos : pos + 2]!r} (expected b'\\r\\n')")
        if data.find(b"\n", start) >= 0 or len(data) - pos > MAX_LINE:
            line = data[start : data.find(b"\n", start) + 1 or start + 40]
            raise httpx.RemoteProtocolError(f"illegal chunk header: {line!r}")
        self._held = data[pos:]
