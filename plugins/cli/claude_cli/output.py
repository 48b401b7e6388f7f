"""Where output goes: rich consoles that colour only a terminal and honour ``NO_COLOR``."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from typing import IO, TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["stdout", "stderr", "is_terminal", "whole_file"]


def is_terminal(stream: object = None) -> bool:
    """Whether ``stream`` (default: stdout) is a terminal: colour, markdown and progress only then."""
    isatty = getattr(stream if stream is not None else sys.stdout, "isatty", None)
    return bool(isatty and isatty())


def stdout() -> Console:
    from rich.console import Console  # loaded by the commands that print with it

    # text from the API or from files is never read as rich markup; piped, lines are never cut
    if is_terminal():
        return Console(highlight=False, markup=False, emoji=False)
    return Console(highlight=False, markup=False, emoji=False, soft_wrap=True, width=1_000_000)


def stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, markup=False, emoji=False)


@contextlib.contextmanager
def whole_file(path: str) -> Iterator[IO[bytes]]:
    """``path`` opened to write bytes (``-``: stdout). A file is written beside it and renamed at
    the end, so a failed or interrupted run never leaves a file that looks whole."""
    if path == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    directory = os.path.dirname(os.path.abspath(path))
    handle, partial = tempfile.mkstemp(prefix=".claude-core-", suffix=".part", dir=directory)
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
        os.chmod(partial, _mode_for(path))  # mkstemp made it 0600
        os.replace(partial, path)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)


def _mode_for(path: str) -> int:
    """The mode a file written at ``path`` gets: the one it had, else what the umask allows."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
