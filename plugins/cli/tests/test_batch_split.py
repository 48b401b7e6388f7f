"""Reading a requests file lazily and splitting it over a batch's limits (claude_cli.batch_split, no I/O)."""

from __future__ import annotations

import itertools
import json
from typing import Any, Dict, Iterator, List

import pytest
from claude_cli.batch_split import (
    MAX_BYTES,
    MAX_REQUESTS,
    BatchRequest,
    RequestsFileError,
    Span,
    Splitter,
    read_requests,
    split,
    unsent_report,
)
from hypothesis import given
from hypothesis import strategies as st


def item(custom_id: str, text: str = "hi") -> Dict[str, Any]:
    return {
        "custom_id": custom_id,
        "params": {"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": text}]},
    }


def line(request: Dict[str, Any]) -> bytes:
    return json.dumps(request).encode() + b"\n"


def body_size(batch: List[BatchRequest]) -> int:
    """The bytes of the body claude_core sends for ``batch``, as claude_core encodes it."""
    body = {"requests": [request.request for request in batch]}
    return len(json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode())


def test_the_limits_are_the_apis() -> None:
    assert (MAX_REQUESTS, MAX_BYTES) == (100_000, 256_000_000)


def test_lines_are_read_one_at_a_time() -> None:
    def endless() -> Iterator[bytes]:
        for number in itertools.count():
            yield line(item(f"r{number}"))

    first = list(itertools.islice(read_requests(endless()), 3))
    assert [(request.line, request.custom_id) for request in first] == [(1, "r0"), (2, "r1"), (3, "r2")]


def test_blank_lines_are_skipped_and_lines_keep_their_numbers() -> None:
    found = list(read_requests([line(item("a")), b"\n", b"  \r\n", line(item("b"))]))
    assert [(request.line, request.custom_id) for request in found] == [(1, "a"), (4, "b")]
    assert found[0].request == item("a")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (b"{nope\n", "line 2 is not JSON"),
        (b"[1]\n", "line 2 is a JSON list: it should be an object"),
        (line({**item("x"), "extra": 1}), "line 2 has extra: a request has only 'custom_id' and 'params'"),
        (line({"params": {}}), "line 2: custom_id should be 1 to 64 letters, digits, '_' or '-', not None"),
        (line(item("has space")), "line 2: custom_id should be 1 to 64"),
        (line(item("x" * 65)), "line 2: custom_id should be 1 to 64"),
        (line({"custom_id": "x", "params": []}), "line 2: params should be an object"),
        (line({"custom_id": "x", "params": {"stream": True}}), "line 2: params asks to stream"),
        (line(item("a")), "line 2: custom_id 'a' is used twice; make it unique"),
        (
            line({"custom_id": "x", "params": {}}),
            "line 2: params lacks 'model', 'max_tokens' and 'messages', which messages.create() requires",
        ),
        (
            line({"custom_id": "x", "params": {"model": "m", "messages": []}}),
            "line 2: params lacks 'max_tokens', which messages.create() requires",
        ),
        (
            line({"custom_id": "x", "params": {**item("x")["params"], "model": 3}}),
            "line 2: params 'model' should be a model name (a string), not 3",
        ),
        (
            line({"custom_id": "x", "params": {**item("x")["params"], "max_tokens": "5"}}),
            "line 2: params 'max_tokens' should be a whole number, not '5'",
        ),
        (
            line({"custom_id": "x", "params": {**item("x")["params"], "messages": "hi"}}),
            "line 2: params 'messages' should be a list of messages, not 'hi'",
        ),
    ],
)
def test_a_bad_line_is_named_with_the_fix(bad: bytes, message: str) -> None:
    with pytest.raises(RequestsFileError) as caught:
        list(read_requests([line(item("a")), bad]))
    assert str(caught.value).startswith(message)


def test_the_size_is_what_the_request_takes_in_the_body() -> None:
    request = item("u", "héllo ☃")
    (read,) = read_requests([json.dumps(request, indent=2).replace("\n", " ").encode()])
    assert read.size == len(json.dumps(request, separators=(",", ":"), ensure_ascii=False).encode())


def test_batches_end_at_the_request_limit() -> None:
    requests = list(read_requests(line(item(f"r{i}")) for i in range(7)))
    splitter = Splitter(max_requests=3)
    batches = list(split(requests, splitter))
    assert [[r.custom_id for r in batch] for batch in batches] == [["r0", "r1", "r2"], ["r3", "r4", "r5"], ["r6"]]
    assert splitter.batches == 3


def test_batches_end_before_their_body_would_pass_the_byte_limit() -> None:
    requests = list(read_requests(line(item(f"r{i}", "x" * (i * 7))) for i in range(40)))
    limit = 600
    batches = list(split(requests, Splitter(max_bytes=limit)))
    assert [r.custom_id for batch in batches for r in batch] == [r.custom_id for r in requests]
    for batch, following in zip(batches, batches[1:]):
        assert body_size(batch) <= limit
        assert body_size(batch + following[:1]) > limit  # as full as it could be
    assert body_size(batches[-1]) <= limit


def test_a_request_too_big_for_any_batch_is_an_error_naming_it() -> None:
    requests = read_requests([line(item("small")), line(item("big", "x" * 500))])
    with pytest.raises(RequestsFileError, match=r"line 2 is \d+ bytes: a batch's body holds at most 300"):
        list(split(requests, Splitter(max_bytes=300)))


def test_limits_too_small_to_hold_a_batch_are_refused() -> None:
    with pytest.raises(ValueError, match="batch limits too small"):
        Splitter(max_requests=0)


@given(
    sizes=st.lists(st.integers(min_value=0, max_value=120), min_size=1, max_size=60),
    max_requests=st.integers(min_value=1, max_value=8),
    max_bytes=st.integers(min_value=300, max_value=1500),
)
def test_every_batch_keeps_within_both_limits_and_the_order(
    sizes: List[int], max_requests: int, max_bytes: int
) -> None:
    requests = list(read_requests(line(item(f"r{i}", "y" * size)) for i, size in enumerate(sizes)))
    if any(body_size([request]) > max_bytes for request in requests):
        with pytest.raises(RequestsFileError):
            list(split(requests, Splitter(max_requests, max_bytes)))
        return
    splitter = Splitter(max_requests, max_bytes)
    batches = list(split(requests, splitter))
    assert splitter.batches == len(batches)
    assert [r.line for batch in batches for r in batch] == [r.line for r in requests]
    assert all(len(batch) <= max_requests and body_size(batch) <= max_bytes for batch in batches)
    for batch, following in zip(batches, batches[1:]):
        assert len(batch) == max_requests or body_size(batch + following[:1]) > max_bytes


def requests_at(*lines: int) -> List[BatchRequest]:
    return [BatchRequest(number, f"r{number}", item(f"r{number}"), 10) for number in lines]


def test_a_span_names_its_lines_and_custom_ids() -> None:
    assert str(Span.of(requests_at(1, 2, 4))) == "lines 1-4 (3 requests, custom_id r1 to r4)"
    assert str(Span.of(requests_at(7))) == "line 7 (1 request, custom_id r7)"
    over = Span.over(iter([requests_at(5, 6), requests_at(8)]))
    assert over is not None and str(over) == "lines 5-8 (3 requests, custom_id r5 to r8)"
    assert Span.over(iter([])) is None


def test_a_submit_that_failed_says_what_was_created_and_what_to_send_again() -> None:
    created = [("msgbatch_1", Span.of(requests_at(1, 2)))]
    failed, rest = Span.of(requests_at(3, 4)), Span.of(requests_at(6))
    rerun = "to send only them: tail -n +3 'my requests.jsonl' > rest.jsonl && claude-core batch submit rest.jsonl"
    assert unsent_report("my requests.jsonl", 3, created, failed, False, rest) == [
        "my requests.jsonl: 1 of 3 batches were created before the failure; do not send their lines again:",
        "  msgbatch_1: lines 1-2 (2 requests, custom_id r1 to r2)",
        f"not sent: lines 3-6 (3 requests, custom_id r3 to r6); {rerun}",
    ]
    assert unsent_report("r.jsonl", 2, created, failed, False, None)[-1].startswith(
        "not sent: lines 3-4 (2 requests, custom_id r3 to r4); to send only them: tail -n +3 r.jsonl > rest.jsonl"
    )
    lost = unsent_report("r.jsonl", 3, created, failed, True, rest)
    assert lost[2] == (
        "unknown: lines 3-4 (2 requests, custom_id r3 to r4) may have become a batch whose answer was lost: "
        "look for it in `claude-core batch list` before sending it again"
    )
    assert lost[3].startswith("not sent: line 6 (1 request, custom_id r6); to send only them: tail -n +6 r.jsonl")
    assert unsent_report("r.jsonl", 3, [], failed, False, rest) == []  # nothing was created: sending again is safe
    assert [line.split(":")[0] for line in unsent_report("r.jsonl", 1, [], failed, True, None)] == ["unknown"]


def test_a_submit_from_stdin_that_failed_says_how_to_send_the_rest_from_the_same_input() -> None:
    created = [("msgbatch_1", Span.of(requests_at(1, 2)))]
    report = unsent_report("-", 2, created, Span.of(requests_at(3, 4)), False, None)
    assert report[0] == "stdin: 1 of 2 batches were created before the failure; do not send their lines again:"
    assert report[-1] == (
        "not sent: lines 3-4 (2 requests, custom_id r3 to r4); to send only them, "
        "feed the same requests through `tail -n +3 | claude-core batch submit -`"
    )
