"""Compatibility path (``anthropic.lib.streaming``): the real MessageStream classes and events.

Beta and non-beta streams are the same classes in claude-core (``BetaMessageStream is
MessageStream``), as are their events; a structured-output stream's events are the same
classes too (``ParsedBetaTextEvent is TextEvent``).
"""

from ...streaming.events import (
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
from ...streaming.message_stream import (
    AsyncMessageStream,
    AsyncMessageStreamManager,
    MessageStream,
    MessageStreamManager,
)

ContentBlockStopEvent = ParsedContentBlockStopEvent
MessageStopEvent = ParsedMessageStopEvent
ParsedMessageStreamEvent = MessageStreamEvent
BetaMessageStream = MessageStream
BetaAsyncMessageStream = AsyncMessageStream
BetaMessageStreamManager = MessageStreamManager
BetaAsyncMessageStreamManager = AsyncMessageStreamManager
BetaTextEvent = ParsedBetaTextEvent = TextEvent
BetaInputJsonEvent = InputJsonEvent
BetaThinkingEvent = ThinkingEvent
BetaSignatureEvent = SignatureEvent
BetaCitationEvent = CitationEvent
BetaCompactionEvent = CompactionEvent
BetaContentBlockStopEvent = ParsedBetaContentBlockStopEvent = ParsedContentBlockStopEvent
BetaMessageStopEvent = ParsedBetaMessageStopEvent = ParsedMessageStopEvent
BetaMessageStreamEvent = ParsedBetaMessageStreamEvent = MessageStreamEvent

__all__ = [
    "MessageStream",
    "AsyncMessageStream",
    "MessageStreamManager",
    "AsyncMessageStreamManager",
    "TextEvent",
    "InputJsonEvent",
    "ThinkingEvent",
    "SignatureEvent",
    "CitationEvent",
    "CompactionEvent",
    "MessageStreamEvent",
    "ContentBlockStopEvent",
    "MessageStopEvent",
    "ParsedContentBlockStopEvent",
    "ParsedMessageStopEvent",
    "ParsedMessageStreamEvent",
    "BetaMessageStream",
    "BetaAsyncMessageStream",
    "BetaMessageStreamManager",
    "BetaAsyncMessageStreamManager",
    "BetaTextEvent",
    "BetaInputJsonEvent",
    "BetaThinkingEvent",
    "BetaSignatureEvent",
    "BetaCitationEvent",
    "BetaCompactionEvent",
    "BetaContentBlockStopEvent",
    "BetaMessageStopEvent",
    "BetaMessageStreamEvent",
    "ParsedBetaTextEvent",
    "ParsedBetaContentBlockStopEvent",
    "ParsedBetaMessageStopEvent",
    "ParsedBetaMessageStreamEvent",
]
