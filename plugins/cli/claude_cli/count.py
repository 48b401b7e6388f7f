"""``claude-core count``: how many input tokens a text is, counted by the API (``messages.count_tokens``)."""

from __future__ import annotations

import sys
from typing import Optional, Sequence, TextIO

import click

import claude_core

from .hookspecs import hookimpl
from .request import DEFAULT_MODEL, MODEL_ENV
from .state import State

__all__ = ["claude_register_commands", "count_text"]


def count_text(words: Sequence[str], read: Optional[str]) -> str:
    """The text to count: what was read (a file, or stdin) first, then the arguments' words,
    as ``prompt`` would send them. Nothing at all is a usage error."""
    said = " ".join(words).strip()
    given = (read or "").strip()
    text = f"{given}\n\n{said}" if given and said else given or said
    if not text:
        raise click.UsageError(
            'nothing to count: give the text as arguments (claude-core count "Hi"), a file (-f notes.md) or on stdin'
        )
    return text


@hookimpl
def claude_register_commands(cli: click.Group) -> None:
    @cli.command(name="count")
    @click.argument("text", nargs=-1)
    @click.option("-f", "--file", type=click.File("r", encoding="utf-8"), help="Count this file's text ('-': stdin).")
    @click.option(
        "-m",
        "--model",
        envvar=MODEL_ENV,
        default=DEFAULT_MODEL,
        show_default=True,
        help=f"The model whose tokens to count [env: {MODEL_ENV}].",
    )
    @click.option("-s", "--system", help="A system prompt, counted too.")
    @click.pass_obj
    def count(state: State, text: Sequence[str], file: Optional[TextIO], model: str, system: Optional[str]) -> None:
        """How many input tokens TEXT (arguments, a file or stdin) is for a model.

        Text from a file or stdin comes first, then the arguments, as `claude-core prompt` sends them.
        """
        if file is not None:
            read: Optional[str] = file.read()
        else:
            read = None if sys.stdin is None or sys.stdin.isatty() else sys.stdin.read()
        counted = state.client().messages.count_tokens(
            model=model,
            messages=[{"role": "user", "content": count_text(text, read)}],
            system=system or claude_core.omit,
        )
        click.echo(counted.input_tokens)
