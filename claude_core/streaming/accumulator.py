"""The message accumulator: feed it raw stream events, read the message built so far.

Feeding is cheap and linear: a delta is appended to its block's pieces; nothing is joined,
parsed or written to a model. Reading writes the models: text is joined on from where the
last read stopped, tool input JSON parsed once per read.

A reader may lag behind the feed: the client applies a whole network read of events at
once, then hands them out one by one. :meth:`MessageAccumulator.message_at` shows the
state after the events handed out so far and none of the rest. Pieces are kept, never
overwritten, so a position is just a piece count per block (and a count of blocks and
``message_delta`` events), found from where the changes sit in the batch being handed out.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any, Callable, Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

import pydantic
import pydantic_core

from ..types import ContentBlock, Message, TextCitation, Usage
from ..types._base import TwinModel
from ..types._construct import construct
from ..types.message import Container, ServerToolUsage
from ..types.stream_events import RawMessageStreamEvent

__all__ = ["MessageAccumulator"]

#: delta type -> the piece list of :class:`_Block` it appends to
_FIELD_OF_DELTA = {
    "text_delta": "text",
    "input_json_delta": "json",
    "thinking_delta": "thinking",
    "signature_delta": "signature",
    "citations_delta": "citations",
    "compaction_delta": "contents",
}
#: piece list -> the model attribute it makes
_ATTRIBUTE = {
    "text": "text",
    "json": "input",
    "thinking": "thinking",
    "signature": "signature",
    "citations": "citations",
    "contents": "content",
}
_JOINED = ("text", "thinking", "signature")  # string fields: the pieces are concatenated
_LEVEL_FIELDS = ("stop_reason", "stop_sequence", "usage", "container", "context_management")
#: usage fields a ``message_delta`` updates when it carries them (not None)
_USAGE_UPDATES = ("input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens")
#: the types of beta fields (deferred: their models load when a value is first met)
_CONTEXT_MANAGEMENT = Message.__pydantic_fields__["context_management"].annotation
_ITERATIONS = Usage.__pydantic_fields__["iterations"].annotation


class _Block:
    """One content block: its model, the pieces each delta added, and what the model shows."""

    __slots__ = (
        "_memo",
        "_partial",
        "_start",
        "citations",
        "contents",
        "index",
        "json",
        "model",
        "signature",
        "text",
        "thinking",
    )

    def __init__(self, model: Any, index: int, partial: Any) -> None:
        self.model = model
        self.index = index  # the block's index on the wire
        self._partial = partial  # how unfinished tool input JSON is parsed
        self.text: List[str] = []
        self.thinking: List[str] = []
        self.signature: List[str] = []
        self.json: List[str] = []
        self.citations: List[Any] = []
        self.contents: List[Any] = []  # compaction content: each delta replaces the last
        # the fields as content_block_start gave them (value, and whether it was sent)
        self._start = {
            field: (model.__dict__.get(attribute), attribute in model.__pydantic_fields_set__)
            for field, attribute in _ATTRIBUTE.items()
            if attribute in type(model).model_fields
        }
        self._memo: Dict[str, Tuple[int, Any]] = {}  # field -> (piece count, value): the latest value made

    def value(self, field: str, count: int) -> Any:
        """The field after its first ``count`` pieces."""
        memo = self._memo.get(field)
        if memo is not None and memo[0] == count:
            return memo[1]
        pieces: List[Any] = getattr(self, field)
        start = self._start.get(field, (None, False))[0]
        if field in _JOINED:
            if memo is not None and memo[0] < count:  # join on from the latest value
                value: Any = memo[1] + "".join(pieces[memo[0] : count])
            else:
                value = (start if isinstance(start, str) else "") + "".join(pieces[:count])
        elif field == "json":
            raw = "".join(pieces[:count])
            value = pydantic_core.from_json(raw, allow_partial=self._partial) if raw.strip() else start
        elif field == "citations":
            value = [*(start or ()), *pieces[:count]] if count or start is not None else None
        else:
            value = pieces[count - 1] if count else start
        if memo is None or memo[0] <= count:
            self._memo[field] = (count, value)
        return value

    def show(self, behind: Optional[Callable[[int, str], int]] = None) -> Any:
        """Write each field into the model, leaving out its last ``behind(index, field)``
        pieces (none when ``behind`` is None); the model is then the block at that position."""
        model = self.model
        fields_set = model.__pydantic_fields_set__
        for field, (start, sent) in self._start.items():
            pieces = getattr(self, field)
            if not pieces:
                continue
            count = len(pieces) - (behind(self.index, field) if behind is not None else 0)
            attribute = _ATTRIBUTE[field]
            if count:
                model.__dict__[attribute] = self.value(field, count)
                fields_set.add(attribute)
            else:
                model.__dict__[attribute] = start
                if not sent:
                    fields_set.discard(attribute)
        return model


class _Level:
    """The top-level fields ``message_delta`` events change, after a number of them."""

    __slots__ = ("sent", "values")

    def __init__(self, values: Dict[str, Any], sent: FrozenSet[str]) -> None:
        self.values = values
        self.sent = sent

    def show(self, message: Message) -> None:
        fields_set = message.__pydantic_fields_set__
        for name in _LEVEL_FIELDS:
            message.__dict__[name] = self.values[name]
            if name in self.sent:
                fields_set.add(name)
            else:
                fields_set.discard(name)


class _Lag:
    """Where the changes sit in one batch of applied events, so that the state before its
    last events (those a reader was not handed yet) is the head minus what they added."""

    __slots__ = ("batch", "deltas", "levels", "restart", "run_base", "run_block", "size", "starts", "text_block")

    def __init__(self, batch: Sequence[Dict[str, Any]], size: int, text_block: Optional[int]) -> None:
        self.batch = batch
        self.size = size
        self.text_block = text_block  # set: the batch is nothing but text deltas of this block
        self.run_block: Any = None  # then: that block, and its text pieces before the batch
        self.run_base = 0
        self.deltas: Mapping[Tuple[Any, str], Sequence[int]]  # (block index, field) -> positions
        self.starts: List[int] = []  # positions of content_block_start
        self.levels: List[int] = []  # positions of message_delta
        self.restart = -1  # position of the last message_start
        if text_block is not None:  # no need to look at the events
            self.deltas = {(text_block, "text"): range(size)}
            return
        deltas: Dict[Tuple[Any, str], List[int]] = {}
        self.deltas = deltas
        for position, data in enumerate(batch):
            kind = data.get("type")
            if kind == "content_block_delta":
                field = _FIELD_OF_DELTA.get(data["delta"].get("type"))
                if field is not None:
                    deltas.setdefault((data.get("index"), field), []).append(position)
            elif kind == "content_block_start":
                self.starts.append(position)
            elif kind == "message_delta":
                self.levels.append(position)
            elif kind == "message_start":
                self.restart = position

    def behind(self, pos: int) -> Callable[[int, str], int]:
        """How many ``field`` pieces of block ``index`` sit at ``pos`` or later."""
        deltas = self.deltas

        def count(index: int, field: str) -> int:
            return _after(deltas.get((index, field), ()), pos)

        return count


def _after(positions: Sequence[int], pos: int) -> int:
    """How many of the sorted ``positions`` are at ``pos`` or later."""
    return len(positions) - bisect_left(positions, pos)


class MessageAccumulator:
    """Builds a :class:`~claude_core.types.Message` from raw stream events.

    Events may be the SDK's event objects or the decoded JSON dicts of the wire (what
    the client itself feeds, which saves building an object per delta). Use it on its
    own to wrap any source of raw events::

        accumulator = MessageAccumulator()
        for event in raw_events:
            accumulator.add(event)
        message = accumulator.message

    Tool input is parsed from the JSON received so far as the official SDK does
    (an unfinished string is left out); ``trailing_strings=True`` keeps it, as the
    ``fine-grained-tool-streaming`` beta wants.

    The objects equal, fields set included, what the official SDK's stream helpers build from
    the same events: ``beta=True`` as ``client.beta.messages.stream()`` builds them (a block
    has the fields its ``content_block_start`` sent; ``message_delta`` sets ``container`` and
    ``context_management``), else as ``client.messages.stream()`` does (a block has every
    field of its model set, as the official SDK's round trip through ``model_dump()`` sets them).
    """

    def __init__(self, *, trailing_strings: bool = False, beta: bool = False) -> None:
        self._message: Optional[Message] = None
        self._blocks: List[_Block] = []
        self._by_index: Dict[int, _Block] = {}
        self._levels: List[_Level] = []
        self._shown: Tuple[int, int] = (-1, -1)  # (blocks, level) the message shows
        self._lag: Optional[_Lag] = None
        #: (block, count) when the last events applied were ``count`` text deltas of one block,
        #: all at once (:meth:`extend_text`): a reader lagging in them needs not look at them
        self._run: Optional[Tuple[int, int]] = None
        self._partial: Any = "trailing-strings" if trailing_strings else True
        self._beta = beta
        self.done = False
        """True once ``message_stop`` arrived."""

    def add(self, event: Union[RawMessageStreamEvent, Dict[str, Any]]) -> None:
        """Apply one raw event (an event object or its JSON dict)."""
        # only the fields the event had, as on the wire: the message then equals the non-streamed one
        self.add_dicts((event if isinstance(event, dict) else event.model_dump(by_alias=True, exclude_unset=True),))

    def add_dicts(self, events: Iterable[Dict[str, Any]]) -> List[Tuple[int, str]]:
        """Apply raw events given as JSON dicts, in order; text deltas take a short path.

        Returns ``(position after it, text)`` for each text delta, which ``text_stream``
        hands out without looking at the events again.
        """
        by_index = self._by_index
        texts: List[Tuple[int, str]] = []
        self._run = None
        for position, data in enumerate(events, 1):
            if data.get("type") == "content_block_delta":
                delta = data["delta"]
                if delta.get("type") == "text_delta":
                    block = by_index.get(data["index"])
                    if block is not None:
                        text = delta["text"]
                        block.text.append(text)
                        texts.append((position, text))
                        continue
            self._add(data)
            by_index = self._by_index
        return texts

    def extend_text(self, index: int, texts: List[str]) -> bool:
        """Append text deltas to block ``index``; False (nothing done) if it is not a started block."""
        block = self._by_index.get(index)
        if block is None or "text" not in block._start:
            return False
        block.text.extend(texts)
        self._run = (index, len(texts))
        return True

    def _add(self, data: Dict[str, Any]) -> None:
        kind = data.get("type")
        if kind == "content_block_delta":
            self._delta(data)
        elif kind == "message_start":
            message = self._message = construct(Message, data["message"], beta=self._beta)
            self._blocks = []
            self._by_index = {}
            sent = frozenset(name for name in _LEVEL_FIELDS if name in message.__pydantic_fields_set__)
            self._levels = [_Level({name: message.__dict__.get(name) for name in _LEVEL_FIELDS}, sent)]
            self._shown = (-1, -1)
            self.done = False
        elif kind == "content_block_start":
            self._require(kind)
            index = data["index"]
            model = construct(ContentBlock, data["content_block"], beta=self._beta)
            if not self._beta:
                _set_every_field(model)
            block = _Block(model, index, self._partial)
            self._blocks.append(block)
            self._by_index[index] = block
        elif kind == "content_block_stop":
            stopped = self._by_index.get(data.get("index"))  # type: ignore[arg-type]
            if stopped is not None and stopped.json:
                stopped.value("json", len(stopped.json))  # broken tool input fails the stream here, once
        elif kind == "message_delta":
            self._message_delta(data)
        elif kind == "message_stop":
            self._require(kind)
            self.done = True

    def _require(self, kind: str) -> Message:
        if self._message is None:
            raise RuntimeError(f"stream event {kind!r} arrived before message_start")
        return self._message

    def _delta(self, data: Dict[str, Any]) -> None:
        block = self._by_index.get(data.get("index"))  # type: ignore[arg-type]
        if block is None:
            raise RuntimeError(f"content_block_delta for block {data.get('index')} which was never started")
        delta = data["delta"]
        kind = delta.get("type")
        if kind == "text_delta":
            block.text.append(delta["text"])
        elif kind == "input_json_delta":
            block.json.append(delta["partial_json"])
        elif kind == "thinking_delta":
            block.thinking.append(delta["thinking"])
        elif kind == "signature_delta":
            block.signature.append(delta["signature"])  # appended: a signature may come in pieces
        elif kind == "citations_delta":
            block.citations.append(_citation(delta["citation"]))
        elif kind == "compaction_delta":
            block.contents.append(delta.get("content"))

    def _message_delta(self, data: Dict[str, Any]) -> None:
        """As the official SDK applies it; and, where it would fail, what arrived."""
        self._require("message_delta")
        beta = self._beta
        last = self._levels[-1]
        values, sent = dict(last.values), set(last.sent)
        delta = data.get("delta") or {}
        values["stop_reason"] = delta.get("stop_reason")
        values["stop_sequence"] = delta.get("stop_sequence")
        sent.update(("stop_reason", "stop_sequence"))
        # the beta helper sets both, None when not sent; the other keeps what a delta carries
        for name, kind, given in (
            ("container", Container, delta.get("container")),
            ("context_management", _CONTEXT_MANAGEMENT, data.get("context_management")),
        ):
            if beta or given is not None:
                values[name] = None if given is None else construct(kind, given, beta=beta)
                sent.add(name)
        update = data.get("usage")
        if isinstance(update, dict):
            values["usage"] = self._usage(values["usage"], update)
            sent.add("usage")
        self._levels.append(_Level(values, frozenset(sent)))

    def _usage(self, usage: Any, update: Dict[str, Any]) -> Any:
        """``usage`` updated by the ``usage`` of a ``message_delta`` (a copy: positions keep the old one)."""
        beta = self._beta
        if not isinstance(usage, Usage):  # message_start came without usage: what the delta says
            return construct(Usage, {key: value for key, value in update.items() if value is not None}, beta=beta)
        usage = usage.model_copy()
        if update.get("output_tokens") is not None:
            usage.output_tokens = update["output_tokens"]
        for field in _USAGE_UPDATES:
            value = update.get(field)
            if value is not None:
                setattr(usage, field, value)
        if update.get("server_tool_use") is not None:
            usage.server_tool_use = construct(ServerToolUsage, update["server_tool_use"], beta=beta)
        if update.get("iterations") is not None:
            usage.iterations = construct(_ITERATIONS, update["iterations"], beta=beta)
        return usage

    # -- positions ------------------------------------------------------------------

    def _lag_of(self, batch: Sequence[Dict[str, Any]], pos: int) -> Optional[_Lag]:
        """Where the changes of ``batch`` sit, if a reader at ``pos`` lags behind it; None: it does not.

        ``batch`` holds the last events applied (all of them, or the last ones when the
        reader took the rest of a batch), as the client's readers guarantee.
        """
        lag = self._lag
        if lag is None or lag.batch is not batch:
            run = self._run
            # a batch of text deltas kept as texts (not a list yet): do not build its events to count them
            size = run[1] if run is not None and type(batch) is not list else len(batch)
            if pos >= size:
                return None
            lag = self._lag = _Lag(batch, size, None if run is None else run[0])
            if run is not None:
                lag.run_block = block = self._by_index[run[0]]
                lag.run_base = len(block.text) - size  # its text pieces before the batch
        return lag if pos < lag.size else None

    def mark(self, index: int, field: str, batch: Sequence[Dict[str, Any]], pos: int) -> Tuple[Any, int]:
        """Block ``index`` and how many ``field`` pieces (``"text"``, ``"json"``, ``"thinking"``,
        ``"citations"``) it had once ``batch[:pos]`` was handed out (the rest of the batch not).

        Runs once per delta a stream hands out as an event: the common cases cost a lookup.
        """
        lag = self._lag
        if lag is not None and lag.batch is batch and lag.text_block == index and field == "text":
            return lag.run_block, lag.run_base + pos  # a batch of text deltas: the commonest case
        block = self._by_index[index]
        count = len(getattr(block, field))
        if lag is None or lag.batch is not batch:
            if type(batch) is list and pos >= len(batch):  # the reader is not behind (one event per read)
                return block, count
            lag = self._lag_of(batch, pos)
            if lag is None:
                return block, count
        if lag.text_block is not None:
            if lag.text_block == index and field == "text":
                count = lag.run_base + pos
        elif pos < lag.size:
            positions = lag.deltas.get((index, field))
            if positions:
                count -= len(positions) - bisect_left(positions, pos)
        return block, count

    def message_at(self, batch: Sequence[Dict[str, Any]], pos: int) -> Message:
        """The message as it was when ``batch[:pos]`` was handed out, ``batch`` being the
        last events applied and ``batch[pos:]`` not handed out yet. The message object is
        the same one each time (as :attr:`message`), written to show that position."""
        message = self._require("snapshot")
        lag = self._lag_of(batch, pos)
        if lag is None:
            return self._show(message, len(self._blocks), len(self._levels) - 1, None)
        pos = max(pos, lag.restart + 1)  # before its message_start, the message is shown as it started
        blocks = len(self._blocks) - _after(lag.starts, pos)
        return self._show(message, blocks, len(self._levels) - 1 - _after(lag.levels, pos), lag.behind(pos))

    def block_at(self, index: int, batch: Sequence[Dict[str, Any]], pos: int) -> Any:
        """Content block ``index`` as it was when ``batch[:pos]`` was handed out (see :meth:`message_at`)."""
        lag = self._lag_of(batch, pos)
        return self._by_index[index].show(None if lag is None else lag.behind(pos))

    def _show(self, message: Message, blocks: int, level: int, behind: Optional[Callable[[int, str], int]]) -> Message:
        if self._shown != (blocks, level):
            message.__dict__["content"] = [block.model for block in self._blocks[:blocks]]
            self._levels[level].show(message)
            self._shown = (blocks, level)
        for block in self._blocks[:blocks]:
            block.show(behind)
        return message

    # -- reading ------------------------------------------------------------------

    @property
    def started(self) -> bool:
        return self._message is not None

    @property
    def message(self) -> Message:
        """The message so far (every block brought up to date). Costs O(length) when blocks changed."""
        message = self._require("snapshot")
        return self._show(message, len(self._blocks), len(self._levels) - 1, None)

    def block(self, index: int) -> Any:
        """Content block ``index`` brought up to date."""
        return self._by_index[index].show()

    def text(self, index: int) -> str:
        """The text of block ``index`` so far."""
        block = self._by_index[index]
        return block.value("text", len(block.text))  # type: ignore[no-any-return]

    def thinking(self, index: int) -> str:
        block = self._by_index[index]
        return block.value("thinking", len(block.thinking))  # type: ignore[no-any-return]

    def tool_input(self, index: int) -> Any:
        """The tool input of block ``index`` parsed from the JSON received so far (partial JSON allowed)."""
        block = self._by_index[index]
        return block.value("json", len(block.json))

    def citations(self, index: int) -> List[Any]:
        block = self._by_index[index]
        return list(block.value("citations", len(block.citations)) or [])


def _set_every_field(value: Any) -> None:
    """Mark every field of ``value`` and of the models it holds as set, but those the official
    model lacks: the official ``messages.stream()`` builds each block from its start's ``model_dump()``."""
    if isinstance(value, pydantic.BaseModel):
        kind = type(value)
        lacks = kind._lacks if issubclass(kind, TwinModel) else ()
        value.__pydantic_fields_set__.update(name for name in kind.__pydantic_fields__ if name not in lacks)
        for item in value.__dict__.values():
            _set_every_field(item)
    elif isinstance(value, list):
        for item in value:
            _set_every_field(item)


def _citation(data: Any) -> Any:
    return construct(TextCitation, data)
