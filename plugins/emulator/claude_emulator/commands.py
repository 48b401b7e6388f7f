"""``claude-core emulator serve``: the ``claude-emulator serve`` command, added to ``claude-core``.

Registered under the ``claude_cli`` entry point group; only the ``claude-core`` command (the
``claude-cli`` distribution) loads this module. The options and their checks are
``claude-emulator``'s own: the arguments are handed to :func:`claude_emulator.cli.main`.
``click`` is imported when the CLI calls the hook, so claude-emulator does not need it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn, Tuple

import pluggy

if TYPE_CHECKING:
    import click

__all__ = ["claude_register_commands"]

#: The CLI's hook marker (``claude_cli.hookimpl``), made from pluggy, claude-core's own dependency.
hookimpl = pluggy.HookimplMarker("claude_cli")

PROG = "claude-core emulator"


@hookimpl
def claude_register_commands(cli: click.Group) -> None:
    import click

    from . import cli as emulator_cli

    @cli.group(name="emulator")
    def emulator() -> None:
        """An offline Claude API emulator, for demos and tests."""

    @emulator.command(
        name="serve",
        context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False},
        add_help_option=False,
    )
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    def serve(args: Tuple[str, ...]) -> NoReturn:
        """Serve the emulator over HTTP until interrupted (the options of claude-emulator serve;
        see --help)."""
        # SystemExit: claude-core passes it on as the exit status (click's Exit would be dropped)
        raise SystemExit(emulator_cli.main(["serve", *args], prog=PROG))
