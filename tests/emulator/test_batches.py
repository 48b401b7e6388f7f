"""The Message Batches API: the poll-driven state machine, JSONL results, cancel, delete, expire, paging."""

from __future__ import annotations

import datetime
import json
from typing import Any, Dict, Iterator, List, Optional

import httpx
import pytest
from claude_emulator import Emulator, EmulatorApp

from .conftest import HEADERS, MODEL, message_body
from .errors import error_message

BATCHES = "/v1/messages/batches"


def _request(custom_id: str, text: str = "Hello there, Claude", **extra: Any) -> Dict[str, Any]:
    return {"custom_id": custom_id, "params": message_body(text, **extra)}


def _create(client: httpx.Client, requests: List[Dict[str, Any]], **headers: str) -> Dict[str, Any]:
    response = client.post(BATCHES, json={"requests": requests}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def _poll(client: httpx.Client, batch_id: str) -> Dict[str, Any]:
    response = client.get(f"{BATCHES}/{batch_id}")
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def _counts(
    processing: int, succeeded: int = 0, errored: int = 0, canceled: int = 0, expired: int = 0
) -> Dict[str, int]:
    return {
        "processing": processing,
        "succeeded": succeeded,
        "errored": errored,
        "canceled": canceled,
        "expired": expired,
    }


def _results(client: httpx.Client, batch: Dict[str, Any]) -> List[Dict[str, Any]]:
    response = client.get(batch["results_url"])
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/binary"
    assert response.text.endswith("\n")
    return [json.loads(line) for line in response.text.splitlines()]


def _message(client: httpx.Client, params: Dict[str, Any]) -> Dict[str, Any]:
    """What POST /v1/messages answers for these params, without its id."""
    response = client.post("/v1/messages", json=params)
    assert response.status_code == 200, response.text
    message: Dict[str, Any] = response.json()
    del message["id"]
    return message


def _time(stamp: str) -> datetime.datetime:
    assert stamp.endswith("Z")
    return datetime.datetime.fromisoformat(stamp[:-1])


@pytest.fixture
def http(emu: Emulator) -> Iterator[httpx.Client]:
    """Real HTTP only (the client fixture also runs in-process)."""
    with httpx.Client(base_url=emu.base_url, headers=HEADERS) as client:
        yield client


# -- the state machine ------------------------------------------------------------------


def test_create_answers_an_in_progress_batch(client: httpx.Client) -> None:
    batch = _create(client, [_request("a"), _request("b")])
    assert set(batch) == {
        "id",
        "type",
        "processing_status",
        "request_counts",
        "ended_at",
        "created_at",
        "expires_at",
        "archived_at",
        "cancel_initiated_at",
        "results_url",
    }
    assert batch["id"].startswith("msgbatch_emu_")
    assert batch["type"] == "message_batch"
    assert batch["processing_status"] == "in_progress"
    assert batch["request_counts"] == _counts(2)
    assert batch["ended_at"] is None and batch["archived_at"] is None
    assert batch["cancel_initiated_at"] is None and batch["results_url"] is None
    assert _time(batch["expires_at"]) - _time(batch["created_at"]) == datetime.timedelta(hours=24)


def test_each_poll_finishes_one_request(client: httpx.Client) -> None:
    batch = _create(client, [_request("a"), _request("b"), _request("c")])
    first = _poll(client, batch["id"])
    assert (first["processing_status"], first["request_counts"]) == ("in_progress", _counts(2, succeeded=1))
    assert first["results_url"] is None and first["ended_at"] is None
    second = _poll(client, batch["id"])
    assert (second["processing_status"], second["request_counts"]) == ("in_progress", _counts(1, succeeded=2))
    third = _poll(client, batch["id"])
    assert (third["processing_status"], third["request_counts"]) == ("ended", _counts(0, succeeded=3))
    assert third["results_url"] == f"{client.base_url}{BATCHES}/{batch['id']}/results"
    assert _time(third["ended_at"]) >= _time(third["created_at"])
    assert _poll(client, batch["id"]) == third  # an ended batch stays as it is
    assert third["created_at"] == batch["created_at"] and third["expires_at"] == batch["expires_at"]


def test_errored_requests_count_as_they_finish(client: httpx.Client) -> None:
    bad = {"custom_id": "bad", "params": {"model": "claude-nope", "max_tokens": 5, "messages": []}}
    batch = _create(client, [_request("a"), bad, _request("c")])
    counts = [_poll(client, batch["id"])["request_counts"] for _ in range(3)]
    assert counts == [_counts(2, succeeded=1), _counts(1, succeeded=1, errored=1), _counts(0, succeeded=2, errored=1)]


def test_batch_step() -> None:
    with Emulator(batch_step=2) as emu, httpx.Client(base_url=emu.base_url, headers=HEADERS) as client:
        batch = _create(client, [_request(f"r{i}") for i in range(5)])
        polls = [_poll(client, batch["id"]) for _ in range(3)]
    assert [poll["request_counts"]["succeeded"] for poll in polls] == [2, 4, 5]
    assert [poll["processing_status"] for poll in polls] == ["in_progress", "in_progress", "ended"]


def test_app_batch_step() -> None:
    app = EmulatorApp(batch_step=10)
    with Emulator(app) as emu, httpx.Client(base_url=emu.base_url, headers=HEADERS) as client:
        batch = _create(client, [_request(f"r{i}") for i in range(4)])
        assert _poll(client, batch["id"])["request_counts"] == _counts(0, succeeded=4)


@pytest.mark.parametrize("step", [0, -1, True, 1.5])
def test_bad_batch_step(step: Any) -> None:
    with pytest.raises(ValueError):
        EmulatorApp(batch_step=step)


def test_batch_step_goes_to_the_app() -> None:
    with pytest.raises(TypeError):
        Emulator(EmulatorApp(), batch_step=2)


def test_polls_header_spreads_the_requests(client: httpx.Client) -> None:
    batch = _create(client, [_request(f"r{i}") for i in range(5)], **{"x-emulator-batch-polls": "3"})
    assert batch["request_counts"] == _counts(5)
    polls = [_poll(client, batch["id"]) for _ in range(3)]
    assert [poll["request_counts"]["succeeded"] for poll in polls] == [2, 4, 5]
    assert [poll["processing_status"] for poll in polls] == ["in_progress", "in_progress", "ended"]


def test_zero_polls_ends_at_creation(client: httpx.Client) -> None:
    bad = {"custom_id": "bad", "params": {"model": MODEL, "messages": [{"role": "user", "content": "x"}]}}
    batch = _create(client, [_request("a"), bad], **{"x-emulator-batch-polls": "0"})
    assert batch["processing_status"] == "ended"
    assert batch["request_counts"] == _counts(0, succeeded=1, errored=1)
    assert batch["ended_at"] is not None
    assert batch["results_url"] == f"{client.base_url}{BATCHES}/{batch['id']}/results"


def test_only_a_get_of_the_batch_polls(client: httpx.Client) -> None:
    batch = _create(client, [_request("a"), _request("b")])
    assert client.get(BATCHES).json()["data"][0]["request_counts"] == _counts(2)
    assert client.get(f"{BATCHES}/{batch['id']}/results").status_code == 400
    assert client.post("/v1/messages", json=message_body()).status_code == 200
    assert client.get(BATCHES).json()["data"][0]["request_counts"] == _counts(2)
    assert _poll(client, batch["id"])["request_counts"] == _counts(1, succeeded=1)


@pytest.mark.parametrize(("name", "value"), [("x-emulator-batch-polls", "-1"), ("x-emulator-batch-copies", "0")])
def test_bad_knobs(client: httpx.Client, name: str, value: str) -> None:
    response = client.post(BATCHES, json={"requests": [_request("a")]}, headers={name: value})
    assert error_message(response, 400, "invalid_request_error").startswith(f"{name}: ")


# -- results ------------------------------------------------------------------------------


def test_results_hold_what_the_messages_endpoint_answers(client: httpx.Client) -> None:
    tools = [{"name": "get_weather", "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}}]
    params = [
        message_body("Hi"),
        message_body("What is the weather?", tools=tools),
        message_body("a b c d", max_tokens=2),
    ]
    requests = [{"custom_id": f"q{i}", "params": p} for i, p in enumerate(params)]
    missing = {"model": MODEL, "messages": [{"role": "user", "content": "x"}]}
    unknown = message_body(model="claude-nope")
    requests += [{"custom_id": "missing", "params": missing}, {"custom_id": "unknown", "params": unknown}]
    batch = _create(client, requests, **{"x-emulator-batch-polls": "0"})
    lines = _results(client, batch)
    assert [line["custom_id"] for line in lines] == ["q0", "q1", "q2", "missing", "unknown"]
    number = batch["id"][len("msgbatch_emu_") :]
    for index, (line, p) in enumerate(zip(lines, params)):
        assert line["result"]["type"] == "succeeded"
        message = line["result"]["message"]
        assert message.pop("id") == f"msg_emu_{number}_{index}"
        assert message == _message(client, p)
    assert lines[3]["result"] == {
        "type": "errored",
        "error": {"type": "error", "error": {"type": "invalid_request_error", "message": "max_tokens: Field required"}},
    }
    assert lines[4]["result"] == {
        "type": "errored",
        "error": {"type": "error", "error": {"type": "not_found_error", "message": "model: claude-nope"}},
    }


def test_results_exact_lines(client: httpx.Client) -> None:
    batch = _create(client, [_request("one", "Hi")], **{"x-emulator-batch-polls": "0"})
    number = batch["id"][len("msgbatch_emu_") :]
    text = client.get(batch["results_url"]).text
    expected = (
        '{"custom_id":"one","result":{"type":"succeeded","message":{"id":"msg_emu_NUMBER_0","type":"message",'
        '"role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"Echo: Hi",'
        '"citations":null}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":1,'
        '"output_tokens":2,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}}}\n'
    ).replace("NUMBER", number)
    assert text == expected


def test_results_before_the_end_are_a_400(client: httpx.Client) -> None:
    batch = _create(client, [_request("a"), _request("b")])
    _poll(client, batch["id"])
    response = client.get(f"{BATCHES}/{batch['id']}/results")
    assert batch["id"] in error_message(response, 400, "invalid_request_error")


def test_results_use_the_knobs_of_the_create_request(client: httpx.Client) -> None:
    headers = {"x-emulator-batch-polls": "0", "x-emulator-text-deltas": "3"}
    batch = _create(client, [_request("a")], **headers)
    (line,) = _results(client, batch)
    assert line["result"]["message"]["content"][0]["text"] == "w0 w1 w2 "


def test_beta_batch_takes_beta_params(client: httpx.Client) -> None:
    beta = message_body(context_management={"edits": [{"type": "clear_tool_uses_20250919"}]})
    requests = [{"custom_id": "beta", "params": beta}]
    plain = _create(client, requests, **{"x-emulator-batch-polls": "0"})
    assert _results(client, plain)[0]["result"]["error"]["error"] == {
        "type": "invalid_request_error",
        "message": "context_management: Extra inputs are not permitted",
    }
    response = client.post(BATCHES, params={"beta": "true"}, json={"requests": requests})
    batch = _poll(client, response.json()["id"])
    assert batch["processing_status"] == "ended"
    assert _results(client, batch)[0]["result"]["type"] == "succeeded"


def test_unknown_file_is_an_errored_request(client: httpx.Client) -> None:
    document = {"type": "document", "source": {"type": "file", "file_id": "file_nope"}}
    content = [document, {"type": "text", "text": "Summarise"}]
    params = {"model": MODEL, "max_tokens": 50, "messages": [{"role": "user", "content": content}]}
    batch = _create(client, [{"custom_id": "doc", "params": params}], **{"x-emulator-batch-polls": "0"})
    assert _results(client, batch)[0]["result"]["error"]["error"] == {
        "type": "not_found_error",
        "message": "File not found: file_nope",
    }


# -- cancel, expire, delete ---------------------------------------------------------------


def test_cancel_ends_at_the_next_poll(client: httpx.Client) -> None:
    batch = _create(client, [_request("a"), _request("b"), _request("c")])
    _poll(client, batch["id"])
    canceling = client.post(f"{BATCHES}/{batch['id']}/cancel").json()
    assert canceling["processing_status"] == "canceling"
    assert canceling["request_counts"] == _counts(2, succeeded=1)
    assert _time(canceling["cancel_initiated_at"]) >= _time(canceling["created_at"])
    assert canceling["ended_at"] is None and canceling["results_url"] is None
    again = client.post(f"{BATCHES}/{batch['id']}/cancel").json()
    assert again == canceling
    assert client.get(BATCHES).json()["data"][0] == canceling
    ended = _poll(client, batch["id"])
    assert ended["processing_status"] == "ended"
    assert ended["request_counts"] == _counts(0, succeeded=1, canceled=2)
    assert ended["cancel_initiated_at"] == canceling["cancel_initiated_at"]
    lines = _results(client, ended)
    assert lines[0]["result"]["type"] == "succeeded"
    assert lines[1:] == [
        {"custom_id": "b", "result": {"type": "canceled"}},
        {"custom_id": "c", "result": {"type": "canceled"}},
    ]


def test_cancel_of_an_ended_batch_is_a_400(client: httpx.Client) -> None:
    batch = _create(client, [_request("a")], **{"x-emulator-batch-polls": "0"})
    response = client.post(f"{BATCHES}/{batch['id']}/cancel")
    assert batch["id"] in error_message(response, 400, "invalid_request_error")


def test_expire(client: httpx.Client, emu: Emulator) -> None:
    batch = _create(client, [_request("a"), _request("b"), _request("c")], **{"x-emulator-batch-polls": "3"})
    _poll(client, batch["id"])
    emu.app.expire_batch(batch["id"])
    ended = _poll(client, batch["id"])
    assert ended["processing_status"] == "ended"
    assert ended["request_counts"] == _counts(0, succeeded=1, expired=2)
    assert [line["result"] for line in _results(client, ended)[1:]] == [{"type": "expired"}, {"type": "expired"}]
    with pytest.raises(ValueError):
        emu.expire_batch(batch["id"])
    with pytest.raises(KeyError):
        emu.expire_batch("msgbatch_nope")


def test_expire_a_canceling_batch(client: httpx.Client, emu: Emulator) -> None:
    batch = _create(client, [_request("a")])
    client.post(f"{BATCHES}/{batch['id']}/cancel")
    emu.expire_batch(batch["id"])
    assert _poll(client, batch["id"])["request_counts"] == _counts(0, expired=1)


def test_delete(client: httpx.Client) -> None:
    batch = _create(client, [_request("a"), _request("b")])
    response = client.delete(f"{BATCHES}/{batch['id']}")
    assert "must end or be canceled" in error_message(response, 400, "invalid_request_error")
    client.post(f"{BATCHES}/{batch['id']}/cancel")
    response = client.delete(f"{BATCHES}/{batch['id']}")
    assert "must end or be canceled" in error_message(response, 400, "invalid_request_error")
    _poll(client, batch["id"])
    deleted = client.delete(f"{BATCHES}/{batch['id']}")
    assert deleted.status_code == 200
    assert deleted.json() == {"id": batch["id"], "type": "message_batch_deleted"}
    for method, suffix in [("GET", ""), ("POST", "/cancel"), ("GET", "/results"), ("DELETE", "")]:
        response = client.request(method, f"{BATCHES}/{batch['id']}{suffix}")
        assert error_message(response, 404, "not_found_error") == f"Batch not found: {batch['id']}"
    assert client.get(BATCHES).json()["data"] == []


@pytest.mark.parametrize(("method", "suffix"), [("GET", ""), ("POST", "/cancel"), ("GET", "/results"), ("DELETE", "")])
def test_unknown_batch_is_a_404(client: httpx.Client, method: str, suffix: str) -> None:
    response = client.request(method, f"{BATCHES}/msgbatch_nope{suffix}")
    assert error_message(response, 404, "not_found_error") == "Batch not found: msgbatch_nope"


def test_batches_need_credentials(emu: Emulator) -> None:
    with httpx.Client(base_url=emu.base_url) as anonymous:
        for method, path in [("POST", BATCHES), ("GET", BATCHES), ("GET", f"{BATCHES}/msgbatch_nope")]:
            assert error_message(anonymous.request(method, path), 401, "authentication_error")


# -- the beta route -----------------------------------------------------------------------


def test_beta_route_behaves_the_same(client: httpx.Client) -> None:
    beta = {"beta": "true"}
    headers = {"anthropic-beta": "message-batches-2024-09-24"}
    created = client.post(BATCHES, params=beta, headers=headers, json={"requests": [_request("a"), _request("b")]})
    batch = created.json()
    assert batch["processing_status"] == "in_progress"
    path = f"{BATCHES}/{batch['id']}"
    assert client.get(path, params=beta).json()["request_counts"] == _counts(1, succeeded=1)
    assert client.get(BATCHES, params=beta).json()["data"][0]["id"] == batch["id"]
    assert client.post(f"{path}/cancel", params=beta).json()["processing_status"] == "canceling"
    ended = client.get(path, params=beta).json()
    assert ended["request_counts"] == _counts(0, succeeded=1, canceled=1)
    results = client.get(f"{path}/results", params=beta)
    assert [json.loads(line)["result"]["type"] for line in results.text.splitlines()] == ["succeeded", "canceled"]
    assert client.delete(path, params=beta).json() == {"id": batch["id"], "type": "message_batch_deleted"}


# -- listing ------------------------------------------------------------------------------


def _page(client: httpx.Client, **params: Any) -> Dict[str, Any]:
    response = client.get(BATCHES, params=params)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_list_is_empty_at_first(client: httpx.Client) -> None:
    assert _page(client) == {"data": [], "has_more": False, "first_id": None, "last_id": None}


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_list_pages_both_ways(client: httpx.Client, limit: int) -> None:
    created = [_create(client, [_request("a")])["id"] for _ in range(5)]
    newest_first = created[::-1]
    assert [batch["id"] for batch in _page(client)["data"]] == newest_first

    forward: List[str] = []
    after: Optional[str] = None
    while True:
        page = _page(client, limit=limit, **({"after_id": after} if after else {}))
        assert len(page["data"]) <= limit
        assert page["first_id"] == page["data"][0]["id"] and page["last_id"] == page["data"][-1]["id"]
        forward += [batch["id"] for batch in page["data"]]
        if not page["has_more"]:
            break
        after = page["last_id"]
    assert forward == newest_first

    backward = [newest_first[-1]]
    while True:
        page = _page(client, limit=limit, before_id=backward[0])
        backward = [batch["id"] for batch in page["data"]] + backward
        if not page["has_more"]:
            break
    assert backward == newest_first


def test_list_shows_each_batch_as_retrieve_does(client: httpx.Client) -> None:
    batch = _create(client, [_request("a")], **{"x-emulator-batch-polls": "0"})
    assert _page(client)["data"] == [_poll(client, batch["id"])]


@pytest.mark.parametrize("query", [{"limit": "0"}, {"limit": "1001"}, {"after_id": "msgbatch_nope"}])
def test_list_bad_query(client: httpx.Client, query: Dict[str, str]) -> None:
    error_message(client.get(BATCHES, params=query), 400, "invalid_request_error")


# -- validation of the create body --------------------------------------------------------


def _bad_body(client: httpx.Client, body: Any) -> str:
    return error_message(client.post(BATCHES, json=body), 400, "invalid_request_error")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ([], "body: Input should be a valid JSON object"),
        ({}, "requests: Field required"),
        ({"requests": [], "extra": 1}, "extra: Extra inputs are not permitted"),
        ({"requests": {}}, "requests: Input should be a valid list"),
        ({"requests": []}, "requests: List should have at least 1 item after validation, not 0"),
        ({"requests": ["a"]}, "requests.0: Input should be a valid dictionary or object"),
        ({"requests": [{"params": {}}]}, "requests.0.custom_id: Field required"),
        ({"requests": [{"custom_id": "a"}]}, "requests.0.params: Field required"),
        ({"requests": [{"custom_id": "a", "params": {}, "x": 1}]}, "requests.0.x: Extra inputs are not permitted"),
        ({"requests": [{"custom_id": 1, "params": {}}]}, "requests.0.custom_id: Input should be a valid string"),
        (
            {"requests": [{"custom_id": "a", "params": []}]},
            "requests.0.params: Input should be a valid dictionary or object",
        ),
    ],
)
def test_bad_create_body(client: httpx.Client, body: Any, message: str) -> None:
    assert _bad_body(client, body) == message


@pytest.mark.parametrize("custom_id", ["", "a" * 65, "has space", "dot.ted", "ünï"])
def test_bad_custom_id(client: httpx.Client, custom_id: str) -> None:
    message = _bad_body(client, {"requests": [_request("ok"), {"custom_id": custom_id, "params": {}}]})
    assert message == "requests.1.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'"


def test_longest_custom_id(client: httpx.Client) -> None:
    custom_id = "A-z_9" * 12 + "abcd"
    batch = _create(client, [_request(custom_id)], **{"x-emulator-batch-polls": "0"})
    assert _results(client, batch)[0]["custom_id"] == custom_id


def test_duplicate_custom_id(client: httpx.Client) -> None:
    message = _bad_body(client, {"requests": [_request("a"), _request("b"), _request("a")]})
    assert message.startswith("requests.2.custom_id: 'a' ")


def test_streaming_params(client: httpx.Client) -> None:
    message = _bad_body(client, {"requests": [_request("a"), _request("b", stream=True)]})
    assert message.startswith("requests.1.params.stream: ")
    batch = _create(client, [_request("a", stream=False)], **{"x-emulator-batch-polls": "0"})
    assert batch["request_counts"]["succeeded"] == 1


def test_too_many_requests(client: httpx.Client) -> None:
    item = {"custom_id": "x", "params": {}}
    message = _bad_body(client, {"requests": [item] * 100_001})
    assert message == "requests: List should have at most 100000 items after validation, not 100001"


def test_invalid_json(client: httpx.Client) -> None:
    response = client.post(BATCHES, content=b"{nope", headers={"content-type": "application/json"})
    assert "invalid JSON" in error_message(response, 400, "invalid_request_error")


# -- benchmark copies ---------------------------------------------------------------------


def test_copies_are_streamed(http: httpx.Client) -> None:
    headers = {"x-emulator-batch-copies": "1000", "x-emulator-batch-polls": "0"}
    batch = _create(http, [_request("req", "Hi"), _request("ignored")], **headers)
    assert batch["request_counts"] == _counts(0, succeeded=1000)
    number = batch["id"][len("msgbatch_emu_") :]
    expected = _message(http, message_body("Hi"))
    with http.stream("GET", batch["results_url"]) as response:
        assert response.headers["transfer-encoding"] == "chunked"
        assert response.headers["content-type"] == "application/binary"
        chunks = list(response.iter_raw())
    text = b"".join(chunks).decode("utf-8")
    assert text.endswith("\n")
    lines = text.splitlines()
    assert len(lines) == 1000
    for index, line in enumerate(lines):
        result = json.loads(line)
        assert result["custom_id"] == f"req-{index}"
        message = result["result"]["message"]
        assert message.pop("id") == f"msg_emu_{number}_{index}"
        assert message == expected


def test_copies_progress_and_cancel(client: httpx.Client) -> None:
    batch = _create(client, [_request("req")], **{"x-emulator-batch-copies": "10", "x-emulator-batch-polls": "4"})
    assert batch["request_counts"] == _counts(10)
    assert _poll(client, batch["id"])["request_counts"] == _counts(7, succeeded=3)
    assert _poll(client, batch["id"])["request_counts"] == _counts(5, succeeded=5)
    client.post(f"{BATCHES}/{batch['id']}/cancel")
    ended = _poll(client, batch["id"])
    assert ended["request_counts"] == _counts(0, succeeded=5, canceled=5)
    lines = _results(client, ended)
    assert [line["custom_id"] for line in lines] == [f"req-{i}" for i in range(10)]
    assert [line["result"]["type"] for line in lines] == ["succeeded"] * 5 + ["canceled"] * 5


def test_copies_of_an_errored_request(client: httpx.Client) -> None:
    bad = {"custom_id": "bad", "params": message_body(model="claude-nope")}
    batch = _create(client, [bad], **{"x-emulator-batch-copies": "3", "x-emulator-batch-polls": "2"})
    assert _poll(client, batch["id"])["request_counts"] == _counts(1, errored=2)
    assert _poll(client, batch["id"])["request_counts"] == _counts(0, errored=3)
    error = {"type": "error", "error": {"type": "not_found_error", "message": "model: claude-nope"}}
    assert _results(client, _poll(client, batch["id"])) == [
        {"custom_id": f"bad-{i}", "result": {"type": "errored", "error": error}} for i in range(3)
    ]


def test_client_leaving_mid_results(http: httpx.Client) -> None:
    headers = {"x-emulator-batch-copies": "200000", "x-emulator-batch-polls": "0"}
    batch = _create(http, [_request("req")], **headers)
    with http.stream("GET", batch["results_url"]) as response:
        first = next(response.iter_lines())
    assert json.loads(first)["custom_id"] == "req-0"
    assert http.get(BATCHES).status_code == 200  # the server goes on serving
