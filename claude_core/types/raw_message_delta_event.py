"""Compatibility path of ``anthropic.types.raw_message_delta_event``."""

from .stream_events import MessageDelta as Delta
from .stream_events import RawMessageDeltaEvent

__all__ = ["RawMessageDeltaEvent", "Delta"]
