"""What a ``claude_stream_event`` hook learns about the stream an event belongs to."""

from __future__ import annotations

import dataclasses
from typing import Optional

__all__ = ["StreamContext"]


@dataclasses.dataclass(frozen=True)
class StreamContext:
    """The stream an event belongs to: its provider, model and request id."""

    provider: str
    model: Optional[str]
    request_id: Optional[str]
