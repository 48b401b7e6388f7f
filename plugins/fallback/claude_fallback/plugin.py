"""The ``fallback`` entry point: the chain ``CLAUDE_FALLBACK`` names, for every client of the process.

claude_core registers :data:`PLUGIN` when it first loads its plugins (a process's first
request). Without ``CLAUDE_FALLBACK`` it is an object with no hooks, so an installed but
unconfigured plugin costs a call nothing and imports nothing more; with it, it is the
:class:`~claude_fallback.Fallback` the variable describes (a malformed value is reported in
claude_core's warning about plugins that failed to load, naming the variable).
"""

from __future__ import annotations

import os

__all__ = ["PLUGIN"]


class Unconfigured:
    """The plugin when ``CLAUDE_FALLBACK`` is unset: no hooks."""

    def __repr__(self) -> str:
        return "claude_fallback: CLAUDE_FALLBACK is not set"


def _load() -> object:
    if not os.environ.get("CLAUDE_FALLBACK", "").strip():
        return Unconfigured()
    from .environment import from_environment

    return from_environment() or Unconfigured()


PLUGIN = _load()
