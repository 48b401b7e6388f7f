"""``messages.stream(...)``: a context manager yielding a :class:`MessageStream`."""

from __future__ import annotations

from types import TracebackType
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncIterator,
    Awaitable,
    Callable,
    Dict,
    Generic,
    Iterator,
    List,
    Optional,
    Tuple,
    Type,
    TypeVar,
    overload,
)

import httpx

from ..types import Message, TextBlock
from ..types.parsed_message import ResponseFormatT
from .accumulator import MessageAccumulator
from .core import IncompleteStreamError
from .events import (
    CitationEvent,
    CompactionEvent,
    InputJsonEvent,
    MessageStreamEvent,
    ParsedContentBlockStopEvent,
    ParsedMessageStopEvent,
    SignatureEvent,
    TextEvent,
    ThinkingEvent,
)
from .stream import AsyncStream, Stream

if TYPE_CHECKING:
    from ..providers import Provider
    from ..types.parsed_message import ParsedMessage

__all__ = ["MessageStream", "AsyncMessageStream", "MessageStreamManager", "AsyncMessageStreamManager"]


def _expand(event: Any, accumulator: MessageAccumulator, batch: List[Dict[str, Any]], pos: int) -> Tuple[Any, Any]:
    """The event to hand out for a raw one, and the SDK event it implies (or None), as they
    stand once the reader handed out ``batch[:pos]`` (the event is ``batch[pos - 1]``)."""
    kind = event.type
    if kind == "content_block_delta":
        delta = event.delta
        delta_kind = delta.type
        index = event.index
        if delta_kind == "text_delta":
            block, count = accumulator.mark(index, "text", batch, pos)
            return event, TextEvent._of(index, delta.text, block, count)
        if delta_kind == "input_json_delta":
            block, count = accumulator.mark(index, "json", batch, pos)
            return event, InputJsonEvent._of(index, delta.partial_json, block, count)
        if delta_kind == "thinking_delta":
            block, count = accumulator.mark(index, "thinking", batch, pos)
            return event, ThinkingEvent._of(index, delta.thinking, block, count)
        if delta_kind == "signature_delta":
            return event, SignatureEvent._of(index, delta.signature)
        if delta_kind == "citations_delta":
            block, count = accumulator.mark(index, "citations", batch, pos)
            return event, CitationEvent._of(index, delta.citation, block, count)
        if delta_kind == "compaction_delta":  # the content replaces the block's: the event's is the delta's
            return event, CompactionEvent._of(index, delta.content)
        return event, None
    if kind == "content_block_stop":
        block = accumulator.block_at(event.index, batch, pos)
        return ParsedContentBlockStopEvent.model_construct(type=kind, index=event.index, content_block=block), None
    if kind == "message_stop":
        message = accumulator.message_at(batch, pos)
        return ParsedMessageStopEvent.model_construct(type=kind, message=message), None
    return event, None


def _handed_out(event: Any, accumulator: MessageAccumulator, reader: Any) -> Iterator[Any]:
    """The event to hand out for a raw one, then the SDK event it implies, unless
    ``text_stream`` or ``until_done()`` moved the reader on meanwhile (they passed it)."""
    batch, pos = reader.batch, reader.pos
    first, helper = _expand(event, accumulator, batch, pos)
    yield first
    if helper is not None and reader.pos == pos and reader.batch is batch:
        yield helper


def _texts(batch: List[Dict[str, Any]]) -> List[Tuple[int, str]]:
    """``(position after it, text)`` of each text delta of a batch (the accumulator checked their shape)."""
    return [
        (position, data["delta"]["text"])
        for position, data in enumerate(batch, 1)
        if data.get("type") == "content_block_delta" and data["delta"].get("type") == "text_delta"
    ]


def _hand_out_texts(reader: Any, batch: List[Dict[str, Any]]) -> Iterator[str]:
    """The texts of ``batch``, moving the reader's shared position with every one, so a
    consumer that stops here (even an async one closed later) leaves the rest to the next."""
    reader.batch = batch
    texts = getattr(batch, "texts", None)
    for position, text in texts if texts is not None else _texts(batch):
        reader.pos = position
        yield text
    reader.batch, reader.pos = [], 0


S = TypeVar("S", Stream[Any], AsyncStream[Any])


class _MessageStreamBase(Generic[S]):
    _raw: S
    _iterator: Any
    _events: Callable[[], Any]  # the twin's generator of the events to hand out

    def __init__(
        self, raw: S, accumulator: MessageAccumulator, parse: Optional[Callable[[Message], ParsedMessage[Any]]] = None
    ) -> None:
        self._raw = raw
        self._accumulator = accumulator
        self._parse = parse
        self._parsed: Optional[ParsedMessage[Any]] = None
        self._iterator = self._events()

    @property
    def current_message_snapshot(self) -> Message:
        """The message as it stands after the events handed out so far (by iteration or
        ``text_stream``), not those already received but not handed out yet."""
        reader = self._raw._reader
        return self._accumulator.message_at(reader.batch, reader.pos)

    def _final_message(self) -> Message:
        if not self._accumulator.done:
            raise IncompleteStreamError(
                request=self.response.request, message="The stream ended before message_stop: no final message."
            )
        message = self._accumulator.message
        if self._parse is None:
            return message
        if self._parsed is None:  # stream(output_format=Model): validated once, at the first read
            self._parsed = self._parse(message)
        return self._parsed

    def _final_text(self) -> str:
        message = self._final_message()
        texts = [block.text for block in message.content if isinstance(block, TextBlock)]
        if not texts:
            raise ValueError("get_final_text(): the final message has no text block")
        return "".join(texts)

    @property
    def response(self) -> httpx.Response:
        return self._raw.response

    @property
    def provider(self) -> Provider:
        """The deployment that is answering."""
        return self._raw.provider

    @property
    def request_id(self) -> Optional[str]:
        return self._raw.request_id


# MessageStream and AsyncMessageStream twin only for typed signatures: sync methods vs async.
class MessageStream(_MessageStreamBase[Stream[Any]], Generic[ResponseFormatT]):
    """Iterate raw events plus ``text``, ``input_json``, ``thinking``, ``signature`` and
    ``citation`` events; or read ``text_stream``; or call ``get_final_message()``."""

    _iterator: Iterator[MessageStreamEvent]

    def _events(self) -> Iterator[MessageStreamEvent]:
        accumulator = self._accumulator
        reader = self._raw._reader
        for event in reader.events(reader.core.typed, self):
            yield from _handed_out(event, accumulator, reader)

    def __iter__(self) -> Iterator[MessageStreamEvent]:
        return self._iterator

    def __next__(self) -> MessageStreamEvent:
        return next(self._iterator)

    @property
    def text_stream(self) -> Iterator[str]:
        """Only the text deltas; shares the stream's position, builds no event objects."""
        reader = self._raw._reader
        while True:
            batch = reader.take()
            if batch is None:
                return
            yield from _hand_out_texts(reader, batch)

    def until_done(self) -> None:
        """Read the stream to its end."""
        take = self._raw._reader.take
        while take() is not None:
            pass

    @overload
    def get_final_message(self: MessageStream[None]) -> Message: ...
    @overload
    def get_final_message(self) -> ParsedMessage[ResponseFormatT]: ...
    def get_final_message(self) -> Any:
        """Read to the end and return the whole message (raises if the stream was cut short);
        a :class:`ParsedMessage` for ``stream(output_format=SomeType)``."""
        self.until_done()
        return self._final_message()

    def get_final_text(self) -> str:
        """Read to the end and return the text of every text block, joined."""
        self.until_done()
        return self._final_text()

    def close(self) -> None:
        self._raw.close()

    def __enter__(self) -> MessageStream[ResponseFormatT]:
        return self

    def __exit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        self.close()


class AsyncMessageStream(_MessageStreamBase[AsyncStream[Any]], Generic[ResponseFormatT]):
    """The async twin of :class:`MessageStream`."""

    _iterator: AsyncIterator[MessageStreamEvent]

    async def _events(self) -> AsyncIterator[MessageStreamEvent]:
        accumulator = self._accumulator
        reader = self._raw._reader
        async for event in reader.events(reader.core.typed, self):
            for handed in _handed_out(event, accumulator, reader):
                yield handed

    def __aiter__(self) -> AsyncIterator[MessageStreamEvent]:
        return self._iterator

    async def __anext__(self) -> MessageStreamEvent:
        return await self._iterator.__anext__()

    @property
    def text_stream(self) -> AsyncIterator[str]:
        """Only the text deltas; shares the stream's iterator."""
        return self._text_stream()

    async def _text_stream(self) -> AsyncIterator[str]:
        reader = self._raw._reader
        while True:
            batch = await reader.take()
            if batch is None:
                return
            for text in _hand_out_texts(reader, batch):
                yield text

    async def until_done(self) -> None:
        take = self._raw._reader.take
        while await take() is not None:
            pass

    @overload
    async def get_final_message(self: AsyncMessageStream[None]) -> Message: ...
    @overload
    async def get_final_message(self) -> ParsedMessage[ResponseFormatT]: ...
    async def get_final_message(self) -> Any:
        await self.until_done()
        return self._final_message()

    async def get_final_text(self) -> str:
        await self.until_done()
        return self._final_text()

    async def close(self) -> None:
        await self._raw.close()

    async def __aenter__(self) -> AsyncMessageStream[ResponseFormatT]:
        return self

    async def __aexit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        await self.close()


class MessageStreamManager(Generic[ResponseFormatT]):
    """``with client.messages.stream(...) as stream``: the request is sent on entry."""

    def __init__(self, start: Callable[[], MessageStream[ResponseFormatT]]) -> None:
        self._start = start
        self._stream: Optional[MessageStream[ResponseFormatT]] = None

    def __enter__(self) -> MessageStream[ResponseFormatT]:
        self._stream = self._start()
        return self._stream

    def __exit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        if self._stream is not None:
            self._stream.close()


class AsyncMessageStreamManager(Generic[ResponseFormatT]):
    """``async with client.messages.stream(...) as stream``: the request is sent on entry."""

    def __init__(self, start: Callable[[], Awaitable[AsyncMessageStream[ResponseFormatT]]]) -> None:
        self._start = start
        self._stream: Optional[AsyncMessageStream[ResponseFormatT]] = None

    async def __aenter__(self) -> AsyncMessageStream[ResponseFormatT]:
        self._stream = await self._start()
        return self._stream

    async def __aexit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        if self._stream is not None:
            await self._stream.close()
