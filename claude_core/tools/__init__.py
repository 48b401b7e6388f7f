"""Tools that a tool runner can call."""

from .registry import ToolRegistry

__all__ = ["ToolRegistry"]
