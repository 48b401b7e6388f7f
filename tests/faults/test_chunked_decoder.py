"""The chunked decoder against h11 as the oracle: same body for any legal framing cut anywhere, and it
refuses what h11 refuses.

The decoder is checked as the reader uses it: it reads up to the last chunk's size line,
then h11 gets that line and the rest (the trailer section) and must end the message.

The socket-level tests (test_wire_framing.py) run fewer examples through the whole client;
these run many through the decoder alone.
"""

from __future__ import annotations

from typing import List, Optional

import h11
import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claude_core._transport.chunked import MAX_LINE, ChunkedDecoder

_HEAD = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n"


def _h11_body(wire: bytes) -> Optional[bytes]:
    """The body h11 reads from ``wire``, or None when h11 calls the framing malformed."""
    connection = h11.Connection(h11.CLIENT)
    connection.send(h11.Request(method="GET", target="/", headers=[("host", "x")]))
    connection.send(h11.EndOfMessage())
    connection.receive_data(_HEAD + wire)
    return _h11_rest(connection)


def _h11_rest(connection: h11.Connection) -> Optional[bytes]:
    body = b""
    try:
        while True:
            event = connection.next_event()
            if isinstance(event, h11.Data):
                body += event.data
            elif isinstance(event, h11.EndOfMessage):
                return body
            elif event is h11.NEED_DATA:
                return None
    except h11.RemoteProtocolError:
        return None


def _decode(pieces: List[bytes]) -> Optional[bytes]:
    """The body as the reader gets it, or None when the decoder or h11 (given the trailers) refuse the framing."""
    decoder, body = ChunkedDecoder(), b""
    try:
        for piece in pieces:
            if decoder.done:
                decoder.rest += piece
            else:
                body += decoder.feed(piece)
    except httpx.RemoteProtocolError:
        return None
    if not decoder.done:
        return None
    ending = _h11_body(b"0\r\n" + decoder.rest)
    return None if ending is None else body + ending


@st.composite
def wires(draw: st.DrawFn) -> bytes:
    wire = b""
    for part in draw(st.lists(st.binary(min_size=1, max_size=40), max_size=8)):
        digits = b"%X" % len(part) if draw(st.booleans()) else b"%x" % len(part)
        extension = draw(st.sampled_from([b"", b";a=b", b";x"]))
        wire += b"0" * draw(st.integers(0, 2)) + digits + extension + draw(st.sampled_from([b"", b" ", b"\t "]))
        wire += b"\r\n" + part + b"\r\n"
    trailers = draw(st.sampled_from([b"", b"x-t: 1\r\n", b"a: 1\r\nb: 2\r\n"]))
    return wire + b"0\r\n" + trailers + b"\r\n"


def _cut(wire: bytes, cuts: List[int]) -> List[bytes]:
    marks = [0, *sorted({cut % (len(wire) + 1) for cut in cuts}), len(wire)]
    return [wire[start:end] for start, end in zip(marks, marks[1:])]


@settings(max_examples=400, deadline=None)
@given(wire=wires(), cuts=st.lists(st.integers(0, 10_000), max_size=12))
def test_legal_framing_gives_h11s_body(wire: bytes, cuts: List[int]) -> None:
    expected = _h11_body(wire)
    assert expected is not None
    assert _decode(_cut(wire, cuts)) == expected


@settings(max_examples=400, deadline=None)
@given(wire=wires(), position=st.integers(0, 10_000), junk=st.binary(min_size=1, max_size=3))
def test_damaged_framing_is_refused_where_h11_refuses_it(wire: bytes, position: int, junk: bytes) -> None:
    """Bytes inserted anywhere: where h11 still reads a body, so does the decoder, the same one."""
    at = position % (len(wire) + 1)
    damaged = wire[:at] + junk + wire[at:]
    assert _decode([damaged]) == _h11_body(damaged)


def test_the_trailer_section_is_left_for_h11() -> None:
    decoder = ChunkedDecoder()
    assert decoder.feed(b"2\r\nhi\r\n0;last\r\nx-t: 1\r\n\r\n") == b"hi"
    assert decoder.done and decoder.rest == b"x-t: 1\r\n\r\n"


def test_a_size_line_that_never_ends_is_refused() -> None:
    decoder = ChunkedDecoder()
    assert decoder.feed(b"1" * MAX_LINE) == b""
    with pytest.raises(httpx.RemoteProtocolError, match="illegal chunk header"):
        decoder.feed(b"1")
