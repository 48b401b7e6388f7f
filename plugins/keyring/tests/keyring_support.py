"""What the keyring plugin's tests share: keys, backends, the CLI runner and fixtures.

Every test runs against a real keyring backend: keyrings.alt's plain-file backend, its
file in the test's tmp_path, chosen through the environment (``PYTHON_KEYRING_BACKEND``,
``XDG_DATA_HOME``) so that subprocesses running the ``claude-keyring`` command see the same
file. :class:`RecordingKeyring` and :class:`BrokenKeyring` are backends of our own,
installed the same way (this folder goes on ``PYTHONPATH`` for subprocesses).

Not a ``conftest.py``: pytest imports each ``conftest.py`` of a folder that is not a package
as the one module ``conftest``, and ``provider_bedrock/tests`` imports its constants from
``conftest``. Test modules import the fixtures they use from here.
"""

from __future__ import annotations

import os
import subprocess
import sysconfig
import threading
from pathlib import Path
from typing import Any, ClassVar, Dict, Iterator, List, Optional, Tuple

import keyring
import keyring.core
import pytest
from claude_emulator import Emulator
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

HERE = Path(__file__).resolve().parent
SERVICE = "claude-core"
#: The installed ``claude-keyring`` console script.
SCRIPT = Path(sysconfig.get_path("scripts")) / "claude-keyring"
FILE_BACKEND = "keyrings.alt.file.PlaintextKeyring"
FAIL_BACKEND = "keyring.backends.fail.Keyring"
RECORDING_BACKEND = "keyring_support.RecordingKeyring"
BROKEN_BACKEND = "keyring_support.BrokenKeyring"

ARG_KEY = "sk-ant-api03-given-as-an-argument-0001"
ENV_KEY = "sk-ant-api03-from-the-environment-0002"
ENV_TOKEN = "bearer-token-from-the-environment-0003"
STORED_KEY = "sk-ant-api03-stored-in-the-keyring-0004"
WORK_KEY = "sk-ant-api03-stored-for-profile-work-0005"
MODEL = "claude-sonnet-4-5"
MESSAGES: Any = [{"role": "user", "content": "Hello there, Claude"}]

#: Settings of the machine that would change which credentials or keyring a test sees.
_ISOLATED_ENV = (
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_AUTH_TOKEN",
    "ANTHROPIC_BASE_URL",
    "ANTHROPIC_LOG",
    "CLAUDE_CORE_PROFILE",
    "CLAUDE_CORE_DISABLE_PLUGINS",
    "PYTHON_KEYRING_BACKEND",
    "XDG_DATA_HOME",
    "XDG_CONFIG_HOME",
)


class RecordingKeyring(KeyringBackend):
    """A backend of our own, in memory, recording every call and the thread it ran on."""

    #: Below every real backend: keyring's own detection never picks it, only PYTHON_KEYRING_BACKEND.
    priority: ClassVar[float] = -1
    calls: ClassVar[List[Tuple[str, str, threading.Thread]]] = []
    entries: ClassVar[Dict[Tuple[str, str], str]] = {}

    def get_password(self, service: str, username: str) -> Optional[str]:
        self.calls.append(("get", username, threading.current_thread()))
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls.append(("set", username, threading.current_thread()))
        self.entries[service, username] = password

    def delete_password(self, service: str, username: str) -> None:
        self.calls.append(("delete", username, threading.current_thread()))
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


class BrokenKeyring(KeyringBackend):
    """A backend that fails every call, as a locked or misconfigured one does."""

    priority: ClassVar[float] = -1

    def get_password(self, service: str, username: str) -> Optional[str]:
        raise RuntimeError("the keyring daemon is not answering")

    def set_password(self, service: str, username: str, password: str) -> None:
        self.get_password(service, username)

    def delete_password(self, service: str, username: str) -> None:
        self.get_password(service, username)


def use_backend(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Choose the keyring backend ``name`` for this process and its subprocesses, as a user would."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", name)
    keyring.core.init_backend()  # keyring keeps the backend it chose first; choose again


@pytest.fixture(name="keyring_file", autouse=True)
def keyring_file_fixture(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """No credential or keyring setting of the machine leaks in; keyrings.alt's file backend,
    with its file (the path returned) under tmp_path."""
    saved = keyring.get_keyring()
    for name in _ISOLATED_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no keyringrc.cfg of the user's
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")])))
    use_backend(monkeypatch, FILE_BACKEND)
    RecordingKeyring.calls.clear()
    RecordingKeyring.entries.clear()
    yield tmp_path / "data" / "python_keyring" / "keyring_pass.cfg"
    keyring.set_keyring(saved)


@pytest.fixture(name="emulator_server", scope="module")
def emulator_server_fixture() -> Iterator[Emulator]:
    """One strict emulator per module: only the test keys and token authenticate."""
    with Emulator(api_keys=[ARG_KEY, ENV_KEY, STORED_KEY, WORK_KEY], auth_tokens=[ENV_TOKEN]) as emu:
        yield emu


@pytest.fixture(name="emulator")
def emulator_fixture(emulator_server: Emulator) -> Iterator[Emulator]:
    emulator_server.reset()
    yield emulator_server
    emulator_server.reset()


def store(username: str, secret: str) -> None:
    """Put ``secret`` in the backend in use, under claude-core's service, with keyring's own API."""
    keyring.set_password(SERVICE, username, secret)


def sent_key(emu: Emulator) -> Optional[str]:
    """The ``x-api-key`` of the last request the emulator received."""
    key: Optional[str] = emu.requests[-1].headers.get("x-api-key")
    return key


def cli(*args: str, stdin: str = "", env: Optional[Dict[str, str]] = None) -> "subprocess.CompletedProcess[str]":
    """Run the installed ``claude-keyring`` console script with ``args``, ``stdin`` piped in."""
    return subprocess.run(
        [str(SCRIPT), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )
