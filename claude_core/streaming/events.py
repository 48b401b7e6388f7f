"""The events a :class:`~claude_core.streaming.MessageStream` adds to the raw ones.

The delta events are light objects, not pydantic models: one is made for every delta.
Each remembers where its block stood (a piece count), and its ``snapshot`` is made from
that when read: the state at that event, at no cost to a loop that never reads it.
``to_dict()``, ``to_json()``, ``model_dump()`` and ``model_dump_json()`` give what the
official SDK's pydantic events give, building a model only when called.
"""

from __future__ import annotations

from typing import Any, ClassVar, Dict, List, Optional, Tuple, Type, TypeVar, Union

import pydantic
import pydantic_core
from typing_extensions import Literal

from ..types import ContentBlock, Message, TextCitation
from ..types._base import OfficialDumps
from ..types.stream_events import (
    RawContentBlockDeltaEvent,
    RawContentBlockStartEvent,
    RawContentBlockStopEvent,
    RawMessageDeltaEvent,
    RawMessageStartEvent,
    RawMessageStopEvent,
)

__all__ = [
    "TextEvent",
    "InputJsonEvent",
    "ThinkingEvent",
    "SignatureEvent",
    "CitationEvent",
    "CompactionEvent",
    "ParsedContentBlockStopEvent",
    "ParsedMessageStopEvent",
    "MessageStreamEvent",
]

_twins: Dict[str, Type[pydantic.BaseModel]] = {}


def _twin(event: "_DeltaEvent") -> Type[pydantic.BaseModel]:
    """The pydantic model an event serialises through, made on first use.

    Fields holding models are typed (a model inside an ``Any`` field would be serialised
    through its own class, which ``defer_build`` may not have built yet).
    """
    cls = type(event)
    model = _twins.get(cls.__name__)
    if model is None:
        kinds = {
            "citation": TextCitation,
            "snapshot": List[TextCitation] if cls is CitationEvent else Any,
            "content": Optional[str],
        }
        fields: Dict[str, Any] = {name: (kinds.get(name, str), ...) for name in ("type", *cls._fields)}
        model = _twins[cls.__name__] = pydantic.create_model(cls.__name__, **fields)
    return model


class _Fixed:
    """The snapshot of an event made by hand: a value, not a position in a stream."""

    __slots__ = ("snapshot",)

    def __init__(self, snapshot: Any) -> None:
        self.snapshot = snapshot

    def value(self, field: str, count: int) -> Any:
        return self.snapshot


D = TypeVar("D", bound="_DeltaEvent")


class _DeltaEvent(OfficialDumps):
    """What the delta events share: where their block stood, and pydantic-like serialisation."""

    __slots__ = ("_count", "_source", "index")
    type: ClassVar[str] = ""
    #: the fields serialised after ``type``, in the official SDK's order; the first holds the event's piece
    _fields: ClassVar[Tuple[str, ...]] = ()

    def _set(self, index: int, piece: Any, source: Any = None, count: int = 0) -> None:
        self.index = index
        self._source = source  # the block (or a _Fixed snapshot)
        self._count = count  # its pieces of this kind, this event's included
        setattr(self, self._fields[0], piece)

    @classmethod
    def _of(cls: Type[D], index: int, piece: Any, block: Any = None, count: int = 0) -> D:
        """The event for a delta the stream received: its snapshot is read from ``block`` when asked."""
        event = cls.__new__(cls)
        event._set(index, piece, block, count)
        return event

    def _values(self) -> Dict[str, Any]:
        return {"type": self.type, **{name: getattr(self, name) for name in self._fields}}

    def model_dump(self, **options: Any) -> Dict[str, Any]:
        """As pydantic's ``BaseModel.model_dump``, with the same options."""
        return _twin(self).model_construct(**self._values()).model_dump(**options)

    def model_dump_json(self, **options: Any) -> str:
        """As pydantic's ``BaseModel.model_dump_json``, with the same options."""
        return _twin(self).model_construct(**self._values()).model_dump_json(**options)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _DeltaEvent):
            return NotImplemented
        return type(self) is type(other) and self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  # like pydantic models: equal by value, not hashable

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in ("index", *self._fields))
        return f"{type(self).__name__}({fields})"


class _TextPieces(_DeltaEvent):
    """An event whose ``snapshot`` is its block's text of the piece's kind (``text``, ``thinking``) up to it."""

    __slots__ = ()

    @property
    def snapshot(self) -> str:
        return self._source.value(self._fields[0], self._count)  # type: ignore[no-any-return]


# The event classes below twin only for typed signatures: each its piece's keyword, type and Literal.
class TextEvent(_TextPieces):
    """``type == "text"``: ``text`` is the new piece, ``snapshot`` the block's text up to it."""

    __slots__ = ("text",)
    text: str
    type: ClassVar[Literal["text"]] = "text"
    _fields = ("text", "snapshot")

    def __init__(self, *, text: str, snapshot: str, type: str = "text", index: int = 0) -> None:
        self._set(index, text, _Fixed(snapshot))

    def parsed_snapshot(self) -> Dict[str, Any]:
        """The text so far parsed as (partial) JSON, for structured outputs."""
        return pydantic_core.from_json(self.snapshot, allow_partial="trailing-strings")  # type: ignore[no-any-return]


class InputJsonEvent(_DeltaEvent):
    """``type == "input_json"``: a piece of tool input JSON; ``snapshot`` parses the JSON up to it."""

    __slots__ = ("partial_json",)
    partial_json: str
    type: ClassVar[Literal["input_json"]] = "input_json"
    _fields = ("partial_json", "snapshot")

    def __init__(self, *, partial_json: str, snapshot: Any, type: str = "input_json", index: int = 0) -> None:
        self._set(index, partial_json, _Fixed(snapshot))

    @property
    def snapshot(self) -> Any:
        return self._source.value("json", self._count)


class ThinkingEvent(_TextPieces):
    """``type == "thinking"``: a piece of thinking; ``snapshot`` is the thinking up to it."""

    __slots__ = ("thinking",)
    thinking: str
    type: ClassVar[Literal["thinking"]] = "thinking"
    _fields = ("thinking", "snapshot")

    def __init__(self, *, thinking: str, snapshot: str, type: str = "thinking", index: int = 0) -> None:
        self._set(index, thinking, _Fixed(snapshot))


class SignatureEvent(_DeltaEvent):
    """``type == "signature"``: a piece of a thinking block's signature (pieces are appended)."""

    __slots__ = ("signature",)
    signature: str
    type: ClassVar[Literal["signature"]] = "signature"
    _fields = ("signature",)

    def __init__(self, *, signature: str, type: str = "signature", index: int = 0) -> None:
        self._set(index, signature)


class CitationEvent(_DeltaEvent):
    """``type == "citation"``: a citation added to a text block; ``snapshot`` lists its citations up to it."""

    __slots__ = ("citation",)
    citation: Any
    type: ClassVar[Literal["citation"]] = "citation"
    _fields = ("citation", "snapshot")

    def __init__(self, *, citation: Any, snapshot: List[Any], type: str = "citation", index: int = 0) -> None:
        self._set(index, citation, _Fixed(snapshot))

    @property
    def snapshot(self) -> List[Any]:
        return list(self._source.value("citations", self._count) or ())


class CompactionEvent(_DeltaEvent):
    """``type == "compaction"``: a compaction block's ``content`` (the summary, or None when compaction
    failed) as a ``compaction_delta`` set it; the official ``BetaCompactionEvent``."""

    __slots__ = ("content",)
    content: Optional[str]
    type: ClassVar[Literal["compaction"]] = "compaction"
    _fields = ("content",)

    def __init__(self, *, content: Optional[str], type: str = "compaction", index: int = 0) -> None:
        self._set(index, content)


class ParsedContentBlockStopEvent(RawContentBlockStopEvent):
    """``content_block_stop`` with the finished ``content_block``."""

    content_block: ContentBlock


class ParsedMessageStopEvent(RawMessageStopEvent):
    """``message_stop`` with the finished ``message``."""

    message: Message


MessageStreamEvent = Union[
    TextEvent,
    CitationEvent,
    ThinkingEvent,
    SignatureEvent,
    InputJsonEvent,
    CompactionEvent,
    RawMessageStartEvent,
    RawMessageDeltaEvent,
    ParsedMessageStopEvent,
    RawContentBlockStartEvent,
    RawContentBlockDeltaEvent,
    ParsedContentBlockStopEvent,
]
"""What a MessageStream yields: a raw event or one of the events above; narrow it by ``type``."""
