"""``claude-emulator serve`` as a new user runs it: the installed command in a subprocess, the
``export`` lines it prints, and real ``Anthropic()``, ``AnthropicBedrock()`` and
``AnthropicVertex()`` calls (sync and async) in a fresh interpreter given only that environment;
a log line per request on stderr unless ``--quiet``; ``--version``.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional, Tuple

import pytest

pytest.importorskip("provider_bedrock")
pytest.importorskip("provider_vertex")

SCRIPT = Path(sysconfig.get_path("scripts")) / "claude-emulator"
BANNER = re.compile(r"Claude API emulator listening on (http://127\.0\.0\.1:\d+) \(.*\)")
LOG_LINE = re.compile(r"(GET|POST) (/\S*) (\d{3}|-) (\d+\.\d) ms")
#: What the fresh interpreter gets besides the printed exports: no HOME files, no cloud metadata.
BASE_ENV = ("PATH", "SYSTEMROOT", "PYTHON_KEYRING_BACKEND")

CLIENTS = r"""
import asyncio, json, sys
import claude_core
from claude_core import AnthropicBedrock, AnthropicVertex, AsyncAnthropicBedrock, AsyncAnthropicVertex

profile = sys.argv[1] or None
bedrock = {"aws_profile": profile} if profile else {}
ask = {"max_tokens": 50, "messages": [{"role": "user", "content": "hello from the shell"}]}
clients = {
    "anthropic": (claude_core.Anthropic(), "claude-sonnet-4-5"),
    "bedrock": (AnthropicBedrock(**bedrock), "anthropic.claude-sonnet-4-5-20250929-v1:0"),
    "vertex": (AnthropicVertex(), "claude-sonnet-4-5@20250929"),
}
async_clients = {
    "bedrock": (AsyncAnthropicBedrock(**bedrock), "anthropic.claude-sonnet-4-5-20250929-v1:0"),
    "vertex": (AsyncAnthropicVertex(), "claude-sonnet-4-5@20250929"),
}
out = {name: client.messages.create(model=model, **ask).content[0].text for name, (client, model) in clients.items()}

async def main():
    for name, (client, model) in async_clients.items():
        async with client.messages.stream(model=model, **ask) as stream:
            out["async " + name] = await stream.get_final_text()

asyncio.run(main())
print(json.dumps(out))
"""


Serve = Callable[..., "Served"]


class Served:
    """A running ``claude-emulator serve``: its base URL, exports and (once stopped) stderr."""

    def __init__(self, process: "subprocess.Popen[str]") -> None:
        self.process = process
        assert process.stdout is not None
        banner = process.stdout.readline()
        match = BANNER.fullmatch(banner.rstrip("\n"))
        assert match, banner + (process.stderr.read() if process.stderr else "")
        self.base_url = match.group(1)
        self.lines: List[str] = []
        self.exports: Dict[str, str] = {}
        while "GOOGLE_APPLICATION_CREDENTIALS" not in self.exports:  # the last line
            line = process.stdout.readline().rstrip("\n")
            assert line, "the export lines ended early"
            self.lines.append(line)
            if not line.startswith("#"):
                command, assignment = line.split(" ", 1)
                assert command == "export", line
                name, value = assignment.split("=", 1)
                self.exports[name] = shlex.split(value)[0]

    def stop(self) -> str:
        """Stop the server (SIGTERM); its stderr."""
        self.process.terminate()
        _, err = self.process.communicate(timeout=30)
        return err


@pytest.fixture
def serve() -> Iterator[Serve]:
    started: List[Served] = []

    def start(*args: str) -> Served:
        process = subprocess.Popen(
            [str(SCRIPT), "serve", "--port", "0", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        served = Served(process)
        started.append(served)
        return served

    yield start
    for served in started:
        if served.process.poll() is None:
            served.stop()


def _run_clients(exports: Dict[str, str], home: Path, profile: Optional[str] = None) -> Dict[str, str]:
    env = {name: os.environ[name] for name in BASE_ENV if name in os.environ}
    env.update(exports, HOME=str(home), CLOUDSDK_CONFIG=str(home / "gcloud"), NO_GCE_CHECK="True")
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", CLIENTS, profile or ""],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result: Dict[str, str] = json.loads(done.stdout)
    return result


def _logged(stderr: str) -> List[Tuple[str, str, str]]:
    lines = stderr.splitlines()
    matches = [LOG_LINE.fullmatch(line) for line in lines]
    assert all(matches), lines
    return [(m.group(1), m.group(2), m.group(3)) for m in matches if m]


def test_the_printed_environment_is_all_the_clients_need(serve: Serve, tmp_path: Path) -> None:
    served = serve()
    exports = served.exports
    assert exports["ANTHROPIC_BASE_URL"] == exports["ANTHROPIC_BEDROCK_BASE_URL"] == served.base_url
    assert exports["ANTHROPIC_VERTEX_BASE_URL"] == served.base_url + "/v1"
    key_file = json.loads(Path(exports["GOOGLE_APPLICATION_CREDENTIALS"]).read_text())
    assert key_file["type"] == "service_account" and key_file["token_uri"] == served.base_url + "/oauth2/token"
    answers = _run_clients(exports, tmp_path)
    assert answers == dict.fromkeys(
        ["anthropic", "bedrock", "vertex", "async bedrock", "async vertex"], "Echo: hello from the shell"
    )
    logged = _logged(served.stop())
    assert ("POST", "/v1/messages", "200") in logged
    assert ("POST", "/oauth2/token", "200") in logged
    paths = [path for _, path, _ in logged]
    assert any(path.startswith("/model/anthropic.claude-sonnet-4-5") and path.endswith("/invoke") for path in paths)
    assert any(path.endswith(":streamRawPredict") for path in paths)
    assert not Path(exports["GOOGLE_APPLICATION_CREDENTIALS"]).exists()  # the temporary directory went on exit


def test_a_named_aws_profile(serve: Serve, tmp_path: Path) -> None:
    config = tmp_path / "emulator"
    served = serve("--aws-profile", "emulator", "--config-dir", str(config), "--quiet")
    exports = served.exports
    assert "# AnthropicBedrock(aws_profile='emulator'):" in served.lines
    assert "AWS_ACCESS_KEY_ID" not in exports and "AWS_REGION" not in exports
    assert Path(exports["AWS_SHARED_CREDENTIALS_FILE"]).parent == config
    answers = _run_clients(exports, tmp_path, profile="emulator")
    assert answers["bedrock"] == answers["async bedrock"] == "Echo: hello from the shell"
    assert served.stop() == ""  # --quiet: no request log
    assert (config / "vertex-service-account.json").exists()  # --config-dir is kept


def test_the_env_file_can_be_sourced(serve: Serve, tmp_path: Path) -> None:
    env_file = tmp_path / "emulator.env"
    served = serve("--env-file", str(env_file), "--api-key", "sk-mine")
    assert env_file.read_text() == "".join(line + "\n" for line in served.lines)
    assert "sk-mine" not in env_file.read_text()  # a key given on the command line is not repeated
    assert "# ANTHROPIC_API_KEY / ANTHROPIC_AUTH_TOKEN: one given with --api-key / --auth-token" in served.lines
    shell = subprocess.run(
        ["sh", "-c", f". {shlex.quote(str(env_file))} && echo $ANTHROPIC_VERTEX_BASE_URL"],
        capture_output=True,
        text=True,
        timeout=30,
        env={"PATH": os.environ.get("PATH", "")},
    )
    assert shell.stdout.strip() == served.base_url + "/v1"


def test_a_config_dir_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    done = subprocess.run(
        [str(SCRIPT), "serve", "--port", "0", "--config-dir", str(blocker / "sub")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith(f"claude-emulator: cannot write {blocker / 'sub'}: ") and done.stderr.count("\n") == 1


@pytest.mark.parametrize("args", [["--version"], ["serve", "--version"]])
def test_version(args: List[str]) -> None:
    from importlib import metadata

    done = subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"claude-emulator {metadata.version('claude-emulator')} (claude-core ")
