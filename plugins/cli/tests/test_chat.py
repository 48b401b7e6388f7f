"""``claude-core chat``: the line handling (no I/O), then real sessions on a pseudo-terminal
against the emulator over real HTTP: several turns, Ctrl-C during an answer, history, resuming."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator, List, Optional

import pytest
from claude_cli.chat import Entry, Lines, prompt_place, save_target, transcript
from claude_cli.logdb import LogDB
from claude_cli.render import finished_blocks
from claude_emulator import Emulator, EmulatorApp
from cli_support import Cli, cli_fixture, emu_fixture  # noqa: F401
from test_prompt import PNG

_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\r")


def _feed(lines: Lines, *typed: str) -> List[Optional[Entry]]:
    return [lines.feed(line) for line in typed]


def test_lines_are_messages_commands_or_errors() -> None:
    lines = Lines()
    assert lines.prompt == "> "
    assert _feed(lines, "hello", "  ", "!model claude-opus-4-1", "!system Be brief.", "!system", "!save a.json") == [
        Entry("say", "hello"),
        None,
        Entry("model", "claude-opus-4-1"),
        Entry("system", "Be brief."),
        Entry("system", ""),
        Entry("save", "a.json"),
    ]
    assert _feed(lines, "!exit", "!quit", "!help") == [Entry("exit"), Entry("exit"), Entry("help")]
    assert _feed(lines, "!model", "!save  ", "!bogus x") == [
        Entry("error", "!model needs an argument: !model claude-opus-4-1"),
        Entry("error", "!save needs an argument: !save chat.json"),
        Entry("error", "unknown command !bogus: !help lists them"),
    ]


def test_multi_line_input_by_block_or_trailing_backslash() -> None:
    lines = Lines()
    assert _feed(lines, "!multi", "first line", "!model x", "") == [None, None, None, None]
    assert lines.prompt == "... "
    assert lines.feed("!end") == Entry("say", "first line\n!model x\n")
    assert lines.prompt == "> "
    assert _feed(lines, "one \\", "two\\", "three") == [None, None, Entry("say", "one \ntwo\nthree")]
    assert _feed(lines, "!multi", "  ", "!end") == [None, None, None]
    assert _feed(lines, "half \\") == [None]
    lines.reset()
    assert lines.prompt == "> " and lines.feed("whole") == Entry("say", "whole")


def test_the_end_of_input_ends_a_half_typed_message() -> None:
    lines = Lines()
    assert lines.finish() is None
    assert _feed(lines, "!multi", "a", "b") == [None, None, None]
    assert lines.finish() == Entry("say", "a\nb") and lines.prompt == "> "
    assert lines.finish() is None
    assert _feed(lines, "one \\") == [None]
    assert lines.finish() == Entry("say", "one ")
    assert _feed(lines, "!multi", "  ") == [None, None]
    assert lines.finish() is None  # nothing but blanks: nothing to send


def test_save_takes_f_to_overwrite() -> None:
    assert save_target("chat.json") == ("chat.json", False)
    assert save_target("-f chat.json") == ("chat.json", True)
    assert save_target("-f") == ("", True)
    assert save_target("-foo.json") == ("-foo.json", False)


def test_the_prompt_goes_to_the_terminal_or_nowhere() -> None:
    assert prompt_place(stdin_tty=True, stdout_tty=True) == "input"
    assert prompt_place(stdin_tty=True, stdout_tty=False) == "stderr"
    assert prompt_place(stdin_tty=False, stdout_tty=True) is None
    assert prompt_place(stdin_tty=False, stdout_tty=False) is None


def test_transcript_is_ready_for_messages() -> None:
    turns = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": [{"type": "text", "text": "yo"}]}]
    assert json.loads(json.dumps(transcript("m", None, turns))) == {"model": "m", "system": None, "messages": turns}


class Terminal:
    """``claude-core ARGS...`` (``chat ...``) running on a real pseudo-terminal; with
    ``piped_stdout`` its stdout is a pipe instead (:attr:`process` ``.stdout``)."""

    def __init__(self, cli: Cli, *args: str, piped_stdout: bool = False) -> None:
        env = {**cli.env, "TERM": "xterm", "COLUMNS": "120", "LINES": "40"}
        command = [sys.executable, "-m", "claude_cli", *args]
        self.process: Optional[subprocess.Popen[bytes]] = None
        if piped_stdout:
            fd, tty = pty.openpty()
            self.process = subprocess.Popen(
                command, stdin=tty, stdout=subprocess.PIPE, stderr=tty, env=env, cwd=cli.home
            )
            os.close(tty)
            pid = self.process.pid
        else:
            pid, fd = pty.fork()
            if pid == 0:  # the child: the command, on the pty
                os.chdir(cli.home)
                os.execve(sys.executable, command, env)
        self.pid, self.fd = pid, fd
        self.seen = ""
        self.raw = ""  # everything written, escape sequences included

    def expect(self, pattern: str, timeout: float = 15) -> str:
        """Read until ``pattern`` (a regex) appears in what was written since the last match."""
        deadline = time.monotonic() + timeout
        while True:
            found = re.search(pattern, _ANSI.sub("", self.seen))
            if found:
                plain = _ANSI.sub("", self.seen)
                self.seen = plain[found.end() :]
                return plain[: found.end()]
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{pattern!r} not seen in {_ANSI.sub('', self.seen)!r}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"the chat ended before {pattern!r}: {_ANSI.sub('', self.seen)!r}")
                self.seen += chunk.decode("utf-8", "replace")
                self.raw += chunk.decode("utf-8", "replace")

    def send(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def line(self, text: str) -> None:
        self.send(text + "\r")

    def wait(self, timeout: float = 15) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.1)
                if ready:
                    os.read(self.fd, 65536)
            except OSError:
                pass
            if self.process is not None:
                if self.process.poll() is not None:
                    os.close(self.fd)
                    return self.process.returncode
                continue
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError("the chat did not end")


@pytest.fixture(name="slow_emu", scope="module")
def slow_emu_fixture() -> Iterator[Emulator]:
    with Emulator(app=EmulatorApp(event_delay=0.05, event_chunks=True)) as emu:
        yield emu


def _bodies(emu: Emulator) -> List[dict]:  # type: ignore[type-arg]
    return [r.json() for r in emu.requests if r.path == "/v1/messages" and r.method == "POST"]


def test_a_session_of_several_turns_with_commands(cli: Cli) -> None:
    term = Terminal(cli, "chat", "-s", "Be brief.")
    term.expect(r"Chatting with claude-sonnet-4-5")
    term.expect(r"> ")
    term.line("hello there")
    term.expect(r"Echo: hello there")
    term.expect(r"> ")
    term.line("!model claude-opus-4-1")
    term.expect(r"Model: claude-opus-4-1")
    term.line("second \\")
    term.expect(r"\.\.\. ")
    term.line("turn")
    term.expect(r"Echo: second\s+turn")
    body = _bodies(cli.emu)[-1]
    assert body["model"] == "claude-opus-4-1" and body["system"] == "Be brief."
    assert [m["role"] for m in body["messages"]] == ["user", "assistant", "user"]
    assert body["messages"][0]["content"] == "hello there"
    assert body["messages"][2]["content"] == "second \nturn"
    term.line("!nope")
    term.expect(r"Error: unknown command !nope")
    term.line("!save no/such/dir/saved.json")
    term.expect(r"Error: could not save to no/such/dir/saved.json \(No such file or directory\): give a writable path")
    term.line("!save saved.json")
    term.expect(r"Saved 2 turns to saved.json")
    (cli.home / "saved.json").write_text("mine")
    term.line("!save saved.json")
    term.expect(r"Error: saved.json exists: !save -f saved.json overwrites it")
    assert (cli.home / "saved.json").read_text() == "mine"
    term.line("!save -f saved.json")
    term.expect(r"Saved 2 turns to saved.json")
    (cli.home / "somedir").mkdir()
    term.line("!save somedir")
    term.expect(r"Error: somedir is a folder: give a file path \(!save somedir/chat.json\)")
    term.line("!exit")
    assert term.wait() == 0
    saved = json.loads((cli.home / "saved.json").read_text())
    assert saved["model"] == "claude-opus-4-1" and saved["system"] == "Be brief."
    assert [m["role"] for m in saved["messages"]] == ["user", "assistant", "user", "assistant"]
    conversation = LogDB(cli.home / ".local" / "share" / "claude-core" / "logs.db").last_conversation()
    assert conversation is not None
    assert [(e.prompt, e.response) for e in conversation.exchanges] == [
        ("hello there", "Echo: hello there"),
        ("second \nturn", "Echo: second \nturn"),
    ]


def test_ctrl_c_stops_the_answer_and_keeps_the_session(slow_emu: Emulator, tmp_path: Path) -> None:
    cli = Cli(slow_emu, tmp_path)
    term = Terminal(cli, "chat", "--no-log")
    term.expect(r"> ")
    words = " ".join(f"word{i}" for i in range(200))
    term.line(words)
    term.expect(r"Echo: word0 word1 word2 word3 ")  # the answer is streaming (not the typed line's echo)
    started = time.monotonic()
    term.send("\x03")
    term.expect(r"\(answer stopped\)")
    assert time.monotonic() - started < 3  # well before the 200 words' 10 seconds
    term.expect(r"> ")
    term.line("still here")
    term.expect(r"Echo: still here")
    body = _bodies(slow_emu)[-1]
    assert body["messages"] == [{"role": "user", "content": "still here"}]  # the stopped turn is not resent
    term.expect(r"> ")
    term.send("\x04")  # Ctrl-D
    assert term.wait() == 0
    assert not (tmp_path / ".local" / "share" / "claude-core" / "logs.db").exists()


def _stopped_answer(logged: str, words: str) -> None:
    """``logged`` is the start of the echo of ``words``: what arrived before Ctrl-C, not all of it."""
    assert logged.startswith("Echo: word0 word1 word2 word3"), logged
    assert f"Echo: {words}".startswith(logged) and len(logged) < len(f"Echo: {words}")


def test_ctrl_c_ends_a_prompt_with_status_130_logs_what_arrived_and_deletes_uploads(
    slow_emu: Emulator, tmp_path: Path
) -> None:
    cli = Cli(slow_emu, tmp_path)
    (tmp_path / "dot.png").write_bytes(PNG)
    words = " ".join(f"word{i}" for i in range(200))
    before = len(slow_emu.requests)
    term = Terminal(cli, "prompt", "-a", "dot.png", "--upload", words)
    term.expect(r"word3 ")
    term.send("\x03")
    assert term.wait() == 130
    conversation = LogDB(tmp_path / ".local" / "share" / "claude-core" / "logs.db").last_conversation()
    assert conversation is not None
    exchange = conversation.exchanges[0]
    assert (exchange.prompt, exchange.error) == (words, "interrupted")
    _stopped_answer(exchange.response.replace("Echo: [image] ", "Echo: "), words)
    file_id = exchange.options["uploads"][0]
    assert [r.path for r in slow_emu.requests[before:] if r.method == "DELETE"] == [f"/v1/files/{file_id}"]


def test_ctrl_c_in_chat_logs_what_arrived(slow_emu: Emulator, tmp_path: Path) -> None:
    cli = Cli(slow_emu, tmp_path)
    term = Terminal(cli, "chat")
    term.expect(r"> ")
    words = " ".join(f"word{i}" for i in range(200))
    term.line(words)
    term.expect(r"Echo: word0 word1 word2 word3 ")
    term.send("\x03")
    term.expect(r"\(answer stopped\)")
    term.line("!exit")
    assert term.wait() == 0
    conversation = LogDB(tmp_path / ".local" / "share" / "claude-core" / "logs.db").last_conversation()
    assert conversation is not None and len(conversation.exchanges) == 1
    assert conversation.exchanges[0].error == "interrupted"
    _stopped_answer(conversation.exchanges[0].response, words)
    assert conversation.messages() == []  # a stopped turn is not resumed by --continue


def test_history_is_kept_between_sessions_without_secrets(cli: Cli) -> None:
    term = Terminal(cli, "chat")
    term.expect(r"> ")
    term.line("remember me")
    term.expect(r"Echo: remember me")
    term.line("my key is sk-ant-api03-typed-by-mistake-0001, keep it")
    term.expect(r"Echo: my key is")
    term.line("!exit")
    assert term.wait() == 0
    history = cli.home / ".local" / "share" / "claude-core" / "chat-history"
    kept = history.read_text()
    assert "remember me" in kept and "my key is [redacted], keep it" in kept
    assert "sk-ant-api03-typed" not in kept
    again = Terminal(cli, "chat")
    again.expect(r"> ")
    again.send("\x1b[A\x1b[A\x1b[A")  # up three times: past "!exit" and the key to "remember me"
    again.send("\r")
    again.expect(r"Echo: remember me")
    again.line("!exit")
    assert again.wait() == 0


@pytest.mark.parametrize("off", ["--no-log", "logs off", "CLAUDE_CORE_LOG=0"])
def test_no_history_is_kept_when_logging_is_off(cli: Cli, off: str) -> None:
    history = cli.home / ".local" / "share" / "claude-core" / "chat-history"
    args = ["chat", "--no-log"] if off == "--no-log" else ["chat"]
    if off == "logs off":
        assert cli("logs", "off").returncode == 0
    elif off == "CLAUDE_CORE_LOG=0":
        cli.env["CLAUDE_CORE_LOG"] = "0"
    term = Terminal(cli, *args)
    term.expect(r"> ")
    term.line("forget me")
    term.expect(r"Echo: forget me")
    term.line("!exit")
    assert term.wait() == 0
    assert not history.exists()


def test_continue_resumes_the_last_conversation_and_cid_a_given_one(cli: Cli) -> None:
    first = Terminal(cli, "chat")
    first.expect(r"> ")
    first.line("first words")
    first.expect(r"Echo: first words")
    first.line("!exit")
    assert first.wait() == 0
    db = LogDB(cli.home / ".local" / "share" / "claude-core" / "logs.db")
    started = db.last_conversation()
    assert started is not None
    other = cli("prompt", "unrelated", input="")
    assert other.returncode == 0
    resumed = Terminal(cli, "chat", "--cid", started.id)
    resumed.expect(r"> ")
    resumed.line("more words")
    resumed.expect(r"Echo: more words")
    resumed.line("!exit")
    assert resumed.wait() == 0
    assert _bodies(cli.emu)[-1]["messages"] == [
        {"role": "user", "content": "first words"},
        {"role": "assistant", "content": "Echo: first words"},
        {"role": "user", "content": "more words"},
    ]
    again = Terminal(cli, "chat", "--continue")
    again.expect(r"> ")
    again.line("last")
    again.expect(r"Echo: last")
    again.line("!exit")
    assert again.wait() == 0
    assert [m["content"] for m in _bodies(cli.emu)[-1]["messages"] if m["role"] == "user"] == [
        "first words",
        "more words",
        "last",
    ]
    conversation = db.conversation(started.id)
    assert conversation is not None and [e.prompt for e in conversation.exchanges] == [
        "first words",
        "more words",
        "last",
    ]


def test_answers_are_markdown_on_a_terminal_and_plain_when_piped(cli: Cli) -> None:
    term = Terminal(cli, "prompt", "--no-log", "a **bold** `move`")
    shown = term.expect(r"Echo: a bold move")
    assert "**" not in shown and "`" not in shown
    assert term.wait() == 0
    piped = cli("prompt", "--no-log", "a **bold** `move`", input="")
    assert piped.stdout == "Echo: a **bold** `move`\n"
    thinking = Terminal(cli, "prompt", "--no-log", "--thinking", "2048", "hi")
    thinking.expect(r"Echo: hi")
    assert thinking.wait() == 0
    assert "\x1b[2;3mThe " in thinking.raw  # dim italic, streamed word by word before the answer
    assert thinking.raw.index("\x1b[2;3mwrote ") < thinking.raw.index("Echo: hi")


def test_resuming_nothing_is_one_error_line(cli: Cli) -> None:
    nothing = cli("chat", "--continue", input="")
    assert nothing.returncode == 2  # as --cid nope: a usage error
    assert nothing.stderr.splitlines()[-1] == (
        "Error: no logged conversation to continue: start one with `claude-core chat`"
    )
    unknown = cli("chat", "--cid", "nope", input="")
    assert unknown.returncode == 2 and "--cid" in unknown.stderr and "Traceback" not in unknown.stderr


def test_piped_lines_are_sent_only_with_stdin_and_no_key_is_printed(cli: Cli) -> None:
    before = len(_bodies(cli.emu))
    refused = cli("chat", "--no-log", input="one\n")
    assert refused.returncode == 2
    assert refused.stderr.splitlines()[-1] == (
        "Error: stdin is not a terminal: to send the lines piped in as turns, add --stdin"
        " (or ask once with claude-core prompt)"
    )
    assert len(_bodies(cli.emu)) == before
    done = cli("chat", "--no-log", "--stdin", input="one\n!multi\ntwo\nthree\n!end\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Echo: one\nEcho: two\nthree\n"  # no "> " prompts: nobody is typing
    assert "> " not in done.stderr
    assert cli.emu.api_key not in done.stdout + done.stderr
    no_key = cli("chat", "--stdin", input="hi\n", env={"ANTHROPIC_API_KEY": ""})
    assert no_key.returncode == 1 and "no credentials" in no_key.stderr.splitlines()[-1]


def test_prompts_go_to_the_terminal_when_stdout_is_piped(cli: Cli) -> None:
    term = Terminal(cli, "chat", "--no-log", piped_stdout=True)
    term.expect(r"> ")
    term.line("hello")
    term.expect(r"> ")
    term.line("!exit")
    assert term.wait() == 0
    assert term.process is not None and term.process.stdout is not None
    assert term.process.stdout.read() == b"Echo: hello\n"


def test_an_answer_taller_than_the_terminal_is_drawn_once(cli: Cli) -> None:
    paragraphs = "\n\n".join(f"para{i} is here" for i in range(80))  # 160 lines on a 40-line terminal
    term = Terminal(cli, "prompt", "--no-log", paragraphs)
    term.expect(r"para79 is here")
    assert term.wait() == 0
    written = _ANSI.sub("", term.raw)
    # a paragraph is redrawn while it arrives, then never again (redrawing the whole answer on
    # every delta wrote the first one once per delta after it, and left copies above the screen)
    assert max(written.count(f"para{i} is here") for i in (0, 40, 79)) <= 3


def test_finished_blocks_end_at_the_last_blank_line_outside_a_code_fence() -> None:
    assert finished_blocks("one\n\ntw") == len("one\n\n")
    assert finished_blocks("one\n\ntwo\n\nthr") == len("one\n\ntwo\n\n")
    assert finished_blocks("```\ncode\n\nmore") == 0  # a blank line inside a fence ends nothing
    assert finished_blocks("```\ncode\n```\n\nnext") == len("```\ncode\n```\n\n")
    assert finished_blocks("no blank line yet") == 0


def test_piped_lines_stop_at_the_first_failed_turn(cli: Cli) -> None:
    before = len(_bodies(cli.emu))
    cli.emu.enqueue(status=400, json={"type": "error", "error": {"type": "invalid_request_error", "message": "bad"}})
    done = cli("chat", "--no-log", "--stdin", input="first\nsecond\n")
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == (
        "Error: the API answered 400: invalid_request_error: bad (stopped there: the rest of stdin is not sent)"
    )
    assert done.stderr.count("Error:") == 1 and done.stdout == ""
    assert [b["messages"][-1]["content"] for b in _bodies(cli.emu)[before:]] == ["first"]  # "second" not sent


def test_a_multi_line_message_is_sent_at_the_end_of_input(cli: Cli) -> None:
    piped = cli("chat", "--no-log", "--stdin", input="!multi\na\nb\n")  # no !end
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == "Echo: a\nb\n"
    assert _bodies(cli.emu)[-1]["messages"] == [{"role": "user", "content": "a\nb"}]
    continued = cli("chat", "--no-log", "--stdin", input="one \\\ntwo \\")  # a trailing backslash, then the end
    assert continued.returncode == 0 and continued.stdout == "Echo: one \ntwo \n"
    term = Terminal(cli, "chat", "--no-log")
    term.expect(r"> ")
    term.line("!multi")
    term.line("typed")
    term.line("lines")
    term.expect(r"lines\s+\.\.\. ")  # the prompt after the last line, not the one before it
    term.send("\x04")  # Ctrl-D inside the block: it is sent, and the session goes on
    term.expect(r"Echo: typed\s+lines")
    term.expect(r"> ")
    assert _bodies(cli.emu)[-1]["messages"] == [{"role": "user", "content": "typed\nlines"}]
    term.send("\x04")  # Ctrl-D at the prompt: the session ends
    assert term.wait() == 0


def test_a_cut_off_answer_in_chat_says_so(cli: Cli) -> None:
    done = cli("chat", "--no-log", "--stdin", "--max-tokens", "3", input="one two three four\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Echo: one two\n"
    assert done.stderr.splitlines()[-1] == (
        "Note: the answer was cut off at --max-tokens 3: raise --max-tokens for a longer one"
    )
