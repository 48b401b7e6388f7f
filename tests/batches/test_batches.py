"""``messages.batches`` over HTTP to the emulator, sync and async: create, wait with progress,
results of every kind, cancel, delete, pages, and bad input refused before any request."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest

import claude_core
from claude_core.resources.batches import BatchWaitTimeout
from claude_core.types.messages import MessageBatch

from ..conftest import MODEL, Api


def request(custom_id: str, text: str = "Hello", model: str = MODEL) -> Dict[str, Any]:
    return {
        "custom_id": custom_id,
        "params": {"model": model, "max_tokens": 64, "messages": [{"role": "user", "content": text}]},
    }


def entries(api: Api, batch_id: str, beta: bool = False) -> Dict[str, Any]:
    """The batch's results by custom id, as JSON."""
    resource = api.client.beta.messages.batches if beta else api.client.messages.batches
    if api.is_async:

        async def read() -> List[Any]:
            return [entry async for entry in await resource.results(batch_id)]

        found = api.run(read())
    else:
        found = list(resource.results(batch_id))
    return {entry.custom_id: entry.result.model_dump(mode="json", exclude_unset=True) for entry in found}


def test_create_wait_and_results_of_three_requests(api: Api) -> None:
    requests = [request("one", "one two"), request("two", "three"), request("bad", model="claude-nonexistent-9")]
    batch = api(lambda c: c.messages.batches.create(requests=requests))
    assert isinstance(batch, MessageBatch) and batch.processing_status == "in_progress"
    assert batch.request_counts.processing == 3 and batch.results_url is None
    seen: List[Any] = []
    ended = api(lambda c: c.messages.batches.wait(batch.id, poll_interval=0.01, on_progress=seen.append))
    assert ended.processing_status == "ended" and ended.results_url and ended.ended_at is not None
    done = [b.request_counts.succeeded + b.request_counts.errored for b in seen]
    assert done == sorted(done) and done[-1] == 3 and len(set(done)) > 1  # the callback saw the counts rise
    assert seen[-1].request_counts.model_dump() == {
        "processing": 0, "succeeded": 2, "errored": 1, "canceled": 0, "expired": 0
    }  # fmt: skip
    results = entries(api, batch.id)
    assert set(results) == {"one", "two", "bad"}
    assert results["one"]["type"] == "succeeded" and results["one"]["message"]["content"][0]["text"] == "Echo: one two"
    assert results["two"]["message"]["content"][0]["text"] == "Echo: three"
    assert results["bad"]["type"] == "errored" and results["bad"]["error"]["error"]["type"] == "not_found_error"
    created = api.emulator.requests[0]
    assert (created.method, created.path) == ("POST", "/v1/messages/batches")
    assert created.json() == {"requests": requests}


def test_cancel_then_the_rest_is_canceled_and_delete(api: Api) -> None:
    batch = api(lambda c: c.messages.batches.create(requests=[request(f"r{i}") for i in range(4)]))
    api(lambda c: c.messages.batches.retrieve(batch.id))  # one request done
    canceling = api(lambda c: c.messages.batches.cancel(batch.id))
    assert canceling.processing_status == "canceling" and canceling.cancel_initiated_at is not None
    with pytest.raises(claude_core.BadRequestError):
        api(lambda c: c.messages.batches.delete(batch.id))  # not ended yet
    ended = api(lambda c: c.messages.batches.wait(batch.id, poll_interval=0.01))
    counts = ended.request_counts
    assert counts.canceled >= 1 and counts.succeeded + counts.canceled == 4
    kinds = sorted(result["type"] for result in entries(api, batch.id).values())
    assert kinds == sorted(["succeeded"] * counts.succeeded + ["canceled"] * counts.canceled)
    deleted = api(lambda c: c.messages.batches.delete(batch.id))
    assert (deleted.id, deleted.type) == (batch.id, "message_batch_deleted")
    with pytest.raises(claude_core.NotFoundError):
        api(lambda c: c.messages.batches.retrieve(batch.id))


def test_expired_requests(api: Api) -> None:
    batch = api(lambda c: c.messages.batches.create(requests=[request("a"), request("b")]))
    api.emulator.expire_batch(batch.id)
    ended = api(lambda c: c.messages.batches.retrieve(batch.id))
    assert ended.processing_status == "ended" and ended.request_counts.expired == 2
    assert entries(api, batch.id) == {"a": {"type": "expired"}, "b": {"type": "expired"}}


def test_wait_timeout_holds_the_last_state(api: Api) -> None:
    batch = api(lambda c: c.messages.batches.create(requests=[request(f"r{i}") for i in range(50)]))
    with pytest.raises(BatchWaitTimeout) as raised:
        api(lambda c: c.messages.batches.wait(batch.id, poll_interval=0.01, timeout=0.05))
    error = raised.value
    assert isinstance(error, TimeoutError) and isinstance(error, claude_core.AnthropicError)
    assert error.batch.id == batch.id and error.batch.processing_status == "in_progress"
    assert batch.id in str(error) and "still processing" in str(error)
    with pytest.raises(ValueError, match="poll_interval"):
        api(lambda c: c.messages.batches.wait(batch.id, poll_interval=0))


def test_list_walks_every_page(api: Api) -> None:
    ids = [api(lambda c: c.messages.batches.create(requests=[request("x")])).id for _ in range(5)]
    walked = [batch.id for batch in api.collect(api.client.messages.batches.list(limit=2))]
    assert walked == ids[::-1]  # newest first
    first = api.run(api.client.messages.batches.list(limit=2))
    assert [b.id for b in first.data] == ids[:-3:-1] and first.has_more
    pages = [(r.path, r.query) for r in api.emulator.requests if r.method == "GET"]
    assert pages[0] == ("/v1/messages/batches", {"limit": "2"})  # no beta=true, as the official SDK's URL


def test_beta_batches_carry_the_beta(api: Api) -> None:
    batch = api(lambda c: c.beta.messages.batches.create(requests=[request("b")], betas=["x-1"]))
    api(lambda c: c.beta.messages.batches.wait(batch.id, poll_interval=0.01))
    assert entries(api, batch.id, beta=True)["b"]["type"] == "succeeded"
    create, *rest = api.emulator.requests
    assert create.headers["anthropic-beta"] == "x-1,message-batches-2024-09-24"  # betas=, then the batches beta
    assert {sent.headers["anthropic-beta"] for sent in rest} == {"message-batches-2024-09-24"}
    assert api.emulator.requests[0].query == {"beta": "true"}
    with pytest.raises(TypeError, match="takes no betas"):
        api(lambda c: c.messages.batches.retrieve(batch.id, betas=["x-1"]))


@pytest.mark.parametrize(
    ("requests", "error", "message"),
    [
        ([], ValueError, "is empty"),
        ([{"params": {}}], ValueError, r"requests\[0\] has no 'custom_id'"),
        ([{"custom_id": "a"}], ValueError, r"requests\[0\] has no 'params'"),
        ([request("a"), request("a")], ValueError, r"requests\[1\]\['custom_id'\] 'a' is also requests\[0\]'s"),
        ([{"custom_id": "", "params": {}}], ValueError, "non-empty string"),
        ([{"custom_id": "a", "params": {"stream": True}}], ValueError, "cannot stream"),
        ("a", TypeError, "takes a list"),
    ],
)
def test_bad_requests_are_refused_before_sending(api: Api, requests: Any, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        api(lambda c: c.messages.batches.create(requests=requests))
    assert api.emulator.requests == []
