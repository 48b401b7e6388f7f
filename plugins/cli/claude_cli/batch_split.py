"""A requests file (JSON Lines) read lazily and split over the Message Batches API's limits; no I/O.

Each line of ``requests.jsonl`` is one request, ``{"custom_id": ..., "params": {...}}``. The
API takes at most :data:`MAX_REQUESTS` requests and :data:`MAX_BYTES` bytes of body per batch
(https://docs.anthropic.com/en/docs/build-with-claude/batch-processing, "Batch limitations";
claude_core does not expose them). :func:`read_requests` checks the lines one at a time (the
caller hands it the file's lines, never the whole file); a :class:`Splitter` decides where each
batch ends, from the size each request adds to the body claude_core sends.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shlex
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Set, Tuple

__all__ = [
    "MAX_REQUESTS",
    "MAX_BYTES",
    "RequestsFileError",
    "BatchRequest",
    "read_requests",
    "Splitter",
    "split",
    "Span",
    "unsent_report",
]

#: At most this many requests per batch (the API's limit).
MAX_REQUESTS = 100_000
#: At most 256 MB of request body per batch (the API's limit; the decimal reading, the smaller).
MAX_BYTES = 256_000_000

#: The body is ``{"requests":[`` + the requests joined by ``,`` + ``]}``.
_BODY_OVERHEAD = len(b'{"requests":[]}')
#: What the API accepts as a custom_id.
_CUSTOM_ID = re.compile(r"[a-zA-Z0-9_-]{1,64}")


class RequestsFileError(ValueError):
    """A line of the requests file that cannot be sent; the message names the line and the fix."""


@dataclasses.dataclass
class BatchRequest:
    """One line of the requests file: its number (from 1), the request, and its bytes in the body."""

    line: int
    custom_id: str
    request: Dict[str, Any]
    size: int


def encoded_size(request: Dict[str, Any]) -> int:
    """The bytes ``request`` takes in the JSON body claude_core sends (compact, UTF-8)."""
    text = json.dumps(request, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return len(text.encode("utf-8"))


def _request(number: int, line: bytes) -> BatchRequest:
    where = f"line {number}"
    try:
        item = json.loads(line)
    except ValueError as exc:
        raise RequestsFileError(
            f"{where} is not JSON ({exc}): each line is one {{'custom_id', 'params'}} object"
        ) from exc
    if not isinstance(item, dict):
        raise RequestsFileError(f"{where} is a JSON {type(item).__name__}: it should be an object")
    extra = sorted(set(item) - {"custom_id", "params"})
    if extra:
        raise RequestsFileError(f"{where} has {', '.join(extra)}: a request has only 'custom_id' and 'params'")
    custom_id, params = item.get("custom_id"), item.get("params")
    if not isinstance(custom_id, str) or not _CUSTOM_ID.fullmatch(custom_id):
        raise RequestsFileError(f"{where}: custom_id should be 1 to 64 letters, digits, '_' or '-', not {custom_id!r}")
    if not isinstance(params, dict):
        raise RequestsFileError(f"{where}: params should be an object of messages.create() parameters")
    if params.get("stream"):
        raise RequestsFileError(f"{where}: params asks to stream, which a batch cannot: remove 'stream'")
    _check_params(where, params)
    try:
        size = encoded_size(item)
    except ValueError as exc:
        raise RequestsFileError(f"{where} cannot be sent as JSON: {exc}") from exc
    return BatchRequest(number, custom_id, item, size)


#: What messages.create() requires, each with what it should be and a check of it.
_REQUIRED: Dict[str, Tuple[str, Callable[[Any], bool]]] = {
    "model": ("a model name (a string)", lambda value: isinstance(value, str)),
    "max_tokens": ("a whole number", lambda value: isinstance(value, int) and not isinstance(value, bool)),
    "messages": ("a list of messages", lambda value: isinstance(value, list)),
}


def _check_params(where: str, params: Dict[str, Any]) -> None:
    """Refuse ``params`` without what every request needs, or with it of the wrong kind (the API
    would answer each such request with an error only once the batch has run)."""
    lacking = [f"'{key}'" for key in _REQUIRED if key not in params]
    if lacking:
        keys = lacking[0] if len(lacking) == 1 else f"{', '.join(lacking[:-1])} and {lacking[-1]}"
        raise RequestsFileError(f"{where}: params lacks {keys}, which messages.create() requires")
    for key, (kind, fits) in _REQUIRED.items():
        if not fits(params[key]):
            raise RequestsFileError(f"{where}: params '{key}' should be {kind}, not {params[key]!r}")


def read_requests(lines: Iterable[bytes]) -> Iterator[BatchRequest]:
    """The requests of a requests file's ``lines``, checked one at a time (blank lines skipped).

    Raises :class:`RequestsFileError` at the first bad line, or at a custom_id used twice (the
    results of several batches are told apart by custom_id, so they must be unique in the file).
    """
    seen: Set[str] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        request = _request(number, line)
        if request.custom_id in seen:
            raise RequestsFileError(f"line {number}: custom_id {request.custom_id!r} is used twice; make it unique")
        seen.add(request.custom_id)
        yield request


class Splitter:
    """Where batches end: :meth:`starts_batch` for each request in turn says whether it opens a new one."""

    def __init__(self, max_requests: int = MAX_REQUESTS, max_bytes: int = MAX_BYTES) -> None:
        if max_requests < 1 or max_bytes <= _BODY_OVERHEAD:
            raise ValueError(f"batch limits too small: {max_requests} requests, {max_bytes} bytes")
        self.max_requests = max_requests
        self.max_bytes = max_bytes
        self.batches = 0
        self._count = 0
        self._bytes = _BODY_OVERHEAD

    def starts_batch(self, request: BatchRequest) -> bool:
        """Count ``request`` in; True when it is the first of a batch (the first request always is)."""
        if _BODY_OVERHEAD + request.size > self.max_bytes:
            raise RequestsFileError(
                f"line {request.line} is {request.size:,} bytes: a batch's body holds at most "
                f"{self.max_bytes:,}; send this request with messages.create instead"
            )
        added = request.size + (1 if self._count else 0)  # the comma before it
        new = self._count == 0 or self._count == self.max_requests or self._bytes + added > self.max_bytes
        if new:
            self.batches += 1
            self._count, self._bytes = 0, _BODY_OVERHEAD
            added = request.size
        self._count += 1
        self._bytes += added
        return new


def split(requests: Iterable[BatchRequest], splitter: Splitter) -> Iterator[List[BatchRequest]]:
    """The requests in batches, one batch held at a time."""
    batch: List[BatchRequest] = []
    for request in requests:
        if splitter.starts_batch(request) and batch:
            yield batch
            batch = []
        batch.append(request)
    if batch:
        yield batch


@dataclasses.dataclass
class Span:
    """Consecutive requests of the file: the first and the last, and how many."""

    first: BatchRequest
    last: BatchRequest
    count: int

    @classmethod
    def of(cls, requests: List[BatchRequest]) -> Span:
        return cls(requests[0], requests[-1], len(requests))

    @classmethod
    def over(cls, groups: Iterable[List[BatchRequest]]) -> Optional[Span]:
        """The span of every request in ``groups`` (None: no request), read one group at a time."""
        span = None
        for group in groups:
            span = cls.of(group) if span is None else cls(span.first, group[-1], span.count + len(group))
        return span

    def __str__(self) -> str:
        if self.count == 1:
            return f"line {self.first.line} (1 request, custom_id {self.first.custom_id})"
        return (
            f"lines {self.first.line}-{self.last.line} ({self.count:,} requests, "
            f"custom_id {self.first.custom_id} to {self.last.custom_id})"
        )


def unsent_report(
    path: str, batches: int, created: List[Tuple[str, Span]], failed: Span, lost: bool, rest: Optional[Span]
) -> List[str]:
    """What ``batch submit`` of ``path`` (``-``: stdin) says when creating one of its ``batches`` failed: the batches
    ``created`` and the lines each holds, which must not be sent again; the ``failed`` batch's
    lines, which ``lost`` (no answer came: it may exist) or not created; and the ``rest``, not sent."""
    lines = []
    if created:
        lines.append(
            f"{'stdin' if path == '-' else path}: {len(created)} of {batches} batches were created before the failure; "
            "do not send their lines again:"
        )
        lines.extend(f"  {batch_id}: {span}" for batch_id, span in created)
    if lost:
        lines.append(
            f"unknown: {failed} may have become a batch whose answer was lost: "
            "look for it in `claude-core batch list` before sending it again"
        )
    unsent = rest if lost else failed if rest is None else Span(failed.first, rest.last, failed.count + rest.count)
    if unsent is not None and (created or lost):
        if path == "-":
            rerun = f", feed the same requests through `tail -n +{unsent.first.line} | claude-core batch submit -`"
        else:
            command = (
                f"tail -n +{unsent.first.line} {shlex.quote(path)} > rest.jsonl && claude-core batch submit rest.jsonl"
            )
            rerun = f": {command}"
        lines.append(f"not sent: {unsent}; to send only them{rerun}")
    return lines
