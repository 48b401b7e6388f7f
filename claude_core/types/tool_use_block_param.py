"""Compatibility path of ``anthropic.types.tool_use_block_param``."""

from .block_params import ToolUseBlockParam

__all__ = ["ToolUseBlockParam"]
