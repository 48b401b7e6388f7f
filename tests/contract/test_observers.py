"""Call observers (``claude_call_observer``) see every call: its start, each attempt with the
retry decision, and its end with usage, stop reason and request id, or the error.

The observer is the ``claude-test-observer`` fixture package, installed through its entry
point; a client opts in with ``provider_options={"observer": log}``.
"""

from __future__ import annotations

import gc
from typing import Any, List, Tuple

import pytest

import claude_core
from claude_core import UsageTally, hookimpl
from claude_core.observers import AttemptRecord, CallInfo, CallObserver, CallResult

from ..conftest import MODEL, USER, Api

PARAMS: Any = {"model": MODEL, "max_tokens": 64, "messages": USER}


def observed(api: Api, **kwargs: Any) -> Tuple[Any, List[Tuple[str, Any]]]:
    log: List[Tuple[str, Any]] = []
    return api.make(provider_options={"observer": log}, **kwargs), log


def kinds(log: List[Tuple[str, Any]]) -> List[str]:
    return [kind for kind, _ in log]


def ended(log: List[Tuple[str, Any]]) -> CallResult:
    assert kinds(log).count("end") == 1, kinds(log)
    assert log[-1][0] == "end"
    result = log[-1][1]
    assert isinstance(result, CallResult)
    return result


def final_message(api: Api, client: Any) -> Any:
    """``messages.stream()`` read to its end, sync or async."""
    if api.is_async:

        async def go() -> Any:
            async with client.messages.stream(**PARAMS) as stream:
                return await stream.get_final_message()

        return api.run(go())
    with client.messages.stream(**PARAMS) as stream:
        return stream.get_final_message()


def drop_a_stream(api: Api, client: Any) -> None:
    """Start a raw stream, read one event, and drop it without closing it."""
    if api.is_async:

        async def go() -> None:
            stream = await client.messages.create(stream=True, **PARAMS)
            await stream.__anext__()

        api.run(go())
        return
    next(iter(client.messages.create(stream=True, **PARAMS)))


def test_a_plain_call_is_seen_from_start_to_end(api: Api) -> None:
    client, log = observed(api)
    message = api(lambda c: c.messages.create(**PARAMS), client)
    assert kinds(log) == ["start", "attempt", "end"]
    info = log[0][1]
    assert isinstance(info, CallInfo)
    assert (info.endpoint, info.provider.name, info.model, info.stream, info.is_async) == (
        "messages.create",
        "anthropic",
        MODEL,
        False,
        api.is_async,
    )
    attempt = log[1][1]
    assert isinstance(attempt, AttemptRecord)
    assert attempt.number == 0 and attempt.response is not None and attempt.response.status_code == 200
    assert attempt.decision is None and attempt.error is None
    result = ended(log)
    assert result.value is message and result.error is None and result.completed
    assert result.usage == message.usage and result.stop_reason == "end_turn"
    assert result.request_id == message._request_id and result.request_id
    assert result.attempts == 1 and result.provider.name == "anthropic"


def test_each_attempt_is_seen_with_its_retry_decision(api: Api) -> None:
    client, log = observed(api)
    api.emulator.enqueue(status=529, headers={"retry-after-ms": "1"})
    api.emulator.enqueue(drop=True)
    api(lambda c: c.messages.create(**PARAMS), client)
    attempts = [entry for kind, entry in log if kind == "attempt"]
    assert [a.number for a in attempts] == [0, 1, 2]
    first, second, third = attempts
    assert first.response is not None and first.response.status_code == 529
    assert first.decision is not None and first.decision.retry and first.decision.delay == pytest.approx(0.001)
    assert isinstance(second.error, claude_core.APIConnectionError) and second.decision is not None
    assert third.response is not None and third.response.status_code == 200 and third.decision is None
    assert ended(log).attempts == 3


def test_the_final_error_ends_the_call(api: Api) -> None:
    client, log = observed(api, max_retries=1)
    api.emulator.enqueue(status=529, headers={"retry-after-ms": "1"})
    api.emulator.enqueue(status=529, headers={"retry-after-ms": "1"})
    with pytest.raises(claude_core.OverloadedError) as caught:
        api(lambda c: c.messages.create(**PARAMS), client)
    result = ended(log)
    assert result.error is caught.value and result.value is None
    assert result.response is caught.value.response and result.request_id == caught.value.request_id
    attempts = [entry for kind, entry in log if kind == "attempt"]
    assert [a.decision.retry for a in attempts if a.decision] == [True, False]


def test_an_error_before_any_attempt_ends_the_call(api: Api) -> None:
    client, log = observed(api, api_key=None)
    with pytest.raises(claude_core.MissingCredentialsError) as caught:
        api(lambda c: c.messages.create(**PARAMS), client)
    assert kinds(log) == ["start", "end"]
    assert ended(log).error is caught.value


def test_a_raw_stream_ends_with_its_usage(api: Api) -> None:
    client, log = observed(api)

    def run(c: Any) -> Any:
        if api.is_async:

            async def read() -> List[Any]:
                stream = await c.messages.create(stream=True, **PARAMS)
                return [event async for event in stream]

            return read()
        return list(c.messages.create(stream=True, **PARAMS))

    events = api(run, client)
    assert events[-1].type == "message_stop"
    assert log[0][1].stream is True and log[0][1].endpoint == "messages.create"
    result = ended(log)
    assert result.usage is not None and result.usage.output_tokens > 0 and result.stop_reason == "end_turn"
    assert result.value.content[0].text.startswith("Echo:") and result.completed


def test_a_message_stream_and_a_stream_closed_early(api: Api) -> None:
    client, log = observed(api)

    message = final_message(api, client)
    assert ended(log).value == message
    log.clear()

    def early(c: Any) -> Any:
        if api.is_async:

            async def go() -> None:
                async with c.messages.stream(**PARAMS) as stream:
                    async for _ in stream.text_stream:
                        break

            return go()
        with c.messages.stream(**PARAMS) as stream:
            for _ in stream.text_stream:
                break
        return None

    api(early, client)
    result = ended(log)
    assert not result.completed and result.error is None  # (the value is there if the body had all arrived)


def test_token_counts_and_raw_responses_are_observed(api: Api) -> None:
    client, log = observed(api)
    count = api(lambda c: c.messages.count_tokens(model=MODEL, messages=USER), client)
    result = ended(log)
    assert result.endpoint == "messages.count_tokens" and result.value is count and result.usage is None
    log.clear()
    raw = api(lambda c: c.messages.with_raw_response.create(**PARAMS), client)
    result = ended(log)
    assert result.value is None and result.response is raw.http_response
    assert result.usage is not None and result.usage.input_tokens > 0


def test_usage_tally_counts_plain_and_streamed_calls(api: Api) -> None:
    tally = UsageTally()
    client = api.make(plugins=[tally])
    plain = api(lambda c: c.messages.create(**PARAMS), client)

    message = final_message(api, client)
    api(lambda c: c.messages.count_tokens(model=MODEL, messages=USER), client)
    assert tally.calls == 2
    assert tally.input_tokens == plain.usage.input_tokens + message.usage.input_tokens
    assert tally.output_tokens == plain.usage.output_tokens + message.usage.output_tokens


def test_no_observer_means_no_observing_work(api: Api) -> None:
    client = api.make(disable_plugins=["observer", "otel"])  # every installed plugin that observes calls
    api(lambda c: c.messages.create(**PARAMS), client)
    assert not client._pipeline.observing
    observing = api.make(provider_options={"observer": []})
    api(lambda c: c.messages.create(**PARAMS), observing)
    assert observing._pipeline.observing


def test_a_stream_dropped_unclosed_ends_at_the_next_request(api: Api) -> None:
    client, log = observed(api)

    drop_a_stream(api, client)
    gc.collect()
    assert kinds(log) == ["start", "attempt"]
    api(lambda c: c.messages.count_tokens(model=MODEL, messages=USER), client)
    ends = [entry for kind, entry in log if kind == "end"]
    assert [(e.endpoint, e.completed) for e in ends] == [("messages.create", False), ("messages.count_tokens", True)]


class Failing(CallObserver):
    @hookimpl
    def claude_call_observer(self) -> "Failing":
        return self

    def end(self, result: CallResult) -> None:
        if result.endpoint == "messages.create":
            raise RuntimeError("ledger unavailable")


def test_a_failure_closing_a_dropped_stream_does_not_fail_the_next_request(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    client = api.make(plugins=[Failing()])

    drop_a_stream(api, client)
    gc.collect()
    with caplog.at_level("WARNING", logger="claude_core"):
        count = api(lambda c: c.messages.count_tokens(model=MODEL, messages=USER), client)
    assert count.input_tokens > 0
    assert "dropped unclosed failed" in caplog.text and "ledger unavailable" in caplog.text


def test_an_observer_that_fails_is_named(api: Api) -> None:
    client = api.make(plugins=[Failing()])
    with pytest.raises(claude_core.PluginError) as caught:
        api(lambda c: c.messages.create(**PARAMS), client)
    assert caught.value.plugin == "Failing" and caught.value.hook == "CallObserver.end"
    assert isinstance(caught.value.__cause__, RuntimeError)


class NoteTaker:
    """A transport wrapper that leaves a note on each request, and an observer that reads it back."""

    def __init__(self) -> None:
        self.notes: List[Any] = []

    @hookimpl
    def claude_wrap_transport(self, transport: Any, is_async: bool) -> Any:
        import httpx

        class Noting(httpx.AsyncBaseTransport if is_async else httpx.BaseTransport):  # type: ignore[misc]
            def handle_request(self, request: httpx.Request) -> httpx.Response:
                request.extensions["note"] = id(request)
                return transport.handle_request(request)  # type: ignore[no-any-return]

            async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
                request.extensions["note"] = id(request)
                return await transport.handle_async_request(request)  # type: ignore[no-any-return]

        return Noting()

    @hookimpl
    def claude_call_observer(self, call: CallInfo) -> CallObserver:
        notes = self.notes

        class Reader(CallObserver):
            def attempt(self, record: AttemptRecord) -> None:
                notes.append((record.request.extensions.get("note"), id(record.request)))

        return Reader()


def test_an_attempt_record_holds_the_request_the_transport_was_handed(api: Api) -> None:
    taker = NoteTaker()
    client = api.make(plugins=[taker])
    api.emulator.enqueue(status=529)
    api(lambda c: c.messages.create(**PARAMS), client)
    assert len(taker.notes) == 2 and all(note == seen for note, seen in taker.notes)


class EventWatcher:
    """An observer that overrides ``event``: told each event of its own call's stream, with the snapshot."""

    def __init__(self) -> None:
        self.seen: List[Tuple[str, str]] = []

    @hookimpl
    def claude_call_observer(self, call: CallInfo) -> CallObserver:
        seen = self.seen

        class Watching(CallObserver):
            def event(self, event: Any, snapshot: Any) -> None:
                text = "".join(getattr(block, "text", "") for block in snapshot.message.content)
                seen.append((event.type, text))

        return Watching()


def test_an_observer_that_overrides_event_is_told_each_event_of_its_stream(api: Api) -> None:
    watcher = EventWatcher()
    client = api.make(plugins=[watcher])

    def read(c: Any) -> Any:
        if api.is_async:

            async def go() -> str:
                async with c.messages.stream(**PARAMS) as stream:
                    return await stream.get_final_text()  # type: ignore[no-any-return]

            return go()
        with c.messages.stream(**PARAMS) as stream:
            return stream.get_final_text()

    text = api(read, client)
    types = [kind for kind, _ in watcher.seen]
    assert types[0] == "message_start" and types[-1] == "message_stop"
    assert "content_block_delta" in types and watcher.seen[-1][1] == text  # the snapshot includes the event
    api(lambda c: c.messages.create(**PARAMS), client)
    assert len(watcher.seen) == len(types)  # a plain call has no events


def test_observers_that_do_not_override_event_are_not_told() -> None:
    from claude_core.observers import watches_events

    assert not watches_events(CallObserver()) and not watches_events(UsageTally())
    assert watches_events(EventWatcher().claude_call_observer(None))  # type: ignore[arg-type]


class Declining:
    """Watches no call of a client whose ``provider_options`` say ``{"watch": False}``; counts each time it is asked."""

    def __init__(self) -> None:
        self.asked: List[str] = []
        self.ends: List[str] = []

    @hookimpl
    def claude_call_observer(self, call: CallInfo) -> Any:
        self.asked.append(call.endpoint)
        if call.options.extra.get("watch") is False:
            return claude_core.observers.NOT_THIS_CLIENT
        ends = self.ends

        class Ends(CallObserver):
            def end(self, result: CallResult) -> None:
                ends.append(result.endpoint)

        return Ends()


class Wrapper:
    @hookimpl(wrapper=True)
    def claude_call_observer(self, call: CallInfo) -> Any:
        return (yield)


def test_not_this_client_stops_the_client_asking_that_plugin(api: Api) -> None:
    declining, other = Declining(), Declining()
    log: List[Tuple[str, Any]] = []
    client = api.make(plugins=[declining], provider_options={"watch": False, "observer": log})
    for _ in range(3):
        api(lambda c: c.messages.create(**PARAMS), client)
    final_message(api, client)
    assert declining.asked == ["messages.create"]  # asked once, on the client's first call
    assert kinds(log).count("end") == 4  # the other observer still sees every call
    watched = api.make(plugins=[other])  # another client decides for itself
    api(lambda c: c.messages.create(**PARAMS), watched)
    api(lambda c: c.messages.create(**PARAMS), watched)
    assert other.asked == other.ends == ["messages.create", "messages.create"]


def test_a_client_nobody_watches_any_more_does_no_observing_work(api: Api) -> None:
    declining = Declining()
    client = api.make(plugins=[declining], provider_options={"watch": False}, disable_plugins=["observer"])
    api(lambda c: c.messages.create(**PARAMS), client)
    assert declining.asked == ["messages.create"]
    # an observer made now would never be asked for: the calls below build no CallInfo at all
    built: List[Any] = []
    original = claude_core.observers.CallInfo.__init__

    def counting(self: Any, *args: Any, **kwargs: Any) -> None:
        built.append(1)
        original(self, *args, **kwargs)

    claude_core.observers.CallInfo.__init__ = counting  # type: ignore[method-assign]
    try:
        api(lambda c: c.messages.create(**PARAMS), client)
        final_message(api, client)
    finally:
        claude_core.observers.CallInfo.__init__ = original  # type: ignore[method-assign]
    assert built == [] and declining.asked == ["messages.create"]


def test_with_a_wrapper_on_the_hook_a_declining_plugin_is_asked_each_call_and_watches_nothing(api: Api) -> None:
    declining = Declining()
    client = api.make(plugins=[declining, Wrapper()], provider_options={"watch": False})
    api(lambda c: c.messages.create(**PARAMS), client)
    api(lambda c: c.messages.create(**PARAMS), client)
    assert declining.asked == ["messages.create"] * 2 and declining.ends == []
