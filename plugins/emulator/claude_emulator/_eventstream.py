"""AWS event-stream framing (``application/vnd.amazon.eventstream``), as Bedrock streams replies.

A message is a prelude (total length, headers length, both u32 big-endian, then the CRC32
of those 8 bytes), the headers, the payload and the CRC32 of everything before it. A
header is its name's length (u8), the name, a type byte (7: string) and the value (u16
big-endian length, then UTF-8). botocore has only the parser
(``botocore.eventstream.EventStreamBuffer``); the tests check this encoder against it.
"""

from __future__ import annotations

import base64
import struct
import zlib
from typing import Sequence, Tuple

from ._wire import dumps

__all__ = ["CONTENT_TYPE", "encode_message", "chunk_message", "exception_message"]

CONTENT_TYPE = "application/vnd.amazon.eventstream"
_STRING = 7
_PAD = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def _header(name: str, value: str) -> bytes:
    raw_name, raw_value = name.encode("utf-8"), value.encode("utf-8")
    return struct.pack(">B", len(raw_name)) + raw_name + struct.pack(">BH", _STRING, len(raw_value)) + raw_value


def encode_message(headers: Sequence[Tuple[str, str]], payload: bytes) -> bytes:
    """One event-stream message with these string headers and this payload."""
    raw_headers = b"".join(_header(name, value) for name, value in headers)
    total = 12 + len(raw_headers) + len(payload) + 4
    prelude = struct.pack(">II", total, len(raw_headers))
    prelude += struct.pack(">I", zlib.crc32(prelude))
    message = prelude + raw_headers + payload
    return message + struct.pack(">I", zlib.crc32(message))


_CHUNK_HEADERS = ((":event-type", "chunk"), (":content-type", "application/json"), (":message-type", "event"))


def chunk_message(event: bytes) -> bytes:
    """A ``chunk`` event carrying one Messages stream event (its JSON): ``{"bytes": <base64>, "p": <padding>}``.

    Like Bedrock, the payload has a ``p`` key of padding (its length varies with the event's).
    """
    encoded = base64.b64encode(event)
    payload = b'{"bytes":"' + encoded + b'","p":"' + _PAD[: 1 + len(event) % len(_PAD)] + b'"}'
    return encode_message(_CHUNK_HEADERS, payload)


def exception_message(exception_type: str, message: str) -> bytes:
    """An exception frame (``:message-type: exception``) with a ``{"message": ...}`` payload."""
    headers = (
        (":exception-type", exception_type),
        (":content-type", "application/json"),
        (":message-type", "exception"),
    )
    return encode_message(headers, dumps({"message": message}))
