"""Clients with no key of their own authenticate with the key in the keyring, over real HTTP to a
strict emulator: precedence, profiles, when and where the keyring is read, failing backends."""

from __future__ import annotations

import asyncio
import base64
import logging
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

import pytest
from claude_emulator import Emulator
from keyring_support import (  # noqa: F401
    ARG_KEY,
    BROKEN_BACKEND,
    ENV_KEY,
    ENV_TOKEN,
    FAIL_BACKEND,
    MESSAGES,
    MODEL,
    RECORDING_BACKEND,
    SERVICE,
    STORED_KEY,
    WORK_KEY,
    RecordingKeyring,
    cli,
    emulator_fixture,
    emulator_server_fixture,
    keyring_file_fixture,
    sent_key,
    store,
    use_backend,
)

import claude_core
from claude_core import MissingCredentialsError, PluginError

PLACE = "the OS keyring (service 'claude-core', username {!r}"


def call(mode: str, emu: Emulator, **client_kwargs: Any) -> None:
    """One messages.create call from a new client, sync or async."""
    client_kwargs.setdefault("base_url", emu.base_url)
    if mode == "sync":
        with claude_core.Anthropic(**client_kwargs) as client:
            client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES)
        return

    async def go() -> None:
        async with claude_core.AsyncAnthropic(**client_kwargs) as client:
            await client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES)

    asyncio.run(go())


@pytest.fixture(name="mode", params=["sync", "async"])
def mode_fixture(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_a_client_with_no_key_authenticates_with_the_stored_one(keyring_file: Path, emulator: Emulator) -> None:
    """The key goes in with the command, then a client finds it in the file backend."""
    assert cli("set", stdin=STORED_KEY).returncode == 0
    assert base64.b64encode(STORED_KEY.encode()).decode() in keyring_file.read_text()  # keyrings.alt's file
    with Emulator(api_keys=[STORED_KEY]) as strict:  # accepts this key only
        call("sync", strict)
        assert sent_key(strict) == STORED_KEY
        with pytest.raises(claude_core.AuthenticationError):
            call("sync", strict, api_key=ARG_KEY)


#: (client arguments, environment, the header that must reach the API): the keyring holds STORED_KEY.
PRECEDENCE = [
    ({"api_key": ARG_KEY}, {"ANTHROPIC_API_KEY": ENV_KEY}, ("x-api-key", ARG_KEY)),
    ({"api_key": ARG_KEY}, {}, ("x-api-key", ARG_KEY)),
    ({"auth_token": ENV_TOKEN}, {}, ("authorization", f"Bearer {ENV_TOKEN}")),
    ({}, {"ANTHROPIC_API_KEY": ENV_KEY}, ("x-api-key", ENV_KEY)),
    ({}, {"ANTHROPIC_AUTH_TOKEN": ENV_TOKEN}, ("authorization", f"Bearer {ENV_TOKEN}")),
    ({}, {}, ("x-api-key", STORED_KEY)),
]


@pytest.mark.parametrize(("kwargs", "env", "header"), PRECEDENCE)
def test_argument_beats_environment_beats_keyring(
    monkeypatch: pytest.MonkeyPatch,
    emulator: Emulator,
    mode: str,
    kwargs: Dict[str, str],
    env: Dict[str, str],
    header: Tuple[str, str],
) -> None:
    store("anthropic", STORED_KEY)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    call(mode, emulator, **kwargs)
    headers = emulator.requests[-1].headers
    assert headers.get(header[0]) == header[1]
    assert STORED_KEY not in headers.values() or header[1] == STORED_KEY


@pytest.mark.parametrize(
    ("kwargs", "env"),
    [({"api_key": ARG_KEY}, {}), ({}, {"ANTHROPIC_API_KEY": ENV_KEY}), ({}, {"ANTHROPIC_AUTH_TOKEN": ENV_TOKEN})],
)
def test_the_keyring_is_not_read_when_the_argument_or_environment_answers(
    monkeypatch: pytest.MonkeyPatch, emulator: Emulator, mode: str, kwargs: Dict[str, str], env: Dict[str, str]
) -> None:
    use_backend(monkeypatch, RECORDING_BACKEND)
    RecordingKeyring.entries[SERVICE, "anthropic"] = STORED_KEY
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    call(mode, emulator, **kwargs)
    assert RecordingKeyring.calls == []


def test_nothing_anywhere_names_every_place_looked(emulator: Emulator, mode: str) -> None:
    with pytest.raises(MissingCredentialsError) as raised:
        call(mode, emulator)
    message = str(raised.value)
    for place in ("api_key", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", PLACE.format("anthropic") + ")"):
        assert place in message
    assert message.index("ANTHROPIC_AUTH_TOKEN") < message.index("the OS keyring")
    assert emulator.requests == []


@pytest.mark.parametrize(
    ("options", "env_profile", "expected"),
    [
        (None, None, STORED_KEY),
        ({"keyring": {"profile": "work"}}, None, WORK_KEY),
        (None, "work", WORK_KEY),
        ({"keyring": {"profile": "work"}}, "other", WORK_KEY),  # the option beats the environment
        ({"keyring": {"profile": None}}, "work", STORED_KEY),  # None: the default profile, whatever the environment
        ({"keyring": {}}, "work", WORK_KEY),
    ],
)
def test_profiles(
    monkeypatch: pytest.MonkeyPatch,
    emulator: Emulator,
    options: Optional[Dict[str, Any]],
    env_profile: Optional[str],
    expected: str,
) -> None:
    store("anthropic", STORED_KEY)
    store("anthropic:work", WORK_KEY)
    if env_profile is not None:
        monkeypatch.setenv("CLAUDE_CORE_PROFILE", env_profile)
    call("sync", emulator, provider_options=options)
    assert sent_key(emulator) == expected


def test_a_profile_with_no_key_is_named_in_the_error(monkeypatch: pytest.MonkeyPatch, emulator: Emulator) -> None:
    store("anthropic", STORED_KEY)
    monkeypatch.setenv("CLAUDE_CORE_PROFILE", "staging")
    with pytest.raises(MissingCredentialsError, match="username 'anthropic:staging'"):
        call("sync", emulator)


@pytest.mark.parametrize(
    "options",
    [
        {"keyring": "work"},
        {"keyring": {"profil": "work"}},
        {"keyring": {"profile": 3}},
        {"keyring": {"profile": "a b"}},
    ],
)
def test_bad_keyring_options_fail_naming_the_plugin(emulator: Emulator, options: Dict[str, Any]) -> None:
    with pytest.raises(PluginError) as raised:
        call("sync", emulator, provider_options=options)
    assert (raised.value.plugin, raised.value.hook) == ("keyring", "claude_credentials")
    assert "keyring" in str(raised.value)


def test_read_once_per_client_at_its_first_request(monkeypatch: pytest.MonkeyPatch, emulator: Emulator) -> None:
    use_backend(monkeypatch, RECORDING_BACKEND)
    RecordingKeyring.entries[SERVICE, "anthropic"] = STORED_KEY
    client = claude_core.Anthropic(base_url=emulator.base_url)
    async_client = claude_core.AsyncAnthropic(base_url=emulator.base_url)
    repr(client), repr(client.options), repr(async_client)
    assert RecordingKeyring.calls == []  # construction reads nothing
    with client:
        client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES)
        with client.messages.stream(model=MODEL, max_tokens=16, messages=MESSAGES) as stream:
            stream.until_done()
        client.messages.count_tokens(model=MODEL, messages=MESSAGES)
    assert [(op, user) for op, user, _ in RecordingKeyring.calls] == [("get", "anthropic")]
    assert RecordingKeyring.calls[0][2] is threading.main_thread()
    assert [sent_key(emulator)] * 3 == [request.headers.get("x-api-key") for request in emulator.requests]
    asyncio.run(async_client.close())


def test_the_async_client_reads_off_the_event_loop(monkeypatch: pytest.MonkeyPatch, emulator: Emulator) -> None:
    use_backend(monkeypatch, RECORDING_BACKEND)
    RecordingKeyring.entries[SERVICE, "anthropic"] = STORED_KEY

    async def go() -> threading.Thread:
        async with claude_core.AsyncAnthropic(base_url=emulator.base_url) as client:
            await asyncio.gather(
                *(client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES) for _ in range(5))
            )
        return threading.current_thread()

    loop_thread = asyncio.run(go())
    assert len(RecordingKeyring.calls) == 1  # five concurrent first requests, one read
    assert RecordingKeyring.calls[0][2] is not loop_thread
    assert [request.headers.get("x-api-key") for request in emulator.requests] == [STORED_KEY] * 5


def test_import_and_construction_do_not_touch_the_keyring(emulator: Emulator) -> None:
    code = (
        "import sys, claude_core\n"
        f"claude_core.Anthropic(base_url={emulator.base_url!r}); claude_core.AsyncAnthropic()\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in ('keyring', 'claude_keyring')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout == "[]\n"


def test_providers_without_api_keys_are_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """The emulator provider (like Bedrock and Vertex AI) does not take an Anthropic API key."""
    use_backend(monkeypatch, RECORDING_BACKEND)
    RecordingKeyring.entries[SERVICE, "emulator"] = STORED_KEY
    with claude_core.Anthropic(provider="emulator") as client:
        client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES)
    assert RecordingKeyring.calls == []


@pytest.mark.parametrize(
    ("backend", "why"),
    [
        (FAIL_BACKEND, "no keyring backend is available"),
        (BROKEN_BACKEND, "the keyring backend failed: RuntimeError: the keyring daemon is not answering"),
    ],
)
def test_no_backend_or_a_failing_one_stays_out_of_the_way(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    emulator: Emulator,
    mode: str,
    backend: str,
    why: str,
) -> None:
    use_backend(monkeypatch, backend)
    caplog.set_level(logging.DEBUG, logger="claude_core.keyring")
    with pytest.raises(MissingCredentialsError) as raised:
        call(mode, emulator)
    assert f"{PLACE.format('anthropic')}: {why})" in str(raised.value)
    records = [record for record in caplog.records if record.name == "claude_core.keyring"]
    assert [(record.levelno, record.getMessage()) for record in records] == [
        (logging.DEBUG, f"not reading the key 'anthropic' from the OS keyring: {why}")
    ]
    assert emulator.requests == []

    monkeypatch.setenv("ANTHROPIC_API_KEY", ENV_KEY)  # the environment still works
    call(mode, emulator)
    assert sent_key(emulator) == ENV_KEY


def test_the_stored_key_shows_in_no_log_repr_or_error(
    caplog: pytest.LogCaptureFixture, emulator: Emulator, mode: str
) -> None:
    rejected = "sk-ant-api03-stored-but-revoked-0007"
    store("anthropic", rejected)
    caplog.set_level(logging.DEBUG, logger="claude_core")
    with pytest.raises(claude_core.AuthenticationError) as raised:
        call(mode, emulator, max_retries=0)
    assert emulator.requests[-1].headers["x-api-key"] == rejected  # it was sent, and refused
    error = raised.value
    shown = [caplog.text, str(error), repr(error), repr(error.request.headers), repr(error.response.headers)]
    assert all(rejected not in text for text in shown)
    assert "using the key 'anthropic' from the OS keyring" in caplog.text
