"""What a ``claude_stream_event`` hook learns about the stream an event belongs to."""

from __future__ import annotations

from typing import Optional

from .._records import record

__all__ = ["StreamContext"]


@record
class StreamContext:
    """The stream an event belongs to: its provider, model and request id."""

    provider: str
    model: Optional[str]
    request_id: Optional[str]
