"""The I/O-free heart of a stream: :class:`StreamCore`.

It turns received bytes into decoded events, skips pings, keeps the typed error of an
``event: error``, watches for stalls, feeds the accumulator and the
``claude_stream_event`` hook, and holds back ``message_start`` until content follows,
so a stream that fails before any content reached the caller can be retried without
the caller seeing anything twice. The readers (:mod:`claude_core._engine.readers`) only
read bytes and sleep.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import httpx
import pydantic_core

from .._transport.errors import connection_error
from ..errors import (
    AnthropicError,
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    _with_cause,
)
from ..providers import Provider
from .accumulator import MessageAccumulator

__all__ = ["StreamCore", "Batch", "IncompleteStreamError", "Observer", "wire_error", "retriable"]

#: Called with each delivered event and the accumulator (the ``claude_stream_event`` hook).
Observer = Callable[[Any, MessageAccumulator], None]


class IncompleteStreamError(APIConnectionError):
    """The stream ended without ``message_stop``: the message would be truncated."""


class Batch(List[Dict[str, Any]]):
    """The decoded events of one chunk; ``texts`` lists its text deltas when the
    accumulator already picked them out (``(position after it, text)``).

    A chunk of nothing but text deltas of one block is kept as its texts only; the
    event dicts are built if someone reads them (iterating typed events).
    """

    texts: Optional[List[Tuple[int, str]]] = None
    _text_block: Optional[int] = None

    @classmethod
    def of_texts(cls, index: int, texts: List[str]) -> "Batch":
        batch = cls()
        batch.texts = list(enumerate(texts, 1))
        batch._text_block = index
        return batch

    def has_events(self) -> bool:
        return self._text_block is not None or list.__len__(self) > 0

    def _fill(self) -> None:
        index = self._text_block
        if index is not None and self.texts is not None:
            self._text_block = None
            list.extend(
                self,
                [
                    {"type": "content_block_delta", "index": index, "delta": {"type": "text_delta", "text": text}}
                    for _, text in self.texts
                ],
            )

    def __len__(self) -> int:
        self._fill()
        return list.__len__(self)

    def __getitem__(self, item: Any) -> Any:
        self._fill()
        return list.__getitem__(self, item)

    def __iter__(self) -> Iterator[Dict[str, Any]]:
        self._fill()
        return list.__iter__(self)


_TEXT_PREFIX = '{"type":"content_block_delta","index":'
_TEXT_MIDDLE = ',"delta":{"type":"text_delta","text":"'
_TEXT_SUFFIX = '"}}'
#: One text delta exactly as the API writes it (the JSON string unrolled: no per-character
#: alternation); anything else takes the general path.
_TEXT_DELTA = re.compile(
    re.escape(_TEXT_PREFIX) + r"(\d+)" + re.escape(_TEXT_MIDDLE) + r'([^"\\]*(?:\\.[^"\\]*)*)' + re.escape(_TEXT_SUFFIX)
)
_TEXT_FIXED = len(_TEXT_PREFIX) + len(_TEXT_MIDDLE) + len(_TEXT_SUFFIX)


class StreamCore:
    """The I/O-free part of a stream. ``feed`` bytes, then ``end`` at end of body."""

    def __init__(
        self,
        response: httpx.Response,
        provider: Provider,
        *,
        validate: Callable[[Dict[str, Any]], Any],
        accumulator: Optional[MessageAccumulator] = None,
        observer: Optional[Observer] = None,
        idle_timeout: Optional[float] = None,
        deadline: Optional[float] = None,
        ends_with: Optional[Callable[[Dict[str, Any]], bool]] = None,
    ) -> None:
        self.response = response
        self.request = response.request
        self.provider = provider
        self._validate = validate
        self.accumulator = accumulator
        self.observer = observer
        self._idle_timeout = idle_timeout
        self._deadline = deadline  # a time.monotonic() value
        #: For streams of other events than a message's (legacy completions): whether an
        #: event is the last one. A message stream ends with ``message_stop``.
        self._ends_with = ends_with
        self._decoder = provider.stream_decoder()
        self._held: List[Dict[str, Any]] = []
        self.delivered = False
        self.finished = False
        self.error: Optional[AnthropicError] = None
        self.texts: Optional[List[Tuple[int, str]]] = None
        self._watch_at: Optional[float] = None  # when a watchdog fires (time.monotonic()), None: never
        self._touch()

    def restart(self, response: httpx.Response, provider: Provider) -> None:
        """Start over on a new response after a retry (nothing was delivered), maybe from another deployment."""
        self.response = response
        self.request = response.request
        self.provider = provider
        self._decoder = provider.stream_decoder()
        self._held = []
        self.finished = False
        self.error = None
        self._touch()

    def _touch(self) -> None:
        """Content arrived (or the stream began): the idle watchdog starts again."""
        idle, deadline = self._idle_timeout, self._deadline
        if idle is None:
            self._watch_at = deadline
        else:
            idle_at = time.monotonic() + idle
            self._watch_at = idle_at if deadline is None or idle_at < deadline else deadline

    def _check_watchdog(self) -> None:
        watch_at = self._watch_at
        if watch_at is not None and self.error is None and time.monotonic() >= watch_at:
            self.error = self.timed_out()

    def read_timeout_is_idle_limit(self) -> bool:
        """Whether the request's read timeout is the idle watchdog's limit (the call shortened it to
        that): then a read that timed out is the watchdog firing, even a little before
        :meth:`seconds_left` reaches 0, as a transport may start its clock when the last bytes
        arrived (aiohttp does) and this core only once it read them."""
        timeout = self.request.extensions.get("timeout") or {}
        return self._idle_timeout is not None and timeout.get("read") == self._idle_timeout

    def seconds_left(self) -> Optional[float]:
        """How long the next read may wait before a watchdog fires (None: no limit); 0.0 once it fired."""
        watch_at = self._watch_at
        return None if watch_at is None else max(watch_at - time.monotonic(), 0.0)

    def feed(self, chunk: bytes) -> Batch:
        """The decoded events ``chunk`` completed, as JSON dicts, ready for the caller.

        A failure (an ``event: error``, bad JSON) is kept in :attr:`error` and raised by
        the driver after the events before it were handed over.
        """
        pairs = self._decoder.feed_pairs(chunk)
        texts = self._only_texts(pairs)
        if texts is not None:
            out = texts
        else:
            out = Batch()
            self.texts = None
            self._events(pairs, out)
            out.texts = self.texts
        self._check_watchdog()
        return out

    def _only_texts(self, pairs: List[Tuple[Optional[str], str]]) -> Optional[Batch]:
        """The fast path: a chunk of nothing but text deltas of one block, in the API's exact form."""
        accumulator = self.accumulator
        if not pairs or accumulator is None or self._held or not self.delivered or self.observer is not None:
            return None
        if len(pairs) == 1:
            return self._one_text(pairs[0], accumulator)
        names, payloads = zip(*pairs)
        if self.error is not None or set(names) != {"content_block_delta"}:
            return None
        joined = ",".join(payloads)
        found = _TEXT_DELTA.findall(joined)
        if len(found) != len(pairs):
            return None
        indices = [index for index, _ in found]
        raws = [raw for _, raw in found]
        # every character is part of a match: the chunk holds nothing else
        matched = _TEXT_FIXED * len(found) + sum(map(len, indices)) + sum(map(len, raws)) + len(found) - 1
        if matched != len(joined) or indices.count(indices[0]) != len(indices):
            return None
        return self._texts(int(indices[0]), raws, accumulator)

    def _one_text(self, pair: Tuple[Optional[str], str], accumulator: MessageAccumulator) -> Optional[Batch]:
        """The fast path for one text delta on its own, as the API flushes them."""
        name, payload = pair
        match = _TEXT_DELTA.fullmatch(payload) if name == "content_block_delta" and self.error is None else None
        if match is None:
            return None
        digits, raw = match.groups()
        return self._texts(int(digits), [raw], accumulator)

    def _texts(self, index: int, raws: List[str], accumulator: MessageAccumulator) -> Optional[Batch]:
        """Text deltas of block ``index``, given as the raw insides of their JSON strings."""
        try:
            texts = [json.loads(f'"{raw}"') if "\\" in raw else raw for raw in raws]
        except ValueError:
            return None
        if not accumulator.extend_text(index, texts):
            return None
        self._touch()
        return Batch.of_texts(index, texts)

    def end(self) -> Batch:
        out = Batch()
        self._events(self._decoder.close_pairs(), out)
        if self.error is None:
            self._release(out)
            if not self.finished:
                self.error = IncompleteStreamError(
                    request=self.request,
                    message="The stream ended before message_stop: the response is incomplete.",
                )
        return out

    def raise_pending(self) -> None:
        """Raise the failure kept by :meth:`feed` or :meth:`end`, once their events were handed over."""
        if self.error is not None:
            raise self.error

    def timed_out(self) -> APITimeoutError:
        now = time.monotonic()
        if self._deadline is not None and now >= self._deadline:
            return APITimeoutError(self.request, "The stream passed its deadline.")
        return APITimeoutError(self.request, f"No stream event for {self._idle_timeout} s (stream_idle_timeout).")

    def _events(self, events: List[Any], out: List[Dict[str, Any]]) -> None:
        """Hand over decoded events; this loop runs once per delta, so it is kept flat."""
        if self.error is not None:
            return
        payloads: List[str] = []
        failure: Optional[AnthropicError] = None
        for name, data in events:
            if name == "ping":
                continue
            if name == "error":
                failure = self.provider.stream_error(data, self.response)
                break
            payloads.append(data)
        if payloads:
            self._touch()
            decoded = self._decode(payloads)
            if self._ends_with is not None and decoded and self._ends_with(decoded[-1]):
                self.finished = True
            try:
                self._hand_over(decoded, out)
            except (RuntimeError, LookupError, TypeError, ValueError, AttributeError) as exc:
                # the events do not make a message (a delta before its block, a malformed field)
                self.error = APIResponseValidationError(self.response, None, message=f"Malformed stream: {exc}")
                return
        if failure is not None and self.error is None:
            self.error = failure

    def _hand_over(self, decoded: List[Dict[str, Any]], out: List[Dict[str, Any]]) -> None:
        accumulator = self.accumulator
        if self.delivered and not self._held and self.observer is None:
            if accumulator is not None:
                self.texts = accumulator.add_dicts(decoded)
                self.finished = accumulator.done
            else:
                for data in decoded:
                    if data.get("type") == "message_stop":
                        self.finished = True
            out.extend(decoded)
        else:
            for data in decoded:
                if self.error is not None:
                    return
                self._one(data, out)

    def _decode(self, payloads: List[str]) -> List[Dict[str, Any]]:
        """Parse the JSON of many events with one call; find the culprit only when that fails."""
        try:
            if len(payloads) == 1:  # one event per chunk, as the API flushes them
                one = pydantic_core.from_json(payloads[0], cache_strings="keys")
                if type(one) is dict and type(one.get("type")) is str:
                    return [one]
            else:
                decoded = pydantic_core.from_json("[" + ",".join(payloads) + "]", cache_strings="keys")
                if type(decoded[0]) is dict and type(decoded[-1]) is dict:  # the rest are checked where used
                    return decoded  # type: ignore[no-any-return]
        except ValueError:
            pass
        good: List[Dict[str, Any]] = []
        for data in payloads:
            try:
                item = json.loads(data)
            except ValueError as exc:
                item = exc
            if not isinstance(item, dict) or not isinstance(item.get("type"), str):
                self.error = APIResponseValidationError(
                    self.response, data, message=f"Stream event is not a JSON object with a type: {data[:200]!r}"
                )
                break
            good.append(item)
        return good

    def _one(self, data: Dict[str, Any], out: List[Dict[str, Any]]) -> None:
        kind = data.get("type")
        if kind == "message_start" and not self.delivered:
            self._held.append(data)
            return
        if kind == "message_stop":
            self.finished = True
        if self._held:
            self._release(out)
        self._deliver(data, out)

    def _release(self, out: List[Dict[str, Any]]) -> None:
        held, self._held = self._held, []
        for data in held:
            self._deliver(data, out)

    def _deliver(self, data: Dict[str, Any], out: List[Dict[str, Any]]) -> None:
        self.delivered = True
        accumulator = self.accumulator
        if accumulator is not None:
            accumulator.add_dicts((data,))
            if self.observer is not None:
                try:
                    self.observer(self.typed(data), accumulator)
                except AnthropicError as exc:
                    self.error = exc
                    return
        out.append(data)

    def typed(self, data: Dict[str, Any]) -> Any:
        """The event object for one decoded event (validated against its own type only)."""
        try:
            return self._validate(data)
        except ValueError as exc:
            raise APIResponseValidationError(self.response, data, message=f"Invalid stream event: {exc}") from exc


def wire_error(exc: Exception, core: StreamCore) -> AnthropicError:
    """Map an exception raised while reading a stream into the SDK's tree.

    This is where both readers learn whether the stall watchdog fired: a read that timed
    out is the watchdog's when the watchdog has no time left. An awaited read waits at most
    :meth:`StreamCore.seconds_left` and times out as ``TimeoutError``; a blocking read is
    bound by the read timeout, which the call shortened to the watchdog's limits, and times
    out as httpx's exception: the watchdog's when that read timeout is its idle limit, else
    (a caller's read timeout shorter than the watchdog's) the read timeout's own.
    """
    if isinstance(exc, AnthropicError):
        return exc
    if isinstance(exc, (TimeoutError, httpx.TimeoutException)) and (
        core.seconds_left() == 0.0 or (isinstance(exc, httpx.ReadTimeout) and core.read_timeout_is_idle_limit())
    ):
        return _with_cause(core.timed_out(), exc)
    return connection_error(core.request, exc, mid_stream=True)


def retriable(error: AnthropicError, core: StreamCore) -> bool:
    """Whether a stream that failed with ``error`` may be retried: a connection or API
    failure, before anything was delivered (the retry policy decides the rest)."""
    return isinstance(error, (APIConnectionError, APIStatusError)) and not core.delivered
