"""``claude-core keys set/get/list/delete``: the ``claude-keyring`` commands, added to ``claude-core``.

Registered under the ``claude_cli`` entry point group; only the ``claude-core`` command (the
``claude-cli`` distribution) loads this module. The options, messages and exit statuses are
``claude-keyring``'s own: the arguments are handed to :func:`claude_keyring.cli.main` (0 done,
1 no such entry, 2 usage), except that no keyring backend or a failing one (its 3) is 1, as
claude-core's other failures; Tab completes the options. ``claude_cli`` (and ``click``) are
imported when the CLI calls the hook, so claude-keyring needs neither.
"""

from __future__ import annotations

import argparse
import functools
from typing import TYPE_CHECKING, List

import pluggy

if TYPE_CHECKING:
    import click

__all__ = ["claude_register_commands"]

#: The CLI's hook marker (``claude_cli.hookimpl``), made from pluggy, claude-core's own dependency.
hookimpl = pluggy.HookimplMarker("claude_cli")

PROG = "claude-core keys"
#: claude-core's status for a failure (claude-keyring's 3, no keyring backend, included).
EXIT_FAILED = 1


@hookimpl
def claude_register_commands(cli: click.Group) -> None:
    from claude_cli.forwarded import ForwardedCommand

    from .cli import COMMANDS

    @cli.group(name="keys")
    def keys() -> None:
        """The API keys claude-core reads from the OS keyring (as the claude-keyring command)."""

    for name, summary in COMMANDS.items():
        keys.add_command(
            ForwardedCommand(
                name,
                functools.partial(_run, name),
                functools.partial(_parser, name),
                help=f"{summary[0].upper()}{summary[1:]} (options: see --help).",
                short_help=summary,
            )
        )


def _run(command: str, args: List[str]) -> int:
    """Run ``claude-keyring COMMAND ARGS...`` as ``claude-core keys``; its exit status in
    claude-core's terms: no keyring backend, or a failing one, is a failure like any other (1), not 3."""
    from .cli import EXIT_BACKEND, main

    status = main([command, *args], prog=PROG)
    return EXIT_FAILED if status == EXIT_BACKEND else status


def _parser(command: str) -> argparse.ArgumentParser:
    """The parser of ``claude-keyring COMMAND``, whose options Tab completes."""
    from claude_cli.forwarded import subparser

    from .cli import _parser as keyring_parser

    return subparser(keyring_parser(PROG), command)
