"""The params ``prompt`` and ``chat`` build from their options (claude_cli.request, no I/O)."""

from __future__ import annotations

import base64
from types import SimpleNamespace

import click
import pytest
from claude_cli import request

PNG_HEAD = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


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


def test_attachments_are_images_or_pdfs_by_their_content() -> None:
    assert request.media_type("cat.PNG", PNG_HEAD) == "image/png"
    assert request.media_type("photo.jpg", PNG_HEAD) == "image/png"  # the content decides, not the name
    assert request.media_type("a.bin", b"\xff\xd8\xff\xe0\x00\x10JFIF") == "image/jpeg"
    assert request.media_type("a", b"GIF89a\x01\x00") == "image/gif"
    assert request.media_type("a", b"GIF87a\x01\x00") == "image/gif"
    assert request.media_type("a.png", b"RIFF\x24\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert request.media_type("paper", b"%PDF-1.7\n") == "application/pdf"
    assert request.sniff(b"RIFF\x24\x00\x00\x00WAVEfmt ") is None
    with pytest.raises(
        click.BadParameter, match=r"notes.txt: attach a JPEG, PNG, GIF or WebP image or a PDF \(this is text/plain\)"
    ):
        request.media_type("notes.txt", b"just text")
    with pytest.raises(click.BadParameter, match=r"fake.png: .* \(its content is not a PNG image\)") as caught:
        request.media_type("fake.png", b"just text")
    assert caught.value.param_hint == "--attach"


def test_attachments_too_large_for_inline_go_through_the_files_api() -> None:
    biggest = request.INLINE_LIMIT // 4 * 3  # whose base64 is the limit exactly
    assert request.base64_size(biggest) == request.INLINE_LIMIT
    assert request.base64_size(1) == request.base64_size(3) == 4
    assert request.uploads([("image/png", biggest)]) == [False]
    assert request.uploads([("image/png", biggest + 1)]) == [True]  # 3.75 MiB of image is 5 MiB of base64
    assert request.uploads([("image/png", 10)], force=True) == [True]
    assert request.uploads([("application/pdf", 10 * 1000 * 1000)]) == [False]  # no 5 MB limit on PDFs
    # the request as a whole: the largest go through the files API until the rest fits in 32 MB
    pdfs = [("application/pdf", 6_000_000), ("application/pdf", 10_000_000), ("application/pdf", 9_000_000)]
    assert request.uploads(pdfs) == [False, True, False]
    assert request.uploads(pdfs[:2]) == [False, False]
    assert request.uploads(pdfs[:2], text=request.REQUEST_LIMIT - 20_000_000) == [False, True]


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


def test_binary_text_that_is_an_image_or_pdf_points_to_attach() -> None:
    with pytest.raises(click.UsageError) as caught:
        request.decode_text(PNG_HEAD + b"\xff\xfe", "stdin")
    assert caught.value.format_message() == (
        'stdin is a PNG image, not text: attach it with -a - (claude-core prompt -a - "describe this")'
    )
    with pytest.raises(click.UsageError) as caught:
        request.decode_text(b"%PDF-1.4\n\xe2\xe3\xcf\xd3", "paper.md")
    assert caught.value.format_message().startswith("paper.md is a PDF, not text: attach it with -a paper.md")


def test_an_answer_that_ended_early_is_noted() -> None:
    assert request.stop_notice("max_tokens", 3) == (
        "Note: the answer was cut off at --max-tokens 3: raise --max-tokens for a longer one"
    )
    assert request.stop_notice("refusal", 4096) == "Note: Claude declined to answer this prompt (stop reason: refusal)"
    for usual in ("end_turn", "stop_sequence", "tool_use", None):
        assert request.stop_notice(usual, 4096) is None
