"""Compatibility path (``anthropic.lib.tools``): the real tool, runner and memory tool objects."""

from ...tools.builtin import BetaAsyncBuiltinFunctionTool, BetaBuiltinFunctionTool
from ...tools.functions import (
    BetaAsyncFunctionTool,
    BetaFunctionTool,
    BetaFunctionToolResultType,
    beta_async_tool,
    beta_tool,
)
from ...tools.memory import BetaAbstractMemoryTool, BetaAsyncAbstractMemoryTool
from ...tools.runner import BetaAsyncStreamingToolRunner, BetaAsyncToolRunner, BetaStreamingToolRunner, BetaToolRunner

__all__ = [
    "beta_tool",
    "beta_async_tool",
    "BetaFunctionTool",
    "BetaAsyncFunctionTool",
    "BetaBuiltinFunctionTool",
    "BetaAsyncBuiltinFunctionTool",
    "BetaToolRunner",
    "BetaAsyncStreamingToolRunner",
    "BetaStreamingToolRunner",
    "BetaAsyncToolRunner",
    "BetaFunctionToolResultType",
    "BetaAbstractMemoryTool",
    "BetaAsyncAbstractMemoryTool",
]
