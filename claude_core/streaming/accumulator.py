"""The message accumulator: feed it raw stream events, read the message built so far.

Cost is linear in the stream's length: deltas are kept as pieces and joined only when a
block is read (the snapshot, a text event's ``snapshot``, a block's stop), and tool
input JSON is parsed at those moments only, never re-parsed at every delta.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pydantic_core

from ..types import Message
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


def _append(pieces: List[str], model: Any, field: str, piece: str) -> None:
    if not pieces:
        initial = getattr(model, field, None)
        if initial:
            pieces.append(initial)
    pieces.append(piece)


def _collapse(pieces: List[str]) -> str:
    """Join ``pieces`` and keep the result as the single piece, so later joins start from it."""
    if len(pieces) == 1:
        return pieces[0]
    joined = "".join(pieces)
    pieces[:] = [joined]
    return joined


class MessageAccumulator:
    """Builds a :class:`~claude_core.types.Message` from raw stream events.

    Use it on its own to wrap any source of raw events::

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

    def add(self, event: RawMessageStreamEvent) -> None:
        """Apply one raw event."""
        kind = event.type
        if kind == "content_block_delta":
            self._delta(event)
        elif kind == "message_start":
            self._message = event.message  # type: ignore[union-attr]
            self._blocks = []
            self._by_index = {}
            self._message.content = []
            self.done = False
        elif kind == "content_block_start":
            message = self._require(kind)
            block = _Block(event.content_block)  # type: ignore[union-attr]
            self._blocks.append(block)
            self._by_index[event.index] = block  # type: ignore[union-attr]
            message.content.append(block.model)
        elif kind == "content_block_stop":
            stopped = self._by_index.get(event.index)  # type: ignore[union-attr]
            if stopped is not None:
                stopped.materialize(final=True)
        elif kind == "message_delta":
            self._message_delta(event)
        elif kind == "message_stop":
            self._require(kind)
            self.done = True

    def _require(self, kind: str) -> Message:
        if self._message is None:
            raise RuntimeError(f"stream event {kind!r} arrived before message_start")
        return self._message

    def _delta(self, event: Any) -> None:
        block = self._by_index.get(event.index)
        if block is None:
            raise RuntimeError(f"content_block_delta for block {event.index} which was never started")
        delta = event.delta
        kind = delta.type
        if kind == "text_delta":
            _append(block.text, block.model, "text", delta.text)
        elif kind == "input_json_delta":
            block.json.append(delta.partial_json)
        elif kind == "thinking_delta":
            _append(block.thinking, block.model, "thinking", delta.thinking)
        elif kind == "signature_delta":
            _append(block.signature, block.model, "signature", delta.signature)
        elif kind == "citations_delta":
            citations = getattr(block.model, "citations", None)
            if citations is None:
                citations = []
                block.model.citations = citations
            citations.append(delta.citation)
            return
        elif kind == "compaction_delta":
            block.model.content = delta.content
            return
        else:
            return
        block.dirty = True

    def _message_delta(self, event: Any) -> None:
        message = self._require("message_delta")
        message.stop_reason = event.delta.stop_reason
        message.stop_sequence = event.delta.stop_sequence
        container = getattr(event.delta, "container", None)
        if container is not None:
            message.container = container
        usage, update = message.usage, event.usage
        usage.output_tokens = update.output_tokens
        for field in ("input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens", "server_tool_use"):
            value = getattr(update, field, None)
            if value is not None:
                setattr(usage, field, value)

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
