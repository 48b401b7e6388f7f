"""claude-ratelimit: keeps claude-core's Messages requests within the API's rate limits, across a fleet.

:class:`RateLimiter` is the plugin (``Anthropic(plugins=[RateLimiter()])``); the environment
can give every client one (:mod:`claude_ratelimit.plugin`). ``limiter.budget()`` returns a
:class:`Budget` of three :class:`Dimension` s. Names load on first use, so the entry point
costs nothing when the plugin is not configured.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._model import Budget, Dimension
    from .limiter import RateLimiter

__all__ = ["RateLimiter", "Budget", "Dimension"]
__version__ = "0.1.0"

_LAZY = {"RateLimiter": ".limiter", "Budget": "._model", "Dimension": "._model"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'claude_ratelimit' has no attribute {name!r}")
    return getattr(importlib.import_module(module, __name__), name)
