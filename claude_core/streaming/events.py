"""The events a :class:`~claude_core.streaming.MessageStream` adds to the raw ones.

They are light objects, not pydantic models: one is made for every delta. Their
``snapshot`` is computed when read, so a loop that never reads it stays linear.
"""

from __future__ import annotations

from typing import Any, List, Optional, Tuple

from ..types import Message
from ..types.stream_events import RawContentBlockStopEvent, RawMessageStopEvent
from .accumulator import MessageAccumulator

__all__ = [
    "TextEvent",
    "InputJsonEvent",
    "ThinkingEvent",
    "SignatureEvent",
    "CitationEvent",
    "ParsedContentBlockStopEvent",
    "ParsedMessageStopEvent",
    "MessageStreamEvent",
]


class _DeltaEvent:
    __slots__ = ("_accumulator", "index")
    type: str = ""

    def __init__(self, index: int, accumulator: MessageAccumulator) -> None:
        self.index = index
        self._accumulator = accumulator

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._public)
        return f"{type(self).__name__}({fields})"

    _public: Tuple[str, ...] = ()


class TextEvent(_DeltaEvent):
    """``type == "text"``: ``text`` is the new piece, ``snapshot`` the block's text so far."""

    __slots__ = ("text",)
    type = "text"
    _public = ("index", "text")

    def __init__(self, index: int, accumulator: MessageAccumulator, text: str) -> None:
        super().__init__(index, accumulator)
        self.text = text

    @property
    def snapshot(self) -> str:
        return self._accumulator.text(self.index)


class InputJsonEvent(_DeltaEvent):
    """``type == "input_json"``: a piece of tool input JSON; ``snapshot`` parses what arrived so far."""

    __slots__ = ("partial_json",)
    type = "input_json"
    _public = ("index", "partial_json")

    def __init__(self, index: int, accumulator: MessageAccumulator, partial_json: str) -> None:
        super().__init__(index, accumulator)
        self.partial_json = partial_json

    @property
    def snapshot(self) -> Any:
        return self._accumulator.tool_input(self.index)


class ThinkingEvent(_DeltaEvent):
    """``type == "thinking"``: a piece of thinking; ``snapshot`` is the thinking so far."""

    __slots__ = ("thinking",)
    type = "thinking"
    _public = ("index", "thinking")

    def __init__(self, index: int, accumulator: MessageAccumulator, thinking: str) -> None:
        super().__init__(index, accumulator)
        self.thinking = thinking

    @property
    def snapshot(self) -> str:
        return self._accumulator.thinking(self.index)


class SignatureEvent(_DeltaEvent):
    """``type == "signature"``: a piece of a thinking block's signature (pieces are appended)."""

    __slots__ = ("signature",)
    type = "signature"
    _public = ("index", "signature")

    def __init__(self, index: int, accumulator: MessageAccumulator, signature: str) -> None:
        super().__init__(index, accumulator)
        self.signature = signature


class CitationEvent(_DeltaEvent):
    """``type == "citation"``: a citation added to a text block; ``snapshot`` lists the block's citations."""

    __slots__ = ("citation",)
    type = "citation"
    _public = ("index", "citation")

    def __init__(self, index: int, accumulator: MessageAccumulator, citation: Any) -> None:
        super().__init__(index, accumulator)
        self.citation = citation

    @property
    def snapshot(self) -> List[Any]:
        return self._accumulator.citations(self.index)


class ParsedContentBlockStopEvent(RawContentBlockStopEvent):
    """``content_block_stop`` with the finished ``content_block``."""

    content_block: Any = None


class ParsedMessageStopEvent(RawMessageStopEvent):
    """``message_stop`` with the finished ``message``."""

    message: Optional[Message] = None


MessageStreamEvent = Any
"""Anything a MessageStream yields: a raw event or one of the events above."""
