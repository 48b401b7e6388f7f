"""The SSE decoder: correct for every chunk split, every line ending, and any bytes."""

from __future__ import annotations

from typing import List, Optional, Tuple

from hypothesis import given, settings
from hypothesis import strategies as st

from claude_core.streaming.sse import ServerSentEvent, SSEDecoder

# text without line breaks (the SSE line terminators) and without a leading space issue
line_text = st.text(alphabet=st.characters(blacklist_characters="\r\n", blacklist_categories=("Cs",)), max_size=20)
field_name = st.sampled_from(["message_start", "content_block_delta", "ping", "error", "x-y_z"])
ending = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def streams(draw: st.DrawFn) -> Tuple[bytes, List[ServerSentEvent]]:
    """A valid SSE body with random line endings and comments, and the events it encodes."""
    events: List[ServerSentEvent] = []
    body: List[str] = []
    last_id: Optional[str] = None

    def line(text: str) -> None:
        end = draw(ending)
        if body and body[-1].endswith("\r") and end.startswith("\n"):
            end = "\r"  # "\r" then "\n" would be one line ending, not two
        body.append(text + end)

    for _ in range(draw(st.integers(0, 6))):
        name = draw(st.none() | field_name)
        data = draw(st.lists(line_text, min_size=1, max_size=4))
        new_id = draw(st.none() | st.text(alphabet="abc123", min_size=1, max_size=5))
        if draw(st.booleans()):
            line(": a comment")
        if name is not None:
            line(f"event: {name}")
        for text in data:
            separator = draw(st.sampled_from([": ", ":"]))
            if separator == ":" and text.startswith(" "):
                separator = ": "
            line(f"data{separator}{text}")
        if new_id is not None:
            line(f"id: {new_id}")
            last_id = new_id
        line("")
        events.append(ServerSentEvent(name, "\n".join(data), last_id))
    return "".join(body).encode(), events


def decode(chunks: List[bytes]) -> List[ServerSentEvent]:
    decoder = SSEDecoder()
    out: List[ServerSentEvent] = []
    for chunk in chunks:
        out.extend(decoder.feed(chunk))
    out.extend(decoder.close())
    return out


def split(data: bytes, cuts: List[int]) -> List[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts})
    pieces, start = [], 0
    for point in points:
        pieces.append(data[start:point])
        start = point
    pieces.append(data[start:])
    return pieces


@settings(max_examples=300, deadline=None)
@given(streams(), st.lists(st.integers(0, 10_000), max_size=30))
def test_any_split_gives_the_same_events(stream: Tuple[bytes, List[ServerSentEvent]], cuts: List[int]) -> None:
    body, expected = stream
    assert decode([body]) == expected
    assert decode(split(body, cuts)) == expected


@settings(max_examples=100, deadline=None)
@given(streams())
def test_byte_by_byte(stream: Tuple[bytes, List[ServerSentEvent]]) -> None:
    body, expected = stream
    assert decode([body[i : i + 1] for i in range(len(body))]) == expected


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400), st.lists(st.integers(0, 1000), max_size=20))
def test_random_bytes_never_raise(data: bytes, cuts: List[int]) -> None:
    events = decode(split(data, cuts))
    assert all(isinstance(event.data, str) for event in events)
    assert decode([data]) == events


def test_missing_trailing_blank_line_is_flushed_at_close() -> None:
    assert decode([b"event: message_stop\ndata: {}"]) == [ServerSentEvent("message_stop", "{}")]
    assert decode([b"data: a\r\ndata: b\r\n"]) == [ServerSentEvent(None, "a\nb")]


def test_crlf_split_between_chunks_is_one_line_ending() -> None:
    assert decode([b"data: x\r", b"\n", b"\r", b"\n"]) == [ServerSentEvent(None, "x")]
    assert decode([b"data: x\r", b"\r"]) == [ServerSentEvent(None, "x")]


def test_comments_retry_and_unknown_fields() -> None:
    body = b": keep-alive\nretry: 1500\nfoo: bar\ndata: hello\n\nretry: soon\ndata: two\n\n"
    assert decode([body]) == [ServerSentEvent(None, "hello", retry=1500), ServerSentEvent(None, "two")]


def test_invalid_utf8_is_replaced() -> None:
    (event,) = decode([b"data: \xff\xfeok\n\n"])
    assert event.data.endswith("ok") and "\ufffd" in event.data


def test_a_long_line_over_many_chunks_is_linear() -> None:
    payload = b"x" * 200_000
    chunks = [b"data: "] + [payload[i : i + 100] for i in range(0, len(payload), 100)] + [b"\n\n"]
    (event,) = decode(chunks)
    assert len(event.data) == 200_000


def decode_pairs(chunks: List[bytes]) -> List[Tuple[Optional[str], str]]:
    decoder = SSEDecoder()
    out: List[Tuple[Optional[str], str]] = []
    for chunk in chunks:
        out.extend(decoder.feed_pairs(chunk))
    out.extend(decoder.close_pairs())
    return out


@settings(max_examples=300, deadline=None)
@given(streams(), st.lists(st.integers(0, 10_000), max_size=30))
def test_the_fast_pair_path_agrees(stream: Tuple[bytes, List[ServerSentEvent]], cuts: List[int]) -> None:
    body, expected = stream
    pairs = [(event.event, event.data) for event in expected]
    assert decode_pairs([body]) == pairs
    assert decode_pairs(split(body, cuts)) == pairs


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.lists(st.integers(0, 1000), max_size=20))
def test_the_fast_pair_path_agrees_on_any_bytes(data: bytes, cuts: List[int]) -> None:
    assert decode_pairs(split(data, cuts)) == [(event.event, event.data) for event in decode([data])]


def test_api_shaped_stream_in_big_chunks() -> None:
    body = b"".join(b'event: content_block_delta\ndata: {"i":%d}\n\n' % i for i in range(1000))
    pairs = decode_pairs([body[i : i + 777] for i in range(0, len(body), 777)])
    assert pairs == [("content_block_delta", f'{{"i":{i}}}') for i in range(1000)]
