"""The key never shows: not in logs at ANTHROPIC_LOG=debug, reprs, error messages, the
request and response kept on errors, or printed tracebacks.

Each test runs one call shape (``create``, ``create(stream=True)``, ``.stream()``) with one
kind of key (a str, a sync callable, an async callable) through every failure the SDK
reports: 401s (a rotating key refreshes once first), 529s retried then raised, timeouts,
dropped connections, errors, cuts and stalls mid-stream, and a fault server's stalled,
reset and ping-only bodies.
"""

from __future__ import annotations

import contextlib
import logging
import traceback
from typing import Any, Callable, Dict, Iterator, List, Tuple

import httpx
import pytest
from claude_emulator import Emulator

import claude_core
from claude_core import _logs

from ..conftest import MODEL, USER, Api
from ..faults.server import FaultServer, ResetMidBody, StallMidBody, TricklePings

KEY = "sk-ant-LEAK-0123456789abcdef"
PARAMS: Any = {"model": MODEL, "max_tokens": 16, "messages": USER}

#: name, server ("emulator" or "faults"), the fault to queue, client options
Scenario = Tuple[str, str, Callable[[Any], object], Dict[str, Any]]
SCENARIOS: List[Scenario] = [
    ("401s", "emulator", lambda emu: [emu.enqueue(status=401) for _ in range(2)], {}),
    (
        "529s retried, then raised",
        "emulator",
        lambda emu: [emu.enqueue(status=529, headers={"retry-after-ms": "1"}) for _ in range(2)],
        {"max_retries": 1},
    ),
    ("timeouts retried", "emulator", lambda emu: [emu.enqueue(delay=1.0) for _ in range(2)], {"max_retries": 1}),
    ("a dropped connection", "emulator", lambda emu: emu.enqueue(drop=True), {}),
    ("an error event mid-stream", "emulator", lambda emu: emu.enqueue(stream_error_after=4), {}),
    ("a stream cut short", "emulator", lambda emu: emu.enqueue(drop_after_events=4), {}),
    (
        "a stalled stream",
        "emulator",
        lambda emu: emu.enqueue(stall_after_events=4, stall_seconds=1.0),
        {"stream_idle_timeout": 0.2},
    ),
    ("a body that stalls", "faults", lambda server: server.enqueue(StallMidBody(1.0)), {}),
    ("a body reset midway", "faults", lambda server: server.enqueue(ResetMidBody()), {}),
    (
        "pings and nothing else",
        "faults",
        lambda server: server.enqueue(TricklePings(interval=0.05, max_seconds=1.0)),
        {"stream_idle_timeout": 0.2},
    ),
]


@pytest.fixture
def debug_log(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """ANTHROPIC_LOG=debug as the next client reads it (its handler writes to the captured
    stderr), and every logger's records at DEBUG in caplog; undone afterwards."""
    monkeypatch.setenv("ANTHROPIC_LOG", "debug")
    monkeypatch.setattr(_logs, "_configured", False)
    loggers = [logging.getLogger("claude_core"), logging.getLogger("httpx")]
    saved = [(logger, logger.level, list(logger.handlers)) for logger in loggers]
    caplog.set_level(logging.DEBUG)
    yield
    for logger, level, handlers in saved:
        logger.setLevel(level)
        logger.handlers[:] = handlers


@pytest.fixture
def fault_server() -> Iterator[FaultServer]:
    with FaultServer() as server:
        yield server


def key_for(kind: str) -> Any:
    if kind == "str":
        return KEY
    if kind == "callable":
        return lambda: KEY

    async def fetch() -> str:
        return KEY

    return fetch


def run(api: Api, client: Any, shape: str) -> None:
    """One call of ``shape``, read to its end."""
    if shape == "create":
        api(lambda c: c.messages.create(**PARAMS), client)
    elif api.is_async:

        async def read() -> None:
            if shape == "create_stream":
                async for _ in await client.messages.create(stream=True, **PARAMS):
                    pass
            else:
                async with client.messages.stream(**PARAMS) as stream:
                    await stream.get_final_message()

        api.run(read())
    elif shape == "create_stream":
        for _ in client.messages.create(stream=True, **PARAMS):
            pass
    else:
        with client.messages.stream(**PARAMS) as stream:
            stream.get_final_message()


def error_texts(exc: BaseException, formatted: str) -> List[str]:
    """Everything an error shows: its text, repr, traceback, and the request and response it keeps."""
    texts = [str(exc), repr(exc), formatted, repr(vars(exc))]
    for error in (exc, exc.__cause__, exc.__context__):
        request = getattr(error, "_request", None) if isinstance(error, httpx.RequestError) else None
        request = getattr(error, "request", None) if isinstance(error, claude_core.APIError) else request
        if request is not None:
            texts += [repr(request), repr(request.headers), str(dict(request.headers)), str(request.headers.raw)]
    response = getattr(exc, "response", None)
    if isinstance(response, httpx.Response):
        texts += [repr(response), str(response.headers.raw), repr(response.request.headers)]
        texts.append(str(dict(response.request.headers)))
        with contextlib.suppress(httpx.ResponseNotRead):  # a stream's body is never kept
            texts.append(response.text)
    return texts


@pytest.mark.parametrize("shape", ["create", "create_stream", "stream"])
@pytest.mark.parametrize("kind", ["str", "callable", "async callable"])
def test_the_key_shows_nowhere(
    api: Api,
    emulator: Emulator,
    fault_server: FaultServer,
    debug_log: None,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    kind: str,
    shape: str,
) -> None:
    if kind == "async callable" and not api.is_async:
        pytest.skip("an async callable needs the async client")
    shown: List[str] = []
    raised: List[str] = []
    for name, server_kind, fault, options in SCENARIOS:
        server: Any = emulator if server_kind == "emulator" else fault_server
        emulator.reset()
        fault(server)
        settings: Dict[str, Any] = {"max_retries": 0, "timeout": 0.3, **options}
        client = api.make(api_key=key_for(kind), base_url=server.base_url, **settings)
        try:
            run(api, client, shape)
        except claude_core.APIError as exc:
            raised.append(name)
            shown += error_texts(exc, traceback.format_exc())
            if isinstance(exc, claude_core.APIStatusError) and exc.status_code == 401:
                assert exc.request.headers["x-api-key"] == "<redacted>"  # kept, redacted
                assert exc.request.method == "POST" and exc.request.url.path == "/v1/messages"
        shown += [repr(client), repr(client.options), repr(client._pipeline.primary.credentials)]
    sent = [request.headers.get("x-api-key") for request in emulator.requests + fault_server.requests]
    assert KEY in sent  # the key went out, so it could have leaked
    stream_only = {"an error event mid-stream", "a stream cut short", "a stalled stream", "pings and nothing else"}
    expected = {name for name, *_ in SCENARIOS} - (stream_only if shape == "create" else set())
    assert expected <= set(raised)
    logged = capsys.readouterr().err
    assert "Request: POST" in logged and "'x-api-key': '<redacted>'" in logged  # ANTHROPIC_LOG=debug was on
    shown += [logged, caplog.text, *(repr(record.args) for record in caplog.records)]
    leaks = [text for text in shown if KEY in text or "LEAK" in text]
    assert leaks == []
