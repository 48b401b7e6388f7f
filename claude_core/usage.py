"""A built-in example plugin: tally the tokens of every streamed call.

::

    tally = UsageTally()
    client = claude_core.Anthropic(plugins=[tally])
    ...  # streamed calls
    print(tally.input_tokens, tally.output_tokens)

Register it globally through an entry point of your own package, or per client as above.
It reads only ``message_start`` (input and cache tokens) and ``message_delta`` (output
tokens) events, so it costs nothing per text delta.
"""

from __future__ import annotations

import threading
from typing import Any

from .hookspecs import hookimpl
from .streaming.context import StreamContext

__all__ = ["UsageTally"]


class UsageTally:
    """Token counts summed over every stream a client made; safe across threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.calls = 0
        self.input_tokens = 0
        self.output_tokens = 0
        self.cache_creation_input_tokens = 0
        self.cache_read_input_tokens = 0

    def __repr__(self) -> str:
        return (
            f"UsageTally(calls={self.calls}, input_tokens={self.input_tokens}, output_tokens={self.output_tokens}, "
            f"cache_creation_input_tokens={self.cache_creation_input_tokens}, "
            f"cache_read_input_tokens={self.cache_read_input_tokens})"
        )

    @hookimpl
    def claude_stream_event(self, event: Any, context: StreamContext) -> None:
        kind = event.type
        if kind == "message_start":
            usage = event.message.usage
            with self._lock:
                self.calls += 1
                self.input_tokens += usage.input_tokens or 0
                self.cache_creation_input_tokens += usage.cache_creation_input_tokens or 0
                self.cache_read_input_tokens += usage.cache_read_input_tokens or 0
        elif kind == "message_delta":
            # message_delta carries the call's total output tokens (message_start's count is provisional)
            with self._lock:
                self.output_tokens += event.usage.output_tokens or 0
