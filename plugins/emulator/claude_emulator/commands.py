"""``claude-core emulator serve``: the ``claude-emulator serve`` command, added to ``claude-core``.

Registered under the ``claude_cli`` entry point group; only the ``claude-core`` command (the
``claude-cli`` distribution) loads this module. The options and their checks are
``claude-emulator``'s own: the arguments are handed to :func:`claude_emulator.cli.main` (and Tab
completes them); Ctrl-C ends it with status 130, as every ``claude-core`` command. ``claude_cli``
(and ``click``) are imported when the CLI calls the hook, so claude-emulator needs neither.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, List

import pluggy

if TYPE_CHECKING:
    import click

__all__ = ["claude_register_commands"]

#: The CLI's hook marker (``claude_cli.hookimpl``), made from pluggy, claude-core's own dependency.
hookimpl = pluggy.HookimplMarker("claude_cli")

PROG = "claude-core emulator"
#: claude-core's exit status when interrupted: Ctrl-C ends ``serve`` with it (claude-emulator's is 0).
INTERRUPTED = 130


@hookimpl
def claude_register_commands(cli: click.Group) -> None:
    from claude_cli.forwarded import ForwardedCommand

    @cli.group(name="emulator")
    def emulator() -> None:
        """An offline Claude API emulator, for demos and tests."""

    emulator.add_command(
        ForwardedCommand(
            "serve",
            _serve,
            _parser,
            help="Serve the emulator over HTTP until interrupted (the options of claude-emulator serve; see --help).",
        )
    )


def _serve(args: List[str]) -> int:
    """Run ``claude-emulator serve ARGS...`` as ``claude-core emulator serve``."""
    from .cli import main

    return main(["serve", *args], prog=PROG, interrupted=INTERRUPTED)


def _parser() -> argparse.ArgumentParser:
    """The parser of ``claude-emulator serve``, whose options Tab completes."""
    from claude_cli.forwarded import subparser

    from .cli import _parser as emulator_parser

    return subparser(emulator_parser(PROG), "serve")
