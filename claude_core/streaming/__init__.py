"""Streaming responses: the SSE decoder, raw streams, the accumulator and MessageStream.

Submodules load on first use, so ``import claude_core.streaming`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .accumulator import MessageAccumulator as MessageAccumulator
    from .context import StreamContext as StreamContext
    from .core import IncompleteStreamError as IncompleteStreamError
    from .message_stream import AsyncMessageStream as AsyncMessageStream
    from .message_stream import AsyncMessageStreamManager as AsyncMessageStreamManager
    from .message_stream import MessageStream as MessageStream
    from .message_stream import MessageStreamManager as MessageStreamManager
    from .sse import ServerSentEvent as ServerSentEvent
    from .sse import SSEDecoder as SSEDecoder
    from .stream import AsyncStream as AsyncStream
    from .stream import Stream as Stream

_LAZY = {
    "StreamContext": ".context",
    "MessageAccumulator": ".accumulator",
    "MessageStream": ".message_stream",
    "AsyncMessageStream": ".message_stream",
    "MessageStreamManager": ".message_stream",
    "AsyncMessageStreamManager": ".message_stream",
    "ServerSentEvent": ".sse",
    "SSEDecoder": ".sse",
    "Stream": ".stream",
    "AsyncStream": ".stream",
    "IncompleteStreamError": ".core",
}

__all__ = [*_LAZY]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY)
