"""POST /v1/complete, the legacy Text Completions API: replies, streams, faults and validation."""

from __future__ import annotations

import json
from typing import Any, Dict, List

import httpx
import pytest
from claude_emulator import Emulator, EmulatorApp, EmulatorTransport

from .conftest import HEADERS, MODEL
from .errors import error_message
from .sse import names, parse_sse

PROMPT = "\n\nHuman: Hello there, Claude\n\nAssistant:"


def complete_body(prompt: str = PROMPT, **extra: Any) -> Dict[str, Any]:
    body: Dict[str, Any] = {"model": MODEL, "prompt": prompt, "max_tokens_to_sample": 100}
    body.update(extra)
    return body


def _stream(client: httpx.Client, body: Dict[str, Any], **kwargs: Any) -> List[Any]:
    with client.stream("POST", "/v1/complete", json=dict(body, stream=True), **kwargs) as response:
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/event-stream"
        assert response.headers["request-id"].startswith("req_emu_")
        return parse_sse(response.read())


def test_completion_shape(client: httpx.Client) -> None:
    response = client.post("/v1/complete", json=complete_body())
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["request-id"].startswith("req_emu_")
    completion = response.json()
    assert completion == {
        "type": "completion",
        "id": completion["id"],
        "completion": " Echo: Hello there, Claude",
        "stop_reason": "stop_sequence",
        "model": MODEL,
    }
    assert completion["id"].startswith("compl_") and len(completion["id"]) > len("compl_")
    assert client.post("/v1/complete", json=complete_body()).json()["id"] != completion["id"]


def test_the_last_human_turn_is_echoed(client: httpx.Client) -> None:
    prompt = "You are terse.\n\nHuman: first\n\nAssistant: ok\n\nHuman:  second  turn \n\nAssistant:"
    assert client.post("/v1/complete", json=complete_body(prompt)).json()["completion"] == " Echo: second  turn"
    empty = client.post("/v1/complete", json=complete_body("\n\nHuman:\n\nAssistant:"))
    assert empty.json()["completion"] == " Echo: (no text)"


def test_max_tokens_to_sample_counts_words(client: httpx.Client) -> None:
    completion = client.post("/v1/complete", json=complete_body(max_tokens_to_sample=2)).json()
    assert (completion["completion"], completion["stop_reason"]) == (" Echo: Hello", "max_tokens")
    exact = client.post("/v1/complete", json=complete_body(max_tokens_to_sample=4)).json()
    assert (exact["completion"], exact["stop_reason"]) == (" Echo: Hello there, Claude", "stop_sequence")


def test_stop_sequences(client: httpx.Client) -> None:
    completion = client.post("/v1/complete", json=complete_body(stop_sequences=["there"])).json()
    assert (completion["completion"], completion["stop_reason"]) == (" Echo: Hello ", "stop_sequence")


def test_every_field_is_accepted(client: httpx.Client) -> None:
    body = complete_body(
        stop_sequences=["\n\nHuman:"], stream=False, temperature=0.2, top_k=3, top_p=0.5, metadata={"user_id": "u"}
    )
    assert client.post("/v1/complete", json=body).status_code == 200


def test_stream(client: httpx.Client) -> None:
    plain = client.post("/v1/complete", json=complete_body()).json()
    events = _stream(client, complete_body())
    assert set(names(events, pings=True)) == {"completion", "ping"}
    assert names(events, pings=True)[:2] == ["completion", "ping"]
    pieces = [data for name, data in events if name == "completion"]
    assert len(pieces) == 5  # " Echo: ", "Hello ", "there, ", "Claude", then the stop
    assert "".join(piece["completion"] for piece in pieces) == plain["completion"]
    assert [piece["stop_reason"] for piece in pieces] == [None] * 4 + ["stop_sequence"]
    assert pieces[-1]["completion"] == ""
    assert len({piece["id"] for piece in pieces}) == 1 and pieces[0]["id"].startswith("compl_")
    for piece in pieces:
        assert list(piece) == ["type", "id", "completion", "stop_reason", "model"]
        assert piece["model"] == MODEL


def test_stream_cut_by_max_tokens_and_without_pings(client: httpx.Client) -> None:
    events = _stream(client, complete_body(max_tokens_to_sample=1), headers={"x-emulator-no-ping": "1"})
    assert names(events, pings=True) == ["completion", "completion"]
    assert [data["completion"] for _, data in events] == [" Echo:", ""]
    assert events[-1][1]["stop_reason"] == "max_tokens"


def test_stream_with_one_event_per_chunk() -> None:
    transport = EmulatorTransport(EmulatorApp(event_chunks=True))
    http = httpx.Client(base_url="http://e", headers=HEADERS, transport=transport)
    with http, http.stream("POST", "/v1/complete", json=complete_body(stream=True)) as response:
        chunks = list(response.iter_raw())
    assert len(chunks) == len(parse_sse(b"".join(chunks))) > 2
    assert all(chunk.count(b"\n\n") == 1 and chunk.endswith(b"\n\n") for chunk in chunks)


def test_scripted_stream_error(client: httpx.Client, emu: Emulator) -> None:
    emu.enqueue(stream_error_after=3, error_type="overloaded_error")
    events = _stream(client, complete_body())
    assert names(events, pings=True) == ["completion", "ping", "completion", "error"]
    assert events[-1][1] == {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}


def test_scripted_drop_mid_stream(emu: Emulator) -> None:
    emu.enqueue(drop_after_events=2)
    http = httpx.Client(base_url=emu.base_url, headers=HEADERS)
    stream = http.stream("POST", "/v1/complete", json=complete_body(stream=True))
    with http, stream as response, pytest.raises(httpx.RemoteProtocolError):
        response.read()


def test_queued_status_faults(client: httpx.Client, emu: Emulator) -> None:
    emu.enqueue(status=529, headers={"retry-after": "1"})
    response = client.post("/v1/complete", json=complete_body())
    assert error_message(response, 529, "overloaded_error") == "Overloaded"
    assert response.headers["retry-after"] == "1"
    assert client.post("/v1/complete", json=complete_body()).status_code == 200
    assert [r.path for r in emu.requests] == ["/v1/complete", "/v1/complete"]
    assert json.loads(emu.requests[0].body) == complete_body()


INVALID = [
    ({"prompt": PROMPT, "max_tokens_to_sample": 5}, "model: Field required"),
    ({"model": MODEL, "max_tokens_to_sample": 5}, "prompt: Field required"),
    ({"model": MODEL, "prompt": PROMPT}, "max_tokens_to_sample: Field required"),
    (complete_body(max_tokens=5), "max_tokens: Extra inputs are not permitted"),
    (complete_body(messages=[]), "messages: Extra inputs are not permitted"),
    (complete_body(system="x"), "system: Extra inputs are not permitted"),
    (complete_body(max_tokens_to_sample=0), "max_tokens_to_sample: Input should be greater than or equal to 1"),
    (complete_body(max_tokens_to_sample="5"), "max_tokens_to_sample: Input should be a valid integer"),
    (complete_body(prompt=5), "prompt: Input should be a valid string"),
    (complete_body(temperature=2), "temperature: Input should be less than or equal to 1"),
    (complete_body(stop_sequences="STOP"), "stop_sequences: Input should be a valid list of strings"),
    (complete_body(stream="yes"), "stream: Input should be a valid boolean"),
    (complete_body(metadata="u"), "metadata: Input should be a valid dictionary"),
    (complete_body("Hello"), 'prompt must start with "\\n\\nHuman:" turn'),
    (complete_body("\n\nAssistant: hi\n\nHuman: x\n\nAssistant:"), 'prompt must start with "\\n\\nHuman:" turn'),
    (complete_body("\n\nHuman: Hello"), 'prompt must end with "\\n\\nAssistant:" turn'),
    (complete_body("\n\nHuman: Hello\n\nAssistant: "), 'prompt must end with "\\n\\nAssistant:" turn'),
    ([PROMPT], "body: Input should be a valid JSON object"),
]


@pytest.mark.parametrize(("body", "message"), INVALID)
def test_validation_errors(client: httpx.Client, body: Any, message: str) -> None:
    response = client.post("/v1/complete", json=body)
    assert error_message(response, 400, "invalid_request_error").startswith(message)


def test_unknown_model_is_404(client: httpx.Client) -> None:
    response = client.post("/v1/complete", json=complete_body(model="claude-2.1"))
    assert error_message(response, 404, "not_found_error") == "model: claude-2.1"
    assert client.post("/v1/complete", json=complete_body(model="claude-haiku-4-5-20251001")).status_code == 200


def test_prompt_over_the_context_window(client: httpx.Client) -> None:
    prompt = "\n\nHuman: " + "x" * (800_001 - len("\n\nHuman: \n\nAssistant:")) + "\n\nAssistant:"
    response = client.post("/v1/complete", json=complete_body(prompt))
    assert error_message(response, 400, "invalid_request_error") == "prompt is too long: 200001 tokens > 200000 maximum"
