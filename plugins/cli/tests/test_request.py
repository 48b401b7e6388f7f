"""The params ``prompt`` and ``chat`` build from their options (claude_cli.request, no I/O)."""

from __future__ import annotations

import base64
from types import SimpleNamespace

import click
import pytest
from claude_cli import request


def test_the_prompt_is_stdin_then_the_arguments() -> None:
    assert request.prompt_text(["summarise", "this"], "my notes\n") == "my notes\n\nsummarise this"
    assert request.prompt_text(["hi"], None) == "hi"
    assert request.prompt_text([], "  piped only \n") == "piped only"
    assert request.prompt_text(["hi"], "\n") == "hi"


def test_an_empty_prompt_is_a_usage_error_saying_how_to_give_one() -> None:
    with pytest.raises(click.UsageError, match="nothing to send: give the prompt as arguments"):
        request.prompt_text([" "], "")


def test_thinking_takes_a_budget_or_adaptive() -> None:
    assert request.thinking_param(None) is None
    assert request.thinking_param("2048") == {"type": "enabled", "budget_tokens": 2048}
    assert request.thinking_param("Adaptive") == {"type": "adaptive"}
    for bad in ("1023", "lots", "-5"):
        with pytest.raises(click.BadParameter, match="at least 1024") as caught:
            request.thinking_param(bad)
        assert caught.value.param_hint == "--thinking"


def test_max_tokens_leaves_room_after_a_thinking_budget() -> None:
    assert request.max_tokens_for(None, None) == request.DEFAULT_MAX_TOKENS
    assert request.max_tokens_for(None, {"type": "enabled", "budget_tokens": 2048}) == request.DEFAULT_MAX_TOKENS
    assert request.max_tokens_for(None, {"type": "enabled", "budget_tokens": 8000}) == 8000 + request.DEFAULT_MAX_TOKENS
    assert request.max_tokens_for(None, {"type": "adaptive"}) == request.DEFAULT_MAX_TOKENS
    assert request.max_tokens_for(300, None) == 300
    with pytest.raises(click.BadParameter, match="not above the thinking budget 2048: raise --max-tokens"):
        request.max_tokens_for(2048, {"type": "enabled", "budget_tokens": 2048})
    with pytest.raises(click.BadParameter, match="positive"):
        request.max_tokens_for(0, None)


def test_attachments_are_images_or_pdfs_by_name() -> None:
    assert request.media_type("cat.PNG") == "image/png"
    assert request.media_type("a.jpg") == "image/jpeg"
    assert request.media_type("paper.pdf") == "application/pdf"
    with pytest.raises(
        click.BadParameter, match=r"notes.txt: attach a JPEG, PNG, GIF or WebP image or a PDF \(this is text/plain\)"
    ):
        request.media_type("notes.txt")


def test_large_attachments_go_through_the_files_api() -> None:
    assert not request.uploads(request.INLINE_LIMIT)
    assert request.uploads(request.INLINE_LIMIT + 1)
    assert request.uploads(10, force=True)


def test_attachment_blocks() -> None:
    image = request.inline_block("image/png", b"\x89PNG")
    assert image == {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw=="}}
    assert base64.b64decode(image["source"]["data"]) == b"\x89PNG"
    assert request.inline_block("application/pdf", b"%PDF")["type"] == "document"
    assert request.file_block("application/pdf", "file_1") == {
        "type": "document",
        "source": {"type": "file", "file_id": "file_1"},
    }
    assert request.file_block("image/gif", "file_2")["type"] == "image"
    assert request.user_content("hi", []) == "hi"
    assert request.user_content("hi", [image]) == [image, {"type": "text", "text": "hi"}]


def test_import_targets_are_module_colon_name() -> None:
    assert request.split_target("pkg.tools:get_weather", "--tool", "x:y") == ["pkg.tools", "get_weather"]
    for bad in ("get_weather", "a:b:c", ":f", "m:"):
        with pytest.raises(click.BadParameter, match=r"give it as module:name \(x:y\)"):
            request.split_target(bad, "--tool", "x:y")


def test_params_carry_only_what_was_asked() -> None:
    messages = [{"role": "user", "content": "hi"}]
    assert request.build_params(request.Options(), messages, None) == {
        "model": request.DEFAULT_MODEL,
        "max_tokens": request.DEFAULT_MAX_TOKENS,
        "messages": messages,
    }
    options = request.Options(model="claude-opus-4-1", system="Be brief.", max_tokens=99, temperature=0.0, effort="low")
    params = request.build_params(options, messages, {"type": "adaptive"})
    assert params == {
        "model": "claude-opus-4-1",
        "max_tokens": 99,
        "messages": messages,
        "system": "Be brief.",
        "temperature": 0.0,
        "thinking": {"type": "adaptive"},
        "output_config": {"effort": "low"},
    }
    with pytest.raises(click.BadParameter, match="from 0 to 1"):
        request.build_params(request.Options(temperature=1.5), messages, None)


def test_log_options_keep_settings_and_names_never_messages() -> None:
    params = request.build_params(
        request.Options(max_tokens=50, temperature=0.5), [{"role": "user", "content": "secret text"}], None
    )
    kept = request.log_options(params, attachments=["cat.png"], schema=None, tools=[])
    assert kept == {"max_tokens": 50, "temperature": 0.5, "attachments": ["cat.png"]}


def test_usage_line_sums_every_turn() -> None:
    one = SimpleNamespace(input_tokens=10, output_tokens=5, cache_read_input_tokens=3, cache_creation_input_tokens=None)
    two = SimpleNamespace(input_tokens=20, output_tokens=7, cache_read_input_tokens=0, cache_creation_input_tokens=4)
    assert request.usage_line([one, two]) == "Tokens: 30 input, 12 output, 3 cache read, 4 cache write"


def test_text_read_must_be_utf8_and_the_error_names_its_source() -> None:
    assert request.decode_text("café".encode(), "stdin") == "café"
    with pytest.raises(click.UsageError) as caught:
        request.decode_text(b"ok caf\xe9", "notes.md")
    assert caught.value.format_message() == (
        "notes.md is not UTF-8 text (byte 0xe9 at offset 6):"
        " convert it first, for example with iconv -f latin1 -t utf-8"
    )


def test_a_schema_or_tool_target_is_told_from_a_file_name() -> None:
    assert request.is_target("models:Person") and request.is_target("pkg.models:Person")
    for name in ("person.json", "schemas/person.json", "C:\\schemas\\person.json", "a:b:c"):
        assert not request.is_target(name)
