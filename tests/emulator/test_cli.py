"""``claude-emulator serve`` in a subprocess: the banner, any-key and strict modes, a port in use."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Tuple

import httpx
import pytest

from .conftest import message_body

ROOT = Path(__file__).resolve().parents[2]
ENV = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "plugins" / "emulator"), str(ROOT)]))
BANNER = re.compile(r"Claude API emulator listening on (http://127\.0\.0\.1:(\d+)) \((.*)\)\n")
VERSION = {"anthropic-version": "2023-06-01"}

Serve = Callable[..., Tuple[str, str]]


def _command(*args: str) -> List[str]:
    return [sys.executable, "-m", "claude_emulator", "serve", *args]


@pytest.fixture
def serve() -> Iterator[Serve]:
    """``serve(*args)``: start the CLI on a free port; returns its base URL and the banner's note."""
    processes: List["subprocess.Popen[str]"] = []

    def start(*args: str) -> Tuple[str, str]:
        process = subprocess.Popen(_command("--port", "0", *args), stdout=subprocess.PIPE, text=True, env=ENV)
        processes.append(process)
        assert process.stdout is not None
        line = process.stdout.readline()
        match = BANNER.fullmatch(line)
        assert match, line
        assert int(match.group(2)) > 0
        return match.group(1), match.group(3)

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=10)
        assert process.stdout is not None
        process.stdout.close()


def _status(url: str, headers: Dict[str, str]) -> int:
    with httpx.Client(base_url=url, headers={**VERSION, **headers}) as http:
        return http.post("/v1/messages", json=message_body("cli")).status_code


def test_serves_any_key_by_default(serve: Serve) -> None:
    url, note = serve()
    assert note == "any API key accepted"
    with httpx.Client(base_url=url, headers={**VERSION, "x-api-key": "sk-ant-whatever"}) as http:
        assert http.post("/v1/messages", json=message_body("cli")).json()["content"][0]["text"] == "Echo: cli"
    assert _status(url, {"authorization": "Bearer some-token"}) == 200
    with httpx.Client(base_url=url, headers=VERSION) as http:
        missing = http.get("/v1/models")
    assert missing.status_code == 401
    assert missing.json()["error"] == {"type": "authentication_error", "message": "x-api-key header is required"}


def test_api_key_flags_are_strict(serve: Serve) -> None:
    url, note = serve("--api-key", "sk-one", "--api-key", "sk-two", "--auth-token", "tok")
    assert note == "strict: 2 API key(s) and 1 bearer token(s) accepted"
    assert "sk-one" not in note  # keys are never printed
    assert _status(url, {"x-api-key": "sk-one"}) == 200
    assert _status(url, {"x-api-key": "sk-two"}) == 200
    assert _status(url, {"authorization": "Bearer tok"}) == 200
    with httpx.Client(base_url=url, headers={**VERSION, "x-api-key": "sk-wrong"}) as http:
        wrong = http.post("/v1/messages", json=message_body())
    assert wrong.status_code == 401
    assert wrong.json() == {
        "type": "error",
        "error": {"type": "authentication_error", "message": "invalid x-api-key"},
        "request_id": wrong.headers["request-id"],
    }
    assert _status(url, {"authorization": "Bearer nope"}) == 401


def test_no_auth(serve: Serve) -> None:
    url, note = serve("--no-auth")
    assert note == "no credentials needed"
    with httpx.Client(base_url=url) as http:
        assert http.get("/v1/models").status_code == 200


def test_port_in_use_is_one_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(_command("--port", str(port)), capture_output=True, text=True, env=ENV, timeout=30)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == f"claude-emulator: cannot listen on 127.0.0.1:{port}: address already in use\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "70000"], "port must be from 0 to 65535"),
        (["--port", "eighty"], "not a port number"),
        (["--no-auth", "--api-key", "k"], "cannot be combined"),
        (["--aws-profile", "x]\n[y"], "not an AWS profile name"),
    ],
)
def test_bad_arguments(args: List[str], message: str) -> None:
    result = subprocess.run(_command(*args), capture_output=True, text=True, env=ENV, timeout=30)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
