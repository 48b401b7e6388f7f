"""A reader that stops reading (``claude-core ... | head -1``) ends the command quietly, with status 0
and nothing on stderr, as Unix tools end; through real pipes, in subprocesses, against the emulator."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest
from cli_support import Cli, cli_fixture, emu_fixture  # noqa: F401

import claude_core

MODEL = "claude-sonnet-4-5"


def into_a_closed_pipe(cli: Cli, *args: str) -> "subprocess.CompletedProcess[str]":
    """Run ``claude-core args`` with stdout a pipe whose reader has already gone: its first write breaks it."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return subprocess.run(
            [sys.executable, "-m", "claude_cli", *args],
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            env=cli.env,
            cwd=cli.home,
            timeout=60,
        )
    finally:
        os.close(writer)


def through_head(
    cli: Cli, command: List[str], head: str = "-n 1", stdin: str = ""
) -> "subprocess.CompletedProcess[str]":
    """Run ``claude-core command | head ...`` in a shell, ``stdin`` its input; the last line of stdout
    is claude-core's status."""
    quoted = shlex.join([sys.executable, "-m", "claude_cli", *command])
    script = f'{quoted} | head {head}; status=${{PIPESTATUS[0]}}; echo; echo "status $status"'
    return subprocess.run(
        ["bash", "-c", script], input=stdin, capture_output=True, text=True, env=cli.env, cwd=cli.home, timeout=120
    )


def big_batch(cli: Cli, copies: int) -> str:
    client = claude_core.Anthropic(base_url=cli.emu.base_url, api_key=cli.emu.api_key)
    request = {
        "custom_id": "copy",
        "params": {"model": MODEL, "max_tokens": 8, "messages": [{"role": "user", "content": "hi"}]},
    }
    created = client.messages.batches.create(
        requests=[request],
        extra_headers={"x-emulator-batch-copies": str(copies), "x-emulator-batch-polls": "0"},
    )
    return created.id


@pytest.mark.parametrize(
    "command",
    [
        ["files", "list"],
        ["files", "list", "--json"],
        ["batch", "list"],
        ["batch", "results", "{batch}", "-o", "-"],
        ["files", "download", "{file}", "-o", "-"],
        ["logs"],
        ["prompt", "say something"],
        ["models"],
        ["--help"],
    ],
    ids=lambda command: " ".join(command),
)
def test_a_command_whose_reader_has_gone_ends_quietly_with_status_0(
    cli: Cli, tmp_path: Path, command: List[str]
) -> None:
    (cli.home / "notes.txt").write_text("some notes\n")
    file_id = cli("files", "upload", "notes.txt").stdout.split()[0]
    assert cli("prompt", "a question to log").returncode == 0
    batch_id = big_batch(cli, 3) if "{batch}" in command else ""
    args = [arg.format(batch=batch_id, file=file_id) for arg in command]
    done = into_a_closed_pipe(cli, *args)
    assert (done.returncode, done.stderr) == (0, "")


def test_batch_results_into_head_stop_after_its_first_line(cli: Cli) -> None:
    batch_id = big_batch(cli, 20_000)  # megabytes: far more than a pipe holds
    done = through_head(cli, ["batch", "results", batch_id, "-o", "-"])
    assert done.stderr == ""
    first, _, status = done.stdout.splitlines()
    assert first.startswith('{"custom_id":"copy') and status == "status 0"


def test_a_prompt_into_head_c_stops_after_its_bytes(cli: Cli) -> None:
    long_prompt = "pelicans " * 30_000  # the emulator echoes it: an answer bigger than a pipe holds
    done = through_head(cli, ["prompt", "--no-log"], head="-c 10", stdin=long_prompt)
    assert done.stderr == ""
    assert done.stdout.splitlines() == ["Echo: peli", "status 0"]
