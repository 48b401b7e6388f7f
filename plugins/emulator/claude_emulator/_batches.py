"""The Message Batches API: create, poll, cancel, delete, list and stream JSONL results, deterministically.

Time does not pass on its own: every GET of a batch is a poll, and at each poll ``step``
more of its requests finish, in request order (or, with ``x-emulator-batch-polls: K`` on
create, the requests are spread over K polls; K = 0 ends the batch at creation). Unlike the
real API, which keeps ``request_counts`` at zero until a batch ends, the counts rise poll by
poll, so clients can test progress reporting. A canceled batch ends at its next poll, with
its unfinished requests ``canceled``; :meth:`Batches.expire` ends one with them ``expired``.

A request's params are checked only when it finishes, as ``POST /v1/messages`` checks
them: one that would get an error there is ``errored`` with that error. Results are
rendered as they are streamed, one JSONL line per request, and a succeeded line holds the
Message that endpoint would give for the same params. ``x-emulator-batch-copies: N`` makes
a batch of N copies of its first request (custom ids ``<custom_id>-<i>``), rendered once.
"""

from __future__ import annotations

import dataclasses
import datetime
import math
import re
import threading
from json.encoder import encode_basestring_ascii
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Tuple

from . import _content, _messages, _paging
from ._wire import APIErrorReply, dumps, rfc3339

__all__ = ["MAX_REQUESTS", "RESULTS_CHUNK", "Batch", "Batches", "Check"]

MAX_REQUESTS = 100_000
RESULTS_CHUNK = 65536
_CUSTOM_ID = re.compile(r"[a-zA-Z0-9_-]{1,64}")
_ITEM_FIELDS = frozenset({"custom_id", "params"})
_LIFETIME = datetime.timedelta(hours=24)

#: Checks one request's params as ``POST /v1/messages`` would: ``(params, beta, anthropic-beta)``;
#: raises :class:`APIErrorReply` for the error that endpoint would answer with.
Check = Callable[[Any, bool, str], object]


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def _stamp(moment: Optional[datetime.datetime]) -> Optional[str]:
    return None if moment is None else rfc3339(moment)


@dataclasses.dataclass
class Batch:
    """One batch: its requests (or one request and a number of copies) and how far it has got.

    The first ``done`` requests have finished (succeeded, or errored when their item is in
    ``errors``); when the batch ends the others are ``rest`` (canceled or expired).
    """

    id: str
    number: int
    items: List[Tuple[str, Dict[str, Any]]]
    copies: Optional[int]
    beta: bool
    betas: str
    knobs: _content.Knobs
    polls_to_end: Optional[int]
    created_at: datetime.datetime = dataclasses.field(default_factory=_now)
    status: str = "in_progress"
    polls: int = 0
    done: int = 0
    succeeded: int = 0
    errored: int = 0
    rest: Optional[str] = None
    errors: Dict[int, bytes] = dataclasses.field(default_factory=dict)
    ended_at: Optional[datetime.datetime] = None
    cancel_initiated_at: Optional[datetime.datetime] = None

    @property
    def total(self) -> int:
        return len(self.items) if self.copies is None else self.copies

    def item(self, index: int) -> int:
        """Which of ``items`` request ``index`` is."""
        return index if self.copies is None else 0

    def custom_id(self, index: int) -> str:
        return self.items[index][0] if self.copies is None else f"{self.items[0][0]}-{index}"

    def counts(self) -> Dict[str, int]:
        left = self.total - self.done
        return {
            "processing": 0 if self.status == "ended" else left,
            "succeeded": self.succeeded,
            "errored": self.errored,
            "canceled": left if self.rest == "canceled" else 0,
            "expired": left if self.rest == "expired" else 0,
        }

    def to_json(self, base_url: str) -> Dict[str, Any]:
        """The MessageBatch object; ``results_url`` (once ended) starts with ``base_url``."""
        ended = self.status == "ended"
        return {
            "id": self.id,
            "type": "message_batch",
            "processing_status": self.status,
            "request_counts": self.counts(),
            "ended_at": _stamp(self.ended_at),
            "created_at": rfc3339(self.created_at),
            "expires_at": rfc3339(self.created_at + _LIFETIME),
            "archived_at": None,
            "cancel_initiated_at": _stamp(self.cancel_initiated_at),
            "results_url": f"{base_url}/v1/messages/batches/{self.id}/results" if ended else None,
        }


def _bad(message: str) -> APIErrorReply:
    return APIErrorReply(400, message)


def _not_found(batch_id: str) -> APIErrorReply:
    return APIErrorReply(404, f"Batch not found: {batch_id}")


def _check_item(item: object, where: str, seen: Dict[str, int]) -> Tuple[str, Dict[str, Any]]:
    if not isinstance(item, dict):
        raise _bad(f"{where}: Input should be a valid dictionary or object")
    for key in item:
        if key not in _ITEM_FIELDS:
            raise _bad(f"{where}.{key}: Extra inputs are not permitted")
    for field in ("custom_id", "params"):
        if field not in item:
            raise _bad(f"{where}.{field}: Field required")
    custom_id, params = item["custom_id"], item["params"]
    if not isinstance(custom_id, str):
        raise _bad(f"{where}.custom_id: Input should be a valid string")
    if not _CUSTOM_ID.fullmatch(custom_id):
        raise _bad(f"{where}.custom_id: String should match pattern '^[a-zA-Z0-9_-]{{1,64}}$'")
    if custom_id in seen:
        raise _bad(f"{where}.custom_id: {custom_id!r} is already the custom_id of requests.{seen[custom_id]}")
    if not isinstance(params, dict):
        raise _bad(f"{where}.params: Input should be a valid dictionary or object")
    if params.get("stream") is True:
        raise _bad(f"{where}.params.stream: streaming is not supported in a message batch")
    return custom_id, params


def check_requests(body: object) -> List[Tuple[str, Dict[str, Any]]]:
    """The ``requests`` of a create body, checked for shape only (their params are checked as they finish)."""
    if not isinstance(body, dict):
        raise _bad("body: Input should be a valid JSON object")
    _messages.check_fields(body, frozenset({"requests"}))
    if "requests" not in body:
        raise _bad("requests: Field required")
    requests = body["requests"]
    if not isinstance(requests, list):
        raise _bad("requests: Input should be a valid list")
    if not 1 <= len(requests) <= MAX_REQUESTS:
        bound = "at least 1 item" if not requests else f"at most {MAX_REQUESTS} items"
        raise _bad(f"requests: List should have {bound} after validation, not {len(requests)}")
    seen: Dict[str, int] = {}
    checked = []
    for i, item in enumerate(requests):
        custom_id, params = _check_item(item, f"requests.{i}", seen)
        seen[custom_id] = i
        checked.append((custom_id, params))
    return checked


def _error_result(exc: APIErrorReply) -> bytes:
    error = {"type": "error", "error": {"type": exc.error_type, "message": exc.message}}
    return dumps({"type": "errored", "error": error})


def _message_tail(params: Mapping[str, Any], knobs: _content.Knobs) -> bytes:
    """The Message for validated params as JSON without its leading ``{"id":...,`` (ids vary per line)."""
    generated = _content.generate(params, knobs)
    message = _messages.build_message(params, "", generated, _messages.count_input_tokens(params))
    del message["id"]
    return dumps(message)[1:]


def _lines(batch: Batch) -> Iterator[bytes]:
    """The JSONL results of an ended batch, one line per request in request order, rendered as they go."""
    tail: Optional[Tuple[int, bytes]] = None
    rest = b'{"type":"%s"}' % (batch.rest or "canceled").encode("ascii")
    for index in range(batch.total):
        head = b'{"custom_id":' + encode_basestring_ascii(batch.custom_id(index)).encode("ascii") + b',"result":'
        item = batch.item(index)
        if index >= batch.done:
            yield head + rest + b"}\n"
        elif item in batch.errors:
            yield head + batch.errors[item] + b"}\n"
        else:
            if tail is None or tail[0] != item:
                tail = (item, _message_tail(batch.items[item][1], batch.knobs))
            message_id = f"msg_emu_{batch.number}_{index}".encode("ascii")
            yield head + b'{"type":"succeeded","message":{"id":"' + message_id + b'",' + tail[1] + b"}}\n"


def chunks(lines: Iterator[bytes], size: int = RESULTS_CHUNK) -> Iterator[bytes]:
    """``lines`` joined into chunks of about ``size`` bytes (whole lines each)."""
    pending: List[bytes] = []
    length = 0
    for line in lines:
        pending.append(line)
        length += len(line)
        if length >= size:
            yield b"".join(pending)
            pending, length = [], 0
    if pending:
        yield b"".join(pending)


class Batches:
    """The batches of one app, oldest first; thread-safe.

    :param step: how many requests finish at each poll (without ``x-emulator-batch-polls``).
    :param check: checks a request's params as the Messages endpoint would (see :data:`Check`).
    """

    def __init__(self, step: int, check: Check) -> None:
        self.step = step
        self._check = check
        self._lock = threading.Lock()
        self._batches: Dict[str, Batch] = {}

    def create(self, body: object, number: int, headers: Mapping[str, str], beta: bool) -> Batch:
        """A new batch from a create body and its request headers (the benchmark knobs)."""
        items = check_requests(body)
        polls = _content.knob(headers, "x-emulator-batch-polls", 0)
        copies = _content.knob(headers, "x-emulator-batch-copies", 1)
        knobs = _content.knobs_from_headers(headers)
        if copies is not None:
            items = items[:1]
        betas = headers.get("anthropic-beta", "")
        batch = Batch(f"msgbatch_emu_{number}", number, items, copies, beta, betas, knobs, polls)
        if polls == 0:
            self._advance(batch, batch.total)
            self._end(batch, None)
        with self._lock:
            self._batches[batch.id] = batch
        return batch

    def _find(self, batch_id: str) -> Batch:
        batch = self._batches.get(batch_id)
        if batch is None:
            raise _not_found(batch_id)
        return batch

    def get(self, batch_id: str) -> Batch:
        with self._lock:
            return self._find(batch_id)

    def poll(self, batch_id: str) -> Batch:
        """GET of a batch: the next ``step`` requests finish (a canceling batch ends)."""
        with self._lock:
            batch = self._find(batch_id)
            if batch.status == "canceling":
                self._end(batch, "canceled")
            elif batch.status == "in_progress":
                batch.polls += 1
                self._advance(batch, self._target(batch))
                if batch.done == batch.total:
                    self._end(batch, None)
            return batch

    def cancel(self, batch_id: str) -> Batch:
        with self._lock:
            batch = self._find(batch_id)
            if batch.status == "ended":
                raise _bad(f"Batch {batch_id} has already ended and cannot be canceled")
            if batch.status == "in_progress":
                batch.status, batch.cancel_initiated_at = "canceling", _now()
            return batch

    def delete(self, batch_id: str) -> Dict[str, Any]:
        with self._lock:
            batch = self._find(batch_id)
            if batch.status != "ended":
                status = batch.status
                raise _bad(f"Batch {batch_id} is still {status}: it must end or be canceled before it can be deleted")
            del self._batches[batch_id]
        return {"id": batch_id, "type": "message_batch_deleted"}

    def expire(self, batch_id: str) -> None:
        """End a batch now, every request still processing ``expired`` (KeyError, ValueError when ended)."""
        with self._lock:
            batch = self._batches.get(batch_id)
            if batch is None:
                raise KeyError(f"no batch {batch_id!r}")
            if batch.status == "ended":
                raise ValueError(f"batch {batch_id!r} has already ended")
            self._end(batch, "expired")

    def list(self, query: Mapping[str, str], base_url: str) -> Dict[str, Any]:
        """One page of GET /v1/messages/batches, newest first."""
        with self._lock:
            newest_first = list(reversed(self._batches.values()))
            return _paging.page(newest_first, _batch_id, query, "batch", lambda batch: batch.to_json(base_url))

    def results(self, batch_id: str) -> Iterator[bytes]:
        """The JSONL results of an ended batch (a 400 before), in chunks, rendered as they are read."""
        with self._lock:
            batch = self._find(batch_id)
            if batch.status != "ended":
                raise _bad(f"Batch {batch_id} has not ended yet; its results are available once it has")
        return chunks(_lines(batch))

    def clear(self) -> None:
        with self._lock:
            self._batches.clear()

    # -- progress ---------------------------------------------------------------------

    def _target(self, batch: Batch) -> int:
        """How many requests have finished after ``batch.polls`` polls."""
        if batch.polls_to_end is not None:
            return min(batch.total, math.ceil(batch.total * batch.polls / batch.polls_to_end))
        return min(batch.total, batch.polls * self.step)

    def _advance(self, batch: Batch, upto: int) -> None:
        """Finish requests ``done .. upto - 1``: each succeeds or errors as its params would."""
        if upto <= batch.done:
            return
        if batch.copies is not None:
            ok = self._succeeds(batch, 0) if batch.done == 0 else 0 not in batch.errors
            if ok:
                batch.succeeded += upto - batch.done
            else:
                batch.errored += upto - batch.done
        else:
            for index in range(batch.done, upto):
                if self._succeeds(batch, index):
                    batch.succeeded += 1
                else:
                    batch.errored += 1
        batch.done = upto

    def _succeeds(self, batch: Batch, item: int) -> bool:
        try:
            self._check(batch.items[item][1], batch.beta, batch.betas)
        except APIErrorReply as exc:
            batch.errors[item] = _error_result(exc)
            return False
        return True

    @staticmethod
    def _end(batch: Batch, rest: Optional[str]) -> None:
        batch.status, batch.ended_at = "ended", _now()
        batch.rest = rest if batch.done < batch.total else None


def _batch_id(batch: Batch) -> str:
    return batch.id
