"""multipart/form-data, read from a seekable file in pieces: a 200 MiB upload is never held in memory.

:func:`find_part` scans the body for its delimiters and returns where the first part of a
given name lies (offset and size in the body) with its filename and content type;
:func:`copy_range` then copies those bytes out. Only what POST /v1/files needs is parsed:
``Content-Disposition`` (``name``, ``filename``, ``filename*``) and ``Content-Type``.
"""

from __future__ import annotations

import dataclasses
import re
from typing import BinaryIO, Dict, Iterator, Optional, Tuple
from urllib.parse import unquote

from ._wire import APIErrorReply

__all__ = ["Part", "boundary_of", "find_part", "copy_range"]

PIECE = 1 << 20
_MAX_HEAD = 65536
_BOUNDARY = re.compile(r'boundary\s*=\s*("([^"]{1,200})"|[^\s;"]{1,200})', re.IGNORECASE)
_PARAM = re.compile(r';\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')
_ESCAPE = re.compile(r"\\(.)")


@dataclasses.dataclass(frozen=True)
class Part:
    """One part of a multipart body: its headers' facts and where its content lies in the body."""

    name: str
    filename: Optional[str]
    content_type: Optional[str]
    offset: int
    size: int


def _bad(message: str) -> APIErrorReply:
    return APIErrorReply(400, message)


def boundary_of(content_type: str) -> bytes:
    """The boundary of a ``multipart/form-data`` content type (a 400 for any other body)."""
    if not content_type.lower().startswith("multipart/form-data"):
        raise _bad("Content-Type: the body should be multipart/form-data with a part named 'file'")
    match = _BOUNDARY.search(content_type)
    if match is None:
        raise _bad("Content-Type: multipart/form-data needs a boundary")
    return (match.group(2) or match.group(1)).encode("latin-1")


def _delimiters(body: BinaryIO, delimiter: bytes) -> Iterator[int]:
    """Offsets of every ``CRLF--boundary`` in the body, as if the body began with CRLF (the first may be -2)."""
    tail, base, position = b"\r\n", -2, 0  # ``tail`` starts at body offset ``base``
    while True:
        body.seek(position)  # the caller may read the body between two delimiters
        piece = body.read(PIECE)
        position += len(piece)
        window = tail + piece
        at = window.find(delimiter)
        while at >= 0:
            yield base + at
            at = window.find(delimiter, at + len(delimiter))
        if not piece:
            return
        keep = min(len(window), len(delimiter) - 1)
        tail, base = window[len(window) - keep :], base + len(window) - keep


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return _ESCAPE.sub(r"\1", value[1:-1])
    return value


def _disposition(value: str) -> Dict[str, str]:
    params = {name.lower(): _unquote(raw) for name, raw in _PARAM.findall(value)}
    extended = params.pop("filename*", None)
    if extended is not None:  # RFC 5987: charset'language'percent-encoded
        charset, _, rest = extended.partition("'")
        _, _, encoded = rest.partition("'")
        params["filename"] = unquote(encoded, encoding=charset or "utf-8", errors="replace")
    return params


def _headers(block: bytes) -> Tuple[Dict[str, str], Optional[str]]:
    disposition: Dict[str, str] = {}
    content_type: Optional[str] = None
    for line in block.decode("utf-8", errors="replace").split("\r\n"):
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-disposition":
            disposition = _disposition(value)
        elif name.strip().lower() == "content-type":
            content_type = value.strip() or None
    return disposition, content_type


def _part(body: BinaryIO, start: int, end: int) -> Optional[Part]:
    """The part between the end of one delimiter (``start``) and the next delimiter (``end``)."""
    body.seek(start)
    head = body.read(min(_MAX_HEAD, max(end - start, 0)))
    line_end = head.find(b"\r\n")
    if line_end < 0 or head[:line_end].strip(b" \t"):
        return None  # not a delimiter line (or the closing "--")
    rest = head[line_end + 2 :]
    if rest.startswith(b"\r\n"):
        block, skip = b"", 2
    else:
        split = rest.find(b"\r\n\r\n")
        if split < 0:
            raise _bad("multipart body: a part's headers do not end")
        block, skip = rest[:split], split + 4
    disposition, content_type = _headers(block)
    offset = start + line_end + 2 + skip
    return Part(disposition.get("name", ""), disposition.get("filename"), content_type, offset, end - offset)


def find_part(body: BinaryIO, content_type: str, name: str) -> Optional[Part]:
    """The first part called ``name`` in a multipart body, or None (a 400 for a body that is not multipart)."""
    delimiter = b"\r\n--" + boundary_of(content_type)
    previous: Optional[int] = None
    for at in _delimiters(body, delimiter):
        if previous is not None:
            part = _part(body, previous + len(delimiter), at)
            if part is not None and part.name == name:
                return part
        previous = at
    if previous is None:
        raise _bad("multipart body: the boundary of its Content-Type is not in it")
    return None


def copy_range(source: BinaryIO, offset: int, size: int, target: BinaryIO) -> None:
    """Copy ``size`` bytes of ``source`` from ``offset`` into ``target``, 1 MiB at a time."""
    source.seek(offset)
    left = size
    while left > 0:
        piece = source.read(min(left, PIECE))
        if not piece:
            raise _bad("multipart body: a part ends early")
        target.write(piece)
        left -= len(piece)
