"""Tools that a tool runner can call: ``@beta_tool`` functions and the plugin registry.

The decorators load on first use (PEP 562): importing this package does not import pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict

from .._lazy import lazy_exports
from .registry import ToolRegistry

if TYPE_CHECKING:
    from .functions import BetaAsyncFunctionTool as BetaAsyncFunctionTool
    from .functions import BetaFunctionTool as BetaFunctionTool
    from .functions import BetaFunctionToolResultType as BetaFunctionToolResultType
    from .functions import beta_async_tool as beta_async_tool
    from .functions import beta_tool as beta_tool
    from .runner import BetaAsyncStreamingToolRunner as BetaAsyncStreamingToolRunner
    from .runner import BetaAsyncToolRunner as BetaAsyncToolRunner
    from .runner import BetaStreamingToolRunner as BetaStreamingToolRunner
    from .runner import BetaToolRunner as BetaToolRunner

_LAZY: Dict[str, str] = {
    "beta_tool": ".functions",
    "beta_async_tool": ".functions",
    "BetaFunctionTool": ".functions",
    "BetaAsyncFunctionTool": ".functions",
    "BetaFunctionToolResultType": ".functions",
    "BetaToolRunner": ".runner",
    "BetaAsyncToolRunner": ".runner",
    "BetaStreamingToolRunner": ".runner",
    "BetaAsyncStreamingToolRunner": ".runner",
}

__all__ = ["ToolRegistry", *_LAZY]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY)
