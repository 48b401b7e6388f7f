"""Where output goes: rich consoles that colour only a terminal and honour ``NO_COLOR``; tables
and times as the listing commands show them; a file written whole, at a path checked first;
what is left to do when the reader of a pipe goes away."""

from __future__ import annotations

import contextlib
import datetime
import errno
import functools
import os
import shlex
import sys
import tempfile
from typing import IO, TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence, Type, TypeVar

import click

from .errors import EXIT_USAGE

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

F = TypeVar("F", bound=Callable[..., Any])

__all__ = [
    "stdout",
    "stderr",
    "is_terminal",
    "json_flag",
    "table",
    "utc_now",
    "utc_time",
    "check_output",
    "OutputPathError",
    "whole_file",
    "stop_writing",
]


def json_flag(help: str) -> Callable[[F], F]:
    """The ``--json`` flag of a command that prints something else by default (its value: ``as_json``)."""
    return click.option("--json", "as_json", is_flag=True, help=help)


def is_terminal(stream: object = None) -> bool:
    """Whether ``stream`` (default: stdout) is a terminal: colour, markdown and progress only then."""
    isatty = getattr(stream if stream is not None else sys.stdout, "isatty", None)
    return bool(isatty and isatty())


@functools.cache
def _console_class() -> Type[Console]:
    from rich.console import Console  # loaded by the commands that print with it

    class PipeConsole(Console):
        """A console whose broken pipe reaches ``main()`` as the error it is (rich would exit 1)."""

        def on_broken_pipe(self) -> None:
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    return PipeConsole


def stdout() -> Console:
    # text from the API or from files is never read as rich markup; piped, lines are never cut
    if is_terminal():
        return _console_class()(highlight=False, markup=False, emoji=False)
    return _console_class()(highlight=False, markup=False, emoji=False, soft_wrap=True, width=1_000_000)


def stderr() -> Console:
    return _console_class()(stderr=True, highlight=False, markup=False, emoji=False)


def table(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> Table:
    """A table as the listing commands print it: a header line, no borders."""
    from rich.table import Table

    shown = Table(*columns, box=None, pad_edge=False)
    for row in rows:
        shown.add_row(*row)
    return shown


def utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def utc_time(when: datetime.datetime) -> str:
    """``when`` as the tables show times: in UTC, to the second (their header says ``(UTC)``)."""
    if when.tzinfo is not None:
        when = when.astimezone(datetime.timezone.utc)
    return when.strftime("%Y-%m-%d %H:%M:%S")


class OutputPathError(click.ClickException):
    """An output path that cannot be written as asked: a usage error (status 2), without the usage printed."""

    exit_code = EXIT_USAGE


def check_output(path: str) -> None:
    """Check, before anything is fetched, that a file can be written at ``path`` (``-``: stdout):
    it is not a folder, and the folder it is in exists (a path ending in ``/`` names a folder)."""
    if path == "-":
        return
    if os.path.isdir(path):
        raise OutputPathError(f"-o {path} is a folder: give the path of a file in it")
    folder = (path.rstrip("/" + os.sep) or path) if path.endswith(("/", os.sep)) else os.path.dirname(path)
    if not folder or os.path.isdir(folder):
        return
    if os.path.exists(folder):
        raise OutputPathError(f"-o {path}: {folder} is not a folder: give a path in a folder")
    raise OutputPathError(
        f"-o {path}: the folder {folder} does not exist: create it (mkdir -p {shlex.quote(folder)}) or write elsewhere"
    )


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


def stop_writing() -> None:
    """The reader of stdout went away (``| head``): send what is left to the null device, so the
    interpreter's last flush at exit fails neither loudly nor at all (the Python docs' recipe)."""
    try:
        stdout = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a file (main() called with stdout captured)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, stdout)
    finally:
        os.close(devnull)
