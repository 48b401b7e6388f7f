"""Compatibility path (``anthropic.lib.streaming``): the real MessageStream classes."""

from ...streaming.events import (
    CitationEvent,
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
    "MessageStreamEvent",
    "ParsedContentBlockStopEvent",
    "ParsedMessageStopEvent",
]
