"""Compatibility path of ``anthropic.types.beta.beta_tool_result_block_param``."""

from ..block_params import ToolResultBlockParam as BetaToolResultBlockParam
from ..block_params import ToolResultBlockParamContent as Content

__all__ = ["BetaToolResultBlockParam", "Content"]
