"""``claude-core prompt``: one question, its answer streamed as it arrives, and the exchange logged.

:func:`ask` and :func:`record` are shared with ``chat``: one turn sent (through the tool
runner when tools are given) and rendered, then written to the log.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import inspect
import json
import mimetypes
import os
import pathlib
import sys
import time
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple, TypeVar

import click

import claude_core

from . import request
from .hookspecs import hookimpl
from .output import json_flag
from .render import Renderer, render_events
from .state import State

__all__ = [
    "claude_register_commands",
    "model_options",
    "no_stdin_option",
    "options_from",
    "read_stdin",
    "attached",
    "attaches_stdin",
    "Turn",
    "ask",
    "notice",
    "record",
    "tool_gaps",
    "Logger",
]

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


def no_stdin_option(command: F) -> F:
    """``-n/--no-stdin``: leave stdin alone (a ``while read`` loop's input, a pipe that never closes)."""
    return click.option(
        "-n", "--no-stdin", is_flag=True, help="Do not read stdin, even when it is not a terminal (as ssh -n)."
    )(command)


def read_stdin(no_stdin: bool) -> Optional[str]:
    """What stdin holds, when it is not a terminal and ``--no-stdin`` was not given (else None);
    text that is not UTF-8 is a usage error."""
    stream = sys.stdin
    if no_stdin or stream is None or stream.isatty():
        return None
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # replaced by a text-only stream: it is already text
        return stream.read()
    return request.decode_text(buffer.read(), "stdin")


@dataclasses.dataclass
class Turn:
    """One turn: its text, the last message, and every request's usage. A turn that failed or
    was interrupted holds what arrived before that (``message`` as it stood, or None)."""

    text: str = ""
    message: Any = None
    usages: List[Any] = dataclasses.field(default_factory=list)

    def add(self, message: Any) -> None:
        """One request's message (whole, or as it stood when its stream stopped)."""
        said = "".join(block.text for block in message.content if block.type == "text")
        self.text = f"{self.text}\n{said}" if self.text and said else self.text or said
        self.message = message
        self.usages.append(message.usage)


def ask(
    client: claude_core.Anthropic,
    params: Dict[str, Any],
    renderer: Optional[Renderer],
    *,
    tools: Sequence[Any] = (),
    output_format: Any = None,
    betas: Sequence[str] = (),
    turn: Optional[Turn] = None,
) -> Turn:
    """Send ``params`` streamed, through the tool runner when ``tools`` are given, rendering the
    deltas on ``renderer`` (None: show nothing, as ``--json`` does). The answer goes into ``turn``
    (a new one by default): when the stream fails or is interrupted, it keeps what had arrived."""
    call: Dict[str, Any] = dict(params)
    if output_format is not None:
        call["output_format"] = output_format
    if betas:
        call["betas"] = list(betas)
    turn = Turn() if turn is None else turn

    def read(stream: Any) -> None:
        try:
            if renderer is None:
                stream.until_done()
            else:
                render_events(stream, renderer)
        except BaseException:
            with contextlib.suppress(Exception):  # no snapshot before the first event: nothing arrived
                turn.add(stream.current_message_snapshot)
            raise
        finally:
            if renderer is not None:
                renderer.finish()
        turn.add(stream.get_final_message())

    if tools:
        for stream in client.beta.messages.tool_runner(tools=list(tools), stream=True, **call):
            read(stream)
    else:
        with (client.beta.messages if betas else client.messages).stream(**call) as stream:
            read(stream)
    return turn


def notice(turn: Turn, params: Dict[str, Any]) -> None:
    """Say on stderr when the answer ended early (cut off by ``--max-tokens``, or declined)."""
    line = request.stop_notice(turn.message.stop_reason if turn.message is not None else None, params["max_tokens"])
    if line is not None:
        click.echo(line, err=True)


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
    """Log one exchange; nothing when logging is off. A failed or interrupted one is logged with
    its error line (``interrupted`` for Ctrl-C) and the text that had arrived."""
    if logger.db is None:
        return
    from .logdb import Exchange

    message = turn.message if turn is not None else None
    usages = turn.usages if turn is not None else []
    try:
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
    except Exception as exc:  # the answer was shown (and paid for): a log that fails is a warning
        from .errors import describe

        click.echo(f"Warning: not logged: {describe(exc)[0]}", err=True)


_TOOL_EXAMPLE = "mytools:get_weather"


def _import(value: str, option: str, example: str) -> Any:
    module_name, name = request.split_target(value, option, example)
    here = os.getcwd()
    added = here not in sys.path
    if added:
        sys.path.insert(0, here)  # as `python -m` would: modules beside the user come first
    try:
        return getattr(importlib.import_module(module_name), name)
    except (ImportError, AttributeError) as exc:
        raise click.BadParameter(f"{value!r}: {exc}", param_hint=option) from exc
    finally:
        if added:  # for this import only: later imports of the run are not shadowed by the folder's files
            with contextlib.suppress(ValueError):
                sys.path.remove(here)


def tool_gaps(function: Callable[..., Any]) -> List[str]:
    """What a plain function lacks to be described to Claude as a tool: a docstring, and a type
    hint on each parameter (empty: nothing)."""
    gaps = [] if inspect.getdoc(function) else ["a docstring"]
    unhinted = [
        name
        for name, parameter in inspect.signature(function).parameters.items()
        if parameter.annotation is inspect.Parameter.empty
        and parameter.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    ]
    if unhinted:
        gaps.append(f"type hints for {', '.join(unhinted)}")
    return gaps


def load_tools(values: Sequence[str]) -> List[Any]:
    """``--tool module:function``: each a ``@beta_tool`` function, or a plain function with type
    hints and a docstring (wrapped); anything else is a usage error naming what is missing."""
    if not values:  # the tool runner and its types load only for a prompt that runs tools
        return []
    from claude_core.lib.tools import BetaFunctionTool, beta_tool

    tools = []
    for value in values:
        found = _import(value, "--tool", _TOOL_EXAMPLE)
        if not isinstance(found, BetaFunctionTool):
            gaps = tool_gaps(found) if inspect.isfunction(found) else []
            if gaps:
                raise click.BadParameter(
                    f"{value!r} lacks {' and '.join(gaps)}, which describe it to Claude: add them",
                    param_hint="--tool",
                )
            wrapped = None
            if inspect.isfunction(found):
                with contextlib.suppress(Exception):  # a signature pydantic cannot describe
                    wrapped = beta_tool(found)
            if wrapped is None:
                raise click.BadParameter(
                    f"{value!r} is not usable as a tool: give a @beta_tool function, or a Python function"
                    f" with type hints and a docstring ({_TOOL_EXAMPLE})",
                    param_hint="--tool",
                )
            found = wrapped
        tools.append(found)
    return tools


def load_schema(value: Optional[str]) -> Any:
    """``--schema``: a JSON schema file (sent as the output format), or a ``module:Class`` type."""
    if value is None:
        return None
    path = pathlib.Path(value)
    if not path.is_file() and request.is_target(value):
        return _import(value, "--schema", "a JSON schema file, or models:Person")
    if not path.exists():
        raise click.BadParameter(
            f"{value}: no such file: give a JSON schema file, or a type as module:Class", param_hint="--schema"
        )
    if not path.is_file():
        raise click.BadParameter(f"{value}: not a file: give a JSON schema file", param_hint="--schema")
    try:
        schema = json.loads(request.decode_text(path.read_bytes(), value))
    except ValueError as exc:
        raise click.BadParameter(f"{value}: not valid JSON ({exc})", param_hint="--schema") from exc
    if not isinstance(schema, dict):
        raise click.BadParameter(f"{value}: a JSON schema is an object", param_hint="--schema")
    return {"type": "json_schema", "schema": schema}


@dataclasses.dataclass
class _Attachment:
    """An ``--attach`` file: the name it is sent under, its media type and size, and its bytes
    when they had to be read already (stdin, a pipe); a regular file is read when sent."""

    name: str
    kind: str
    size: int
    data: Optional[bytes]
    path: Optional[pathlib.Path] = None

    def read(self) -> bytes:
        return self.data if self.data is not None else pathlib.Path(str(self.path)).read_bytes()


def attaches_stdin(paths: Sequence[str]) -> bool:
    """Whether one of the ``--attach`` paths is stdin (``-`` or ``/dev/stdin``): then stdin is
    that file, not text of the prompt."""
    return any(name in ("-", "/dev/stdin") for name in paths)


def _attachment(name: str) -> _Attachment:
    """``--attach NAME`` typed by its content; ``-`` is stdin."""
    if name == "-":
        stream = sys.stdin
        if stream is None or stream.isatty():
            raise click.BadParameter(
                "-: stdin is a terminal: pipe the file in (-a - < photo.png)", param_hint="--attach"
            )
        data = stream.buffer.read()
        kind = request.media_type("stdin", data[:16])
        return _Attachment(f"stdin{mimetypes.guess_extension(kind) or ''}", kind, len(data), data)
    path = pathlib.Path(name)
    if path.is_file():
        with path.open("rb") as opened:
            head = opened.read(16)
        return _Attachment(path.name, request.media_type(name, head), path.stat().st_size, None, path)
    data = path.read_bytes()  # a pipe or a device (/dev/stdin, <(...)): read once, now
    return _Attachment(path.name, request.media_type(name, data[:16]), len(data), data)


@contextlib.contextmanager
def attached(
    client: claude_core.Anthropic, paths: Sequence[str], upload: bool = False, keep: bool = False, text: int = 0
) -> Iterator[Tuple[List[Dict[str, Any]], List[str]]]:
    """Content blocks for ``--attach`` paths (``-``: stdin), and the ids of the files uploaded for
    them: all with ``upload``, else those :func:`request.uploads` says are too large to go inline
    beside ``text`` characters of prompt. The uploaded files are deleted when the block ends,
    however it ends, unless ``keep``: then their ids are printed on stderr."""
    blocks: List[Dict[str, Any]] = []
    ids: List[str] = []
    try:
        found = [_attachment(name) for name in paths]  # every one typed before anything is sent
        plan = request.uploads([(one.kind, one.size) for one in found], text, upload)
        for one, uploaded in zip(found, plan):
            if uploaded:
                if one.data is not None:
                    meta = client.beta.files.upload(file=(one.name, one.data, one.kind))
                else:
                    with pathlib.Path(str(one.path)).open("rb") as data:
                        meta = client.beta.files.upload(file=(one.name, data, one.kind))
                ids.append(meta.id)
                blocks.append(request.file_block(one.kind, meta.id))
            else:
                blocks.append(request.inline_block(one.kind, one.read()))
        yield blocks, ids
    finally:
        if keep:
            for file_id in ids:
                click.echo(f"Uploaded {file_id} (kept: claude-core files rm {file_id} deletes it)", err=True)
        else:
            for file_id in ids:
                try:
                    client.beta.files.delete(file_id)
                except Exception as exc:  # the answer is what was asked for: a file left behind is a warning
                    from .errors import describe

                    line = describe(exc)[0]
                    click.echo(f"Warning: {file_id} not deleted ({line}): claude-core files rm {file_id}", err=True)


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
        type=click.Path(exists=True, dir_okay=False, allow_dash=True),
        help="An image or PDF to send, typed by its content ('-': stdin; repeatable).",
    )
    @click.option("--upload", is_flag=True, help="Send attachments through the files API even when small.")
    @click.option(
        "--keep-uploads",
        is_flag=True,
        help="Keep the files uploaded for attachments (their ids on stderr) instead of deleting them.",
    )
    @click.option("--schema", metavar="FILE|module:Class", help="Answer as JSON following this schema.")
    @click.option(
        "--tool",
        "tool_names",
        multiple=True,
        metavar="module:function",
        help="A @beta_tool function Claude may call (repeatable).",
    )
    @json_flag("Print the whole final message as JSON.")
    @click.option("-u", "--usage", is_flag=True, help="Print token counts on stderr.")
    @no_stdin_option
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
        keep_uploads: bool,
        schema: Optional[str],
        tool_names: Tuple[str, ...],
        as_json: bool,
        usage: bool,
        no_stdin: bool,
    ) -> None:
        """Send a prompt (arguments, stdin, or both) and stream the answer.

        Stdin is read whenever it is not a terminal; -n leaves it alone (in a `while read` loop).

        \b
        claude-core prompt "Ten names for a cat"
        cat notes.md | claude-core prompt "summarise"
        """
        said = request.prompt_text(text, read_stdin(no_stdin or attaches_stdin(attach)))
        options = options_from(model, system=system, max_tokens=max_tokens, temperature=temperature, effort=effort)
        thinking_config = request.thinking_param(thinking)
        tools = load_tools(tool_names)
        output_format = load_schema(schema)
        request.build_params(options, [], thinking_config)  # bad options fail before anything is uploaded
        client = state.client()
        logger = Logger(not no_log)
        started = time.monotonic()
        with attached(client, attach, upload, keep_uploads, len(said.encode())) as (blocks, uploaded):
            content = request.user_content(said, blocks)
            params = request.build_params(options, [{"role": "user", "content": content}], thinking_config)
            logged: Dict[str, Any] = {
                "attachments": [pathlib.Path(name).name for name in attach],
                "uploads": uploaded,
                "schema": schema,
                "tools": list(tool_names),
            }
            renderer = None if as_json else Renderer(show_thinking=not hide_thinking)
            turn = Turn()
            try:
                ask(
                    client,
                    params,
                    renderer,
                    tools=tools,
                    output_format=output_format,
                    betas=[request.FILES_BETA] if uploaded else (),
                    turn=turn,
                )
            except BaseException as exc:
                from .errors import describe

                record(logger, state, params, said, turn, started, describe(exc)[0], **logged)
                raise
            record(logger, state, params, said, turn, started, **logged)
        if as_json:
            click.echo(turn.message.model_dump_json(indent=2))
        notice(turn, params)
        if usage:
            click.echo(request.usage_line(turn.usages), err=True)
