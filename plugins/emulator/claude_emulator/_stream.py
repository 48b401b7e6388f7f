"""Server-sent events for ``"stream": true``: the API's exact frames, pings, pacing and scripted faults.

A stream is ``message_start``, a ``ping``, then per content block ``content_block_start``,
its deltas and ``content_block_stop``, then ``message_delta`` and ``message_stop``; a
``ping`` follows every fifth event. Each frame is ``event: <type>\\ndata: <compact json>\\n\\n``.
Unpaced and unfaulted, the body is rendered up front. It goes out in 64 KiB chunks or, with
``event_chunks``, one event per HTTP chunk, as the API flushes them.
"""

from __future__ import annotations

import dataclasses
from json.encoder import encode_basestring
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, overload

from ._content import Generated
from ._wire import DISCONNECT, BodyPart, Pause, Reply, dumps

__all__ = ["StreamScript", "PING", "Reframed", "frame", "render_events", "stream_body", "sse_reply"]

CHUNK_SIZE = 65536
PING = b'event: ping\ndata: {"type":"ping"}\n\n'
PING_EVERY = 5
STALL_PING_INTERVAL = 0.05
_STRING_DELTAS = {
    "text_delta": "text",
    "thinking_delta": "thinking",
    "signature_delta": "signature",
    "input_json_delta": "partial_json",
}
_ERROR_MESSAGES: Dict[str, str] = {
    "overloaded_error": "Overloaded",
    "api_error": "Internal server error",
    "rate_limit_error": "Number of request tokens has exceeded your per-minute rate limit",
}


@dataclasses.dataclass(frozen=True)
class StreamScript:
    """Faults for a streamed reply, each counted in events (pings included) of the normal stream.

    A count past the end acts at the end. At the same count a stall comes first, then
    the error, the drop or the truncation (in that order of precedence).
    """

    error_after: Optional[int] = None
    error_type: str = "overloaded_error"
    drop_after: Optional[int] = None
    stall_after: Optional[int] = None
    stall_seconds: float = 0.0
    stall_pings: bool = False
    truncate_after: Optional[int] = None

    @property
    def active(self) -> bool:
        counts = (self.error_after, self.drop_after, self.stall_after, self.truncate_after)
        return any(count is not None for count in counts)


def frame(event: str, data: bytes) -> bytes:
    """One SSE frame."""
    return b"event: " + event.encode("ascii") + b"\ndata: " + data + b"\n\n"


def error_frame(error_type: str) -> bytes:
    message = _ERROR_MESSAGES.get(error_type, f"Emulated {error_type}")
    return frame("error", dumps({"type": "error", "error": {"type": error_type, "message": message}}))


def _delta(delta: Mapping[str, Any]) -> bytes:
    """``dumps(delta)``, several times faster for the one-string deltas that big streams are made of."""
    field = _STRING_DELTAS.get(delta["type"])
    if field is None or len(delta) != 2:
        return dumps(delta)
    head = b'{"type":"%s","%s":' % (delta["type"].encode("ascii"), field.encode("ascii"))
    return head + encode_basestring(delta[field]).encode("utf-8") + b"}"


def render_events(message: Mapping[str, Any], generated: Generated, *, pings: bool = True) -> List[bytes]:
    """Every frame of the stream that accumulates to ``message`` (the non-streaming reply)."""
    start = dict(message, content=[], stop_reason=None, stop_sequence=None)
    start["usage"] = dict(message["usage"], output_tokens=1)
    events: List[bytes] = []
    for index, block in enumerate(generated.blocks):
        started = {"type": "content_block_start", "index": index, "content_block": block.start}
        events.append(frame("content_block_start", dumps(started)))
        prefix = b'event: content_block_delta\ndata: {"type":"content_block_delta","index":%d,"delta":' % index
        events.extend([prefix + _delta(delta) + b"}\n\n" for delta in block.deltas])
        events.append(frame("content_block_stop", b'{"type":"content_block_stop","index":%d}' % index))
    delta = {"stop_reason": generated.stop_reason, "stop_sequence": generated.stop_sequence}
    usage = {"output_tokens": generated.output_tokens}
    events.append(frame("message_delta", dumps({"type": "message_delta", "delta": delta, "usage": usage})))
    events.append(frame("message_stop", b'{"type":"message_stop"}'))
    frames = [frame("message_start", dumps({"type": "message_start", "message": start}))]
    if not pings:
        return frames + events
    frames.append(PING)
    for number, event in enumerate(events, 1):
        frames.append(event)
        if number % PING_EVERY == 0 and number < len(events):
            frames.append(PING)
    return frames


def _chunks(data: bytes) -> Iterator[bytes]:
    for at in range(0, len(data), CHUNK_SIZE):
        yield data[at : at + CHUNK_SIZE]


class Reframed(Sequence[bytes]):
    """``frames`` in another framing, each encoded with ``encode`` when it is sent, not all before the first."""

    def __init__(self, frames: List[bytes], encode: Callable[[bytes], bytes]) -> None:
        self._frames = frames
        self._encode = encode

    def __len__(self) -> int:
        return len(self._frames)

    @overload
    def __getitem__(self, index: int) -> bytes: ...

    @overload
    def __getitem__(self, index: slice) -> List[bytes]: ...

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self._encode(one) for one in self._frames[index]]
        return self._encode(self._frames[index])

    def __iter__(self) -> Iterator[bytes]:
        return map(self._encode, self._frames)


def _parts(frames: Sequence[bytes], event_chunks: bool) -> Iterator[bytes]:
    """``frames`` as body parts: one part per frame, or joined and cut into 64 KiB chunks."""
    return iter(frames) if event_chunks else _chunks(b"".join(frames))


def _stall(script: StreamScript, ping: Optional[bytes]) -> Iterator[BodyPart]:
    if not script.stall_pings or ping is None:
        yield Pause(script.stall_seconds)
        return
    beats = int(script.stall_seconds / STALL_PING_INTERVAL + 1e-9)
    for _ in range(beats):
        yield Pause(STALL_PING_INTERVAL)
        yield ping
    rest = script.stall_seconds - beats * STALL_PING_INTERVAL
    if rest > 1e-6:
        yield Pause(rest)


def _scripted(
    frames: Sequence[bytes],
    script: StreamScript,
    event_delay: float,
    event_chunks: bool,
    render_error: Callable[[str], bytes],
    ping: Optional[bytes],
) -> Iterator[BodyPart]:
    total = len(frames)

    def at(count: Optional[int]) -> Optional[int]:
        return None if count is None else min(max(count, 0), total)

    stall, error, drop, truncate = (
        at(script.stall_after),
        at(script.error_after),
        at(script.drop_after),
        at(script.truncate_after),
    )
    pending: List[bytes] = []
    for sent in range(total + 1):
        if sent == stall and script.stall_seconds > 0:
            yield from _parts(pending, event_chunks)
            pending.clear()
            yield from _stall(script, ping)
        if sent == error:
            pending.append(render_error(script.error_type))
        if sent in (error, drop, truncate):
            yield from _parts(pending, event_chunks)
            if sent == drop and sent != error:
                yield DISCONNECT
            return
        if sent == total:
            break
        pending.append(frames[sent])
        if event_delay > 0 and sent < total - 1:
            yield from _parts(pending, event_chunks)
            pending.clear()
            yield Pause(event_delay)
    yield from _parts(pending, event_chunks)


def stream_body(
    frames: Sequence[bytes],
    script: Optional[StreamScript] = None,
    event_delay: float = 0.0,
    event_chunks: bool = False,
    *,
    error: Callable[[str], bytes] = error_frame,
    ping: Optional[bytes] = PING,
) -> Iterator[BodyPart]:
    """The reply body for ``frames``: pre-rendered (64 KiB chunks, or one event each), or paced and faulted.

    ``error`` renders the frame of a scripted error from its ``error_type``; ``ping`` is what a
    stall with ``stall_pings`` sends (None: nothing, the stall is silent).
    """
    if (script is None or not script.active) and event_delay <= 0:
        return _parts(frames, event_chunks)
    return _scripted(frames, script or StreamScript(), event_delay, event_chunks, error, ping)


def sse_reply(body: Iterable[BodyPart], request_id: str, status: int = 200) -> Reply:
    """A ``text/event-stream`` reply, always sent chunked."""
    headers = [("content-type", "text/event-stream"), ("cache-control", "no-cache"), ("request-id", request_id)]
    return Reply(status, headers, iter(body))
