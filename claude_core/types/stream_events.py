"""Raw server-sent events of a streamed message, their deltas, and :func:`parse_stream_event`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Optional, Union

from pydantic import TypeAdapter
from typing_extensions import Literal

from ._base import BaseModel
from ._discriminator import open_union
from .citations import Citation
from .content import ContentBlock
from .message import Container, Message, MessageDeltaUsage, StopReason

__all__ = [
    "validate_stream_event",
    "TextDelta",
    "InputJSONDelta",
    "InputJsonDelta",
    "CitationsDelta",
    "ThinkingDelta",
    "SignatureDelta",
    "CompactionDelta",
    "UnknownDelta",
    "RawContentBlockDelta",
    "MessageDelta",
    "RawMessageStartEvent",
    "RawMessageDeltaEvent",
    "RawMessageStopEvent",
    "RawContentBlockStartEvent",
    "RawContentBlockDeltaEvent",
    "RawContentBlockStopEvent",
    "UnknownEvent",
    "RawMessageStreamEvent",
    "MessageStartEvent",
    "MessageDeltaEvent",
    "MessageStopEvent",
    "ContentBlockStartEvent",
    "ContentBlockDeltaEvent",
    "ContentBlockStopEvent",
    "MessageStreamEvent",
    "parse_stream_event",
]

# --- deltas -------------------------------------------------------------------------------------


class TextDelta(BaseModel):
    """Text to append to a ``text`` block."""

    type: Literal["text_delta"]
    text: str


class InputJSONDelta(BaseModel):
    """A piece of the JSON input of a ``tool_use``, ``server_tool_use`` or ``mcp_tool_use`` block."""

    type: Literal["input_json_delta"]
    partial_json: str


class CitationsDelta(BaseModel):
    """A citation to append to the citations of a ``text`` block."""

    type: Literal["citations_delta"]
    citation: Citation


class ThinkingDelta(BaseModel):
    """Thinking to append to a ``thinking`` block."""

    type: Literal["thinking_delta"]
    thinking: str


class SignatureDelta(BaseModel):
    """The signature of a ``thinking`` block (replaces, not appends)."""

    type: Literal["signature_delta"]
    signature: str


class CompactionDelta(BaseModel):
    """The content of a ``compaction`` block (replaces, not appends)."""

    type: Literal["compaction_delta"]
    content: Optional[str] = None
    encrypted_content: Optional[str] = None


class UnknownDelta(BaseModel):
    """A delta of a ``type`` this version does not know; every field is kept as sent.

    The runtime fallback of :data:`RawContentBlockDelta`, not a member type checkers see.
    """

    type: str


RawContentBlockDelta = Union[TextDelta, InputJSONDelta, CitationsDelta, ThinkingDelta, SignatureDelta, CompactionDelta]
"""Any delta of a ``content_block_delta`` event, narrowed by ``delta.type``.

At runtime an unknown ``type`` validates as :class:`UnknownDelta`; type checkers see the known deltas only.
"""
if not TYPE_CHECKING:
    RawContentBlockDelta = open_union(RawContentBlockDelta, UnknownDelta)

InputJsonDelta = InputJSONDelta

# --- events -------------------------------------------------------------------------------------


class RawMessageStartEvent(BaseModel):
    """The first event: the message with empty content."""

    type: Literal["message_start"]
    message: Message


class MessageDelta(BaseModel):
    """The top-level fields a ``message_delta`` event changes."""

    stop_reason: Optional[StopReason] = None
    stop_sequence: Optional[str] = None
    container: Optional[Container] = None
    stop_details: Optional[Any] = None


class RawMessageDeltaEvent(BaseModel):
    """Near the end: the stop reason and the cumulative usage."""

    type: Literal["message_delta"]
    delta: MessageDelta
    usage: MessageDeltaUsage
    context_management: Optional[Any] = None


class RawMessageStopEvent(BaseModel):
    """The last event."""

    type: Literal["message_stop"]


class RawContentBlockStartEvent(BaseModel):
    """A new block at ``index``, with its initial (usually empty) content."""

    type: Literal["content_block_start"]
    index: int
    content_block: ContentBlock


class RawContentBlockDeltaEvent(BaseModel):
    """A change to the block at ``index``."""

    type: Literal["content_block_delta"]
    index: int
    delta: RawContentBlockDelta


class RawContentBlockStopEvent(BaseModel):
    """The block at ``index`` is complete."""

    type: Literal["content_block_stop"]
    index: int


class UnknownEvent(BaseModel):
    """An event of a ``type`` this version does not know (or ``ping``); every field is kept as sent.

    The runtime fallback of :data:`RawMessageStreamEvent`, not a member type checkers see.
    """

    type: str


RawMessageStreamEvent = Union[
    RawMessageStartEvent,
    RawMessageDeltaEvent,
    RawMessageStopEvent,
    RawContentBlockStartEvent,
    RawContentBlockDeltaEvent,
    RawContentBlockStopEvent,
]
"""Any raw stream event, narrowed by ``event.type``.

At runtime an unknown ``type`` validates as :class:`UnknownEvent`; type checkers see the six known events only.
"""
if not TYPE_CHECKING:
    RawMessageStreamEvent = open_union(RawMessageStreamEvent, UnknownEvent)

MessageStartEvent = RawMessageStartEvent
MessageDeltaEvent = RawMessageDeltaEvent
MessageStopEvent = RawMessageStopEvent
ContentBlockStartEvent = RawContentBlockStartEvent
ContentBlockDeltaEvent = RawContentBlockDeltaEvent
ContentBlockStopEvent = RawContentBlockStopEvent
MessageStreamEvent = RawMessageStreamEvent

_event_adapter: Optional[TypeAdapter[RawMessageStreamEvent]] = None


def parse_stream_event(data: Union[bytes, str]) -> RawMessageStreamEvent:
    """Validate the JSON ``data`` of one server-sent event as the event class its ``type`` names.

    Only that class's schema runs. An unknown ``type`` gives an :class:`UnknownEvent`; JSON that is
    not an object with a ``type`` raises :class:`pydantic.ValidationError`.
    """
    global _event_adapter
    adapter = _event_adapter
    if adapter is None:
        adapter = _event_adapter = TypeAdapter(RawMessageStreamEvent)
    return adapter.validate_json(data)


def validate_stream_event(data: Dict[str, Any]) -> RawMessageStreamEvent:
    """Like :func:`parse_stream_event`, for the already decoded JSON object of one event."""
    global _event_adapter
    adapter = _event_adapter
    if adapter is None:
        adapter = _event_adapter = TypeAdapter(RawMessageStreamEvent)
    return adapter.validate_python(data)
