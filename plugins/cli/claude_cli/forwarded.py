"""Commands that pass their arguments on untouched to another program's argparse ``main``
(``claude-core keys``, ``claude-core emulator serve``), and complete that parser's options."""

from __future__ import annotations

import argparse
from typing import Any, Callable, List, NoReturn, Tuple

import click
from click.shell_completion import CompletionItem

__all__ = ["ForwardedCommand", "options", "subparser"]


class ForwardedCommand(click.Command):
    """A command whose arguments go as they are to ``run``, the command's own ``main``; its exit
    status is ``run``'s. The options, their checks, ``--help`` and the messages are that command's:
    ``parser`` (called only when Tab is pressed) gives the options to complete.

    Global options such as ``--provider`` are not added to it: they would be its own."""

    def __init__(
        self,
        name: str,
        run: Callable[[List[str]], int],
        parser: Callable[[], argparse.ArgumentParser],
        **attrs: Any,
    ) -> None:
        def forward(args: Tuple[str, ...]) -> NoReturn:
            # SystemExit: claude-core passes it on as the exit status (click's Exit would be dropped)
            raise SystemExit(run(list(args)))

        super().__init__(
            name,
            params=[click.Argument(["args"], nargs=-1, type=click.UNPROCESSED)],
            callback=forward,
            context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False},
            add_help_option=False,
            **attrs,
        )
        self._parser = parser

    def shell_complete(self, ctx: click.Context, incomplete: str) -> List[CompletionItem]:
        if not incomplete.startswith("-"):
            return super().shell_complete(ctx, incomplete)
        offered = options(self._parser())
        return [CompletionItem(flag, help=text) for flag, text in offered if flag.startswith(incomplete)]


def options(parser: argparse.ArgumentParser) -> List[Tuple[str, str]]:
    """Each option string ``parser`` takes, with its help (options whose help is suppressed left out)."""
    # argparse has no public way to list its actions: `_actions` is what argcomplete and shtab read too
    actions = parser._actions
    return [
        (flag, action.help or "")
        for action in actions
        if action.help != argparse.SUPPRESS
        for flag in action.option_strings
    ]


def subparser(parser: argparse.ArgumentParser, command: str) -> argparse.ArgumentParser:
    """The parser of ``parser``'s subcommand ``command`` (``serve`` of ``claude-emulator``)."""
    for action in parser._actions:
        if isinstance(action.choices, dict) and command in action.choices:
            found: argparse.ArgumentParser = action.choices[command]
            return found
    raise LookupError(f"{parser.prog} has no subcommand {command!r}")
