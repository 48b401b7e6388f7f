"""httpx's command-line client, loaded when it is run rather than when httpx is imported.

``import httpx`` runs ``from ._main import main``, which imports click, rich and pygments
whenever all three are installed (they are wherever the ``claude-core`` command is, or any
tool built on rich): tens of milliseconds and megabytes spent on every process start for a
command line that a program importing httpx never runs. Before claude_core imports httpx for
the first time, :func:`defer` puts in that module's place a small module whose ``main`` loads
the real one and runs it, so ``httpx.main()`` and the ``httpx`` command behave as before.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

__all__ = ["defer"]

_NAME = "httpx._main"


def defer() -> None:
    """Stand in for ``httpx._main`` until ``httpx.main`` is called; nothing when httpx is
    already imported (its command line is loaded or absent already)."""
    if "httpx" in sys.modules or _NAME in sys.modules:
        return
    stand_in = types.ModuleType(_NAME, "httpx's command line, loaded when httpx.main() is called.")
    stand_in.main = _main  # type: ignore[attr-defined]
    sys.modules[_NAME] = stand_in


def _main(*args: Any, **kwargs: Any) -> Any:
    """Load httpx's command line (click, rich, pygments) and run it; without them, say which
    extra installs them, as httpx's own stand-in does."""
    if getattr(sys.modules.get(_NAME), "main", None) is _main:
        del sys.modules[_NAME]
    try:
        real = importlib.import_module(_NAME)
    except ImportError:
        print("httpx's command line needs click, rich and pygments: pip install 'httpx[cli]'", file=sys.stderr)
        return None
    return real.main(*args, **kwargs)
