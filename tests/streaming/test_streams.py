"""Streaming through the whole client against the emulator, over real HTTP, sync and async."""

from __future__ import annotations

import time
from typing import Any, Dict, List

import pytest

import claude_core
from claude_core.streaming import IncompleteStreamError
from claude_core.types import Message
from tests.conftest import MODEL, Api

TOOLS = [
    {
        "name": "get_weather",
        "description": "Weather for a city",
        "input_schema": {"type": "object", "properties": {"city": {"type": "string"}, "days": {"type": "integer"}}},
    }
]
DOCUMENT = {
    "type": "document",
    "source": {"type": "text", "media_type": "text/plain", "data": "The grass is green. The sky is blue."},
    "title": "Facts",
    "citations": {"enabled": True},
}

CASES: Dict[str, Dict[str, Any]] = {
    "text": {"messages": [{"role": "user", "content": "Tell me a story about streams"}]},
    "thinking": {
        "messages": [{"role": "user", "content": "Think first"}],
        "thinking": {"type": "enabled", "budget_tokens": 1024},
        "max_tokens": 2048,
    },
    "tool_use": {"messages": [{"role": "user", "content": "Please call get_weather now"}], "tools": TOOLS},
    "citations": {"messages": [{"role": "user", "content": [DOCUMENT, {"type": "text", "text": "What colour?"}]}]},
}


def params(case: str) -> Dict[str, Any]:
    return {"model": MODEL, "max_tokens": 512, **CASES[case]}


def without_id(message: Message) -> Dict[str, Any]:
    data = message.to_dict(mode="json")
    data.pop("id")
    return data


def collect_raw(api: Api, stream: Any) -> List[Any]:
    if api.is_async:

        async def go() -> List[Any]:
            return [event async for event in stream]

        return api.run(go())  # type: ignore[no-any-return]
    return list(stream)


def run_stream(api: Api, body: Dict[str, Any], client: Any = None) -> Any:
    """Open messages.stream(), read every event, return (events, final message, final text, stream)."""
    client = client or api.client
    if api.is_async:

        async def go() -> Any:
            async with client.messages.stream(**body) as stream:
                events = [event async for event in stream]
                return events, await stream.get_final_message(), stream

        return api.run(go())
    with client.messages.stream(**body) as stream:
        events = list(stream)
        return events, stream.get_final_message(), stream


def serialised(message: Message) -> Dict[str, Any]:
    """Every way a message serialises, with its id (the emulator numbers each reply) left out."""
    blank = message.model_copy(update={"id": "msg_"})
    return {
        "to_dict": blank.to_dict(),
        "to_dict json": blank.to_dict(mode="json"),
        "to_dict exclude_none": blank.to_dict(exclude_none=True),
        "to_dict all fields": blank.to_dict(exclude_unset=False),
        "to_json": blank.to_json(),
        "to_json compact": blank.to_json(indent=None),
        "model_dump": blank.model_dump(),
        "model_dump_json": blank.model_dump_json(),
    }


@pytest.mark.parametrize("case", sorted(CASES))
def test_final_message_equals_the_non_streaming_message(api: Api, case: str) -> None:
    plain = api(lambda c: c.messages.create(**params(case)))
    _, final, _ = run_stream(api, params(case))
    assert without_id(final) == without_id(plain)
    assert serialised(final) == serialised(plain)  # field for field, key order included
    assert final.id != plain.id  # the one field that differs: the emulator numbers its replies
    assert api.emulator.requests[-1].json()["stream"] is True


@pytest.mark.parametrize("case", sorted(CASES))
def test_final_message_read_without_iterating_equals_the_non_streaming_message(api: Api, case: str) -> None:
    plain = api(lambda c: c.messages.create(**params(case)))
    if api.is_async:

        async def go() -> Any:
            async with api.client.messages.stream(**params(case)) as stream:
                return [text async for text in stream.text_stream], await stream.get_final_message()

        texts, final = api.run(go())
    else:
        with api.client.messages.stream(**params(case)) as stream:
            texts, final = list(stream.text_stream), stream.get_final_message()
    assert serialised(final) == serialised(plain)
    assert "".join(texts) == "".join(block.text for block in plain.content if block.type == "text")


@pytest.mark.parametrize("case", sorted(CASES))
def test_accumulating_raw_event_objects_gives_the_non_streaming_message(api: Api, case: str) -> None:
    plain = api(lambda c: c.messages.create(**params(case)))
    accumulator = claude_core.MessageAccumulator()
    for event in collect_raw(api, api(lambda c: c.messages.create(stream=True, **params(case)))):
        accumulator.add(event)
    assert accumulator.done and serialised(accumulator.message) == serialised(plain)


def test_raw_stream_events_and_request_id(api: Api) -> None:
    stream = api(lambda c: c.messages.create(stream=True, **params("text")))
    assert isinstance(stream, claude_core.AsyncStream if api.is_async else claude_core.Stream)
    assert stream.response.status_code == 200
    assert stream._request_id and stream._request_id.startswith("req_")
    events = collect_raw(api, stream)
    kinds = [event.type for event in events]
    assert kinds[0] == "message_start" and kinds[-1] == "message_stop"
    assert "ping" not in kinds
    assert {"content_block_start", "content_block_delta", "content_block_stop", "message_delta"} <= set(kinds)
    text = "".join(e.delta.text for e in events if e.type == "content_block_delta")
    assert text == api(lambda c: c.messages.create(**params("text"))).content[0].text


@pytest.mark.parametrize("case", ["text", "thinking", "tool_use", "citations"])
def test_sdk_events(api: Api, case: str) -> None:
    events, final, _ = run_stream(api, params(case))
    kinds = [event.type for event in events]
    stops = [event for event in events if event.type == "content_block_stop"]
    assert [stop.content_block for stop in stops] == final.content
    assert events[-1].type == "message_stop" and events[-1].message == final
    if case == "text":
        texts = [e for e in events if e.type == "text"]
        assert "".join(e.text for e in texts) == final.content[0].text
        assert texts[-1].snapshot == final.content[0].text
    if case == "thinking":
        thinking = [e for e in events if e.type == "thinking"]
        signatures = [e.signature for e in events if e.type == "signature"]
        assert "".join(e.thinking for e in thinking) == final.content[0].thinking == thinking[-1].snapshot
        assert signatures == [final.content[0].signature]
    if case == "tool_use":
        pieces = [e for e in events if e.type == "input_json"]
        assert len(pieces) > 2
        tool = next(block for block in final.content if block.type == "tool_use")
        assert pieces[-1].snapshot == tool.input
        assert final.stop_reason == "tool_use"
    if case == "citations":
        citations = [e for e in events if e.type == "citation"]
        assert citations and citations[0].citation == final.content[0].citations[0]
        assert citations[-1].snapshot == final.content[0].citations
    assert "text" in kinds or case in ("tool_use",)


def test_text_stream_and_final_text(api: Api) -> None:
    if api.is_async:

        async def go() -> Any:
            async with api.client.messages.stream(**params("text")) as stream:
                pieces = [piece async for piece in stream.text_stream]
                return pieces, await stream.get_final_text()

        pieces, final_text = api.run(go())
    else:
        with api.client.messages.stream(**params("text")) as stream:
            pieces = list(stream.text_stream)
            final_text = stream.get_final_text()
    assert len(pieces) > 1 and "".join(pieces) == final_text


def test_current_snapshot_and_until_done(api: Api) -> None:
    if api.is_async:

        async def go() -> Any:
            async with api.client.messages.stream(**params("text")) as stream:
                first = await stream.__anext__()
                early = stream.current_message_snapshot
                await stream.until_done()
                return first, early, stream.current_message_snapshot

        first, early, late = api.run(go())
    else:
        with api.client.messages.stream(**params("text")) as stream:
            first = next(stream)
            early = stream.current_message_snapshot
            stream.until_done()
            late = stream.current_message_snapshot
    assert first.type == "message_start"
    assert early.id == late.id
    assert late.stop_reason == "end_turn" and late.content


def test_beta_stream_sends_betas(api: Api) -> None:
    _, final, _ = run_stream(api, params("text"), api.client.beta)
    sent = api.emulator.requests[-1]
    assert sent.query == {"beta": "true"}
    assert final.content


def stream_error(api: Api, error_type: str, after: int) -> BaseException:
    api.emulator.enqueue(stream_error_after=after, error_type=error_type)
    with pytest.raises(claude_core.APIStatusError) as caught:
        run_stream(api, params("text"))
    return caught.value


@pytest.mark.parametrize(
    ("error_type", "cls", "status"),
    [
        ("overloaded_error", claude_core.OverloadedError, 529),
        ("rate_limit_error", claude_core.RateLimitError, 429),
        ("api_error", claude_core.InternalServerError, 500),
        ("invalid_request_error", claude_core.BadRequestError, 400),
    ],
)
def test_error_event_after_content_raises_its_typed_class(api: Api, error_type: str, cls: type, status: int) -> None:
    error = stream_error(api, error_type, after=4)
    assert type(error) is cls and error.status_code == status  # type: ignore[attr-defined]
    assert len(api.emulator.requests) == 1  # content was delivered: never retried


def test_error_event_before_content_is_retried_transparently(api: Api) -> None:
    api.emulator.enqueue(stream_error_after=1, error_type="overloaded_error")
    events, final, _ = run_stream(api, params("text"))
    assert len(api.emulator.requests) == 2
    assert [e.type for e in events].count("message_start") == 1
    assert final.stop_reason == "end_turn"


def test_non_retryable_error_event_before_content_is_raised(api: Api) -> None:
    api.emulator.enqueue(stream_error_after=1, error_type="invalid_request_error")
    with pytest.raises(claude_core.BadRequestError):
        run_stream(api, params("text"))
    assert len(api.emulator.requests) == 1


def test_dropped_connection_after_content_raises_connection_error(api: Api) -> None:
    api.emulator.enqueue(drop_after_events=5)
    with pytest.raises(claude_core.APIConnectionError) as caught:
        run_stream(api, params("text"))
    assert not isinstance(caught.value, claude_core.APITimeoutError)
    assert len(api.emulator.requests) == 1


def test_dropped_connection_before_content_is_retried(api: Api) -> None:
    api.emulator.enqueue(drop_after_events=1)
    _, final, _ = run_stream(api, params("text"))
    assert final.content and len(api.emulator.requests) == 2


def test_stream_without_message_stop_raises_instead_of_truncating(api: Api) -> None:
    api.emulator.enqueue(truncate_after_events=6)
    with pytest.raises(IncompleteStreamError):
        run_stream(api, params("text"))


def test_read_timeout_mid_stream_is_api_timeout_error(api: Api) -> None:
    api.emulator.enqueue(stall_after_events=5, stall_seconds=1.0)
    client = api.make(timeout=0.3)
    with pytest.raises(claude_core.APITimeoutError):
        run_stream(api, params("text"), client)


def test_idle_timeout_fires_while_only_pings_arrive(api: Api) -> None:
    api.emulator.enqueue(stall_after_events=5, stall_seconds=1.5, stall_pings=True)
    start = time.monotonic()
    with pytest.raises(claude_core.APITimeoutError, match="stream_idle_timeout"):
        run_stream(api, {**params("text"), "stream_idle_timeout": 0.4})
    assert time.monotonic() - start < 1.4


def test_deadline(api: Api) -> None:
    api.emulator.enqueue(stall_after_events=5, stall_seconds=1.5)
    start = time.monotonic()
    with pytest.raises(claude_core.APITimeoutError, match="deadline"):
        run_stream(api, {**params("text"), "deadline": 0.5})
    assert time.monotonic() - start < 1.4


def test_a_silent_stall_before_content_is_the_watchdog_firing_and_is_retried(api: Api) -> None:
    """Both readers read a silent stall (a blocking read's timeout, an awaited read's wait) as the watchdog."""
    body = {**params("text"), "stream_idle_timeout": 0.3}
    api.emulator.enqueue(stall_after_events=1, stall_seconds=1.5)  # after message_start: nothing delivered yet
    with pytest.raises(claude_core.APITimeoutError, match=r"No stream event for 0\.3 s \(stream_idle_timeout\)"):
        run_stream(api, body, api.make(max_retries=0))
    api.emulator.enqueue(stall_after_events=1, stall_seconds=1.5)
    sent = len(api.emulator.requests)
    events, final, _ = run_stream(api, body)
    assert final.stop_reason == "end_turn" and [e.type for e in events].count("message_start") == 1
    assert len(api.emulator.requests) - sent == 2


def test_stall_shorter_than_the_watchdog_is_fine(api: Api) -> None:
    api.emulator.enqueue(stall_after_events=5, stall_seconds=0.2, stall_pings=True)
    _, final, _ = run_stream(api, {**params("text"), "stream_idle_timeout": 2.0})
    assert final.stop_reason == "end_turn"


def test_stream_options_are_rejected_without_streaming(api: Api) -> None:
    with pytest.raises(TypeError, match="stream_idle_timeout apply to streamed calls"):
        api(lambda c: c.messages.create(stream_idle_timeout=1.0, **params("text")))


def test_long_non_streaming_request_is_streamed_under_the_hood(api: Api) -> None:
    body = {**params("text"), "max_tokens": 64_000}
    message = api(lambda c: c.messages.create(**body))
    assert isinstance(message, Message) and message.stop_reason == "end_turn"
    assert api.emulator.requests[-1].json()["stream"] is True
    api(lambda c: c.messages.create(**body), api.make(auto_stream_long_requests=False))
    assert "stream" not in api.emulator.requests[-1].json()
    api(lambda c: c.messages.create(timeout=30.0, **body))
    assert "stream" not in api.emulator.requests[-1].json()
    api(lambda c: c.messages.create(**params("text")))
    assert "stream" not in api.emulator.requests[-1].json()


def test_unknown_event_types_pass_through(api: Api) -> None:
    sse = (
        b'event: message_start\ndata: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant",'
        b'"model":"x","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}}\n\n'
        b'event: ping\ndata: {"type": "ping"}\n\n'
        b'event: future_event\ndata: {"type":"future_event","x":1}\n\n'
        b'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},'
        b'"usage":{"output_tokens":3}}\n\n'
        b'event: message_stop\ndata: {"type":"message_stop"}\n\n'
    )
    api.emulator.enqueue(sse=sse)
    events = collect_raw(api, api(lambda c: c.messages.create(stream=True, **params("text"))))
    assert [e.type for e in events] == ["message_start", "future_event", "message_delta", "message_stop"]
    assert events[1].x == 1


def test_usage_tally_plugin_and_stream_hook(api: Api) -> None:
    tally = claude_core.UsageTally()
    seen: List[str] = []

    class Recorder:
        @claude_core.hookimpl
        def claude_stream_event(self, event: Any, snapshot: Any, context: Any) -> None:
            seen.append(event.type)
            if event.type == "message_stop":
                assert snapshot.message.stop_reason == "end_turn"
                assert context.model == MODEL and context.provider == "anthropic"
                assert context.request_id.startswith("req_")

    client = api.make(plugins=[tally, Recorder()])
    _, first, _ = run_stream(api, params("text"), client)
    raw = api(lambda c: c.messages.create(stream=True, **params("text")), client)
    collect_raw(api, raw)
    assert tally.calls == 2
    assert tally.input_tokens == 2 * first.usage.input_tokens
    assert tally.output_tokens == 2 * first.usage.output_tokens
    assert seen.count("message_start") == 2 and seen.count("message_stop") == 2


def test_stream_hook_errors_name_the_plugin(api: Api) -> None:
    class Broken:
        @claude_core.hookimpl
        def claude_stream_event(self, event: Any) -> None:
            if event.type == "content_block_delta":
                raise ValueError("observer bug")

    with pytest.raises(claude_core.PluginError, match="observer bug") as caught:
        run_stream(api, params("text"), api.make(plugins=[Broken()]))
    assert caught.value.plugin.startswith("Broken")
    assert len(api.emulator.requests) == 1


def test_leaving_text_stream_early_keeps_the_rest_for_the_next_reader(api: Api) -> None:
    full = api(lambda c: c.messages.create(**params("text"))).content[0].text
    if api.is_async:

        async def go() -> Any:
            async with api.client.messages.stream(**params("text")) as stream:
                first: List[str] = []
                async for piece in stream.text_stream:
                    first.append(piece)
                    if len(first) == 2:
                        break
                rest = [event.text async for event in stream if event.type == "text"]
                return first, rest

        first, rest = api.run(go())
    else:
        with api.client.messages.stream(**params("text")) as stream:
            first = []
            for piece in stream.text_stream:
                first.append(piece)
                if len(first) == 2:
                    break
            rest = [event.text for event in stream if event.type == "text"]
    assert len(first) == 2 and rest
    assert "".join(first + rest) == full


def test_raw_response_of_a_stream_parses_to_the_stream(api: Api) -> None:
    raw = api(lambda c: c.messages.with_raw_response.create(stream=True, **params("text")))
    assert raw.status_code == 200 and raw.headers["content-type"].startswith("text/event-stream")
    stream = api.run(raw.parse())
    events = collect_raw(api, stream)
    assert events[-1].type == "message_stop"
