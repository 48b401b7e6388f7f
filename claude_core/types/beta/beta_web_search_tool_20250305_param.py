"""Compatibility path of ``anthropic.types.beta.beta_web_search_tool_20250305_param``."""

from ..tool_params import UserLocationParam as UserLocation
from ..tool_params import WebSearchTool20250305Param as BetaWebSearchTool20250305Param

__all__ = ["BetaWebSearchTool20250305Param", "UserLocation"]
