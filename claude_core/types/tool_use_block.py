"""Compatibility path of ``anthropic.types.tool_use_block``."""

from .content import ToolUseBlock

__all__ = ["ToolUseBlock"]
