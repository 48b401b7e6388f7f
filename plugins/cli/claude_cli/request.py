"""The Messages params of ``prompt`` and ``chat``, built from their options: no I/O here.

The commands read stdin, files and modules; what they read is turned into params, content
blocks and log options by the functions below, which tests call directly.
"""

from __future__ import annotations

import base64
import dataclasses
import mimetypes
import re
from typing import Any, Dict, List, Optional, Sequence, Tuple

import click

__all__ = [
    "DEFAULT_MODEL",
    "MODEL_ENV",
    "DEFAULT_MAX_TOKENS",
    "INLINE_LIMIT",
    "REQUEST_LIMIT",
    "FILES_BETA",
    "EFFORTS",
    "Options",
    "NOTHING_TO_SEND",
    "prompt_text",
    "decode_text",
    "thinking_param",
    "max_tokens_for",
    "sniff",
    "media_type",
    "base64_size",
    "uploads",
    "inline_block",
    "file_block",
    "user_content",
    "is_target",
    "split_target",
    "build_params",
    "log_options",
    "usage_line",
    "stop_notice",
]

DEFAULT_MODEL = "claude-sonnet-4-5"
#: The environment variable ``--model`` defaults to.
MODEL_ENV = "CLAUDE_CORE_MODEL"
DEFAULT_MAX_TOKENS = 4096
#: The largest base64 text of an image sent inline (the API measures an image's base64, not its
#: bytes: 5 MB of base64 is about 3.75 MB of image); larger ones go through the files API.
INLINE_LIMIT = 5 * 1024 * 1024
#: The largest request the Messages and token counting endpoints take (32 MB, refused with 413
#: ``request_too_large`` above it); inline attachments that would pass it go through the files API.
REQUEST_LIMIT = 32 * 1000 * 1000
#: Room kept in a request for its JSON around the attachments (options, names, quoting).
_REQUEST_MARGIN = 64 * 1024
FILES_BETA = "files-api-2025-04-14"
EFFORTS = ("low", "medium", "high", "max")
_MIN_BUDGET = 1024
_IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})
_KIND_NAMES = {
    "image/jpeg": "a JPEG image",
    "image/png": "a PNG image",
    "image/gif": "a GIF image",
    "image/webp": "a WebP image",
    "application/pdf": "a PDF",
}
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
)
_TARGET = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$")


@dataclasses.dataclass
class Options:
    """What ``prompt`` and ``chat`` were asked for (the parts that become params)."""

    model: str = DEFAULT_MODEL
    system: Optional[str] = None
    max_tokens: Optional[int] = None
    temperature: Optional[float] = None
    thinking: Optional[str] = None
    effort: Optional[str] = None


NOTHING_TO_SEND = 'nothing to send: give the prompt as arguments (claude-core prompt "Hi") or on stdin'


def prompt_text(args: Sequence[str], stdin: Optional[str], nothing: str = NOTHING_TO_SEND) -> str:
    """The prompt: piped text first, then the arguments' words (``cat notes.md | claude-core prompt
    "summarise"`` sends the notes followed by the instruction). Empty is a usage error saying
    ``nothing``."""
    said = " ".join(args).strip()
    piped = (stdin or "").strip()
    text = f"{piped}\n\n{said}" if piped and said else piped or said
    if not text:
        raise click.UsageError(nothing)
    return text


def decode_text(data: bytes, source: str) -> str:
    """``data`` read from ``source`` (``stdin`` or a file's name) as UTF-8 text; anything else is a
    usage error naming the source, the encoding and the first bad byte, or, for an image or a PDF,
    the ``-a`` that attaches it."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        kind = sniff(data)
        if kind is not None:
            attach = "-a -" if source == "stdin" else f"-a {source}"
            raise click.UsageError(
                f"{source} is {_KIND_NAMES[kind]}, not text: attach it with {attach}"
                f' (claude-core prompt {attach} "describe this")'
            ) from None
        raise click.UsageError(
            f"{source} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}):"
            f" convert it first, for example with iconv -f latin1 -t utf-8"
        ) from None


def thinking_param(value: Optional[str]) -> Optional[Dict[str, Any]]:
    """``--thinking``: ``adaptive``, or a budget of at least 1,024 tokens for extended thinking."""
    if value is None:
        return None
    if value.strip().lower() == "adaptive":
        return {"type": "adaptive"}
    try:
        budget = int(value)
    except ValueError:
        budget = -1
    if budget < _MIN_BUDGET:
        raise click.BadParameter(
            f"{value!r}: give a token budget of at least {_MIN_BUDGET} (--thinking 2048) or 'adaptive'",
            param_hint="--thinking",
        )
    return {"type": "enabled", "budget_tokens": budget}


def max_tokens_for(max_tokens: Optional[int], thinking: Optional[Dict[str, Any]]) -> int:
    """``--max-tokens``, or a default that leaves room for the answer after a thinking budget."""
    budget = int(thinking["budget_tokens"]) if thinking and thinking.get("type") == "enabled" else 0
    if max_tokens is None:
        return DEFAULT_MAX_TOKENS + budget if budget >= DEFAULT_MAX_TOKENS else DEFAULT_MAX_TOKENS
    if max_tokens < 1:
        raise click.BadParameter(f"{max_tokens}: give a positive number of tokens", param_hint="--max-tokens")
    if budget and budget >= max_tokens:
        raise click.BadParameter(
            f"{max_tokens} is not above the thinking budget {budget}: raise --max-tokens or lower --thinking",
            param_hint="--max-tokens",
        )
    return max_tokens


def sniff(head: bytes) -> Optional[str]:
    """The media type ``head`` (a file's first bytes, 12 are enough) starts like: a JPEG, PNG,
    GIF or WebP image or a PDF; None for anything else."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def media_type(name: str, head: bytes) -> str:
    """The media type of an attachment named ``name`` starting with ``head``: by its content
    (a PNG named ``x.jpg`` is a PNG), an image or a PDF; anything else is a usage error."""
    found = sniff(head)
    if found is not None:
        return found
    guessed, _ = mimetypes.guess_type(name)
    this = (
        f"its content is not {_KIND_NAMES[guessed]}"
        if guessed in _KIND_NAMES
        else f"this is {guessed or 'an unknown type'}"
    )
    raise click.BadParameter(f"{name}: attach a JPEG, PNG, GIF or WebP image or a PDF ({this})", param_hint="--attach")


def base64_size(size: int) -> int:
    """How long the base64 text of ``size`` bytes is (what the API's limits measure)."""
    return (size + 2) // 3 * 4


def uploads(attachments: Sequence[Tuple[str, int]], text: int = 0, force: bool = False) -> List[bool]:
    """For each attachment (its media type and size in bytes), whether it goes through the files
    API rather than inline: all with ``force``; an image whose base64 passes :data:`INLINE_LIMIT`;
    and the largest of the rest while they and the ``text`` (its length) would make the request
    pass :data:`REQUEST_LIMIT`."""
    if force:
        return [True] * len(attachments)
    sent = [kind in _IMAGE_TYPES and base64_size(size) > INLINE_LIMIT for kind, size in attachments]
    total = text + _REQUEST_MARGIN + sum(base64_size(size) for (_, size), up in zip(attachments, sent) if not up)
    for index in sorted(range(len(attachments)), key=lambda i: -attachments[i][1]):
        if total <= REQUEST_LIMIT:
            break
        if not sent[index]:
            sent[index] = True
            total -= base64_size(attachments[index][1])
    return sent


def inline_block(kind: str, data: bytes) -> Dict[str, Any]:
    """An image or document content block carrying ``data`` as base64."""
    source = {"type": "base64", "media_type": kind, "data": base64.b64encode(data).decode("ascii")}
    return {"type": "document" if kind == "application/pdf" else "image", "source": source}


def file_block(kind: str, file_id: str) -> Dict[str, Any]:
    """An image or document content block naming an uploaded file."""
    return {
        "type": "document" if kind == "application/pdf" else "image",
        "source": {"type": "file", "file_id": file_id},
    }


def user_content(text: str, blocks: Sequence[Dict[str, Any]]) -> Any:
    """A user turn's content: the text alone, or the attachments' blocks then the text."""
    return [*blocks, {"type": "text", "text": text}] if blocks else text


def is_target(value: str) -> bool:
    """Whether ``value`` is written as ``module:name``."""
    return bool(_TARGET.match(value))


def split_target(value: str, option: str, example: str) -> List[str]:
    """``module:name`` as ``[module, name]``, else a usage error naming ``option``."""
    if not is_target(value):
        raise click.BadParameter(f"{value!r}: give it as module:name ({example})", param_hint=option)
    return value.split(":", 1)


def build_params(
    options: Options, messages: List[Dict[str, Any]], thinking: Optional[Dict[str, Any]]
) -> Dict[str, Any]:
    """The keyword arguments of ``messages.stream`` for ``options`` and the conversation so far."""
    params: Dict[str, Any] = {
        "model": options.model,
        "max_tokens": max_tokens_for(options.max_tokens, thinking),
        "messages": messages,
    }
    if options.system:
        params["system"] = options.system
    if options.temperature is not None:
        if not 0 <= options.temperature <= 1:
            raise click.BadParameter(f"{options.temperature}: give a number from 0 to 1", param_hint="--temperature")
        params["temperature"] = options.temperature
    if thinking is not None:
        params["thinking"] = thinking
    if options.effort is not None:
        params["output_config"] = {"effort": options.effort}
    return params


def log_options(params: Dict[str, Any], **extra: Any) -> Dict[str, Any]:
    """What the log keeps of a request's options: sampling and thinking settings, attachment
    names, schema and tools; never messages, keys or headers."""
    names: Tuple[str, ...] = ("max_tokens", "temperature", "thinking", "output_config")
    kept: Dict[str, Any] = {k: params[k] for k in names if k in params}
    kept.update({k: v for k, v in extra.items() if v})
    return kept


def usage_line(usages: Sequence[Any]) -> str:
    """Token counts summed over one or more turns' ``usage``, as ``-u`` prints them."""

    def total(name: str) -> int:
        return sum(int(getattr(usage, name, None) or 0) for usage in usages)

    return (
        f"Tokens: {total('input_tokens')} input, {total('output_tokens')} output, "
        f"{total('cache_read_input_tokens')} cache read, {total('cache_creation_input_tokens')} cache write"
    )


def stop_notice(stop_reason: Optional[str], max_tokens: int) -> Optional[str]:
    """The line to print on stderr when an answer ended early (None when it ended as usual):
    cut off by ``--max-tokens``, or declined by the model."""
    if stop_reason == "max_tokens":
        return f"Note: the answer was cut off at --max-tokens {max_tokens}: raise --max-tokens for a longer one"
    if stop_reason == "refusal":
        return "Note: Claude declined to answer this prompt (stop reason: refusal)"
    return None
