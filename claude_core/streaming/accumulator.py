"""The message accumulator: feed it raw stream events, read the message built so far.

Cost is linear in the stream's length: deltas are kept as pieces and joined only when a
block is read (the snapshot, a text event's ``snapshot``, a block's stop), and tool
input JSON is parsed at those moments only, never re-parsed at every delta.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

import pydantic
import pydantic_core

from ..types import ContentBlock, Message, TextCitation
from ..types.message import Container, ServerToolUsage
from ..types.stream_events import RawMessageStreamEvent

__all__ = ["MessageAccumulator"]

_JSON_INPUT_BLOCKS = frozenset({"tool_use", "server_tool_use", "mcp_tool_use"})


class _Block:
    """One content block under construction: its model plus the unjoined deltas."""

    __slots__ = ("dirty", "json", "model", "signature", "text", "thinking")

    def __init__(self, model: Any) -> None:
        self.model = model
        self.text: List[str] = []
        self.thinking: List[str] = []
        self.signature: List[str] = []
        self.json: List[str] = []
        self.dirty = False

    def materialize(self, final: bool = False) -> Any:
        if not self.dirty:
            return self.model
        model = self.model
        if self.text:
            model.text = _collapse(self.text)
        if self.thinking:
            model.thinking = _collapse(self.thinking)
        if self.signature:
            model.signature = _collapse(self.signature)
        if self.json:
            raw = _collapse(self.json)
            if raw.strip():
                model.input = _parse_json(raw, final)
        self.dirty = False
        return model


def _parse_json(raw: str, final: bool) -> Any:
    """Tool input so far; a block that stopped with broken JSON (cut by max_tokens) keeps what parses."""
    if final:
        try:
            return pydantic_core.from_json(raw)
        except ValueError:
            pass
    return pydantic_core.from_json(raw, allow_partial="trailing-strings")


def _seed(model: Any, field: str) -> List[str]:
    """Deltas continue what the block started with (usually "")."""
    initial = getattr(model, field, None)
    return [initial] if isinstance(initial, str) and initial else []


def _collapse(pieces: List[str]) -> str:
    """Join ``pieces`` and keep the result as the single piece, so later joins start from it."""
    if len(pieces) == 1:
        return pieces[0]
    joined = "".join(pieces)
    pieces[:] = [joined]
    return joined


class MessageAccumulator:
    """Builds a :class:`~claude_core.types.Message` from raw stream events.

    Events may be the SDK's event objects or the decoded JSON dicts of the wire (what
    the client itself feeds, which saves building an object per delta). Use it on its
    own to wrap any source of raw events::

        accumulator = MessageAccumulator()
        for event in raw_events:
            accumulator.add(event)
        message = accumulator.message
    """

    def __init__(self) -> None:
        self._message: Optional[Message] = None
        self._blocks: List[_Block] = []
        self._by_index: Dict[int, _Block] = {}
        self.done = False
        """True once ``message_stop`` arrived."""

    def add(self, event: Union[RawMessageStreamEvent, Dict[str, Any]]) -> None:
        """Apply one raw event (an event object or its JSON dict)."""
        self.add_dicts((event if isinstance(event, dict) else event.model_dump(by_alias=True),))

    def add_dicts(self, events: Iterable[Dict[str, Any]]) -> List[Tuple[int, str]]:
        """Apply raw events given as JSON dicts, in order; text deltas take a short path.

        Returns ``(position after it, text)`` for each text delta, which ``text_stream``
        hands out without looking at the events again.
        """
        by_index = self._by_index
        texts: List[Tuple[int, str]] = []
        for position, data in enumerate(events, 1):
            if data.get("type") == "content_block_delta":
                delta = data["delta"]
                if delta.get("type") == "text_delta":
                    block = by_index.get(data["index"])
                    if block is not None:
                        text = delta["text"]
                        block.text.append(text)
                        block.dirty = True
                        texts.append((position, text))
                        continue
            self._add(data)
            by_index = self._by_index
        return texts

    def extend_text(self, index: int, texts: List[str]) -> bool:
        """Append text deltas to block ``index``; False (nothing done) if it is not a started block."""
        block = self._by_index.get(index)
        if block is None or not hasattr(block.model, "text"):
            return False
        block.text.extend(texts)
        block.dirty = True
        return True

    def _add(self, data: Dict[str, Any]) -> None:
        kind = data.get("type")
        if kind == "content_block_delta":
            self._delta(data)
        elif kind == "message_start":
            message = self._message = Message.model_validate(data["message"])
            message.content = []
            self._blocks = []
            self._by_index = {}
            self.done = False
        elif kind == "content_block_start":
            message = self._require(kind)
            block = _Block(_content_block(data["content_block"]))
            self._blocks.append(block)
            self._by_index[data["index"]] = block
            message.content.append(block.model)
        elif kind == "content_block_stop":
            stopped = self._by_index.get(data.get("index"))  # type: ignore[arg-type]
            if stopped is not None:
                stopped.materialize(final=True)
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
            block.signature.append(delta["signature"])
        elif kind == "citations_delta":
            citations = getattr(block.model, "citations", None)
            if citations is None:
                citations = []
                block.model.citations = citations
            citations.append(_citation(delta["citation"]))
            return
        elif kind == "compaction_delta":
            block.model.content = delta.get("content")
            return
        else:
            return
        block.dirty = True

    def _message_delta(self, data: Dict[str, Any]) -> None:
        message = self._require("message_delta")
        delta = data.get("delta") or {}
        message.stop_reason = delta.get("stop_reason")
        message.stop_sequence = delta.get("stop_sequence")
        if delta.get("container") is not None:
            message.container = Container.model_validate(delta["container"])
        usage, update = message.usage, data.get("usage") or {}
        if update.get("output_tokens") is not None:
            usage.output_tokens = update["output_tokens"]
        for field in ("input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"):
            value = update.get(field)
            if value is not None:
                setattr(usage, field, value)
        if update.get("server_tool_use") is not None:
            usage.server_tool_use = ServerToolUsage.model_validate(update["server_tool_use"])

    # -- reading ------------------------------------------------------------------

    @property
    def started(self) -> bool:
        return self._message is not None

    @property
    def message(self) -> Message:
        """The message so far (every block brought up to date). Costs O(length) when blocks changed."""
        message = self._require("snapshot")
        for block in self._blocks:
            if block.dirty:
                block.materialize()
        return message

    def block(self, index: int) -> Any:
        """Content block ``index`` brought up to date."""
        return self._by_index[index].materialize()

    def text(self, index: int) -> str:
        """The text of block ``index`` so far."""
        block = self._by_index[index]
        return _collapse(block.text) if block.text else str(getattr(block.model, "text", ""))

    def thinking(self, index: int) -> str:
        block = self._by_index[index]
        return _collapse(block.thinking) if block.thinking else str(getattr(block.model, "thinking", ""))

    def tool_input(self, index: int) -> Any:
        """The tool input of block ``index`` parsed from the JSON received so far (partial JSON allowed)."""
        return self._by_index[index].materialize().input

    def citations(self, index: int) -> List[Any]:
        return list(getattr(self._by_index[index].model, "citations", None) or [])


_adapters: Dict[str, Any] = {}


def _adapter(name: str, kind: Any) -> Any:
    adapter = _adapters.get(name)
    if adapter is None:
        adapter = _adapters[name] = pydantic.TypeAdapter(kind)
    return adapter


def _content_block(data: Any) -> Any:
    return _adapter("block", ContentBlock).validate_python(data)


def _citation(data: Any) -> Any:
    return _adapter("citation", TextCitation).validate_python(data)
