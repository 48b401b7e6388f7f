"""``claude-core emulator serve``: the emulator's command added to ``claude-core`` through the CLI's
hook, run in a subprocess (``python -m claude_cli``), its options ``claude-emulator serve``'s own."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import sysconfig
from importlib import metadata
from pathlib import Path
from typing import Iterator, List

import pytest

import claude_core

#: The machine's settings that would change which server or key a client picks.
ENV = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_CORE_"))}
#: The installed ``claude-emulator`` console script.
SCRIPT = Path(sysconfig.get_path("scripts")) / "claude-emulator"
BANNER = re.compile(r"Claude API emulator listening on (http://127\.0\.0\.1:(\d+)) \((.*)\)\n")


def claude_core_command(*args: str) -> List[str]:
    return [sys.executable, "-m", "claude_cli", *args]


@pytest.fixture
def served() -> Iterator["subprocess.Popen[str]"]:
    """``claude-core emulator serve`` on a free port, accepting only the key ``sk-served``."""
    command = claude_core_command("emulator", "serve", "--port", "0", "--api-key", "sk-served", "--quiet")
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    yield process
    process.terminate()
    process.wait(timeout=10)
    for stream in (process.stdout, process.stderr):
        assert stream is not None
        stream.close()


def test_help_is_the_emulators_own_under_the_new_name() -> None:
    done = subprocess.run(
        claude_core_command("emulator", "serve", "--help"), capture_output=True, text=True, env=ENV, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: claude-core emulator serve ")
    for option in ("--port", "--api-key", "--no-auth", "--rpm", "--aws-profile", "--env-file"):
        assert option in done.stdout
    group = subprocess.run(claude_core_command("--help"), capture_output=True, text=True, env=ENV, timeout=60)
    assert re.search(r"^  emulator +An offline Claude API emulator", group.stdout, re.M), group.stdout


def test_serve_answers_calls_with_the_options_given(served: "subprocess.Popen[str]") -> None:
    assert served.stdout is not None
    banner = served.stdout.readline()
    match = BANNER.fullmatch(banner)
    assert match, banner
    url, note = match.group(1), match.group(3)
    assert note == "strict: 1 API key(s) and 0 bearer token(s) accepted"
    with claude_core.Anthropic(base_url=url, api_key="sk-served", max_retries=0) as client:
        message = client.messages.create(
            model="claude-sonnet-4-5", max_tokens=16, messages=[{"role": "user", "content": "served"}]
        )
        assert message.content[0].text == "Echo: served"  # type: ignore[union-attr]
    with (
        claude_core.Anthropic(base_url=url, api_key="sk-other", max_retries=0) as client,
        pytest.raises(claude_core.AuthenticationError),
    ):
        client.models.list()
    served.terminate()
    assert served.wait(timeout=10) == 0


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # as a shell starts it, even under a runner that ignores it


@pytest.mark.parametrize(
    ("command", "status"),
    [
        (claude_core_command("emulator", "serve"), 130),  # claude-core's status when interrupted
        ([str(SCRIPT), "serve"], 0),  # claude-emulator serve: Ctrl-C is how it is stopped
    ],
)
def test_ctrl_c_stops_serve_with_the_commands_own_status(command: List[str], status: int) -> None:
    process = subprocess.Popen(
        [*command, "--port", "0", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        preexec_fn=_default_sigint,
    )
    assert process.stdout is not None
    assert BANNER.fullmatch(process.stdout.readline())
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == status, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "70000"], "argument --port: port must be from 0 to 65535, not 70000"),
        (["--no-auth", "--api-key", "k"], "--no-auth accepts every request; it cannot be combined"),
        (["--rate-limit-time-scale", "60"], "give --rpm, --itpm or --otpm with it"),
    ],
)
def test_bad_options_exit_2_naming_the_command(args: List[str], message: str) -> None:
    done = subprocess.run(
        claude_core_command("emulator", "serve", *args), capture_output=True, text=True, env=ENV, timeout=60
    )
    assert done.returncode == 2
    (error,) = [line for line in done.stderr.splitlines() if ": error: " in line]
    assert error.startswith("claude-core emulator") and message in error, error
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_the_entry_point_needs_neither_the_cli_nor_click() -> None:
    distribution = metadata.distribution("claude-emulator")
    points = {(point.group, point.name): point.value for point in distribution.entry_points}
    assert points[("claude_cli", "emulator")] == "claude_emulator.commands"
    requires = distribution.requires or []
    assert not [r for r in requires if r.startswith(("claude-cli", "click"))], requires
    blocked = "import sys; sys.modules['claude_cli'] = sys.modules['click'] = None; import claude_emulator.commands"
    subprocess.run([sys.executable, "-c", blocked], check=True, env=ENV, timeout=60)
