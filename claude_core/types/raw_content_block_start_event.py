"""Compatibility path of ``anthropic.types.raw_content_block_start_event``."""

from .content import ContentBlock
from .stream_events import RawContentBlockStartEvent

__all__ = ["RawContentBlockStartEvent", "ContentBlock"]
