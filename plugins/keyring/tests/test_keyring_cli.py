"""The ``claude-keyring`` command, run as the installed console script in a subprocess, against
keyrings.alt's file backend in tmp_path (and backends that fail)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import List

import keyring
import pytest
from claude_keyring.cli import mask
from keyring_support import (  # noqa: F401
    BROKEN_BACKEND,
    FAIL_BACKEND,
    SCRIPT,
    SERVICE,
    STORED_KEY,
    WORK_KEY,
    cli,
    keyring_file_fixture,
    use_backend,
)


def one_line_error(result: "subprocess.CompletedProcess[str]") -> str:
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("claude-keyring: error: "), result.stderr
    assert result.stdout == ""
    return lines[0]


def test_set_get_list_delete_round_trip(keyring_file: Path) -> None:
    stored = cli("set", stdin=STORED_KEY + "\n")
    assert stored.returncode == 0, stored.stderr
    assert stored.stdout == "stored the key 'anthropic' in keyrings.alt.file.PlaintextKeyring (service 'claude-core')\n"
    assert STORED_KEY not in stored.stdout + stored.stderr
    assert keyring.get_password(SERVICE, "anthropic") == STORED_KEY  # the real file backend
    assert keyring_file.is_file()

    masked = cli("get")
    assert (masked.returncode, masked.stdout) == (0, mask(STORED_KEY) + "\n")
    assert masked.stdout == "sk-ant-...0004\n"
    shown = cli("get", "--show")
    assert (shown.returncode, shown.stdout) == (0, STORED_KEY + "\n")

    assert cli("list").stdout == "anthropic\n"
    deleted = cli("delete")
    assert deleted.returncode == 0 and "'anthropic'" in deleted.stdout
    assert keyring.get_password(SERVICE, "anthropic") is None
    assert (cli("list").returncode, cli("list").stdout) == (0, "")


def test_providers_and_profiles_have_entries_of_their_own() -> None:
    assert cli("set", stdin=STORED_KEY).returncode == 0
    assert cli("set", "--profile", "work", stdin=WORK_KEY).returncode == 0
    assert cli("set", "--provider", "bedrock", stdin="bedrock-api-key-0006").returncode == 0
    replaced = cli("set", "--provider", "bedrock", stdin="replaced-bedrock-api-key")
    assert replaced.stdout.startswith("replaced the key 'bedrock' in keyrings.alt.file.PlaintextKeyring")
    assert cli("set", stdin=STORED_KEY, env={"CLAUDE_CORE_PROFILE": "ci"}).returncode == 0

    assert keyring.get_password(SERVICE, "anthropic:work") == WORK_KEY
    assert keyring.get_password(SERVICE, "anthropic:ci") == STORED_KEY
    assert keyring.get_password(SERVICE, "bedrock") == "replaced-bedrock-api-key"
    assert cli("list").stdout.split() == ["anthropic", "anthropic:ci", "anthropic:work", "bedrock"]
    assert cli("list", "--provider", "anthropic").stdout.split() == ["anthropic", "anthropic:ci", "anthropic:work"]
    assert cli("list", "--profile", "work").stdout.split() == ["anthropic:work"]
    assert cli("get", "--show", "--profile", "work").stdout == WORK_KEY + "\n"
    assert cli("get", "--show", env={"CLAUDE_CORE_PROFILE": "work"}).stdout == WORK_KEY + "\n"

    assert cli("delete", "--profile", "work").returncode == 0
    assert cli("list").stdout.split() == ["anthropic", "anthropic:ci", "bedrock"]
    assert keyring.get_password(SERVICE, "anthropic") == STORED_KEY


def test_list_leaves_out_entries_deleted_elsewhere() -> None:
    assert cli("set", "--profile", "old", stdin=STORED_KEY).returncode == 0
    keyring.delete_password(SERVICE, "anthropic:old")  # with keyring's own API
    assert cli("list").stdout == ""


@pytest.mark.parametrize("command", [["get"], ["get", "--show"], ["delete"]])
def test_no_such_entry_exits_1(command: List[str]) -> None:
    result = cli(*command, "--profile", "work")
    assert result.returncode == 1
    assert (
        one_line_error(result)
        == "claude-keyring: error: no key 'anthropic:work' in the OS keyring (service 'claude-core')"
    )


def test_set_never_takes_the_key_from_the_command_line() -> None:
    for args in (["set", STORED_KEY], ["set", "--profile", "work", STORED_KEY], ["set", f"--key={STORED_KEY}"]):
        result = cli(*args, stdin="from-stdin-not-stored")
        assert result.returncode == 2
        assert STORED_KEY not in result.stderr
        assert "read from a hidden prompt or stdin" in one_line_error(result)
    assert keyring.get_password(SERVICE, "anthropic") is None
    assert keyring.get_password(SERVICE, "anthropic:work") is None


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        ([], "", "the following arguments are required: COMMAND"),
        (["rotate"], "", "invalid choice: 'rotate'"),
        (["set"], "", "no key given"),
        (["set"], " \n\n", "no key given"),
        (["get", "--provider", "bad name"], "", "argument --provider: 'bad name' is not a name"),
        (["get", "--profile", "a:b"], "", "argument --profile: 'a:b' is not a name"),
        (["get", "--profile", "__index__"], "", "is not a name"),
    ],
)
def test_usage_errors_exit_2(args: List[str], stdin: str, message: str) -> None:
    result = cli(*args, stdin=stdin)
    assert result.returncode == 2
    line = one_line_error(result)
    assert message in line and line.endswith("(see claude-keyring --help)")


def test_a_bad_profile_in_the_environment_is_a_usage_error() -> None:
    result = cli("get", env={"CLAUDE_CORE_PROFILE": "two words"})
    assert result.returncode == 2
    assert "$CLAUDE_CORE_PROFILE: invalid keyring profile name 'two words'" in one_line_error(result)


def test_help_exits_0() -> None:
    result = cli("--help")
    assert result.returncode == 0
    assert all(command in result.stdout for command in ("set", "get", "delete", "list"))


@pytest.mark.parametrize(
    ("backend", "message"),
    [
        (FAIL_BACKEND, "claude-keyring: error: no keyring backend is available"),
        (
            BROKEN_BACKEND,
            "claude-keyring: error: the keyring backend failed: RuntimeError: the keyring daemon is not answering",
        ),
    ],
)
@pytest.mark.parametrize("command", [["set"], ["get"], ["delete"], ["list"]])
def test_no_backend_or_a_failing_one_exits_3(
    monkeypatch: pytest.MonkeyPatch, backend: str, message: str, command: List[str]
) -> None:
    use_backend(monkeypatch, backend)
    result = cli(*command, stdin=STORED_KEY)
    assert result.returncode == 3
    assert one_line_error(result) == message


def test_set_prompts_with_echo_off_on_a_terminal() -> None:
    """On a terminal the key is read by getpass: the prompt goes out, what is typed is not echoed."""
    master, slave = pty.openpty()
    # a session of its own, without a controlling terminal: getpass then turns echo off on stdin, the pty
    process = subprocess.Popen(
        [str(SCRIPT), "set", "--profile", "typed"],
        stdin=slave,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    os.close(slave)
    try:
        assert process.stderr is not None
        prompt = b""
        deadline = time.monotonic() + 30
        while b"(input hidden): " not in prompt and time.monotonic() < deadline:
            if select.select([process.stderr], [], [], 0.5)[0]:
                prompt += os.read(process.stderr.fileno(), 1024)
        assert prompt == b"API key for 'anthropic:typed' (input hidden): "
        os.write(master, STORED_KEY.encode() + b"\n")
        out, _ = process.communicate(timeout=30)
        echoed = b""
        while select.select([master], [], [], 0.2)[0]:
            try:
                echoed += os.read(master, 1024)
            except OSError:  # the other side is closed
                break
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, out
    assert STORED_KEY.encode() not in echoed + out
    assert keyring.get_password(SERVICE, "anthropic:typed") == STORED_KEY


@pytest.mark.parametrize(
    "command",
    [[str(SCRIPT), "set"], [sys.executable, "-m", "claude_cli", "keys", "set"]],
    ids=["claude-keyring", "claude-core keys"],
)
def test_ctrl_c_at_the_hidden_prompt_ends_its_line_with_status_130(command: List[str]) -> None:
    """Ctrl-C is not echoed while echo is off: the command ends the prompt's line itself, so the
    shell's next prompt starts on a line of its own."""
    pid, master = pty.fork()  # the pty is the command's controlling terminal: Ctrl-C is SIGINT
    if pid == 0:
        os.execv(command[0], [*command, "--profile", "interrupted"])
    written = b""
    try:
        deadline = time.monotonic() + 30
        while b"(input hidden): " not in written and time.monotonic() < deadline:
            if select.select([master], [], [], 0.5)[0]:
                written += os.read(master, 1024)
        assert written.endswith(b"API key for 'anthropic:interrupted' (input hidden): ")
        os.write(master, b"\x03")
        while select.select([master], [], [], 10)[0]:
            try:
                chunk = os.read(master, 1024)
            except OSError:  # the command ended and closed the terminal
                break
            if not chunk:
                break
            written += chunk
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(master)
    assert os.waitstatus_to_exitcode(status) == 130
    assert written.split(b"(input hidden): ", 1)[1] == b"\r\n"  # the line ended, nothing else written
    assert keyring.get_password(SERVICE, "anthropic:interrupted") is None
