"""``batches.results()`` builds its entries as every other response is built, over HTTP to the
emulator, sync and async: a line whose message lacks fields is built as it came (as the official
SDK builds it), unless the client validates (``_strict_response_validation=True``); a valid line
gives the same object whichever way it is built; and a beta call's objects dump as the official
``Beta*`` models (their fields, ``official_fields.json``, recorded from the official SDK)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List

import pytest

from claude_core import APIResponseValidationError
from claude_core.types._base import is_beta
from claude_core.types._construct import construct
from claude_core.types.messages import MessageBatchIndividualResponse

from ..conftest import MODEL, Api

OFFICIAL_FIELDS: Dict[str, Dict[str, List[str]]] = json.loads(
    (Path(__file__).parent.parent / "compat" / "official_fields.json").read_text(encoding="utf-8")
)

MESSAGE = {
    "id": "msg_1",
    "type": "message",
    "role": "assistant",
    "model": MODEL,
    "content": [
        {"type": "thinking", "thinking": "Hm.", "signature": "EqQB"},
        {"type": "text", "text": "Hello", "citations": None},
        {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Paris"}},
    ],
    "stop_reason": "tool_use",
    "stop_sequence": None,
    "usage": {"input_tokens": 3, "output_tokens": 2, "cache_creation_input_tokens": 0, "service_tier": "batch"},
}
VALID = [
    {"custom_id": "ok", "result": {"type": "succeeded", "message": MESSAGE}},
    {
        "custom_id": "bad",
        "result": {
            "type": "errored",
            "error": {"type": "error", "error": {"type": "invalid_request_error", "message": "no"}, "request_id": "r"},
        },
    },
    {"custom_id": "late", "result": {"type": "expired"}},
    {"custom_id": "stop", "result": {"type": "canceled"}, "note": "an extra field"},
]
#: Lines a gateway might send: fields left out, ``content: null``, a block without ``text``.
TRIMMED = [
    {
        "custom_id": "no-usage",
        "result": {"type": "succeeded", "message": {"id": "msg_2", "type": "message", "content": None}},
    },
    {
        "custom_id": "no-text",
        "result": {"type": "succeeded", "message": {**MESSAGE, "model": None, "content": [{"type": "text"}]}},
    },
    {
        "custom_id": "no-message",
        "result": {"type": "errored", "error": {"type": "error", "error": {"type": "api_error"}}},
    },
    {"custom_id": "no-result"},
]


def serve(api: Api, lines: List[Dict[str, Any]]) -> List[bytes]:
    """Queue a batch that ended and its results file holding ``lines``; the lines as sent."""
    sent = [json.dumps(line).encode() for line in lines]
    api.emulator.enqueue(
        status=200,
        json={
            "id": "msgbatch_1",
            "type": "message_batch",
            "processing_status": "ended",
            "request_counts": {"processing": 0, "succeeded": len(lines), "errored": 0, "canceled": 0, "expired": 0},
            "created_at": "2026-12-01T00:00:00Z",
            "expires_at": "2026-12-02T00:00:00Z",
            "ended_at": "2026-12-01T00:05:00Z",
            "results_url": f"{api.emulator.base_url}/v1/messages/batches/msgbatch_1/results",
        },
    )
    api.emulator.enqueue(status=200, body=b"\n".join(sent) + b"\n", headers={"content-type": "application/binary"})
    return sent


def read(api: Api, client: Any, batch_id: str = "msgbatch_1", beta: bool = False, into: Any = None) -> List[Any]:
    """The entries of a batch's results, through ``client`` (``into``: a list they are appended to)."""
    resource = client.beta.messages.batches if beta else client.messages.batches
    found: List[Any] = [] if into is None else into
    if api.is_async:

        async def read_async() -> None:
            async for entry in await resource.results(batch_id):
                found.append(entry)

        api.run(read_async())
    else:
        found.extend(resource.results(batch_id))
    return found


def dumps(entry: Any) -> List[Any]:
    """Every dump of an entry: unequal fields set, or another kind (beta or not), shows in one of them."""
    return [
        entry.model_dump(),
        entry.model_dump(exclude_unset=True),
        entry.to_dict(),
        entry.to_json(),
        entry.model_dump_json(),
    ]


@pytest.mark.parametrize("beta", [False, True])
def test_a_line_that_lacks_fields_is_built_as_it_came(api: Api, beta: bool) -> None:
    serve(api, [VALID[0], *TRIMMED])
    entries = read(api, api.client, beta=beta)
    assert [entry.to_dict() for entry in entries] == [VALID[0], *TRIMMED]  # what the official's to_dict() gives
    no_usage, no_text, no_message, no_result = entries[1:]
    assert no_usage.result.message.usage is None and no_usage.result.message.content is None
    assert no_usage.result.message.model_fields_set == {"id", "type", "content"}
    block = no_text.result.message.content[0]
    assert block.type == "text" and block.text is None and block.model_fields_set == {"type"}
    assert no_message.result.error.error.type == "api_error" and no_message.result.error.error.message is None
    assert no_result.result is None and no_result.model_fields_set == {"custom_id"}
    assert all(is_beta(entry.result.message) is beta for entry in entries[:3])


@pytest.mark.parametrize("beta", [False, True])
def test_a_validating_client_refuses_such_a_line_after_the_lines_before_it(api: Api, beta: bool) -> None:
    serve(api, [VALID[0], TRIMMED[0], VALID[1]])
    seen: List[Any] = []
    strict = api.make(_strict_response_validation=True)
    with pytest.raises(APIResponseValidationError, match=r"^Line 2 of the JSON Lines body .*no-usage"):
        read(api, strict, beta=beta, into=seen)
    assert [entry.custom_id for entry in seen] == ["ok"] and is_beta(seen[0].result.message) is beta


@pytest.mark.parametrize("beta", [False, True])
def test_a_valid_line_gives_the_same_object_whichever_way_it_is_built(api: Api, beta: bool) -> None:
    sent = serve(api, VALID)
    lenient = read(api, api.client, beta=beta)
    serve(api, VALID)
    validated = read(api, api.make(_strict_response_validation=True), beta=beta)
    built = [construct(MessageBatchIndividualResponse, json.loads(line), beta=beta) for line in sent]
    assert lenient == validated == built
    assert [dumps(entry) for entry in lenient] == [dumps(entry) for entry in validated] == [dumps(e) for e in built]
    message = lenient[0].result.message
    assert message.model_fields_set == set(MESSAGE) and message.usage.model_fields_set == set(MESSAGE["usage"])
    assert lenient[3].model_fields_set == {"custom_id", "result", "note"}


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize(
    ("beta", "module", "prefix"), [(False, "anthropic.types", ""), (True, "anthropic.types.beta", "Beta")]
)
def test_beta_results_dump_as_the_official_beta_objects(
    api: Api, strict: bool, beta: bool, module: str, prefix: str
) -> None:
    client = api.make(_strict_response_validation=strict)
    resource = client.beta.messages.batches if beta else client.messages.batches
    request = {"model": MODEL, "max_tokens": 64, "messages": [{"role": "user", "content": "Hello"}]}
    batch = api.run(resource.create(requests=[{"custom_id": "a", "params": request}]))
    api.run(resource.wait(batch.id, poll_interval=0.01))
    (entry,) = read(api, client, batch.id, beta=beta)
    message = entry.result.message
    assert message.content[0].text and is_beta(message) is beta
    assert list(message.model_dump()) == OFFICIAL_FIELDS[module][f"{prefix}Message"]
    assert list(message.usage.model_dump()) == OFFICIAL_FIELDS[module][f"{prefix}Usage"]
    assert list(message.content[0].model_dump()) == OFFICIAL_FIELDS[module][f"{prefix}TextBlock"]
    result_fields = OFFICIAL_FIELDS[f"{module}.messages"][f"{prefix}MessageBatchSucceededResult"]
    assert list(entry.result.model_dump()) == result_fields
