"""``batches.results()`` decodes a JSON Lines body however the server cut it into HTTP chunks.

A real socket sends each chunk on its own; hypothesis picks the entries, the line ends
(``\\n`` or ``\\r\\n``), blank lines, whether the last line ends, and where the chunks are cut
(a ``\\r\\n`` split in two included). Sync and async read the same bodies.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any, Dict, Iterator, List, Tuple

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import claude_core
from claude_core import APIConnectionError, APIResponseValidationError
from claude_core.types.messages import MessageBatchIndividualResponse
from tests.faults.server import ChunkedReply, FaultServer, JsonReply

MESSAGE = {
    "id": "msg_1",
    "type": "message",
    "role": "assistant",
    "model": "claude-sonnet-4-5",
    "content": [{"type": "text", "text": "Hello \u00e9\U0001f600"}],
    "stop_reason": "end_turn",
    "stop_sequence": None,
    "usage": {"input_tokens": 3, "output_tokens": 2},
}
RESULTS = [
    {"type": "succeeded", "message": MESSAGE},
    {"type": "errored", "error": {"type": "error", "error": {"type": "invalid_request_error", "message": "bad"}}},
    {"type": "canceled"},
    {"type": "expired"},
]


def batch(base_url: str) -> Dict[str, Any]:
    return {
        "id": "msgbatch_1",
        "type": "message_batch",
        "processing_status": "ended",
        "request_counts": {"processing": 0, "succeeded": 1, "errored": 1, "canceled": 1, "expired": 1},
        "created_at": "2026-12-01T00:00:00Z",
        "expires_at": "2026-12-02T00:00:00Z",
        "ended_at": "2026-12-01T00:05:00Z",
        "results_url": f"{base_url}/v1/messages/batches/msgbatch_1/results",
    }


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    with FaultServer() as fault_server:
        yield fault_server


@pytest.fixture(scope="module")
def client(server: FaultServer) -> Iterator[claude_core.Anthropic]:
    with claude_core.Anthropic(api_key="k", base_url=server.base_url, max_retries=0) as sync_client:
        yield sync_client


def cut(body: bytes, cuts: List[int]) -> List[bytes]:
    points = sorted({c % (len(body) + 1) for c in cuts} | {0, len(body)})
    return [body[a:b] for a, b in zip(points, points[1:])]


@st.composite
def bodies(draw: Any) -> Tuple[bytes, List[Dict[str, Any]]]:
    """A results body and the entries it holds."""
    entries = [
        {"custom_id": f"req-{i}", "result": draw(st.sampled_from(RESULTS))} for i in range(draw(st.integers(0, 6)))
    ]
    end = draw(st.sampled_from([b"\n", b"\r\n"]))
    lines: List[bytes] = []
    for entry in entries:
        lines += [b""] * draw(st.integers(0, 2)) + [json.dumps(entry, ensure_ascii=draw(st.booleans())).encode()]
    body = end.join(lines)
    if draw(st.booleans()) and body:
        body += end
    return body, entries


def read_sync(client: claude_core.Anthropic) -> List[Dict[str, Any]]:
    with client.messages.batches.results("msgbatch_1") as results:
        return [entry.model_dump(mode="json", exclude_unset=True) for entry in results]


async def read_async(base_url: str) -> List[Dict[str, Any]]:
    async with claude_core.AsyncAnthropic(api_key="k", base_url=base_url, max_retries=0) as aclient:
        return [
            entry.model_dump(mode="json", exclude_unset=True)
            async for entry in await aclient.messages.batches.results("msgbatch_1")
        ]


def serve(server: FaultServer, chunks: List[bytes], **reply: Any) -> None:
    server.enqueue(JsonReply(batch(server.base_url)), ChunkedReply(chunks, "application/binary", **reply))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies(), cuts=st.lists(st.integers(0, 10_000), max_size=12), mode=st.sampled_from(["sync", "async"]))
@example(body=(b'{"custom_id":"a","result":{"type":"canceled"}}\r\n{"custom_id":"b","result":{"type":"expired"}}', [
    {"custom_id": "a", "result": {"type": "canceled"}}, {"custom_id": "b", "result": {"type": "expired"}}]),
    cuts=[47], mode="sync")  # fmt: skip
def test_every_chunking_gives_the_same_entries(
    body: Tuple[bytes, List[Dict[str, Any]]],
    cuts: List[int],
    mode: str,
    server: FaultServer,
    client: claude_core.Anthropic,
) -> None:
    data, entries = body
    serve(server, cut(data, cuts))
    got = read_sync(client) if mode == "sync" else asyncio.run(read_async(server.base_url))
    assert got == entries


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize(
    ("strict", "bad"),
    [
        (True, b'{"custom_id": "r2", "result": {"type": "bogus"}}'),  # only a validating client refuses it
        (False, b'{"custom_id": "r2", "result": {"type": "bogus"'),  # not JSON: no client can build it
        (False, b'["r2", {"type": "canceled"}]'),  # JSON, but not an object
    ],
)
def test_a_bad_line_raises_naming_it_after_the_good_lines(
    server: FaultServer, mode: str, strict: bool, bad: bytes
) -> None:
    good = [json.dumps({"custom_id": f"r{i}", "result": {"type": "canceled"}}).encode() for i in range(2)]
    body = b"\n".join([good[0], b"", good[1], bad, good[0]]) + b"\n"
    serve(server, cut(body, [10, 50]))
    seen: List[str] = []
    options: Dict[str, Any] = {"api_key": "k", "base_url": server.base_url, "max_retries": 0}

    async def read_async_into() -> None:
        async with claude_core.AsyncAnthropic(**options, _strict_response_validation=strict) as aclient:
            async for entry in await aclient.messages.batches.results("msgbatch_1"):
                seen.append(entry.custom_id)

    with pytest.raises(APIResponseValidationError, match=r"^Line 4 of the JSON Lines body") as raised:
        if mode == "sync":
            with claude_core.Anthropic(**options, _strict_response_validation=strict) as sync_client:
                for entry in sync_client.messages.batches.results("msgbatch_1"):
                    seen.append(entry.custom_id)
        else:
            asyncio.run(read_async_into())
    assert seen == ["r0", "r1"]
    assert bad[:30].decode() in str(raised.value)


def test_not_json_at_all_is_a_bad_line(server: FaultServer, client: claude_core.Anthropic) -> None:
    serve(server, [b"<html>oops</html>\n"])
    with pytest.raises(APIResponseValidationError, match=r"Line 1 .*oops"):
        list(client.messages.batches.results("msgbatch_1"))


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_reset_mid_body_is_a_connection_error(server: FaultServer, client: claude_core.Anthropic, mode: str) -> None:
    line = json.dumps({"custom_id": "r", "result": {"type": "canceled"}}).encode() + b"\n"
    serve(server, [line, line, line], reset_after=2)
    if mode == "sync":
        results = client.messages.batches.results("msgbatch_1")
        with pytest.raises(APIConnectionError):
            for _ in results:
                pass
        assert results.http_response.is_closed
    else:

        async def go() -> None:
            async with claude_core.AsyncAnthropic(api_key="k", base_url=server.base_url, max_retries=0) as aclient:
                results = await aclient.messages.batches.results("msgbatch_1")
                with pytest.raises(APIConnectionError):
                    async for _ in results:
                        pass
                assert results.http_response.is_closed

        asyncio.run(go())


def test_stopping_early_closes_the_response(server: FaultServer, client: claude_core.Anthropic) -> None:
    line = json.dumps({"custom_id": "r", "result": {"type": "canceled"}}).encode() + b"\n"
    serve(server, [line] * 50)
    results = client.messages.batches.results("msgbatch_1")
    first = next(iter(results))
    assert isinstance(first, MessageBatchIndividualResponse) and first.result.type == "canceled"
    results.close()
    assert results.http_response.is_closed
    serve(server, [line] * 50)
    with client.messages.batches.results("msgbatch_1") as again:
        assert next(iter(again)).custom_id == "r"
    assert again.http_response.is_closed


def test_no_results_url_yet_is_a_clear_error(server: FaultServer, client: claude_core.Anthropic) -> None:
    pending = {**batch(server.base_url), "processing_status": "in_progress", "results_url": None, "ended_at": None}
    server.enqueue(JsonReply(pending))
    with pytest.raises(claude_core.AnthropicError, match=r"No `results_url` for batch msgbatch_1.*in_progress"):
        client.messages.batches.results("msgbatch_1")


def test_the_results_request_is_the_official_one(server: FaultServer, client: claude_core.Anthropic) -> None:
    serve(server, [b""])
    assert read_sync(client) == []
    retrieve, results = server.requests[-2:]
    assert (retrieve.method, retrieve.path) == ("GET", "/v1/messages/batches/msgbatch_1")
    assert (results.method, results.path) == ("GET", "/v1/messages/batches/msgbatch_1/results")
    assert results.headers["accept"] == "application/binary" and "anthropic-beta" not in results.headers
    beta = client.beta.messages.batches
    serve(server, [b""])
    assert list(beta.results("msgbatch_1", betas=["x-1"])) == []
    retrieve, results = server.requests[-2:]
    assert retrieve.path == "/v1/messages/batches/msgbatch_1?beta=true"
    assert retrieve.headers["anthropic-beta"] == results.headers["anthropic-beta"] == "x-1,message-batches-2024-09-24"
