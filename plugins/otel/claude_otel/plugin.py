"""The ``otel`` entry point: a :class:`~claude_otel.Tracing` for every client of the process.

claude_core registers :data:`PLUGIN` when it first loads its plugins (a process's first
request). It traces with the global OpenTelemetry providers, and only clients of a process
that configured a tracer provider are traced (checked once per client). ``OTEL_SDK_DISABLED=true``
or ``CLAUDE_OTEL=0`` make it an object with no hooks, which imports nothing more;
``disable_plugins=["otel"]`` turns it off for one client.
"""

from __future__ import annotations

import os

__all__ = ["PLUGIN", "ENABLE_ENV"]

ENABLE_ENV = "CLAUDE_OTEL"
_OFF = ("0", "false", "no", "off")


class Off:
    """The plugin when the environment turns tracing off: no hooks."""

    def __repr__(self) -> str:
        return f"claude_otel: off (OTEL_SDK_DISABLED or {ENABLE_ENV} says so)"


def _load() -> object:
    if os.environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return Off()
    if os.environ.get(ENABLE_ENV, "").strip().lower() in _OFF:
        return Off()
    from .tracing import Tracing  # imports opentelemetry-api: only when tracing may be on

    return Tracing()


PLUGIN = _load()
