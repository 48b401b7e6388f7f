"""Compatibility path (``anthropic.lib.streaming._messages``): the real classes, re-exported."""

from ...streaming.message_stream import (
    AsyncMessageStream,
    AsyncMessageStreamManager,
    MessageStream,
    MessageStreamManager,
)

__all__ = ["MessageStream", "AsyncMessageStream", "MessageStreamManager", "AsyncMessageStreamManager"]
