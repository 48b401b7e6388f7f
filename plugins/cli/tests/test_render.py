"""Answers on a terminal, through a real pseudo-terminal of a given size against the emulator:
drawn once in the scrollback however tall, line breaks kept, escape sequences from the API
never obeyed; retries said while they wait; Ctrl-C with stdout in a pipe. What the terminal
ends up showing is read with a small screen model (:class:`Screen`) of what rich sends."""

from __future__ import annotations

import fcntl
import logging
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest
from claude_cli.errors import PipeClosed
from claude_cli.notices import OneLine
from claude_cli.render import markdown
from claude_cli.retry_notice import retry_line
from claude_emulator import Emulator, EmulatorApp
from cli_support import Cli, cli_fixture, emu_fixture  # noqa: F401
from rich.console import Console

_CONTROL = re.compile(r"\x1b\[([0-9;?]*)([A-Za-z])|\x1b[()][A-Z0-9]|\x1b\][^\x07]*\x07|(\r\n|\r|\n)")


class Screen:
    """A terminal of ``rows`` lines as far as rich's live view drives one: text, carriage return,
    line feed (scrolling the top line into the scrollback at the bottom), cursor up (never above
    the screen: what has scrolled out cannot be redrawn) and erase in line."""

    def __init__(self, rows: int) -> None:
        self.rows = rows
        self.scrollback: List[str] = []
        self.screen = [""] * rows
        self.row = self.col = 0

    def feed(self, output: str) -> None:
        position = 0
        for found in _CONTROL.finditer(output):
            self._text(output[position : found.start()])
            position = found.end()
            newline, (argument, command) = found.group(3), found.group(1, 2)
            if newline is not None:
                self.col = 0
                if newline != "\r":
                    self._line_feed()
            elif command == "A":
                self.row = max(0, self.row - int(argument or 1))
            elif command == "K":
                line = self.screen[self.row]
                self.screen[self.row] = "" if argument == "2" else line[: self.col]
        self._text(output[position:])

    def _text(self, text: str) -> None:
        if text:
            line = self.screen[self.row].ljust(self.col)
            self.screen[self.row] = line[: self.col] + text + line[self.col + len(text) :]
            self.col += len(text)

    def _line_feed(self) -> None:
        if self.row == self.rows - 1:
            self.scrollback.append(self.screen.pop(0))
            self.screen.append("")
        else:
            self.row += 1

    def lines(self) -> List[str]:
        """Everything the terminal holds, the scrollback first, trailing spaces and blank screen lines dropped."""
        return [line.rstrip() for line in self.scrollback + self.screen]


def on_terminal(cli: Cli, *args: str, rows: int = 20, columns: int = 80) -> Tuple[int, str]:
    """Run ``claude-core ARGS`` on a pseudo-terminal of ``rows`` x ``columns``; its exit status and output."""
    env = {k: v for k, v in cli.env.items() if k not in ("LINES", "COLUMNS")}
    env["TERM"] = "xterm"
    pid, fd = pty.fork()
    if pid == 0:  # the child: the terminal's size set before the command looks at it
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        os.chdir(cli.home)
        os.execve(sys.executable, [sys.executable, "-m", "claude_cli", *args], env)
    output = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child has ended: the terminal is gone
            break
        if not chunk:
            break
        output += chunk
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", "replace")


def shown(output: str, rows: int = 20) -> List[str]:
    screen = Screen(rows)
    screen.feed(output)
    return screen.lines()


TALL = {  # an answer of 40 lines or more, each item once, on a 20-line terminal
    "a list": "Items:\n" + "".join(f"- item{i}\n" for i in range(40)),
    "a code block": "Code:\n```\n" + "".join(f"item{i}\n" for i in range(40)) + "```\n",
    "a paragraph": " ".join(f"item{i}" for i in range(400)),
}


@pytest.mark.parametrize("kind", sorted(TALL))
def test_an_answer_taller_than_the_terminal_is_in_the_scrollback_once(cli: Cli, kind: str) -> None:
    status, output = on_terminal(cli, "prompt", "--no-log", "-n", TALL[kind], rows=20)
    assert status == 0, output
    held = "\n".join(shown(output, rows=20))
    items = len(re.findall(r"\bitem\d+\b", TALL[kind]))
    assert [len(re.findall(rf"\bitem{i}\b", held)) for i in range(items)] == [1] * items, held


def test_single_newlines_are_line_breaks_on_a_terminal(cli: Cli) -> None:
    status, output = on_terminal(cli, "prompt", "--no-log", "-n", "Roses are red\nViolets are blue")
    assert status == 0, output
    lines = shown(output)
    assert "Echo: Roses are red" in lines and "Violets are blue" in lines, lines


def test_soft_breaks_become_line_breaks_and_code_is_left_alone() -> None:
    console = Console(width=40, force_terminal=False, color_system=None)
    with console.capture() as captured:
        console.print(markdown("one\ntwo\n\n```\nthree\nfour\n```"))
    assert [line.strip() for line in captured.get().splitlines() if line.strip()] == ["one", "two", "three", "four"]


def test_escape_sequences_from_the_api_reach_the_terminal_as_text_only(cli: Cli) -> None:
    hostile = "x \x1b[31mred\x1b[0m \x1b]0;pwned\x07title \x1b[2Jclear"
    status, output = on_terminal(cli, "prompt", "-n", hostile)
    assert status == 0, output
    for sequence in ("\x1b[31m", "\x1b]0;", "\x1b[2J"):
        assert sequence not in output
    assert "Echo: x red title clear" in shown(output)
    status, output = on_terminal(cli, "logs", "-n", "1")  # the log, shown on a terminal
    assert status == 0, output
    assert "\x1b]0;" not in output and "\x1b[2J" not in output and "x red title clear" in output
    piped = cli("prompt", "--no-log", "-n", hostile)  # piped, the answer is data, kept as it is
    assert piped.returncode == 0 and piped.stdout == f"Echo: {hostile}\n"


def test_a_retry_s_wait_is_said_on_a_terminal_only(cli: Cli) -> None:
    busy = {"type": "error", "error": {"type": "rate_limit_error", "message": "slow down"}}
    cli.emu.enqueue(status=429, headers={"retry-after": "1"}, json=busy)
    status, output = on_terminal(cli, "prompt", "--no-log", "-n", "hello")
    assert status == 0, output
    lines = shown(output)
    assert "rate limited (429): retrying in 1.0 s; Ctrl-C stops" in lines and "Echo: hello" in lines, lines
    cli.emu.enqueue(status=429, headers={"retry-after": "1"}, json=busy)
    piped = cli("prompt", "--no-log", "-n", "hello")
    assert piped.returncode == 0 and piped.stdout == "Echo: hello\n" and piped.stderr == ""


def test_retry_lines_say_why_and_how_long() -> None:
    assert retry_line(429, None, 12.2) == "rate limited (429): retrying in 12 s; Ctrl-C stops"
    assert retry_line(529, None, 0.5) == "the API is overloaded (529): retrying in 0.5 s; Ctrl-C stops"
    assert retry_line(500, None, 2) == "the API answered 500: retrying in 2.0 s; Ctrl-C stops"
    assert (
        retry_line(None, ConnectionError(), 1)
        == "could not reach the API (ConnectionError): retrying in 1.0 s; Ctrl-C stops"
    )


@pytest.fixture(name="slow_emu", scope="module")
def slow_emu_fixture() -> Iterator[Emulator]:
    with Emulator(app=EmulatorApp(event_delay=0.05, event_chunks=True)) as emu:
        yield emu


def test_ctrl_c_with_stdout_in_a_pipe_ends_with_status_130(slow_emu: Emulator, tmp_path: Path) -> None:
    cli = Cli(slow_emu, tmp_path)
    slow_emu.enqueue(stall_after_events=6, stall_seconds=10)  # text has arrived, then nothing for a while
    reader, writer = os.pipe()
    process = subprocess.Popen(
        [sys.executable, "-m", "claude_cli", "prompt", "-n", "one two three four five six seven"],
        stdout=writer,
        stderr=subprocess.PIPE,
        env=cli.env,
        cwd=tmp_path,
    )
    os.close(writer)
    assert select.select([reader], [], [], 15)[0] and os.read(reader, 100).startswith(b"Echo:")
    time.sleep(1)  # what came before the stall is in the pipe by now; the stall lasts 10 s
    os.close(reader)  # the reader of the pipe (`| cat`) got the Ctrl-C first
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=15)
    assert process.returncode == 130, stderr
    assert stderr.decode().splitlines()[-1] == "Error: interrupted"


def test_a_broken_pipe_while_an_interrupt_is_handled_is_the_interrupt() -> None:
    def broken(during: BaseException) -> BrokenPipeError:
        try:
            try:
                raise during
            except BaseException:
                raise BrokenPipeError()  # noqa: B904 (a write in a finally clause)
        except BrokenPipeError as exc:
            return exc

    assert PipeClosed.of(broken(KeyboardInterrupt())).interrupted
    assert not PipeClosed.of(broken(ValueError())).interrupted
    assert not PipeClosed.of(BrokenPipeError()).interrupted


def _tool_module(cli: Cli) -> None:
    (cli.home / "failing_tools.py").write_text(
        'def explode(city: str) -> str:\n    """Fails, always."""\n    raise ValueError(f"no weather for {city}")\n'
    )


def test_a_tool_that_raises_is_one_line_and_debug_shows_the_sdk_s_logs(cli: Cli) -> None:
    _tool_module(cli)
    quiet = cli("prompt", "--no-log", "-n", "--tool", "failing_tools:explode", "please explode")
    assert quiet.returncode == 0, quiet.stderr
    assert "Traceback" not in quiet.stderr
    assert quiet.stderr.splitlines() == [  # told to Claude too: one line, no traceback
        "claude-core: Error occurred while calling tool: explode (ValueError: no weather for value for city)"
    ]
    debug = cli("--debug", "prompt", "--no-log", "-n", "--tool", "failing_tools:explode", "please explode")
    assert debug.returncode == 0, debug.stderr
    assert "Traceback" in debug.stderr and "ValueError: no weather for" in debug.stderr
    assert re.search(r"claude_core\S* DEBUG\]", debug.stderr), debug.stderr  # the SDK's debug records


def test_a_log_record_is_one_printable_line() -> None:
    try:
        raise ValueError("bad\nthing \x1b[31m")
    except ValueError:
        record = logging.LogRecord("claude_core.tools", logging.ERROR, "f", 1, "tool %s failed", ("x",), sys.exc_info())
    assert OneLine().format(record) == "claude-core: tool x failed (ValueError: bad thing )"


def test_with_anthropic_log_each_sdk_record_is_printed_once(cli: Cli) -> None:
    cli.emu.enqueue(status=529)  # one retry: two requests logged at DEBUG, one retry at INFO
    debug = cli("--debug", "prompt", "--no-log", "-n", "hello", env={"ANTHROPIC_LOG": "debug"})
    assert debug.returncode == 0, debug.stderr
    assert debug.stderr.count("] Request: POST") == 2, debug.stderr
    assert debug.stderr.count("Retrying POST") == 1, debug.stderr
    _tool_module(cli)
    info = cli(
        "prompt", "--no-log", "-n", "--tool", "failing_tools:explode", "please explode", env={"ANTHROPIC_LOG": "info"}
    )
    assert info.returncode == 0, info.stderr
    assert info.stderr.count("Error occurred while calling tool: explode") == 1, info.stderr  # the SDK's handler's
