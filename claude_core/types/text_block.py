"""Compatibility path of ``anthropic.types.text_block``."""

from .content import TextBlock

__all__ = ["TextBlock"]
