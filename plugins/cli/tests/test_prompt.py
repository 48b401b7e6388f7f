"""``claude-core prompt``: a subprocess against the emulator over real HTTP."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import click
import pytest
from claude_cli.logdb import LogDB
from claude_cli.prompt import load_schema, load_tools
from cli_support import Cli, cli_fixture, emu_fixture  # noqa: F401

import claude_core

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def _bodies(cli: Cli, path: str = "/v1/messages") -> List[Dict[str, Any]]:
    return [request.json() for request in cli.emu.requests if request.path == path and request.method == "POST"]


def _log(cli: Cli) -> LogDB:
    return LogDB(cli.home / ".local" / "share" / "claude-core" / "logs.db")


def test_stdin_and_arguments_make_one_prompt_streamed_plain_when_piped(cli: Cli) -> None:
    done = cli("prompt", "summarise", "this", input="my notes\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Echo: my notes\n\nsummarise this\n"
    assert "\x1b[" not in done.stdout
    body = _bodies(cli)[-1]
    assert body["stream"] is True
    assert body["messages"] == [{"role": "user", "content": "my notes\n\nsummarise this"}]
    assert body["model"] == "claude-sonnet-4-5" and body["max_tokens"] == 4096


def test_options_become_params(cli: Cli) -> None:
    done = cli(
        "prompt", "hi", "-m", "claude-opus-4-1", "-s", "Be brief.", "--max-tokens", "50", "--temperature", "0.2",
        "--effort", "low", input="",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    body = _bodies(cli)[-1]
    assert (body["model"], body["system"], body["max_tokens"], body["temperature"]) == (
        "claude-opus-4-1",
        "Be brief.",
        50,
        0.2,
    )
    assert body["output_config"] == {"effort": "low"}
    from_env = cli("prompt", "hi", input="", env={"CLAUDE_CORE_MODEL": "claude-opus-4-0"})
    assert from_env.returncode == 0 and _bodies(cli)[-1]["model"] == "claude-opus-4-0"


def test_json_prints_the_final_message_and_usage_goes_to_stderr(cli: Cli) -> None:
    done = cli("prompt", "--json", "-u", "two words", input="")
    assert done.returncode == 0, done.stderr
    message = json.loads(done.stdout)
    assert message["type"] == "message" and message["content"][0]["text"] == "Echo: two words"
    usage = message["usage"]
    assert usage["input_tokens"] > 0 and usage["output_tokens"] == 3
    assert done.stderr.splitlines()[-1] == (
        f"Tokens: {usage['input_tokens']} input, {usage['output_tokens']} output, "
        f"{usage['cache_read_input_tokens']} cache read, {usage['cache_creation_input_tokens']} cache write"
    )
    plain = cli("prompt", "two words", input="")
    assert "Tokens:" not in plain.stderr


def test_thinking_is_shown_apart_from_the_answer_or_hidden(cli: Cli) -> None:
    done = cli("prompt", "--thinking", "2048", "hi", input="")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Echo: hi\n"
    assert "The user wrote 1 words" in done.stderr
    assert _bodies(cli)[-1]["thinking"] == {"type": "enabled", "budget_tokens": 2048}
    hidden = cli("prompt", "--thinking", "adaptive", "--hide-thinking", "hi", input="")
    assert hidden.returncode == 0 and hidden.stdout == "Echo: hi\n"
    assert "The user wrote" not in hidden.stderr
    assert _bodies(cli)[-1]["thinking"] == {"type": "adaptive"}


def test_images_go_inline_and_pdfs_through_the_files_api_when_asked(cli: Cli) -> None:
    (cli.home / "dot.png").write_bytes(PNG)
    (cli.home / "paper.pdf").write_bytes(b"%PDF-1.4\n%fake but uploaded as is\n")
    done = cli("prompt", "-a", "dot.png", "describe", input="")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Echo: [image] describe\n"
    image, text = _bodies(cli)[-1]["messages"][0]["content"]
    assert image == {
        "type": "image",
        "source": {"type": "base64", "media_type": "image/png", "data": base64.b64encode(PNG).decode()},
    }
    assert text == {"type": "text", "text": "describe"}
    uploaded = cli("prompt", "-a", "paper.pdf", "--upload", "read it", input="")
    assert uploaded.returncode == 0, uploaded.stderr
    assert uploaded.stdout == "Echo: [document] read it\n"
    upload = [r for r in cli.emu.requests if r.path == "/v1/files"][-1]
    assert b"%fake but uploaded as is" in upload.open_body().read()
    sent = [r for r in cli.emu.requests if r.path == "/v1/messages"][-1]
    assert "files-api-2025-04-14" in sent.headers["anthropic-beta"]
    document = sent.json()["messages"][0]["content"][0]
    assert document["type"] == "document" and document["source"]["file_id"].startswith("file_")
    (cli.home / "notes.txt").write_text("x")
    refused = cli("prompt", "-a", "notes.txt", "hi", input="")
    assert refused.returncode == 2 and "attach a JPEG, PNG, GIF or WebP image or a PDF" in refused.stderr


def test_a_schema_file_or_class_gives_json_that_follows_it(cli: Cli) -> None:
    schema = {
        "type": "object",
        "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
        "required": ["name", "age"],
        "additionalProperties": False,
    }
    (cli.home / "person.json").write_text(json.dumps(schema))
    done = cli("prompt", "--schema", "person.json", "Ada, 36", input="")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert isinstance(answer["name"], str) and isinstance(answer["age"], int)
    assert _bodies(cli)[-1]["output_config"] == {"format": {"type": "json_schema", "schema": schema}}
    (cli.home / "models_for_cli.py").write_text(
        "import pydantic\n\nclass Person(pydantic.BaseModel):\n    name: str\n    age: int\n"
    )
    typed = cli("prompt", "--schema", "models_for_cli:Person", "--json", "Ada, 36", input="")
    assert typed.returncode == 0, typed.stderr
    message = json.loads(typed.stdout)
    assert set(json.loads(message["content"][0]["text"])) == {"name", "age"}
    sent = _bodies(cli)[-1]["output_config"]["format"]["schema"]
    assert sent["required"] == ["name", "age"] and sent["additionalProperties"] is False
    missing = cli("prompt", "--schema", "nope.json", "hi", input="")
    assert missing.returncode == 2
    assert missing.stderr.splitlines()[-1] == (
        "Error: Invalid value for --schema: nope.json: no such file: give a JSON schema file, or a type as module:Class"
    )
    unknown = cli("prompt", "--schema", "no_such_models:Person", "hi", input="")
    assert unknown.returncode == 2 and "No module named 'no_such_models'" in unknown.stderr


def test_a_tool_function_runs_through_the_tool_runner(cli: Cli) -> None:
    (cli.home / "tools_for_cli.py").write_text(
        "from claude_core import beta_tool\n\n"
        "@beta_tool\n"
        "def get_weather(city: str) -> str:\n"
        '    """The weather in a city."""\n'
        '    return f"Sunny in {city}"\n\n'
        "def shout(text: str) -> str:\n"
        '    """Say it loudly."""\n'
        "    return text.upper()\n"
    )
    before = len(_bodies(cli))
    done = cli("prompt", "--tool", "tools_for_cli:get_weather", "-u", "What is the weather in Paris?", input="")
    assert done.returncode == 0, done.stderr
    bodies = _bodies(cli)[before:]
    assert len(bodies) == 2
    assert [tool["name"] for tool in bodies[0]["tools"]] == ["get_weather"]
    result = bodies[1]["messages"][-1]["content"][0]
    assert result["type"] == "tool_result" and "Sunny in" in json.dumps(result["content"])
    assert re.search(r"Echo: \[tool result toolu_\w+: Sunny in ", done.stdout)
    assert re.search(r"Tokens: \d+ input", done.stderr)
    plain = cli("prompt", "--tool", "tools_for_cli:shout", "please shout hello", input="")
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.endswith(": VALUE FOR TEXT]\n")  # the plain function was wrapped and run
    for bad in ("tools_for_cli", "tools_for_cli:nothing", "no_such_module:f"):
        refused = cli("prompt", "--tool", bad, "hi", input="")
        assert refused.returncode == 2 and "--tool" in refused.stderr, (bad, refused.stderr)


def test_exit_statuses_and_no_key_in_any_output(cli: Cli) -> None:
    empty = cli("prompt", input="")
    assert empty.returncode == 2 and "nothing to send" in empty.stderr
    bad_thinking = cli("prompt", "--thinking", "10", "hi", input="")
    assert bad_thinking.returncode == 2 and "--thinking" in bad_thinking.stderr
    cli.emu.enqueue(status=400, json={"type": "error", "error": {"type": "invalid_request_error", "message": "bad"}})
    refused = cli("prompt", "hi", input="")
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[-1] == "Error: the API answered 400: invalid_request_error: bad"
    no_key = cli("prompt", "hi", input="", env={"ANTHROPIC_API_KEY": ""})
    assert no_key.returncode == 1 and "no credentials" in no_key.stderr
    unknown = cli("prompt", "-m", "claude-nope", "hi", input="")
    assert unknown.returncode == 1 and "404" in unknown.stderr
    for done in (empty, bad_thinking, refused, no_key, unknown):
        assert "Traceback" not in done.stderr
        assert cli.emu.api_key not in done.stdout + done.stderr


def test_each_exchange_is_logged_without_the_key_unless_turned_off(cli: Cli) -> None:
    done = cli("prompt", "-s", "Be brief.", "--max-tokens", "40", "logged words", input="")
    assert done.returncode == 0, done.stderr
    logged = _log(cli).last_conversation()
    assert logged is not None and len(logged.exchanges) == 1
    exchange = logged.exchanges[0]
    assert (exchange.model, exchange.system, exchange.prompt, exchange.response) == (
        "claude-sonnet-4-5",
        "Be brief.",
        "logged words",
        "Echo: logged words",
    )
    assert exchange.provider == "anthropic" and exchange.options == {"max_tokens": 40}
    assert exchange.message is not None and exchange.message["content"][0]["text"] == "Echo: logged words"
    assert exchange.input_tokens and exchange.output_tokens == 3 and exchange.error is None
    cli.emu.enqueue(status=400, json={"type": "error", "error": {"type": "invalid_request_error", "message": "bad"}})
    assert cli("prompt", "failing words", input="").returncode == 1
    failed = _log(cli).last_conversation()
    assert failed is not None and failed.id != logged.id
    assert (failed.exchanges[0].prompt, failed.exchanges[0].message) == ("failing words", None)
    assert failed.exchanges[0].error == "the API answered 400: invalid_request_error: bad"
    raw = (cli.home / ".local" / "share" / "claude-core" / "logs.db").read_bytes()
    assert cli.emu.api_key.encode() not in raw
    assert cli("prompt", "--no-log", "unlogged one", input="").returncode == 0
    assert cli("prompt", "unlogged two", input="", env={"CLAUDE_CORE_LOG": "0"}).returncode == 0
    still = _log(cli).last_conversation()
    assert still is not None and still.id == failed.id


def test_the_log_lives_where_claude_core_log_path_says(cli: Cli, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere" / "my.db"
    assert cli("prompt", "hi", input="", env={"CLAUDE_CORE_LOG_PATH": str(elsewhere)}).returncode == 0
    found = LogDB(elsewhere).last_conversation()
    assert found is not None and found.exchanges[-1].response == "Echo: hi"


def test_bad_options_fail_before_anything_is_uploaded_or_asked(cli: Cli) -> None:
    (cli.home / "p.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    before = len(cli.emu.requests)
    done = cli("prompt", "-a", "p.png", "--upload", "--temperature", "5", "x")
    assert done.returncode == 2 and "--temperature" in done.stderr
    assert len(cli.emu.requests) == before  # no upload, no request
    chat = cli("chat", "--no-log", "--temperature", "5", input="hi\n")
    assert chat.returncode == 2 and "--temperature" in chat.stderr and "Echo" not in chat.stdout


def _file_ids(cli: Cli) -> List[str]:
    with claude_core.Anthropic(api_key=cli.emu.api_key, base_url=cli.emu.base_url) as client:
        return [meta.id for meta in client.beta.files.list()]


def _sent_file_id(cli: Cli) -> str:
    file_id: str = _bodies(cli)[-1]["messages"][0]["content"][0]["source"]["file_id"]
    return file_id


def _deleted(cli: Cli, since: int) -> List[str]:
    return [r.path for r in cli.emu.requests[since:] if r.method == "DELETE"]


def test_uploaded_attachments_are_deleted_after_the_answer_and_their_ids_logged(cli: Cli) -> None:
    (cli.home / "dot.png").write_bytes(PNG)
    before = len(cli.emu.requests)
    done = cli("prompt", "-a", "dot.png", "--upload", "describe", input="")
    assert done.returncode == 0, done.stderr
    file_id = _sent_file_id(cli)
    deletes = _deleted(cli, before)
    assert deletes == [f"/v1/files/{file_id}"]
    assert file_id not in _file_ids(cli)
    logged = _log(cli).last_conversation()
    assert logged is not None
    assert logged.exchanges[0].options["uploads"] == [file_id]
    assert logged.exchanges[0].options["attachments"] == ["dot.png"]


def test_keep_uploads_keeps_the_files_and_prints_their_ids(cli: Cli) -> None:
    (cli.home / "dot.png").write_bytes(PNG)
    before = len(cli.emu.requests)
    done = cli("prompt", "-a", "dot.png", "--upload", "--keep-uploads", "describe", input="")
    assert done.returncode == 0, done.stderr
    file_id = _sent_file_id(cli)
    assert f"Uploaded {file_id} (kept: claude-core files rm {file_id} deletes it)" in done.stderr.splitlines()
    assert done.stdout == "Echo: [image] describe\n"
    assert not _deleted(cli, before)
    assert file_id in _file_ids(cli)


def test_uploads_are_deleted_when_the_request_fails(cli: Cli) -> None:
    (cli.home / "dot.png").write_bytes(PNG)
    before = len(cli.emu.requests)
    cli.emu.enqueue()  # the upload, answered as usual
    cli.emu.enqueue(status=400, json={"type": "error", "error": {"type": "invalid_request_error", "message": "bad"}})
    done = cli("prompt", "-a", "dot.png", "--upload", "describe", input="")
    assert done.returncode == 1
    uploaded = [r for r in cli.emu.requests[before:] if r.path == "/v1/files" and r.method == "POST"]
    assert len(uploaded) == 1
    file_id = _sent_file_id(cli)
    assert _deleted(cli, before) == [f"/v1/files/{file_id}"]
    assert file_id not in _file_ids(cli)


def test_no_stdin_leaves_a_loops_input_alone_and_a_pipe_that_never_closes(cli: Cli) -> None:
    (cli.home / "list").write_text("a\nb\nc\n")
    before = len(_bodies(cli))
    loop = f'while read f; do "{sys.executable}" -m claude_cli prompt --no-log -n "x $f"; done < list'
    done = subprocess.run(["bash", "-c", loop], cwd=cli.home, env=cli.env, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Echo: x a\nEcho: x b\nEcho: x c\n"
    assert [body["messages"][0]["content"] for body in _bodies(cli)[before:]] == ["x a", "x b", "x c"]
    command = [sys.executable, "-m", "claude_cli", "prompt", "--no-log", "--no-stdin", "hi"]
    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    with subprocess.Popen(command, cwd=cli.home, env=cli.env, **pipes) as held:  # type: ignore[call-overload]
        assert held.wait(timeout=30) == 0  # its stdin stays open all along
        assert held.stdout.read() == b"Echo: hi\n"
        held.stdin.close()


def test_text_that_is_not_utf8_is_a_usage_error_naming_where_it_came_from(cli: Cli) -> None:
    before = len(_bodies(cli))
    command = [sys.executable, "-m", "claude_cli", "prompt", "summarise"]
    done = subprocess.run(command, input=b"caf\xe9\n", capture_output=True, env=cli.env, cwd=cli.home, timeout=60)
    assert done.returncode == 2
    assert done.stderr.decode().splitlines()[-1] == (
        "Error: stdin is not UTF-8 text (byte 0xe9 at offset 3):"
        " convert it first, for example with iconv -f latin1 -t utf-8"
    )
    (cli.home / "latin.json").write_bytes(b'{"description": "caf\xe9"}')
    schema = cli("prompt", "--schema", "latin.json", "hi", input="")
    assert schema.returncode == 2
    assert schema.stderr.splitlines()[-1].startswith("Error: latin.json is not UTF-8 text (byte 0xe9 at offset 20)")
    assert len(_bodies(cli)) == before


def test_a_function_that_is_not_usable_as_a_tool_is_a_usage_error(cli: Cli) -> None:
    before = len(_bodies(cli))
    for target in ("os:system", "json:JSONDecoder", "json:__doc__"):
        refused = cli("prompt", "--tool", target, "hi", input="")
        assert refused.returncode == 2, refused.stderr
        assert refused.stderr.splitlines()[-1] == (
            f"Error: Invalid value for --tool: {target!r} is not usable as a tool: give a @beta_tool function,"
            " or a Python function with type hints and a docstring (mytools:get_weather)"
        )
    assert len(_bodies(cli)) == before


def test_tool_and_schema_imports_leave_sys_path_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "path_tools.py").write_text('def ping(text: str) -> str:\n    """Ping."""\n    return text\n')
    (tmp_path / "path_models.py").write_text("import pydantic\n\nclass P(pydantic.BaseModel):\n    name: str\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", [entry for entry in sys.path if entry not in ("", str(tmp_path))])
    before = list(sys.path)
    try:
        assert [tool.name for tool in load_tools(["path_tools:ping"])] == ["ping"]
        assert load_schema("path_models:P").__name__ == "P"
        assert sys.path == before
        with pytest.raises(click.BadParameter, match="No module named 'path_nothing'"):
            load_tools(["path_nothing:f"])
        assert sys.path == before
    finally:
        for name in ("path_tools", "path_models"):
            sys.modules.pop(name, None)


def test_a_stream_that_fails_midway_logs_the_text_that_arrived(cli: Cli) -> None:
    words = " ".join(f"word{i}" for i in range(40))
    cli.emu.enqueue(stream_error_after=12)
    done = cli("prompt", words, input="")
    assert done.returncode == 1, done.stderr
    logged = _log(cli).last_conversation()
    assert logged is not None
    exchange = logged.exchanges[0]
    assert exchange.error is not None and "overloaded" in exchange.error
    assert exchange.response.startswith("Echo: word0") and len(exchange.response) < len(f"Echo: {words}")
    assert done.stdout.startswith(exchange.response)
    assert exchange.message is not None and exchange.message["content"][0]["text"] == exchange.response


def test_attachments_are_typed_by_content_and_read_from_stdin(cli: Cli) -> None:
    (cli.home / "photo.jpg").write_bytes(PNG)  # a PNG named .jpg
    named = cli("prompt", "--no-log", "-a", "photo.jpg", "describe", input="")
    assert named.returncode == 0, named.stderr
    assert _bodies(cli)[-1]["messages"][0]["content"][0]["source"]["media_type"] == "image/png"
    command = [sys.executable, "-m", "claude_cli", "prompt", "--no-log", "-a", "-", "what is this?"]
    piped = subprocess.run(command, input=PNG, capture_output=True, env=cli.env, cwd=cli.home, timeout=60)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == b"Echo: [image] what is this?\n"
    image, text = _bodies(cli)[-1]["messages"][0]["content"]
    assert image["source"] == {"type": "base64", "media_type": "image/png", "data": base64.b64encode(PNG).decode()}
    assert text == {"type": "text", "text": "what is this?"}  # stdin was the attachment, not text
    dev = subprocess.run([*command[:5], "-a", "/dev/stdin", "and this?"], input=PNG, capture_output=True, env=cli.env)
    assert dev.returncode == 0 and dev.stdout == b"Echo: [image] and this?\n", dev.stderr
    before = len(_bodies(cli))
    as_text = subprocess.run([*command[:-3], "describe"], input=PNG, capture_output=True, env=cli.env, timeout=60)
    assert as_text.returncode == 2
    assert as_text.stderr.decode().splitlines()[-1] == (
        'Error: stdin is a PNG image, not text: attach it with -a - (claude-core prompt -a - "describe this")'
    )
    assert len(_bodies(cli)) == before
    (cli.home / "fake.png").write_text("not an image")
    fake = cli("prompt", "--no-log", "-a", "fake.png", "hi", input="")
    assert fake.returncode == 2 and "(its content is not a PNG image)" in fake.stderr


def test_attachments_past_the_apis_size_limits_go_through_the_files_api(cli: Cli) -> None:
    # 4 MiB of PNG is 5.3 MiB of base64: past the API's 5 MB limit on an image's base64
    (cli.home / "big.png").write_bytes(PNG + b"\0" * (4 * 1024 * 1024))
    done = cli("prompt", "--no-log", "-a", "big.png", "describe", input="")
    assert done.returncode == 0, done.stderr
    assert _bodies(cli)[-1]["messages"][0]["content"][0]["source"]["type"] == "file"
    # five PDFs of 5 MiB, each fine inline, are 35 MB of base64 together: past the 32 MB request limit
    names = []
    for number in range(5):
        names += ["-a", f"paper{number}.pdf"]
        (cli.home / f"paper{number}.pdf").write_bytes(b"%PDF-1.4\n" + bytes([number]) * (5 * 1024 * 1024))
    many = cli("count", *names, "read them", input="")  # count sends them as prompt does (and ignores the tokens limit)
    assert many.returncode == 0, many.stderr
    sent = [r for r in cli.emu.requests if r.path == "/v1/messages/count_tokens"][-1]
    sources = [block["source"]["type"] for block in sent.json()["messages"][0]["content"][:5]]
    assert sorted(sources) == ["base64", "base64", "base64", "base64", "file"]
    assert len(sent.body) < 32 * 1000 * 1000


def test_a_plain_tool_function_needs_type_hints_and_a_docstring(cli: Cli) -> None:
    (cli.home / "bare_tools.py").write_text(
        "def nodoc(city):\n    return city\n\n"
        "def hinted(city: str, days: int) -> str:\n    return city\n\n"
        "def described(city, days: int):\n    '''The weather.'''\n    return city\n"
    )
    for name, missing in (
        ("nodoc", "a docstring and type hints for city"),
        ("hinted", "a docstring"),
        ("described", "type hints for city"),
    ):
        refused = cli("prompt", "--no-log", "--tool", f"bare_tools:{name}", "hi", input="")
        assert refused.returncode == 2, (name, refused.stderr)
        assert refused.stderr.splitlines()[-1] == (
            f"Error: Invalid value for --tool: 'bare_tools:{name}' lacks {missing}, which describe it to Claude:"
            " add them"
        )


def test_an_answer_cut_off_by_max_tokens_says_so_on_stderr(cli: Cli) -> None:
    cut = cli("prompt", "--no-log", "--max-tokens", "3", "one two three four five", input="")
    assert cut.returncode == 0, cut.stderr
    assert cut.stdout == "Echo: one two\n"
    assert cut.stderr.splitlines() == [
        "Note: the answer was cut off at --max-tokens 3: raise --max-tokens for a longer one"
    ]
    whole = cli("prompt", "--no-log", "one two", input="")
    assert whole.returncode == 0 and whole.stderr == ""


def test_an_answer_claude_declined_says_so_on_stderr(cli: Cli) -> None:
    start = {
        "type": "message_start",
        "message": {
            "id": "msg_refused",
            "type": "message",
            "role": "assistant",
            "model": "claude-sonnet-4-5",
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": {"input_tokens": 5, "output_tokens": 0},
        },
    }
    delta = {
        "type": "message_delta",
        "delta": {"stop_reason": "refusal", "stop_sequence": None},
        "usage": {"output_tokens": 0},
    }
    events = [("message_start", start), ("message_delta", delta), ("message_stop", {"type": "message_stop"})]
    cli.emu.enqueue(sse="".join(f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in events).encode())
    refused = cli("prompt", "--no-log", "something declined", input="")
    assert refused.returncode == 0, refused.stderr
    assert refused.stderr.splitlines() == ["Note: Claude declined to answer this prompt (stop reason: refusal)"]
