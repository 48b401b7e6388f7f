"""What travels between a client and the emulator: requests, replies and API errors."""

from __future__ import annotations

import dataclasses
import datetime
import io
import json
from typing import Any, BinaryIO, Dict, Iterable, List, Optional, Tuple, Union

import httpx

__all__ = [
    "MISSING",
    "EmulatorRequest",
    "RecordedRequest",
    "Reply",
    "Pause",
    "Disconnect",
    "DISCONNECT",
    "BodyPart",
    "APIErrorReply",
    "dumps",
    "json_reply",
    "error_body",
    "rfc3339",
    "close_body",
]

#: The ``error.type`` the real API uses for each status it returns.
ERROR_TYPES: Dict[int, str] = {
    400: "invalid_request_error",
    401: "authentication_error",
    402: "billing_error",
    403: "permission_error",
    404: "not_found_error",
    408: "timeout_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    504: "timeout_error",
    529: "overloaded_error",
}

_JSON_HEADERS = ("content-type", "application/json")

#: Default of arguments where None is a meaningful value (``enqueue(json=None)`` sends ``null``).
MISSING: Any = object()


def dumps(obj: Any) -> bytes:
    """Compact JSON, as the real API sends it."""
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


@dataclasses.dataclass
class EmulatorRequest:
    """One HTTP request as the app sees it: no sockets, the whole body in memory.

    ``path`` is percent-decoded and holds no query string; ``query`` keeps the first value
    of each parameter; ``headers`` is case-insensitive. A large multipart body (a file
    upload over 1 MiB) is the exception: the server spools it to a temporary file,
    ``body_file``, and leaves ``body`` empty; the file is closed (and gone) once the request
    is answered, so a recorded upload keeps only its headers. ``target`` is the request target
    as the client sent it (path still percent-encoded, query string included; empty when not
    known): Bedrock's SigV4 check recomputes the signature over it.
    """

    method: str
    path: str
    query: Dict[str, str] = dataclasses.field(default_factory=dict)
    headers: httpx.Headers = dataclasses.field(default_factory=httpx.Headers)
    body: bytes = b""
    body_file: Optional[BinaryIO] = dataclasses.field(default=None, repr=False, compare=False)
    target: str = dataclasses.field(default="", repr=False, compare=False)

    def open_body(self) -> BinaryIO:
        """The body as a seekable binary file, at offset 0: ``body_file``, or ``body`` in memory."""
        if self.body_file is None:
            return io.BytesIO(self.body)
        self.body_file.seek(0)
        return self.body_file

    def json(self) -> Any:
        """The body parsed as JSON (raises ``ValueError`` when it is not JSON)."""
        return json.loads(self.body)


#: Requests are recorded exactly as they arrived.
RecordedRequest = EmulatorRequest


@dataclasses.dataclass(frozen=True)
class Pause:
    """A body part: wait ``seconds`` (a real sleep, on this connection only) before sending the rest."""

    seconds: float


class Disconnect:
    """A body part: close the connection abruptly here, without the chunked terminator."""

    def __repr__(self) -> str:
        return "DISCONNECT"


DISCONNECT = Disconnect()

#: What a reply body yields: bytes to send, a :class:`Pause`, or :data:`DISCONNECT`.
BodyPart = Union[bytes, Pause, Disconnect]


@dataclasses.dataclass
class Reply:
    """What the app answers: sent after ``delay`` seconds, or never when ``drop`` is set.

    ``body`` is an iterable of byte chunks: a one-chunk sequence is sent with
    ``Content-Length``, anything else (a generator, several chunks) chunked, as it is produced,
    unless ``length`` gives its size in advance (then it is sent with that ``Content-Length``).
    It may also yield :class:`Pause` (sleep, then go on) and :data:`DISCONNECT` (cut the
    connection mid-body). ``drop`` closes the connection without sending anything. A body
    with a ``close()`` method is closed once sent (or abandoned).
    """

    status: int
    headers: List[Tuple[str, str]] = dataclasses.field(default_factory=list)
    body: Iterable[BodyPart] = ()
    delay: float = 0.0
    drop: bool = False
    length: Optional[int] = None


class APIErrorReply(Exception):
    """Raised inside handlers; the app turns it into the API's error body, with ``headers`` added."""

    def __init__(
        self,
        status: int,
        message: str,
        error_type: Optional[str] = None,
        headers: Iterable[Tuple[str, str]] = (),
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = list(headers)
        fallback = "api_error" if status >= 500 else "invalid_request_error"
        self.error_type = error_type or ERROR_TYPES.get(status, fallback)


def close_body(body: Iterable[BodyPart]) -> None:
    """Release what a reply body holds (a generator, an open file), sent or not."""
    close = getattr(body, "close", None)
    if callable(close):
        close()


def rfc3339(moment: datetime.datetime) -> str:
    """A UTC time as the API writes it: ``2025-04-14T10:00:00.123456Z``."""
    return moment.astimezone(datetime.timezone.utc).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def error_body(error_type: str, message: str, request_id: str) -> Dict[str, Any]:
    return {"type": "error", "error": {"type": error_type, "message": message}, "request_id": request_id}


def json_reply(status: int, obj: Any, request_id: str) -> Reply:
    return Reply(status, [_JSON_HEADERS, ("request-id", request_id)], [dumps(obj)])
