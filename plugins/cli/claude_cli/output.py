"""Where output goes: rich consoles that colour only a terminal and honour ``NO_COLOR``; tables
and times as the listing commands show them; a file written whole, at a path checked first;
what is left to do when the reader of a pipe goes away."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import errno
import functools
import os
import re
import shlex
import stat
import sys
import tempfile
from typing import IO, TYPE_CHECKING, Any, Callable, Iterable, Iterator, Optional, Sequence, Type, TypeVar

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
    "printable",
    "table",
    "utc_now",
    "utc_time",
    "print_table",
    "check_output",
    "OutputTarget",
    "output_target",
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


#: A terminal escape sequence: CSI (``ESC [`` or the 8-bit ``\x9b``) up to its final byte; a
#: string (OSC, DCS, SOS, PM, APC, 7- or 8-bit) up to its terminator (BEL or ST); any other
#: ``ESC`` sequence (``ESC c``, ``ESC ( B``...).
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]"
)
#: A control character other than newline and tab: C0, DEL, C1; and the bidirectional embeddings,
#: overrides and isolates, which reorder what follows them on screen ("Trojan Source").
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` without what a terminal would obey instead of show: escape sequences (colours,
    cursor moves, clearing the screen, window titles, hyperlinks) and control characters other
    than newline and tab (``\\r`` included), and the bidirectional overrides that would show text
    in another order than it has (U+202A-U+202E, U+2066-U+2069). What is left of a sequence cut
    short (the text after its lone ``ESC``) stays, as the harmless text it then is."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub("", _SEQUENCE.sub("", text))


def table(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> Table:
    """A table as the listing commands print it: a header line, no borders. Cells are shown
    :func:`printable`, on a terminal and piped alike (a table saved to a file is read on a
    terminal later; ``--json`` gives the exact values)."""
    from rich.table import Table

    shown = Table(*columns, box=None, pad_edge=False)
    for row in rows:
        shown.add_row(*map(printable, row))
    return shown


def print_table(shown: Table) -> None:
    """``shown`` on stdout: on a terminal as rich draws it; piped, each line without the spaces
    that pad its last cell (they would end every line of a file or a diff)."""
    console = stdout()
    if is_terminal():
        console.print(shown)
        return
    with console.capture() as captured:
        console.print(shown)
    console.out("".join(line.rstrip() + "\n" for line in captured.get().splitlines()), end="")


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


@dataclasses.dataclass(frozen=True)
class OutputTarget:
    """What ``-o PATH`` names: the file to write (symlinks followed), and how to write it."""

    #: The file itself: ``PATH`` with every symlink followed.
    path: str
    #: Whether something is there already.
    exists: bool
    #: Written into as it is (a pipe, a device, an open descriptor): no file beside it, no
    #: rename, no ``--force``; else a regular file, written beside and renamed at the end.
    straight: bool = False
    #: The descriptor of this process that ``PATH`` names (``/dev/stdout``, ``/dev/fd/N``).
    descriptor: Optional[int] = None


def _descriptor(path: str) -> Optional[int]:
    """The descriptor of this process that ``path`` names, through its symlinks (``/dev/stdout``
    -> ``/proc/self/fd/1``; ``/dev/fd/63`` from ``>(...)``), or None. Such a link ends in
    ``pipe:[...]`` or in the file the shell opened: it is written through the descriptor."""
    own = ("/dev/fd", f"/proc/{os.getpid()}/fd")
    current = os.path.abspath(path)
    for _ in range(40):  # as many links as the system follows
        folder, name = os.path.split(current)
        if name.isdigit() and os.path.realpath(folder) in own:
            return int(name)
        try:
            link = os.readlink(current)
        except OSError:  # not a link (or nothing there)
            return None
        current = os.path.join(os.path.realpath(folder), link)  # a relative link is read from its folder
    return None


def output_target(path: str) -> OutputTarget:
    """What ``-o path`` names (not ``-``)."""
    descriptor = _descriptor(path)
    if descriptor is not None:
        return OutputTarget(path, True, True, descriptor)
    real = os.path.realpath(path)
    try:
        mode = os.stat(real).st_mode
    except OSError:
        return OutputTarget(real, False)
    return OutputTarget(real, True, not stat.S_ISREG(mode) and not stat.S_ISDIR(mode))


def check_output(path: str, force: bool) -> None:
    """Check, before anything is fetched, that a file can be written at ``path`` (``-``: stdout):
    it is not a folder, the folder it is in exists (a path ending in ``/`` names a folder), and
    a file there is overwritten only when ``force``. A symlink is followed; a pipe, a device or
    an open descriptor (``/dev/stdout``, ``/dev/fd/N``) is written into as it is."""
    if path == "-":
        return
    target = output_target(path)
    if target.descriptor is not None:
        try:
            os.fstat(target.descriptor)
        except OSError:
            raise OutputPathError(f"-o {path}: descriptor {target.descriptor} is not open: give another path") from None
        return
    if os.path.isdir(target.path):
        raise OutputPathError(f"-o {path} is a folder: give the path of a file in it")
    if target.straight:
        return
    if target.exists and not force:
        raise OutputPathError(f"{path} exists: pass --force to overwrite it, or -o another path")
    where = path if target.path == os.path.abspath(path) else target.path  # a symlink: its target's folder
    folder = (where.rstrip("/" + os.sep) or where) if where.endswith(("/", os.sep)) else os.path.dirname(where)
    if not folder or os.path.isdir(folder):
        return
    if os.path.exists(folder):
        raise OutputPathError(f"-o {path}: {folder} is not a folder: give a path in a folder")
    raise OutputPathError(
        f"-o {path}: the folder {folder} does not exist: create it (mkdir -p {shlex.quote(folder)}) or write elsewhere"
    )


@contextlib.contextmanager
def whole_file(path: str) -> Iterator[IO[bytes]]:
    """``path`` opened to write bytes (``-``: stdout). A regular file (a symlink's target) is
    written beside it and renamed at the end, so a failed or interrupted run never leaves a file
    that looks whole; a pipe, a device or a descriptor (:func:`output_target`) is written into."""
    if path == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    target = output_target(path)
    if target.descriptor is not None:
        sys.stdout.flush()  # the descriptor may be stdout's
        with os.fdopen(os.dup(target.descriptor), "wb") as out:
            yield out
        return
    if target.straight:
        with open(target.path, "wb") as out:
            yield out
        return
    handle, partial = tempfile.mkstemp(prefix=".claude-core-", suffix=".part", dir=os.path.dirname(target.path))
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
        os.chmod(partial, _mode_for(target.path))  # mkstemp made it 0600
        os.replace(partial, target.path)
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
