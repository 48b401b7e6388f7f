"""Raw server-sent events of a streamed message, their deltas, and :func:`parse_stream_event`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, Optional, Union

from pydantic import TypeAdapter, ValidationError
from typing_extensions import Literal

from ._base import BaseModel, TwinModel
from ._construct import construct, mark_beta
from ._deferred import deferred
from ._discriminator import open_union
from .citations import Citation
from .content import ContentBlock
from .message import Container, Message, MessageDeltaUsage, StopReason

if TYPE_CHECKING:
    from .context_management import ContextManagementResponse
else:
    ContextManagementResponse = deferred(".context_management", "ContextManagementResponse")

__all__ = [
    "validate_stream_event",
    "build_stream_event",
    "event_builder",
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

    text: str
    type: Literal["text_delta"]


class InputJSONDelta(BaseModel):
    """A piece of the JSON input of a ``tool_use``, ``server_tool_use`` or ``mcp_tool_use`` block."""

    partial_json: str
    type: Literal["input_json_delta"]


class CitationsDelta(BaseModel):
    """A citation to append to the citations of a ``text`` block."""

    citation: Citation
    type: Literal["citations_delta"]


class ThinkingDelta(BaseModel):
    """Thinking to append to a ``thinking`` block."""

    thinking: str
    type: Literal["thinking_delta"]


class SignatureDelta(BaseModel):
    """The signature of a ``thinking`` block (replaces, not appends)."""

    signature: str
    type: Literal["signature_delta"]


class CompactionDelta(TwinModel):
    """The content of a ``compaction`` block (replaces, not appends)."""

    _lacks = _beta_lacks = frozenset({"encrypted_content"})

    content: Optional[str] = None
    type: Literal["compaction_delta"]
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

    message: Message
    type: Literal["message_start"]


class MessageDelta(TwinModel):
    """The top-level fields a ``message_delta`` event changes."""

    _lacks = frozenset({"container", "stop_details"})
    _beta_lacks = frozenset({"stop_details"})

    container: Optional[Container] = None
    stop_reason: Optional[StopReason] = None
    stop_sequence: Optional[str] = None
    stop_details: Optional[Any] = None


class RawMessageDeltaEvent(TwinModel):
    """Near the end: the stop reason and the cumulative usage."""

    _lacks = frozenset({"context_management"})

    context_management: Optional[ContextManagementResponse] = None
    """What server-side context management edited (beta)."""
    delta: MessageDelta
    type: Literal["message_delta"]
    usage: MessageDeltaUsage


class RawMessageStopEvent(BaseModel):
    """The last event."""

    type: Literal["message_stop"]


class RawContentBlockStartEvent(BaseModel):
    """A new block at ``index``, with its initial (usually empty) content."""

    content_block: ContentBlock
    index: int
    type: Literal["content_block_start"]


class RawContentBlockDeltaEvent(BaseModel):
    """A change to the block at ``index``."""

    delta: RawContentBlockDelta
    index: int
    type: Literal["content_block_delta"]


class RawContentBlockStopEvent(BaseModel):
    """The block at ``index`` is complete."""

    index: int
    type: Literal["content_block_stop"]


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


def build_stream_event(data: Dict[str, Any]) -> RawMessageStreamEvent:
    """The event object of one decoded event, built as the official SDK builds it: a valid event is
    validated (the fast path), one with fields left out or of another shape (a gateway's) is built
    from what arrived. :func:`validate_stream_event` is the strict twin."""
    try:
        return validate_stream_event(data)
    except ValidationError:
        return construct(RawMessageStreamEvent, data)  # type: ignore[no-any-return]


#: The events that hold objects whose dumps differ between a beta call and another.
_TWIN_HOLDERS = frozenset({"message_start", "message_delta", "content_block_start"})


def event_builder(*, strict: bool, beta: bool) -> Callable[[Dict[str, Any]], RawMessageStreamEvent]:
    """How a stream's events are built: validated (``strict``), else as :func:`build_stream_event`;
    for a beta call, the objects of its message events dump as the official ``Beta*`` ones."""
    build = validate_stream_event if strict else build_stream_event
    if not beta:
        return build

    def build_beta(data: Dict[str, Any]) -> RawMessageStreamEvent:
        event = build(data)
        return mark_beta(event) if data.get("type") in _TWIN_HOLDERS else event

    return build_beta
