"""Compatibility path (``anthropic.lib.tools._beta_functions``): ``@beta_tool`` and the tool classes."""

from ...tools.builtin import BetaAsyncBuiltinFunctionTool, BetaBuiltinFunctionTool
from ...tools.functions import (
    AsyncFunction,
    BetaAsyncFunctionTool,
    BetaFunctionTool,
    BetaFunctionToolResultType,
    Function,
    beta_async_tool,
    beta_tool,
)
from ...tools.functions import _FunctionTool as BaseFunctionTool
from ...tools.runner import BetaAsyncRunnableTool, BetaRunnableTool

__all__ = [
    "beta_tool",
    "beta_async_tool",
    "BetaFunctionTool",
    "BetaAsyncFunctionTool",
    "BetaBuiltinFunctionTool",
    "BetaAsyncBuiltinFunctionTool",
    "BetaFunctionToolResultType",
    "BetaRunnableTool",
    "BetaAsyncRunnableTool",
    "BaseFunctionTool",
    "Function",
    "AsyncFunction",
]
