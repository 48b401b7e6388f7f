"""Compatibility path of ``anthropic.types.tool_result_block_param``."""

from .block_params import ToolResultBlockParam

__all__ = ["ToolResultBlockParam"]
