"""Where output goes: rich consoles that colour only a terminal and honour ``NO_COLOR``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["stdout", "stderr", "is_terminal"]


def is_terminal(stream: object = None) -> bool:
    """Whether ``stream`` (default: stdout) is a terminal: colour, markdown and progress only then."""
    isatty = getattr(stream if stream is not None else sys.stdout, "isatty", None)
    return bool(isatty and isatty())


def stdout() -> Console:
    from rich.console import Console  # loaded by the commands that print with it

    return Console(highlight=False, soft_wrap=not is_terminal())


def stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)
