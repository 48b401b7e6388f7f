"""``claude-core keys set/get/list/delete``: the ``claude-keyring`` commands, added to ``claude-core``.

Registered under the ``claude_cli`` entry point group; only the ``claude-core`` command (the
``claude-cli`` distribution) loads this module. The options, messages and exit statuses are
``claude-keyring``'s own: the arguments are handed to :func:`claude_keyring.cli.main` (0 done,
1 no such entry, 2 usage, 3 no keyring backend or a failing one). ``click`` is imported when the
CLI calls the hook, so claude-keyring does not need it.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Callable, NoReturn, Tuple

import pluggy

if TYPE_CHECKING:
    import click

__all__ = ["claude_register_commands"]

#: The CLI's hook marker (``claude_cli.hookimpl``), made from pluggy, claude-core's own dependency.
hookimpl = pluggy.HookimplMarker("claude_cli")

PROG = "claude-core keys"


@hookimpl
def claude_register_commands(cli: click.Group) -> None:
    import click

    from . import cli as keyring_cli

    @cli.group(name="keys")
    def keys() -> None:
        """The API keys claude-core reads from the OS keyring (as the claude-keyring command)."""

    for name, summary in keyring_cli.COMMANDS.items():
        keys.add_command(
            click.Command(
                name,
                help=f"{summary[0].upper()}{summary[1:]} (options: see --help).",
                short_help=summary,
                params=[click.Argument(["args"], nargs=-1, type=click.UNPROCESSED)],
                callback=functools.partial(_run, keyring_cli.main, name),
                context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False},
                add_help_option=False,
            )
        )


def _run(main: Callable[..., int], command: str, args: Tuple[str, ...]) -> NoReturn:
    """Run ``claude-keyring COMMAND ARGS...`` as ``claude-core keys``; end with its exit status
    (as SystemExit, which claude-core passes on: click's Exit would be dropped)."""
    raise SystemExit(main([command, *args], prog=PROG))
