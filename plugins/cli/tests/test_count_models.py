"""``claude-core count`` and ``claude-core models``, run in a subprocess against the emulator,
and the I/O-free pieces they print with."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from typing import Any, Dict, List

import click
import pytest
from claude_cli import request
from claude_cli.count import NOTHING_TO_COUNT
from claude_cli.models import details, rows
from cli_support import Cli, cli_fixture, emu_fixture  # noqa: F401
from test_prompt import PNG

import claude_core


def sent(cli: Cli) -> Dict[str, Any]:
    request = cli.emu.requests[-1]
    assert request.path == "/v1/messages/count_tokens"
    body: Dict[str, Any] = json.loads(request.body)
    return body


def counted(cli: Cli, **params: Any) -> int:
    """The emulator's count, asked through the SDK directly."""
    with claude_core.Anthropic(api_key=cli.emu.api_key, base_url=cli.emu.base_url) as client:
        return client.messages.count_tokens(**params).input_tokens


def test_count_prints_the_apis_count_of_the_arguments(cli: Cli) -> None:
    text = "The quick brown fox jumps over the lazy dog, twice over."
    done = cli("count", text, input="")
    assert done.returncode == 0, done.stderr
    body = sent(cli)
    assert body == {"model": "claude-sonnet-4-5", "messages": [{"role": "user", "content": text}]}
    want = counted(cli, model="claude-sonnet-4-5", messages=body["messages"])
    assert done.stdout == f"{want}\n" and want > 0


def test_count_reads_stdin_then_the_arguments_as_prompt_sends_them(cli: Cli) -> None:
    done = cli("count", "summarise", input="my notes\nline two\n")
    assert done.returncode == 0, done.stderr
    assert sent(cli)["messages"] == [{"role": "user", "content": "my notes\nline two\n\nsummarise"}]
    only = cli("count", input="just piped")
    assert only.returncode == 0 and sent(cli)["messages"][0]["content"] == "just piped"


def test_count_reads_a_file_with_model_and_system(cli: Cli) -> None:
    notes = cli.home / "notes.md"
    notes.write_text("# Notes\n\nSome text to count.\n", encoding="utf-8")
    done = cli("count", "-f", str(notes), "-m", "claude-haiku-4-5", "-s", "You are terse.", input="")
    assert done.returncode == 0, done.stderr
    body = sent(cli)
    assert body["model"] == "claude-haiku-4-5" and body["system"] == "You are terse."
    assert body["messages"][0]["content"] == "# Notes\n\nSome text to count."
    assert int(done.stdout) == counted(cli, **body)
    without_system = cli("count", "-f", str(notes), input="")
    assert int(without_system.stdout) < int(done.stdout)
    env_model = cli("count", "hi", input="", env={"CLAUDE_CORE_MODEL": "claude-opus-4-6"})
    assert env_model.returncode == 0 and sent(cli)["model"] == "claude-opus-4-6"


def test_count_refuses_a_file_beside_text_on_stdin(cli: Cli) -> None:
    (cli.home / "notes.md").write_text("from the file")
    before = len(cli.emu.requests)
    both = cli("count", "-f", "notes.md", input="piped text")
    assert both.returncode == 2
    assert both.stderr.splitlines()[-1] == (
        "Error: text on stdin and -f FILE: count one (-n leaves stdin alone, -f - counts stdin)"
    )
    assert len(cli.emu.requests) == before
    left_alone = cli("count", "-n", "-f", "notes.md", input="piped text")
    assert left_alone.returncode == 0, left_alone.stderr
    assert sent(cli)["messages"][0]["content"] == "from the file"
    dash = cli("count", "-f", "-", "and this", input="piped text")
    assert dash.returncode == 0, dash.stderr
    assert sent(cli)["messages"][0]["content"] == "piped text\n\nand this"
    command = [sys.executable, "-m", "claude_cli", "count", "-a", "-", "describe"]
    image = subprocess.run(command, input=PNG, capture_output=True, env=cli.env, cwd=cli.home, timeout=60)
    assert image.returncode == 0, image.stderr
    assert sent(cli)["messages"][0]["content"] == [
        request.inline_block("image/png", PNG),
        {"type": "text", "text": "describe"},
    ]


def test_count_usage_and_api_errors(cli: Cli) -> None:
    empty = cli("count", input="  \n")
    assert empty.returncode == 2
    assert empty.stderr.splitlines()[-1] == (
        'Error: nothing to count: give the text as arguments (claude-core count "Hi"), a file (-f notes.md) or on stdin'
    )
    missing = cli("count", "-f", str(cli.home / "absent.md"), input="")
    assert missing.returncode == 2 and "absent.md" in missing.stderr.splitlines()[-1]
    cli.emu.enqueue(status=400, json={"type": "error", "error": {"type": "invalid_request_error", "message": "no"}})
    refused = cli("count", "hi", input="")
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[-1] == "Error: the API answered 400: invalid_request_error: no"
    assert cli.emu.api_key not in refused.stderr + refused.stdout


def test_count_joins_what_was_read_and_said_as_prompt_does() -> None:
    assert request.prompt_text(["do", "it"], "notes\n", NOTHING_TO_COUNT) == "notes\n\ndo it"
    with pytest.raises(click.UsageError, match=r"^nothing to count: give the text as arguments"):
        request.prompt_text([" "], "\n", NOTHING_TO_COUNT)


def test_count_counts_attachments_as_prompt_sends_them(cli: Cli) -> None:
    (cli.home / "dot.png").write_bytes(PNG)
    (cli.home / "paper.pdf").write_bytes(b"%PDF-1.4\n%counted\n")
    done = cli("count", "-a", "dot.png", "-a", "paper.pdf", "describe", input="")
    assert done.returncode == 0, done.stderr
    image, document, text = sent(cli)["messages"][0]["content"]
    assert image == request.inline_block("image/png", PNG)
    assert document == {
        "type": "document",
        "source": {
            "type": "base64",
            "media_type": "application/pdf",
            "data": base64.b64encode(b"%PDF-1.4\n%counted\n").decode(),
        },
    }
    assert text == {"type": "text", "text": "describe"}
    assert int(done.stdout) == counted(cli, **sent(cli))
    assert int(done.stdout) > int(cli("count", "describe", input="").stdout)
    (cli.home / "notes.txt").write_text("x")
    refused = cli("count", "-a", "notes.txt", "hi", input="")
    assert refused.returncode == 2 and "attach a JPEG, PNG, GIF or WebP image or a PDF" in refused.stderr


def test_count_reads_stdin_unless_told_not_to_and_only_utf8(cli: Cli) -> None:
    done = cli("count", "-n", "hi", input="not this")
    assert done.returncode == 0, done.stderr
    assert sent(cli)["messages"] == [{"role": "user", "content": "hi"}]
    (cli.home / "latin.md").write_bytes(b"caf\xe9")
    latin = cli("count", "-f", "latin.md", input="")
    assert latin.returncode == 2
    assert latin.stderr.splitlines()[-1].startswith("Error: latin.md is not UTF-8 text (byte 0xe9 at offset 3)")
    command = [sys.executable, "-m", "claude_cli", "count", "hi"]
    piped = subprocess.run(command, input=b"caf\xe9", capture_output=True, env=cli.env, cwd=cli.home, timeout=60)
    assert piped.returncode == 2
    assert piped.stderr.decode().splitlines()[-1].startswith("Error: stdin is not UTF-8 text (byte 0xe9")


def api_models(cli: Cli) -> List[Dict[str, Any]]:
    with claude_core.Anthropic(api_key=cli.emu.api_key, base_url=cli.emu.base_url) as client:
        return [model.model_dump(mode="json") for model in client.models.list()]


def test_models_is_a_table_of_every_model(cli: Cli) -> None:
    done = cli("models")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["id", "display", "name", "created"]
    want = api_models(cli)
    assert len(lines) == 1 + len(want) and len(want) > 1
    for line, model in zip(lines[1:], want):
        assert line.split()[0] == model["id"] and model["display_name"] in line
        assert line.rstrip().endswith(model["created_at"][:10])
    assert "\x1b[" not in done.stdout


def test_models_json_and_show(cli: Cli) -> None:
    listing = cli("models", "--json")
    assert json.loads(listing.stdout) == api_models(cli)
    alias = cli("models", "show", "claude-sonnet-4-5", "--json")
    model = json.loads(alias.stdout)
    assert model["id"].startswith("claude-sonnet-4-5") and model["type"] == "model"
    assert cli.emu.requests[-1].path == "/v1/models/claude-sonnet-4-5"
    text = cli("models", "show", "claude-sonnet-4-5")
    assert text.returncode == 0 and text.stdout.splitlines() == details(model)
    missing = cli("models", "show", "claude-nope")
    assert missing.returncode == 1
    assert missing.stderr.splitlines()[-1].startswith("Error: the API answered 404: not_found_error")


def test_rows_and_details_format_a_dumped_model() -> None:
    model = {
        "id": "m-1",
        "created_at": "2025-09-29T00:00:00Z",
        "display_name": "M One",
        "type": "model",
        "max_tokens": None,
        "capabilities": {"vision": True},
    }
    assert rows([model]) == [["m-1", "M One", "2025-09-29"]]
    assert details(model) == [
        "id            m-1",
        "created_at    2025-09-29T00:00:00Z",
        "display_name  M One",
        "type          model",
        'capabilities  {"vision": true}',
    ]


def test_models_show_an_empty_id_is_a_usage_error_and_nothing_is_sent(cli: Cli) -> None:
    before = len(cli.emu.requests)
    done = cli("models", "show", "")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1].endswith("is empty: give a model id, as `claude-core models` shows them")
    assert "ValueError" not in done.stderr and "()" not in done.stderr
    assert len(cli.emu.requests) == before


def test_the_models_table_has_no_trailing_spaces_when_piped(cli: Cli) -> None:
    done = cli("models")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) > 2
    assert [line for line in lines if line != line.rstrip()] == []


def test_what_the_api_says_of_a_model_is_shown_without_escape_sequences() -> None:
    model = {"id": "m-\x1b[2J1", "display_name": "\x1b]0;title\x07M One", "created_at": "2025-09-29T00:00:00Z"}
    assert details(model) == ["id            m-1", "display_name  M One", "created_at    2025-09-29T00:00:00Z"]
