"""Compatibility path of ``anthropic.types.tool_param``."""

from .tool_params import InputSchema, InputSchemaTyped, ToolParam

__all__ = ["ToolParam", "InputSchema", "InputSchemaTyped"]
