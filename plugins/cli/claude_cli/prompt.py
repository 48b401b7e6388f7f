"""``claude-core prompt``: one question, its answer streamed as it arrives, and the exchange logged.

:func:`ask` and :func:`record` are shared with ``chat``: one turn sent (through the tool
runner when tools are given) and rendered, then written to the log.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import os
import pathlib
import sys
import time
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, TypeVar

import click

import claude_core

from . import request
from .hookspecs import hookimpl
from .render import Renderer, render_events
from .state import State

__all__ = ["claude_register_commands", "model_options", "options_from", "Turn", "ask", "record", "Logger"]

F = TypeVar("F", bound=Callable[..., Any])


def model_options(command: F) -> F:
    """The options ``prompt`` and ``chat`` share: model, system prompt, sampling, thinking, logging."""
    decorators = [
        click.option(
            "-m",
            "--model",
            envvar=request.MODEL_ENV,
            default=None,
            help=f"The model [default: {request.DEFAULT_MODEL}; env: {request.MODEL_ENV}].",
        ),
        click.option("-s", "--system", help="The system prompt."),
        click.option("--max-tokens", type=int, help="The most tokens to answer with [default: 4096]."),
        click.option("--temperature", type=float, help="Sampling temperature, 0 to 1."),
        click.option(
            "--thinking", metavar="BUDGET|adaptive", help="Extended thinking with a token budget, or adaptive."
        ),
        click.option("--hide-thinking", is_flag=True, help="Do not show the thinking."),
        click.option("--effort", type=click.Choice(request.EFFORTS), help="How much effort the model spends."),
        click.option("--no-log", is_flag=True, help="Do not write this to the log database."),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


@dataclasses.dataclass
class Turn:
    """One answered turn: its text, the last message, and every request's usage."""

    text: str
    message: Any
    usages: List[Any]


def ask(
    client: claude_core.Anthropic,
    params: Dict[str, Any],
    renderer: Optional[Renderer],
    *,
    tools: Sequence[Any] = (),
    output_format: Any = None,
    betas: Sequence[str] = (),
) -> Turn:
    """Send ``params`` streamed, through the tool runner when ``tools`` are given, rendering the
    deltas on ``renderer`` (None: show nothing, as ``--json`` does)."""
    call: Dict[str, Any] = dict(params)
    if output_format is not None:
        call["output_format"] = output_format
    if betas:
        call["betas"] = list(betas)
    turn = Turn("", None, [])

    def read(stream: Any) -> None:
        try:
            if renderer is None:
                stream.until_done()
            else:
                render_events(stream, renderer)
        finally:
            if renderer is not None:
                renderer.finish()
        message = stream.get_final_message()
        said = "".join(block.text for block in message.content if block.type == "text")
        turn.text = f"{turn.text}\n{said}" if turn.text and said else turn.text or said
        turn.message = message
        turn.usages.append(message.usage)

    if tools:
        for stream in client.beta.messages.tool_runner(tools=list(tools), stream=True, **call):
            read(stream)
    else:
        with (client.beta.messages if betas else client.messages).stream(**call) as stream:
            read(stream)
    return turn


class Logger:
    """Writes exchanges to the log database, unless ``--no-log`` or logging is turned off."""

    def __init__(self, enabled: bool, conversation_id: Optional[str] = None) -> None:
        self.db: Any = None
        self.conversation_id = conversation_id
        if not enabled:
            return
        from .logdb import LogDB, logging_enabled

        try:
            enabled = logging_enabled()
        except ValueError as exc:  # CLAUDE_CORE_LOG says something else than on or off
            raise click.UsageError(str(exc)) from None
        if enabled:
            self.db = LogDB()
            if self.conversation_id is None:
                self.conversation_id = self.db.new_conversation_id()


def record(
    logger: Logger,
    state: State,
    params: Dict[str, Any],
    prompt: str,
    turn: Optional[Turn],
    started: float,
    error: Optional[str] = None,
    **options: Any,
) -> None:
    """Log one exchange (a failed one too, with its error line); nothing when logging is off."""
    if logger.db is None:
        return
    message = turn.message if turn is not None else None
    usages = turn.usages if turn is not None else []
    try:
        _write(logger, state, params, prompt, turn, started, error, message, usages, options)
    except Exception as exc:  # the answer was shown (and paid for): a log that fails is a warning
        from .errors import describe

        click.echo(f"Warning: not logged: {describe(exc)[0]}", err=True)


def _write(
    logger: Logger,
    state: State,
    params: Dict[str, Any],
    prompt: str,
    turn: Optional[Turn],
    started: float,
    error: Optional[str],
    message: Any,
    usages: Sequence[Any],
    options: Dict[str, Any],
) -> None:
    from .logdb import Exchange

    logger.db.record(
        Exchange(
            conversation_id=str(logger.conversation_id),
            provider=state.provider,
            model=str(params["model"]),
            system=params.get("system"),
            prompt=prompt,
            options=request.log_options(params, **options),
            response=turn.text if turn is not None else "",
            message=message.model_dump(mode="json") if message is not None else None,
            input_tokens=sum(int(u.input_tokens or 0) for u in usages) if usages else None,
            output_tokens=sum(int(u.output_tokens or 0) for u in usages) if usages else None,
            error=error,
            duration_ms=int((time.monotonic() - started) * 1000),
        )
    )


def _import(value: str, option: str, example: str) -> Any:
    module_name, name = request.split_target(value, option, example)
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())  # as `python -m` would: modules beside the user come first
    try:
        return getattr(importlib.import_module(module_name), name)
    except (ImportError, AttributeError) as exc:
        raise click.BadParameter(f"{value!r}: {exc}", param_hint=option) from exc


def load_tools(values: Sequence[str]) -> List[Any]:
    """``--tool module:function``: each a ``@beta_tool`` function (a plain function is wrapped)."""
    from claude_core.lib.tools import BetaFunctionTool, beta_tool

    tools = []
    for value in values:
        found = _import(value, "--tool", "mytools:get_weather")
        if not isinstance(found, BetaFunctionTool):
            if not callable(found):
                raise click.BadParameter(f"{value!r} is not a function", param_hint="--tool")
            found = beta_tool(found)
        tools.append(found)
    return tools


def load_schema(value: Optional[str]) -> Any:
    """``--schema``: a JSON schema file (sent as the output format), or a ``module:Class`` type."""
    if value is None:
        return None
    path = pathlib.Path(value)
    if path.is_file():
        try:
            schema = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise click.BadParameter(f"{value}: not valid JSON ({exc})", param_hint="--schema") from exc
        if not isinstance(schema, dict):
            raise click.BadParameter(f"{value}: a JSON schema is an object", param_hint="--schema")
        return {"type": "json_schema", "schema": schema}
    return _import(value, "--schema", "a JSON schema file, or models:Person")


def attachments(client: claude_core.Anthropic, paths: Sequence[str], upload: bool) -> Tuple[List[Dict[str, Any]], bool]:
    """Content blocks for ``--attach`` paths, and whether any went through the files API."""
    blocks, uploaded = [], False
    for name in paths:
        path = pathlib.Path(name)
        kind = request.media_type(path.name)
        if request.uploads(path.stat().st_size, upload):
            with path.open("rb") as data:
                meta = client.beta.files.upload(file=(path.name, data, kind))
            blocks.append(request.file_block(kind, meta.id))
            uploaded = True
        else:
            blocks.append(request.inline_block(kind, path.read_bytes()))
    return blocks, uploaded


def options_from(model: Optional[str], **values: Any) -> request.Options:
    """The request options of ``prompt`` and ``chat``; no ``--model`` means the default model."""
    return request.Options(model=model or request.DEFAULT_MODEL, **values)


@hookimpl
def claude_register_commands(cli: click.Group) -> None:
    @cli.command(name="prompt")
    @click.argument("text", nargs=-1)
    @model_options
    @click.option(
        "-a",
        "--attach",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        help="An image or PDF to send (repeatable).",
    )
    @click.option("--upload", is_flag=True, help="Send attachments through the files API even when small.")
    @click.option("--schema", metavar="FILE|module:Class", help="Answer as JSON following this schema.")
    @click.option(
        "--tool",
        "tool_names",
        multiple=True,
        metavar="module:function",
        help="A @beta_tool function Claude may call (repeatable).",
    )
    @click.option("--json", "as_json", is_flag=True, help="Print the whole final message as JSON.")
    @click.option("-u", "--usage", is_flag=True, help="Print token counts on stderr.")
    @click.pass_obj
    def prompt(
        state: State,
        text: Tuple[str, ...],
        model: Optional[str],
        system: Optional[str],
        max_tokens: Optional[int],
        temperature: Optional[float],
        thinking: Optional[str],
        hide_thinking: bool,
        effort: Optional[str],
        no_log: bool,
        attach: Tuple[str, ...],
        upload: bool,
        schema: Optional[str],
        tool_names: Tuple[str, ...],
        as_json: bool,
        usage: bool,
    ) -> None:
        """Send a prompt (arguments, stdin, or both) and stream the answer.

        \b
        claude-core prompt "Ten names for a cat"
        cat notes.md | claude-core prompt "summarise"
        """
        stdin = None if sys.stdin is None or sys.stdin.isatty() else sys.stdin.read()
        said = request.prompt_text(text, stdin)
        options = options_from(model, system=system, max_tokens=max_tokens, temperature=temperature, effort=effort)
        thinking_config = request.thinking_param(thinking)
        tools = load_tools(tool_names)
        output_format = load_schema(schema)
        request.build_params(options, [], thinking_config)  # bad options fail before anything is uploaded
        client = state.client()
        logger = Logger(not no_log)
        started = time.monotonic()
        blocks, uploaded = attachments(client, attach, upload)
        content = request.user_content(said, blocks)
        params = request.build_params(options, [{"role": "user", "content": content}], thinking_config)
        logged: Dict[str, Any] = {
            "attachments": [pathlib.Path(name).name for name in attach],
            "schema": schema,
            "tools": list(tool_names),
        }
        renderer = None if as_json else Renderer(show_thinking=not hide_thinking)
        try:
            turn = ask(
                client,
                params,
                renderer,
                tools=tools,
                output_format=output_format,
                betas=[request.FILES_BETA] if uploaded else (),
            )
        except BaseException as exc:
            from .errors import describe

            record(logger, state, params, said, None, started, describe(exc)[0], **logged)
            raise
        record(logger, state, params, said, turn, started, **logged)
        if as_json:
            click.echo(turn.message.model_dump_json(indent=2))
        if usage:
            click.echo(request.usage_line(turn.usages), err=True)
