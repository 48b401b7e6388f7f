"""The CLI's hook: how a distribution adds commands to ``claude-core``.

A distribution names a module (or object) under the ``claude_cli`` entry point group and
implements :func:`claude_register_commands` there with :data:`hookimpl`::

    [project.entry-points.claude_cli]
    emulator = "claude_emulator.commands"

    from claude_cli import hookimpl

    @hookimpl
    def claude_register_commands(cli):
        @cli.command()
        def hello():
            "Say hello."
            print("hello")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import click

__all__ = ["hookspec", "hookimpl", "PROJECT", "claude_register_commands"]

#: The CLI's pluggy project name, and its entry point group.
PROJECT = "claude_cli"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def claude_register_commands(cli: click.Group) -> None:
    """Add commands (or groups of them) to the ``claude-core`` command group ``cli``.

    Called once per run, before the command line is parsed. A command that needs a client
    takes the :class:`~claude_cli.state.State` with ``@click.pass_obj`` and calls its
    :meth:`~claude_cli.state.State.client`, so ``--provider`` and ``--base-url`` apply. A
    distribution with an argparse command of its own adds it as it is with
    :class:`~claude_cli.forwarded.ForwardedCommand`, which also completes its options.
    """
