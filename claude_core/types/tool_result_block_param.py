"""Compatibility path of ``anthropic.types.tool_result_block_param``."""

from .block_params import ToolResultBlockParam
from .block_params import ToolResultBlockParamContent as Content

__all__ = ["ToolResultBlockParam", "Content"]
