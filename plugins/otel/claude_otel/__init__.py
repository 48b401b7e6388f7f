"""claude-otel: OpenTelemetry GenAI tracing and metrics for claude_core clients.

:class:`Tracing` is the plugin (``Anthropic(plugins=[Tracing(tracer_provider=...)])``); installed,
the distribution's entry point (:mod:`claude_otel.plugin`) gives every client one that uses the
global providers. Names load on first use, so the package costs nothing until then.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .tracing import Tracing

__all__ = ["Tracing"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name != "Tracing":
        raise AttributeError(f"module 'claude_otel' has no attribute {name!r}")
    return getattr(importlib.import_module(".tracing", __name__), name)
