"""``claude-core keys set/get/list/delete``: the keyring plugin's commands added to ``claude-core``
through the CLI's hook, run in a subprocess (``python -m claude_cli``) against keyrings.alt's file
backend in tmp_path: the same behaviour and exit statuses as ``claude-keyring``, the same entries."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import List

import keyring
import pytest
from claude_keyring.cli import mask
from keyring_support import (  # noqa: F401
    BROKEN_BACKEND,
    FAIL_BACKEND,
    SERVICE,
    STORED_KEY,
    WORK_KEY,
    cli,
    keyring_file_fixture,
    use_backend,
)


def keys(*args: str, stdin: str = "") -> "subprocess.CompletedProcess[str]":
    """Run ``claude-core keys ARGS...``, ``stdin`` piped in."""
    return subprocess.run(
        [sys.executable, "-m", "claude_cli", "keys", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
    )


def error_line(result: "subprocess.CompletedProcess[str]") -> str:
    """The one error line (claude-core may also say which broken command plugins it skipped)."""
    (line,) = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert line.startswith("claude-core keys: error: ") and result.stdout == "", result.stderr
    return line


def test_set_get_list_delete_round_trip(keyring_file: Path) -> None:
    stored = keys("set", stdin=STORED_KEY + "\n")
    assert stored.returncode == 0, stored.stderr
    assert stored.stdout == "stored the key 'anthropic' in keyrings.alt.file.PlaintextKeyring (service 'claude-core')\n"
    assert STORED_KEY not in stored.stdout + stored.stderr
    assert keyring.get_password(SERVICE, "anthropic") == STORED_KEY  # the real file backend
    assert keyring_file.is_file()

    assert (keys("get").returncode, keys("get").stdout) == (0, mask(STORED_KEY) + "\n")
    assert keys("get", "--show").stdout == STORED_KEY + "\n"
    assert keys("set", "--profile", "work", stdin=WORK_KEY).returncode == 0
    assert keys("list").stdout.split() == ["anthropic", "anthropic:work"]
    assert keys("list", "--profile", "work").stdout.split() == ["anthropic:work"]

    deleted = keys("delete", "--profile", "work")
    assert deleted.returncode == 0 and deleted.stdout == "deleted the key 'anthropic:work'\n"
    assert keyring.get_password(SERVICE, "anthropic:work") is None
    assert (keys("list").returncode, keys("list").stdout) == (0, "anthropic\n")


def test_the_entries_are_claude_keyrings_own() -> None:
    assert cli("set", "--profile", "shared", stdin=WORK_KEY).returncode == 0  # the claude-keyring script
    assert keys("get", "--show", "--profile", "shared").stdout == WORK_KEY + "\n"
    assert keys("delete", "--profile", "shared").returncode == 0
    assert cli("list").stdout == ""


@pytest.mark.parametrize("command", [["get"], ["get", "--show"], ["delete"]])
def test_no_such_entry_exits_1(command: List[str]) -> None:
    result = keys(*command, "--profile", "work")
    assert result.returncode == 1
    assert (
        error_line(result)
        == "claude-core keys: error: no key 'anthropic:work' in the OS keyring (service 'claude-core')"
    )


def test_usage_errors_exit_2_and_never_echo_a_key() -> None:
    typed = keys("set", STORED_KEY, stdin="from-stdin-not-stored")
    assert typed.returncode == 2 and STORED_KEY not in typed.stderr
    assert "read from a hidden prompt or stdin" in error_line(typed)
    assert keyring.get_password(SERVICE, "anthropic") is None
    for args, message in ((["set"], "no key given"), (["get", "--profile", "a:b"], "'a:b' is not a name")):
        result = keys(*args)
        assert result.returncode == 2
        line = error_line(result)
        assert message in line and line.endswith("(see claude-core keys --help)")
    unknown = keys("rotate")
    assert unknown.returncode == 2 and "No such command 'rotate'" in unknown.stderr


@pytest.mark.parametrize(
    ("backend", "message"),
    [
        (FAIL_BACKEND, "no keyring backend is available"),
        (BROKEN_BACKEND, "the keyring backend failed: RuntimeError: the keyring daemon is not answering"),
    ],
)
def test_no_backend_or_a_failing_one_exits_1_as_claude_core_errors_do(
    monkeypatch: pytest.MonkeyPatch, backend: str, message: str
) -> None:
    use_backend(monkeypatch, backend)
    for command in (["list"], ["get"], ["set"]):
        result = keys(*command, stdin=STORED_KEY)
        assert result.returncode == 1, result.stderr  # claude-core's statuses: 0, 1, 2, 130
        assert error_line(result) == f"claude-core keys: error: {message}"
    assert cli("list").returncode == 3  # the claude-keyring command keeps its own documented status


def test_help_lists_the_commands_and_each_commands_options() -> None:
    group = keys("--help")
    assert group.returncode == 0
    commands = re.findall(r"^  (\w+)  +(.*)$", group.stdout.split("Commands:")[1], re.M)
    assert [name for name, _ in commands] == ["delete", "get", "list", "set"]
    assert ("get", "print a stored key, masked unless --show") in commands
    get = keys("get", "--help")
    assert get.returncode == 0 and get.stdout.startswith("usage: claude-core keys get ")
    assert "--show" in get.stdout and "--profile" in get.stdout


def test_the_entry_point_needs_neither_the_cli_nor_click() -> None:
    distribution = metadata.distribution("claude-keyring")
    points = {(point.group, point.name): point.value for point in distribution.entry_points}
    assert points[("claude_cli", "keyring")] == "claude_keyring.commands"
    blocked = "import sys; sys.modules['claude_cli'] = sys.modules['click'] = None; import claude_keyring.commands"
    subprocess.run([sys.executable, "-c", blocked], check=True, timeout=60)
