"""``claude-core count``: how many input tokens a prompt is, counted by the API (``messages.count_tokens``)."""

from __future__ import annotations

from typing import IO, Any, Dict, Optional, Sequence, Tuple

import click

import claude_core

from . import request
from .hookspecs import hookimpl
from .prompt import attached, attaches_stdin, no_stdin_option, read_stdin
from .state import State

__all__ = ["claude_register_commands", "NOTHING_TO_COUNT"]

NOTHING_TO_COUNT = (
    'nothing to count: give the text as arguments (claude-core count "Hi"), a file (-f notes.md) or on stdin'
)


@hookimpl
def claude_register_commands(cli: click.Group) -> None:
    @cli.command(name="count")
    @click.argument("text", nargs=-1)
    @click.option("-f", "--file", type=click.File("rb"), help="Count this file's text ('-': stdin).")
    @click.option(
        "-a",
        "--attach",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False, allow_dash=True),
        help="An image or PDF sent with the text, counted too ('-': stdin; repeatable).",
    )
    @click.option(
        "-m",
        "--model",
        envvar=request.MODEL_ENV,
        default=request.DEFAULT_MODEL,
        show_default=True,
        help=f"The model whose tokens to count [env: {request.MODEL_ENV}].",
    )
    @click.option("-s", "--system", help="A system prompt, counted too.")
    @no_stdin_option
    @click.pass_obj
    def count(
        state: State,
        text: Sequence[str],
        file: Optional[IO[bytes]],
        attach: Tuple[str, ...],
        model: str,
        system: Optional[str],
        no_stdin: bool,
    ) -> None:
        """How many input tokens TEXT (arguments, a file or stdin) and attachments are for a model.

        Text from a file or stdin comes first, then the arguments, and attachments before them, as
        `claude-core prompt` sends them. Stdin is read whenever it is not a terminal, unless -n;
        text on it beside -f FILE is a usage error (which one to count?).
        """
        piped = read_stdin(no_stdin or attaches_stdin(attach) or (file is not None and _is_stdin(file)))
        if file is not None:
            if piped and piped.strip():
                raise click.UsageError(
                    "text on stdin and -f FILE: count one (-n leaves stdin alone, -f - counts stdin)"
                )
            name = "stdin" if _is_stdin(file) else str(file.name)
            piped = request.decode_text(file.read(), name)
        said = request.prompt_text(text, piped, NOTHING_TO_COUNT)
        client = state.client()
        with attached(client, attach, text=len(said.encode())) as (blocks, uploaded):
            call: Dict[str, Any] = {
                "model": model,
                "messages": [{"role": "user", "content": request.user_content(said, blocks)}],
                "system": system or claude_core.omit,
            }
            if uploaded:  # attachments larger than inline allows are counted by file id, as prompt sends them
                counted = client.beta.messages.count_tokens(**call, betas=[request.FILES_BETA])
            else:
                counted = client.messages.count_tokens(**call)
        click.echo(counted.input_tokens)


def _is_stdin(file: IO[bytes]) -> bool:
    return getattr(file, "name", "-") in ("-", "<stdin>")
