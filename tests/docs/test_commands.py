"""Every command the project installs (each ``[project.scripts]`` entry of each distribution)
answers ``--version`` with its name and its distribution's version, exit status 0."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from importlib import metadata
from pathlib import Path
from typing import List, Tuple

import pytest

from .test_install_lines import DISTRIBUTIONS, _project

SCRIPTS = Path(sysconfig.get_path("scripts"))


def _commands() -> List[Tuple[str, str]]:
    """(command, distribution) for every console script the project's distributions declare."""
    found = []
    for distribution, folder in DISTRIBUTIONS.items():
        found += [(command, distribution) for command in _project(folder).get("scripts", {})]
    return sorted(found)


COMMANDS = _commands()


def test_the_project_installs_commands() -> None:
    assert ("claude-emulator", "claude-emulator") in COMMANDS and ("claude-keyring", "claude-keyring") in COMMANDS


@pytest.mark.parametrize(("command", "distribution"), COMMANDS)
def test_every_command_has_version(command: str, distribution: str) -> None:
    executable = SCRIPTS / (command + (".exe" if sys.platform == "win32" else ""))
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    done = subprocess.run([str(executable), "--version"], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{command} {metadata.version(distribution)} ("), done.stdout
    assert done.stdout.count("\n") == 1 and done.stderr == ""
