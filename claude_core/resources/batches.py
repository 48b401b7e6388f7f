"""``client.messages.batches`` (and ``client.beta.messages.batches``): Message Batches.

Create a batch of Messages requests, follow it (``retrieve``, or ``wait`` until it ended,
with progress), read its results file line by line (``results``), ``cancel`` and ``delete``
it, ``list`` them all. What every method decides lives in the functions at the top (no I/O);
the sync and async classes only send.
"""

from __future__ import annotations

import time
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Tuple
from urllib.parse import quote

import anyio
import httpx
from typing_extensions import TypedDict, Unpack

from .._engine.jsonl import AsyncJSONLDecoder, JSONLDecoder
from .._engine.parsing import parse_response
from .._options import CallOptions
from .._types import Headers, Query, RequestMode, omit
from ..errors import AnthropicError
from ..pagination import AsyncPaginator, SyncPage
from ..providers import APIRequest
from ..types.messages import DeletedMessageBatch, MessageBatch, MessageBatchIndividualResponse
from ..types.messages.batches import BatchListParams, Request
from ._base import AsyncRequester, Requester, Resource
from ._lists import async_list, list_call, sync_list
from ._spec import MethodSpec

__all__ = ["Batches", "AsyncBatches", "BetaBatches", "AsyncBetaBatches", "BatchWaitTimeout", "BatchWaiter"]

#: The beta the ``beta.messages.batches`` methods add after the caller's ``betas``.
BATCHES_BETA = "message-batches-2024-09-24"

CREATE = MethodSpec("messages.batches.create", ("requests",), (), local=(("betas", omit),))
LIST = MethodSpec(
    "messages.batches.list",
    (),
    ("after_id", "before_id", "limit"),
    local=(("betas", omit),),
    annotations=(BatchListParams,),
)
_BY_ID = {
    method: MethodSpec(f"messages.batches.{method}", (), (), positional=("message_batch_id",), local=(("betas", omit),))
    for method in ("retrieve", "cancel", "delete", "results")
}
RETRIEVE, CANCEL, DELETE, RESULTS = (_BY_ID[m] for m in ("retrieve", "cancel", "delete", "results"))

OnProgress = Callable[[MessageBatch], Any]


class PollOptions(TypedDict, total=False):
    """The per-request options of each poll of ``wait()`` (its ``timeout`` is the whole wait's)."""

    extra_headers: Optional[Headers]
    extra_query: Optional[Query]
    betas: List[str]


class BatchWaitTimeout(AnthropicError, TimeoutError):
    """``batches.wait()`` passed its ``timeout`` before the batch ended; ``batch`` is the last state seen."""

    def __init__(self, batch: MessageBatch, timeout: float) -> None:
        counts = batch.request_counts
        super().__init__(
            f"Batch {batch.id} had not ended after {timeout} s (processing_status={batch.processing_status!r}, "
            f"{counts.processing} of {_total(batch)} requests still processing)"
        )
        self.batch = batch
        self.timeout = timeout


def _total(batch: MessageBatch) -> int:
    c = batch.request_counts
    return c.processing + c.succeeded + c.errored + c.canceled + c.expired


class BatchWaiter:
    """When to poll a batch next: after ``poll_interval`` seconds, growing by ``backoff`` up to
    ``max_interval``, never past ``timeout``. Free of I/O; ``wait()`` sleeps and polls."""

    def __init__(
        self,
        poll_interval: float,
        max_interval: float,
        backoff: float,
        timeout: Optional[float],
        on_progress: Optional[OnProgress] = None,
    ) -> None:
        for name, value in (("poll_interval", poll_interval), ("max_interval", max_interval)):
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"batches.wait({name}=...) must be a number of seconds > 0, not {value!r}")
        if not isinstance(backoff, (int, float)) or backoff < 1:
            raise ValueError(f"batches.wait(backoff=...) must be >= 1, not {backoff!r}")
        if timeout is not None and (not isinstance(timeout, (int, float)) or timeout < 0):
            raise ValueError(f"batches.wait(timeout=...) must be seconds >= 0 or None, not {timeout!r}")
        self._interval = float(poll_interval)
        self._max = float(max_interval)
        self._backoff = float(backoff)
        self._timeout = timeout
        self._deadline = None if timeout is None else time.monotonic() + timeout
        self._on_progress = on_progress

    def delay(self, batch: MessageBatch) -> Optional[float]:
        """After a poll that saw ``batch``: tell ``on_progress``, then the seconds to sleep before
        the next poll, or None once the batch ended.

        Raises :class:`BatchWaitTimeout` when the deadline leaves no time for another poll.
        """
        if self._on_progress is not None:
            self._on_progress(batch)
        if batch.processing_status == "ended":
            return None
        delay = self._interval
        self._interval = min(self._interval * self._backoff, self._max)
        if self._deadline is not None:
            left = self._deadline - time.monotonic()
            if left <= 0:
                assert self._timeout is not None
                raise BatchWaitTimeout(batch, self._timeout)
            delay = min(delay, left)
        return delay


# -- the requests, decided without I/O -------------------------------------------------------------


def _betas(call: APIRequest, params: Mapping[str, Any], beta: bool) -> APIRequest:
    if not beta and params.get("betas"):
        raise TypeError(f"{call.endpoint}() takes no betas: use client.beta.messages.batches for beta features")
    if beta:
        betas = [*(params.get("betas") or ()), BATCHES_BETA]
        call.headers["anthropic-beta"] = ",".join(betas)
    return call


def _path(message_batch_id: Any, method: str, suffix: str = "") -> str:
    if not isinstance(message_batch_id, str) or not message_batch_id:
        raise ValueError(f"messages.batches.{method}() needs a non-empty message_batch_id, got {message_batch_id!r}")
    return f"/v1/messages/batches/{quote(message_batch_id, safe='')}{suffix}"


def _by_id(
    method: str, http_method: str, message_batch_id: Any, params: Mapping[str, Any], beta: bool, suffix: str = ""
) -> Tuple[APIRequest, CallOptions]:
    _, opts = _BY_ID[method].split(params)
    call = APIRequest(f"messages.batches.{method}", http_method, _path(message_batch_id, method, suffix))
    if beta:
        call.query["beta"] = "true"
    return _betas(call, params, beta), opts


def check_requests(requests: Any) -> List[Any]:
    """The batch's requests, checked before anything is sent: each a mapping with a ``custom_id``
    (a non-empty string, unique in the batch) and ``params`` (a mapping)."""
    if isinstance(requests, (str, bytes, Mapping)) or not isinstance(requests, Iterable):
        raise TypeError("messages.batches.create(requests=...) takes a list of {'custom_id': ..., 'params': {...}}")
    checked = list(requests)
    if not checked:
        raise ValueError("messages.batches.create(requests=...) is empty: a batch needs at least one request")
    seen: Dict[str, int] = {}
    for index, request in enumerate(checked):
        where = f"requests[{index}]"
        if not isinstance(request, Mapping):
            raise TypeError(f"{where} must be a dict with 'custom_id' and 'params', not {type(request).__name__}")
        missing = [key for key in ("custom_id", "params") if key not in request]
        if missing:
            raise ValueError(f"{where} has no {' and no '.join(repr(k) for k in missing)}")
        custom_id = request["custom_id"]
        if not isinstance(custom_id, str) or not custom_id:
            raise ValueError(f"{where}['custom_id'] must be a non-empty string, not {custom_id!r}")
        if custom_id in seen:
            raise ValueError(
                f"{where}['custom_id'] {custom_id!r} is also requests[{seen[custom_id]}]'s: custom ids must be unique"
            )
        seen[custom_id] = index
        if not isinstance(request["params"], Mapping):
            raise TypeError(f"{where}['params'] must be the dict of messages.create() parameters")
        if request["params"].get("stream"):
            raise ValueError(f"{where}['params'] asks to stream: batch requests cannot stream")
    return checked


def _create_call(params: Mapping[str, Any], beta: bool) -> Tuple[APIRequest, CallOptions]:
    body, opts = CREATE.split(params)
    body["requests"] = check_requests(body["requests"])
    call = APIRequest("messages.batches.create", "POST", "/v1/messages/batches", body=body)
    if beta:
        call.query["beta"] = "true"
    return _betas(call, params, beta), opts


def _results_call(batch: MessageBatch, params: Mapping[str, Any], beta: bool) -> APIRequest:
    if not batch.results_url:
        raise AnthropicError(
            f"No `results_url` for batch {batch.id}: it has not ended (processing_status="
            f"{batch.processing_status!r}); wait for it with batches.wait({batch.id!r})"
        )
    call = APIRequest("messages.batches.results", "GET", batch.results_url, headers={"accept": "application/binary"})
    return _betas(call, params, beta)


def _list_call(query: Dict[str, Any], params: Mapping[str, Any], beta: bool) -> APIRequest:
    return _betas(list_call("messages.batches.list", "/v1/messages/batches", query, beta), params, beta)


def _parse_batch(response: httpx.Response) -> MessageBatch:
    return parse_response(response, MessageBatch)


def _parse_deleted(response: httpx.Response) -> DeletedMessageBatch:
    return parse_response(response, DeletedMessageBatch)


def _no_parse(response: httpx.Response) -> None:
    return None


# -- the resources ---------------------------------------------------------------------------


class Batches(Resource[Requester]):
    """Message Batches: many Messages requests processed asynchronously, at half the price."""

    _beta = False

    @CREATE.applies
    def create(self, *, requests: Iterable[Request], **params: Any) -> MessageBatch:
        """Send a batch; each request is ``{"custom_id": ..., "params": {messages.create() parameters}}``."""
        call, opts = _create_call({**params, "requests": requests}, self._beta)
        return self._client._request(call, opts, _parse_batch, self._mode)  # type: ignore[no-any-return]

    @RETRIEVE.applies
    def retrieve(self, message_batch_id: str, **params: Any) -> MessageBatch:
        """The batch's current state (``processing_status``, ``request_counts``, ``results_url``)."""
        call, opts = _by_id("retrieve", "GET", message_batch_id, params, self._beta)
        return self._client._request(call, opts, _parse_batch, self._mode)  # type: ignore[no-any-return]

    @LIST.applies
    def list(self, **params: Any) -> SyncPage[MessageBatch]:
        """The first page of batches, newest first; iterate it to walk every page."""
        query, opts = LIST.split(params)
        return sync_list(
            self._client, self._mode, lambda q: _list_call(q, params, self._beta), query, opts, MessageBatch
        )

    @CANCEL.applies
    def cancel(self, message_batch_id: str, **params: Any) -> MessageBatch:
        """Ask to cancel: the batch goes ``canceling``, then ends with its unprocessed requests ``canceled``."""
        call, opts = _by_id("cancel", "POST", message_batch_id, params, self._beta, "/cancel")
        return self._client._request(call, opts, _parse_batch, self._mode)  # type: ignore[no-any-return]

    @DELETE.applies
    def delete(self, message_batch_id: str, **params: Any) -> DeletedMessageBatch:
        """Delete an ended batch (cancel one in progress first)."""
        call, opts = _by_id("delete", "DELETE", message_batch_id, params, self._beta)
        return self._client._request(call, opts, _parse_deleted, self._mode)  # type: ignore[no-any-return]

    @RESULTS.applies
    def results(self, message_batch_id: str, **params: Any) -> JSONLDecoder[MessageBatchIndividualResponse]:
        """The results file of an ended batch, one entry per request, read line by line as it arrives.

        Iterate it; ``close()`` it (or use ``with``) when you stop before the end.
        """
        batch = self.retrieve(message_batch_id, **params)
        _, opts = RESULTS.split(params)
        call = _results_call(batch, params, self._beta)
        raw = self._client._request(call, opts, _no_parse, RequestMode.STREAM_RESPONSE)
        return JSONLDecoder(
            raw.http_response,
            MessageBatchIndividualResponse,
            strict=self._client._strict_response_validation,
            beta=self._beta,
        )

    def wait(
        self,
        message_batch_id: str,
        *,
        poll_interval: float = 1.0,
        max_interval: float = 30.0,
        backoff: float = 1.5,
        timeout: Optional[float] = None,
        on_progress: Optional[OnProgress] = None,
        **params: Unpack[PollOptions],
    ) -> MessageBatch:
        """Poll until the batch ended and return it; ``on_progress(batch)`` after every poll.

        Polls after ``poll_interval`` seconds, then ever less often (times ``backoff``, at most
        ``max_interval``). With ``timeout``, raises :class:`BatchWaitTimeout` (holding the last
        state) once that many seconds passed.
        """
        waiter = BatchWaiter(poll_interval, max_interval, backoff, timeout, on_progress)
        while True:
            batch = self.retrieve(message_batch_id, **params)
            delay = waiter.delay(batch)
            if delay is None:
                return batch
            time.sleep(delay)


class AsyncBatches(Resource[AsyncRequester]):
    """Message Batches, awaited."""

    _beta = False

    @CREATE.applies
    async def create(self, *, requests: Iterable[Request], **params: Any) -> MessageBatch:
        """Send a batch; each request is ``{"custom_id": ..., "params": {messages.create() parameters}}``."""
        call, opts = _create_call({**params, "requests": requests}, self._beta)
        return await self._client._request(call, opts, _parse_batch, self._mode)  # type: ignore[no-any-return]

    @RETRIEVE.applies
    async def retrieve(self, message_batch_id: str, **params: Any) -> MessageBatch:
        call, opts = _by_id("retrieve", "GET", message_batch_id, params, self._beta)
        return await self._client._request(call, opts, _parse_batch, self._mode)  # type: ignore[no-any-return]

    @LIST.applies
    def list(self, **params: Any) -> AsyncPaginator[MessageBatch]:
        """``await`` for the first page, or ``async for`` over every batch."""
        query, opts = LIST.split(params)
        return async_list(
            self._client, self._mode, lambda q: _list_call(q, params, self._beta), query, opts, MessageBatch
        )

    @CANCEL.applies
    async def cancel(self, message_batch_id: str, **params: Any) -> MessageBatch:
        call, opts = _by_id("cancel", "POST", message_batch_id, params, self._beta, "/cancel")
        return await self._client._request(call, opts, _parse_batch, self._mode)  # type: ignore[no-any-return]

    @DELETE.applies
    async def delete(self, message_batch_id: str, **params: Any) -> DeletedMessageBatch:
        call, opts = _by_id("delete", "DELETE", message_batch_id, params, self._beta)
        return await self._client._request(call, opts, _parse_deleted, self._mode)  # type: ignore[no-any-return]

    @RESULTS.applies
    async def results(self, message_batch_id: str, **params: Any) -> AsyncJSONLDecoder[MessageBatchIndividualResponse]:
        """``async for entry in await client.messages.batches.results(id)``."""
        batch = await self.retrieve(message_batch_id, **params)
        _, opts = RESULTS.split(params)
        call = _results_call(batch, params, self._beta)
        raw = await self._client._request(call, opts, _no_parse, RequestMode.STREAM_RESPONSE)
        return AsyncJSONLDecoder(
            raw.http_response,
            MessageBatchIndividualResponse,
            strict=self._client._strict_response_validation,
            beta=self._beta,
        )

    async def wait(
        self,
        message_batch_id: str,
        *,
        poll_interval: float = 1.0,
        max_interval: float = 30.0,
        backoff: float = 1.5,
        timeout: Optional[float] = None,
        on_progress: Optional[OnProgress] = None,
        **params: Unpack[PollOptions],
    ) -> MessageBatch:
        """The async :meth:`Batches.wait`."""
        waiter = BatchWaiter(poll_interval, max_interval, backoff, timeout, on_progress)
        while True:
            batch = await self.retrieve(message_batch_id, **params)
            delay = waiter.delay(batch)
            if delay is None:
                return batch
            await anyio.sleep(delay)


class BetaBatches(Batches):
    """``client.beta.messages.batches``: ``?beta=true``, the batches beta, and ``betas=[...]``."""

    _beta = True


class AsyncBetaBatches(AsyncBatches):
    _beta = True
