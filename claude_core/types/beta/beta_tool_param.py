"""Compatibility path of ``anthropic.types.beta.beta_tool_param``."""

from ..tool_params import InputSchema, InputSchemaTyped
from ..tool_params import ToolParam as BetaToolParam

__all__ = ["BetaToolParam", "InputSchema", "InputSchemaTyped"]
