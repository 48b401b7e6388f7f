"""``claude-core chat``: a multi-turn session with streamed answers, line editing and history.

:class:`Lines` turns typed lines into what to do (say something, or a ``!`` command), with
multi-line input (``!multi`` ... ``!end``, or a trailing backslash); it does no I/O. The command
reads lines with ``input()`` (readline where available, its history kept in the user data dir),
and Ctrl-C during an answer stops that answer, not the session. Lines piped in are sent only
when ``--stdin`` says so.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import pathlib
import sys
import time
from typing import Any, Dict, List, Optional, Tuple

import click

import claude_core

from . import request
from .errors import describe
from .hookspecs import hookimpl
from .output import is_terminal
from .prompt import Logger, Turn, ask, model_options, notice, options_from, record
from .render import Renderer
from .state import State

__all__ = [
    "claude_register_commands",
    "Entry",
    "Lines",
    "HELP",
    "transcript",
    "save_target",
    "prompt_place",
    "history_path",
]

HELP = """\
!model NAME    use another model from the next turn on
!system TEXT   set the system prompt (!system alone clears it)
!save PATH     write the conversation to PATH as JSON (!save -f PATH overwrites)
!multi ... !end   type several lines as one message (or end a line with \\)
!exit          leave (or Ctrl-D); Ctrl-C stops an answer"""

_COMMANDS = ("model", "system", "save", "exit", "quit", "help")
_NEEDS_ARGUMENT = {"model": "!model claude-opus-4-1", "save": "!save chat.json"}


@dataclasses.dataclass(frozen=True)
class Entry:
    """What a typed line (or lines) asks for: ``say`` a message, a command, or an ``error`` to show."""

    kind: str
    value: str = ""


class Lines:
    """Collects typed lines into :class:`Entry` values; :attr:`prompt` is what to show next."""

    def __init__(self) -> None:
        self._buffer: List[str] = []
        self._multi = False

    @property
    def prompt(self) -> str:
        return "... " if self._multi or self._buffer else "> "

    def reset(self) -> None:
        """Drop a half-typed multi-line message (Ctrl-C at the prompt)."""
        self._buffer, self._multi = [], False

    def finish(self) -> Optional[Entry]:
        """At the end of input (Ctrl-D, or the end of what was piped): the message half-typed
        (a ``!multi`` block without ``!end``, a line ending in ``\\``) as if it were ended, or None."""
        return self._said() if self._multi or self._buffer else None

    def feed(self, line: str) -> Optional[Entry]:
        """The entry ``line`` completes, or None while more lines are needed (or the line is blank)."""
        if self._multi:
            if line.strip() != "!end":
                self._buffer.append(line)
                return None
            return self._said()
        if line.endswith("\\"):
            self._buffer.append(line[:-1])
            return None
        if self._buffer:
            self._buffer.append(line)
            return self._said()
        stripped = line.strip()
        if stripped == "!multi":
            self._multi = True
            return None
        if stripped.startswith("!"):
            return _command(stripped[1:])
        return Entry("say", line) if stripped else None

    def _said(self) -> Optional[Entry]:
        text = "\n".join(self._buffer)
        self.reset()
        return Entry("say", text) if text.strip() else None


def _command(text: str) -> Entry:
    name, _, argument = text.partition(" ")
    argument = argument.strip()
    if name not in _COMMANDS:
        return Entry("error", f"unknown command !{name}: !help lists them")
    if name in _NEEDS_ARGUMENT and not argument:
        return Entry("error", f"!{name} needs an argument: {_NEEDS_ARGUMENT[name]}")
    return Entry("exit" if name == "quit" else name, argument)


def transcript(model: str, system: Optional[str], messages: List[Dict[str, Any]]) -> Dict[str, Any]:
    """What ``!save`` writes: the model, the system prompt and the turns, ready for ``messages=``."""
    return {"model": model, "system": system, "messages": messages}


def save_target(argument: str) -> Tuple[str, bool]:
    """``!save``'s argument as the path and whether to overwrite it (``-f PATH``); an empty path
    is returned as such."""
    flag, _, rest = argument.partition(" ")
    if flag == "-f":
        return rest.strip(), True
    return argument, False


def prompt_place(stdin_tty: bool, stdout_tty: bool) -> Optional[str]:
    """Where the ``> `` prompt goes: ``input`` (drawn by the line editor) when stdin and stdout
    are terminals, ``stderr`` when only stdin is (stdout is the answers alone), None when stdin
    is not a terminal (nobody is typing)."""
    if not stdin_tty:
        return None
    return "input" if stdout_tty else "stderr"


def _read_line(prompt: str, place: Optional[str]) -> str:
    if place == "input":
        return input(prompt)
    if place == "stderr":
        click.echo(prompt, err=True, nl=False)
    return input()


def history_path() -> pathlib.Path:
    """The typed lines kept between sessions: ``chat-history`` beside the log database."""
    from .logdb import chat_history_path

    return chat_history_path()


def _history(path: Optional[pathlib.Path]) -> Any:
    """Line editing through readline, when the platform has it (None otherwise), with the
    history kept in ``path`` (None: none kept, as when logging is off)."""
    try:
        import readline
    except ImportError:  # pragma: no cover - Windows without pyreadline
        return None
    readline.set_history_length(1000)
    if path is not None:
        with contextlib.suppress(OSError):  # no history yet
            readline.read_history_file(str(path))
    return readline


def _save_history(readline: Any, path: Optional[pathlib.Path]) -> None:
    """Write the history to ``path``, credentials in it redacted as the log redacts them."""
    if readline is None or path is None:
        return
    from .logdb import scrub

    for index in range(readline.get_current_history_length()):
        line = readline.get_history_item(index + 1)  # readline counts history items from 1
        if line is not None and scrub(line) != line:
            readline.replace_history_item(index, scrub(line))  # ... and replaces them from 0
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        readline.write_history_file(str(path))
    except OSError as exc:
        click.echo(f"claude-core: could not keep the chat history in {path}: {exc}", err=True)


class Session:
    """One chat: the conversation so far and the options its turns are sent with."""

    def __init__(
        self,
        state: State,
        options: request.Options,
        thinking: Optional[str],
        show_thinking: bool,
        logger: Logger,
        stop_on_error: bool = False,
    ) -> None:
        self.state = state
        self.stop_on_error = stop_on_error
        self.options = options
        self.thinking = request.thinking_param(thinking)
        self.show_thinking = show_thinking
        self.logger = logger
        self.messages: List[Dict[str, Any]] = []

    def say(self, text: str) -> None:
        """Send ``text`` as the next user turn and stream the answer; a failure or Ctrl-C is one
        line on stderr and leaves the conversation as it was, or, with ``stop_on_error`` (lines
        piped in: later ones would be sent without this turn), ends the run."""
        params = request.build_params(self.options, [*self.messages, {"role": "user", "content": text}], self.thinking)
        started = time.monotonic()
        turn = Turn()
        try:
            ask(self.state.client(), params, Renderer(show_thinking=self.show_thinking), turn=turn)
        except (Exception, KeyboardInterrupt) as exc:
            line, _ = describe(exc)
            record(self.logger, self.state, params, text, turn, started, line)
            if isinstance(exc, (claude_core.MissingCredentialsError, claude_core.AuthenticationError)):
                raise  # no later turn can work either: the run ends with the error
            if self.stop_on_error:  # the lines after it would be sent without this turn: the run ends here
                if isinstance(exc, KeyboardInterrupt) or self.state.debug:
                    raise
                raise click.ClickException(f"{line} (stopped there: the rest of stdin is not sent)") from exc
            click.echo(f"Error: {line}" if not isinstance(exc, KeyboardInterrupt) else "(answer stopped)", err=True)
            return
        self.messages.append({"role": "user", "content": text})
        self.messages.append({"role": "assistant", "content": turn.message.model_dump(mode="json")["content"]})
        record(self.logger, self.state, params, text, turn, started)
        notice(turn, params)

    def run(self, entry: Entry) -> bool:
        """Do what ``entry`` asks; False when the session ends."""
        if entry.kind == "say":
            self.say(entry.value)
        elif entry.kind == "model":
            self.options.model = entry.value
            click.echo(f"Model: {entry.value}", err=True)
        elif entry.kind == "system":
            self.options.system = entry.value or None
            click.echo(f"System prompt: {entry.value}" if entry.value else "System prompt cleared", err=True)
        elif entry.kind == "save":
            self.save(*save_target(entry.value))
        elif entry.kind == "help":
            click.echo(HELP, err=True)
        elif entry.kind == "error":
            click.echo(f"Error: {entry.value}", err=True)
        return entry.kind != "exit"

    def save(self, name: str, overwrite: bool) -> None:
        """``!save``: the conversation as JSON; an existing file only with ``-f``."""
        if not name:
            click.echo(f"Error: !save -f needs a path: {_NEEDS_ARGUMENT['save']}", err=True)
            return
        path = pathlib.Path(name).expanduser()
        if path.is_dir():
            click.echo(f"Error: {name} is a folder: give a file path (!save {path / 'chat.json'})", err=True)
            return
        saved = json.dumps(transcript(self.options.model, self.options.system, self.messages), indent=2) + "\n"
        try:
            with path.open("w" if overwrite else "x", encoding="utf-8") as out:
                out.write(saved)
        except FileExistsError:
            click.echo(f"Error: {name} exists: !save -f {name} overwrites it", err=True)
        except OSError as exc:
            click.echo(f"Error: could not save to {path} ({exc.strerror or exc}): give a writable path", err=True)
        else:
            click.echo(f"Saved {len(self.messages) // 2} turns to {path}", err=True)


def _resumed(continue_: bool, cid: Optional[str]) -> Any:
    """The logged conversation ``--continue`` or ``--cid`` names, or None when neither is given."""
    if not continue_ and cid is None:
        return None
    from .logdb import LogDB

    db = LogDB()
    found = db.conversation(cid) if cid is not None else db.last_conversation()
    if found is None and cid is not None:
        raise click.BadParameter(f"no logged conversation {cid!r}: `claude-core logs` lists them", param_hint="--cid")
    if found is None:
        raise click.UsageError("no logged conversation to continue: start one with `claude-core chat`")
    return found


@hookimpl
def claude_register_commands(cli: click.Group) -> None:
    @cli.command(name="chat")
    @model_options
    @click.option("-c", "--continue", "continue_", is_flag=True, help="Resume the last logged conversation.")
    @click.option("--cid", help="Resume the logged conversation with this id.")
    @click.option("--stdin", "from_stdin", is_flag=True, help="Send the lines piped in, when stdin is not a terminal.")
    @click.pass_obj
    def chat(
        state: State,
        model: Optional[str],
        system: Optional[str],
        max_tokens: Optional[int],
        temperature: Optional[float],
        thinking: Optional[str],
        hide_thinking: bool,
        effort: Optional[str],
        no_log: bool,
        continue_: bool,
        cid: Optional[str],
        from_stdin: bool,
    ) -> None:
        """Talk with Claude, turn after turn. Type !help for the commands."""
        resumed = _resumed(continue_, cid)
        if resumed is not None:
            model = model or resumed.model
            system = system if system is not None else resumed.system
        options = options_from(model, system=system, max_tokens=max_tokens, temperature=temperature, effort=effort)
        logger = Logger(not no_log, resumed.id if resumed is not None else None)
        place = prompt_place(sys.stdin is not None and sys.stdin.isatty(), is_terminal())
        session = Session(state, options, thinking, not hide_thinking, logger, stop_on_error=place is None)
        request.build_params(options, [], session.thinking)  # bad options end the session before it starts
        if resumed is not None:
            session.messages = resumed.messages()
        if place is None and not from_stdin:
            raise click.UsageError(
                "stdin is not a terminal: to send the lines piped in as turns, add --stdin"
                " (or ask once with claude-core prompt)"
            )
        history = history_path() if logger.db is not None else None  # logging off: no history either
        readline = _history(history) if place == "input" else None
        lines = Lines()
        click.echo(f"Chatting with {options.model}. !help for commands, !exit or Ctrl-D to leave.", err=True)
        try:
            while True:
                try:
                    line = _read_line(lines.prompt, place)
                except EOFError:
                    if place is not None:  # past the prompt
                        click.echo("", err=True)
                    entry = lines.finish()  # a half-typed message is sent, not dropped
                    if entry is None:
                        return
                    session.run(entry)
                    continue
                except KeyboardInterrupt:
                    click.echo("", err=True)
                    lines.reset()
                    continue
                entry = lines.feed(line)
                if entry is not None and not session.run(entry):
                    return
        finally:
            _save_history(readline, history)
