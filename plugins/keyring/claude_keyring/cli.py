"""``claude-keyring``: store, show, delete and list the API keys claude-core reads from the OS keyring.

::

    claude-keyring set    [--provider NAME] [--profile NAME]   # the key from a hidden prompt, or stdin
    claude-keyring get    [--provider NAME] [--profile NAME] [--show]
    claude-keyring delete [--provider NAME] [--profile NAME]
    claude-keyring list   [--provider NAME] [--profile NAME]
    claude-keyring --version

``--provider`` defaults to ``anthropic``, ``--profile`` to ``CLAUDE_CORE_PROFILE``, else the
default profile. The key is never taken from the command line. Exit status: 0 done, 1 no
such entry, 2 usage (an empty key included), 3 no keyring backend or a failing one; each
error is one line on stderr.
"""

from __future__ import annotations

import argparse
import getpass
import platform
import sys
from importlib import metadata
from typing import Callable, Dict, NoReturn, Optional, Sequence

from . import _store

__all__ = ["main", "mask", "COMMANDS", "EXIT_OK", "EXIT_NO_ENTRY", "EXIT_USAGE", "EXIT_BACKEND"]

EXIT_OK, EXIT_NO_ENTRY, EXIT_USAGE, EXIT_BACKEND = 0, 1, 2, 3
PROG = "claude-keyring"
DEFAULT_PROVIDER = "anthropic"


class _UsageError(Exception):
    pass


class _NoEntry(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not argparse's usage text
        raise _UsageError(message)


def _name(value: str) -> str:
    if not _store.valid_name(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a name: use letters, digits, '_', '.' and '-'")
    return value


def _installed(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def _version() -> str:
    """``claude-keyring 0.1.0 (claude-core 0.1.0, keyring 25.6.0, Python 3.11.7)``: what ``--version`` prints."""
    versions = ", ".join(f"{name} {_installed(name)}" for name in ("claude-core", "keyring"))
    return f"{PROG} {_installed(PROG)} ({versions}, Python {platform.python_version()})"


#: Each command, and what it does.
COMMANDS: Dict[str, str] = {
    "set": "store a key, read from a hidden prompt or stdin (never from the command line)",
    "get": "print a stored key, masked unless --show",
    "delete": "delete a stored key",
    "list": "list the stored keys' provider[:profile] names",
}


def _parser(prog: str) -> _Parser:
    parser = _Parser(prog=prog, description="Manage the API keys claude-core reads from the OS keyring.")
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command, summary in COMMANDS.items():
        sub = commands.add_parser(command, help=summary, description=summary)
        listing = command == "list"
        sub.add_argument(
            "--provider",
            type=_name,
            default=None if listing else DEFAULT_PROVIDER,
            help="only this provider's keys" if listing else f"provider name (default: {DEFAULT_PROVIDER})",
        )
        sub.add_argument(
            "--profile",
            type=_name,
            help="only this profile's keys"
            if listing
            else f"profile name (default: ${_store.PROFILE_ENV}, else the default profile)",
        )
        if command == "get":
            sub.add_argument("--show", action="store_true", help="print the key itself")
    return parser


def mask(secret: str) -> str:
    """Enough of a key to tell keys apart: the first 7 and last 4 characters of a long one only."""
    return f"{secret[:7]}...{secret[-4:]}" if len(secret) >= 20 else "****"


def _entry(args: argparse.Namespace) -> str:
    try:
        return _store.username(args.provider, args.profile or _store.profile_from_env())
    except ValueError as exc:  # a profile from the environment (--profile was checked already)
        raise _UsageError(f"${_store.PROFILE_ENV}: {exc}") from exc


def _read_secret(user: str) -> str:
    if sys.stdin.isatty():
        try:
            return getpass.getpass(f"API key for {user!r} (input hidden): ").strip()
        except EOFError:
            return ""
        except KeyboardInterrupt:
            _end_prompt_line()
            raise
    return sys.stdin.read().strip()


def _end_prompt_line() -> None:
    """End the hidden prompt's line (Ctrl-C is not echoed there), where getpass wrote it: the
    terminal, else stderr; the shell's prompt then starts on a line of its own."""
    try:
        with open("/dev/tty", "w") as tty:
            tty.write("\n")
    except OSError:
        sys.stderr.write("\n")
        sys.stderr.flush()


def _set(args: argparse.Namespace) -> None:
    user = _entry(args)
    replaced = _store.read(user) is not None  # and no prompt when there is no keyring to store in
    secret = _read_secret(user)
    if not secret:
        raise _UsageError("no key given: type it at the prompt or pipe it on stdin")
    _store.write(user, secret)
    done = "replaced" if replaced else "stored"
    print(f"{done} the key {user!r} in {_store.backend_name()} (service {_store.SERVICE!r})")


def _get(args: argparse.Namespace) -> None:
    user = _entry(args)
    secret = _store.read(user)
    if secret is None:
        raise _NoEntry(user)
    print(secret if args.show else mask(secret))


def _delete(args: argparse.Namespace) -> None:
    user = _entry(args)
    if not _store.delete(user):
        raise _NoEntry(user)
    print(f"deleted the key {user!r}")


def _list(args: argparse.Namespace) -> None:
    for user in _store.stored():
        provider, _, profile = user.partition(":")
        if args.provider in (None, provider) and args.profile in (None, profile or None):
            print(user)


_COMMANDS: Dict[str, Callable[[argparse.Namespace], None]] = {
    "set": _set,
    "get": _get,
    "delete": _delete,
    "list": _list,
}


def main(argv: Optional[Sequence[str]] = None, prog: str = PROG) -> int:
    """Run the command in ``argv`` (default: ``sys.argv[1:]``) as ``prog``; returns the exit status.
    ``claude-core keys`` runs it too, as ``prog="claude-core keys"``."""
    try:
        args, unexpected = _parser(prog).parse_known_args(argv)
        if unexpected:  # not echoed: it may be a key typed on the command line
            raise _UsageError(
                f"unexpected arguments to {args.command!r} (not shown); a key is read from a hidden prompt or stdin"
            )
        _COMMANDS[args.command](args)
    except _UsageError as exc:
        return _fail(prog, EXIT_USAGE, f"{exc} (see {prog} --help)")
    except _NoEntry as exc:
        return _fail(prog, EXIT_NO_ENTRY, f"no key {str(exc)!r} in the OS keyring (service {_store.SERVICE!r})")
    except _store.KeyringUnavailable as exc:
        return _fail(prog, EXIT_BACKEND, str(exc))
    except KeyboardInterrupt:
        return 130
    return EXIT_OK


def _fail(prog: str, status: int, message: str) -> int:
    print(f"{prog}: error: {message}", file=sys.stderr)
    return status
