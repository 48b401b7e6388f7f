"""Shell completion for bash, zsh and fish: click's, through ``_CLAUDE_CORE_COMPLETE``, in a subprocess."""

from __future__ import annotations

import shutil
import subprocess
import sysconfig
from pathlib import Path
from typing import List

import pytest
from cli_support import Cli, cli_fixture, emu_fixture  # noqa: F401

#: The first line of each shell's script, as click writes it.
SCRIPT_STARTS = {
    "bash": "_claude_core_completion() {",
    "zsh": "#compdef claude-core",
    "fish": "function _claude_core_completion;",
}


def complete(cli: Cli, shell: str, words: str, current: str) -> List[str]:
    """What ``claude-core`` offers for ``words`` through click's protocol: the ``plain`` items' values."""
    done = cli(env={"_CLAUDE_CORE_COMPLETE": f"{shell}_complete", "COMP_WORDS": words, "COMP_CWORD": current})
    assert done.returncode == 0, done.stderr
    if shell == "zsh":  # three lines an item: type, value, help
        lines = done.stdout.splitlines()
        return [lines[i + 1] for i in range(0, len(lines), 3) if lines[i] == "plain"]
    items = [line.split("\t")[0].split(",", 1) for line in done.stdout.splitlines() if line]
    return [value for kind, value in items if kind == "plain"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shells_script_is_printed(cli: Cli, shell: str) -> None:
    done = cli(env={"_CLAUDE_CORE_COMPLETE": f"{shell}_source"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.lstrip().splitlines()[0] == SCRIPT_STARTS[shell]
    assert f"_CLAUDE_CORE_COMPLETE={shell}_complete" in done.stdout


@pytest.mark.parametrize(("shell", "current"), [("bash", "1"), ("zsh", "1"), ("fish", "pl")])
def test_completing_pl_offers_plugins(cli: Cli, shell: str, current: str) -> None:
    assert "plugins" in complete(cli, shell, "claude-core pl", current)
    assert "keys" not in complete(cli, shell, "claude-core pl", current)


def test_commands_other_distributions_add_complete_too(cli: Cli) -> None:
    assert complete(cli, "bash", "claude-core keys ", "2") == ["delete", "get", "list", "set"]
    assert "serve" in complete(cli, "bash", "claude-core emulator ", "2")
    assert complete(cli, "bash", "claude-core plugins --j", "2") == ["--json"]


def test_the_options_of_commands_that_pass_their_arguments_on_complete(cli: Cli) -> None:
    assert complete(cli, "bash", "claude-core keys get --", "3") == ["--help", "--provider", "--profile", "--show"]
    assert complete(cli, "bash", "claude-core keys get --profile work --s", "5") == ["--show"]
    assert complete(cli, "bash", "claude-core keys set --s", "3") == []  # `set` has no --show
    serve = complete(cli, "fish", "claude-core emulator serve --port 0 --r", "--r")
    assert serve == ["--rpm", "--rate-limit-time-scale"]
    done = cli(
        env={"_CLAUDE_CORE_COMPLETE": "zsh_complete", "COMP_WORDS": "claude-core keys get --sh", "COMP_CWORD": "3"}
    )
    assert done.stdout.splitlines() == ["plain", "--show", "print the key itself"]  # with the option's help


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_runs_the_script_and_completes_through_the_installed_command(cli: Cli) -> None:
    scripts = Path(sysconfig.get_path("scripts"))
    assert (scripts / "claude-core").exists()
    script = cli(env={"_CLAUDE_CORE_COMPLETE": "bash_source"}).stdout
    ask = "COMP_WORDS=(claude-core pl); COMP_CWORD=1; _claude_core_completion claude-core"
    session = f'{script}\n{ask}\nprintf "%s\\n" "${{COMPREPLY[@]}}"\n'
    env = {**cli.env, "PATH": f"{scripts}:{cli.env.get('PATH', '')}"}
    done = subprocess.run(
        ["bash", "--norc", "--noprofile"], input=session, capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "plugins" in done.stdout.split()
