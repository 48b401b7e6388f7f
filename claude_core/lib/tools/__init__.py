"""Compatibility path (``anthropic.lib.tools``): the real ``@beta_tool`` objects."""

from ...tools.functions import (
    BetaAsyncFunctionTool,
    BetaFunctionTool,
    BetaFunctionToolResultType,
    beta_async_tool,
    beta_tool,
)
from ...tools.runner import BetaAsyncStreamingToolRunner, BetaAsyncToolRunner, BetaStreamingToolRunner, BetaToolRunner

__all__ = [
    "beta_tool",
    "beta_async_tool",
    "BetaFunctionTool",
    "BetaAsyncFunctionTool",
    "BetaFunctionToolResultType",
    "BetaToolRunner",
    "BetaAsyncToolRunner",
    "BetaStreamingToolRunner",
    "BetaAsyncStreamingToolRunner",
]
