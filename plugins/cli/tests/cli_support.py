"""What the CLI's tests share: running ``claude-core`` in a subprocess against an emulator.

Not a ``conftest.py`` (pytest imports every ``conftest.py`` of a folder that is not a package as
the one module ``conftest``): test modules import the fixtures they use from here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterator, Optional

import pytest
from claude_emulator import Emulator

__all__ = ["Cli", "cli_fixture", "emu_fixture"]


@pytest.fixture(name="emu", scope="module")
def emu_fixture() -> Iterator[Emulator]:
    with Emulator() as emu:
        yield emu


class Cli:
    """Runs ``claude-core`` (``python -m claude_cli``) with a clean environment pointed at ``emu``:
    no key or setting of the machine's, a home of its own (the log database lives there)."""

    def __init__(self, emu: Emulator, home: Path) -> None:
        self.emu = emu
        self.home = home
        self.env: Dict[str, str] = {
            k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_", "NO_COLOR"))
        }
        self.env.update(
            ANTHROPIC_API_KEY=emu.api_key,
            ANTHROPIC_BASE_URL=emu.base_url,
            HOME=str(home),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_CONFIG_HOME=str(home / ".config"),
            PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
            PYTHONWARNINGS="ignore",
            COLUMNS="200",
        )

    def __call__(
        self, *args: str, input: Optional[str] = None, env: Optional[Dict[str, str]] = None, timeout: float = 60
    ) -> "subprocess.CompletedProcess[str]":
        environment = {**self.env, **(env or {})}
        environment = {k: v for k, v in environment.items() if v is not None}
        return subprocess.run(
            [sys.executable, "-m", "claude_cli", *args],
            input=input,
            capture_output=True,
            text=True,
            env=environment,
            cwd=self.home,
            timeout=timeout,
        )


@pytest.fixture(name="cli")
def cli_fixture(emu: Emulator, tmp_path: Path) -> Cli:
    return Cli(emu, tmp_path)
