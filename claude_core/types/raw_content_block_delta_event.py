"""Compatibility path of ``anthropic.types.raw_content_block_delta_event``."""

from .stream_events import RawContentBlockDeltaEvent

__all__ = ["RawContentBlockDeltaEvent"]
