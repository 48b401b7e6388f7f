"""Compatibility path of ``anthropic.types.raw_message_start_event``."""

from .stream_events import RawMessageStartEvent

__all__ = ["RawMessageStartEvent"]
