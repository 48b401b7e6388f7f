"""Sentinels and small shared types used across the public API."""

from __future__ import annotations

import enum
import os
from typing import IO, Any, Dict, Mapping, Optional, Tuple, Union

import httpx
from typing_extensions import Literal, TypeAlias, TypedDict

__all__ = [
    "NOT_GIVEN",
    "not_given",
    "NotGiven",
    "Omit",
    "omit",
    "Headers",
    "Query",
    "Body",
    "TimeoutTypes",
    "RequestOptions",
    "StreamOptions",
    "RequestMode",
    "NoneType",
    "Transport",
    "AsyncTransport",
    "FileContent",
    "FileTypes",
    "REQUEST_BODY",
]


class NotGiven:
    """Marks an argument the caller did not pass, where ``None`` has a meaning of its own."""

    _instance: Optional["NotGiven"] = None

    def __new__(cls) -> "NotGiven":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()
not_given = NOT_GIVEN


class Omit:
    """Removes a default header or parameter: ``extra_headers={"x-api-key": omit}``."""

    _instance: Optional["Omit"] = None

    def __new__(cls) -> "Omit":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "omit"


omit = Omit()

Headers = Mapping[str, Union[str, Omit]]
Query = Mapping[str, object]
Body = Dict[str, Any]
TimeoutTypes = Union[float, httpx.Timeout, None]
#: The type of ``None``, as the official package exports it.
NoneType = type(None)
#: What an ``http_client``'s ``transport=`` is (httpx's base transports, under the official names).
Transport = httpx.BaseTransport
AsyncTransport = httpx.AsyncBaseTransport

#: The key of the pydantic serialization context under which a model is dumped into a request
#: body: a response model's field the API refuses back (``ParsedTextBlock.parsed_output``)
#: leaves itself out of the dump then.
REQUEST_BODY = "claude_core.request_body"

#: The content of a file to upload: bytes, a path, or an open binary file.
FileContent: TypeAlias = Union[IO[bytes], bytes, os.PathLike[str]]
#: What ``client.beta.files.upload(file=...)`` takes: a :data:`FileContent`, or a tuple
#: ``(filename, content)`` / ``(filename, content, media_type)`` (what ``file_from_path`` returns).
FileTypes: TypeAlias = Union[
    FileContent, Tuple[Optional[str], FileContent], Tuple[Optional[str], FileContent, Optional[str]]
]


class RequestOptions(TypedDict, total=False):
    """Per-call options accepted by every resource method beside its API parameters."""

    extra_headers: Optional[Headers]
    extra_query: Optional[Query]
    extra_body: Optional[Body]
    timeout: Union[TimeoutTypes, NotGiven]


class StreamOptions(TypedDict, total=False):
    """Options of a streamed call (``stream=True`` or ``messages.stream``)."""

    stream_idle_timeout: Optional[float]
    """Raise :class:`~claude_core.APITimeoutError` after this many seconds without an event (pings do not count)."""
    deadline: Optional[float]
    """Raise :class:`~claude_core.APITimeoutError` once this many seconds have passed since the call started."""


class RequestMode(enum.Enum):
    """What a resource method returns: the parsed object, or an ``APIResponse`` read now or lazily."""

    PARSE = "parse"
    RAW = "raw"
    STREAM_RESPONSE = "stream_response"
