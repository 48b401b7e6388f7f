"""``CallObserver.active()``: the context a call's own work runs in, sync and async, over real HTTP.

An observer here sets a context variable to its call's name while its context is entered; the
client's httpx hook, the tools and the observers' constructors read it, which is what a tracer
relies on to nest the HTTP client's spans, a tool's spans and a runner's turns under a call.
"""

from __future__ import annotations

import contextlib
import threading
from contextvars import ContextVar
from typing import Any, Iterator, List, Optional, Tuple

import httpx
import pytest

from claude_core import PluginError, beta_async_tool, beta_tool, hookimpl
from claude_core.observers import CallInfo, CallObserver, CallResult

from ..conftest import MODEL, Api
from .test_runner import ASK

CURRENT: ContextVar[Optional[str]] = ContextVar("CURRENT", default=None)
Entry = Tuple[str, str, Optional[str]]


class Scoped(CallObserver):
    """Logs ("start", its name, the context it started in) and makes its name current in ``active()``."""

    def __init__(self, name: str, log: List[Entry]) -> None:
        self.name = name
        self.log = log
        log.append(("start", name, CURRENT.get()))

    @contextlib.contextmanager
    def active(self) -> Iterator[None]:
        token = CURRENT.set(self.name)
        try:
            yield
        finally:
            CURRENT.reset(token)

    def end(self, result: CallResult) -> None:
        self.log.append(("end", self.name, None))


class Names:
    def __init__(self) -> None:
        self.log: List[Entry] = []
        self.count = 0

    @hookimpl
    def claude_call_observer(self, call: CallInfo) -> Optional[CallObserver]:
        self.count += 1
        return Scoped(f"{call.endpoint}#{self.count}", self.log)


def _client(api: Api, names: Names) -> Any:
    """A client whose httpx client logs ("send", path, the current name) for each request."""

    def hook(request: httpx.Request) -> None:
        names.log.append(("send", request.url.path, CURRENT.get()))

    async def ahook(request: httpx.Request) -> None:
        hook(request)

    if api.is_async:
        http: Any = httpx.AsyncClient(event_hooks={"request": [ahook]})
    else:
        http = httpx.Client(event_hooks={"request": [hook]})
    return api.make(plugins=[names], http_client=http)


HI = {"model": MODEL, "max_tokens": 16, "messages": [{"role": "user", "content": "Hi"}]}


def test_a_call_is_sent_inside_its_observers_context_and_leaves_nothing_behind(api: Api) -> None:
    names = Names()
    client = _client(api, names)
    api(lambda c: c.messages.create(**HI), client)
    stream = api(lambda c: c.messages.create(stream=True, **HI), client)
    assert CURRENT.get() is None  # nothing current once the call returned, also while a stream is read
    if api.is_async:

        async def drain() -> None:
            async for _event in stream:
                assert CURRENT.get() is None

        api.run(drain())
    else:
        for _event in stream:
            assert CURRENT.get() is None
    assert names.log == [
        ("start", "messages.create#1", None),
        ("send", "/v1/messages", "messages.create#1"),
        ("end", "messages.create#1", None),
        ("start", "messages.create#2", None),
        ("send", "/v1/messages", "messages.create#2"),
        ("end", "messages.create#2", None),
    ]


def test_retries_are_sent_inside_the_context_too(api: Api) -> None:
    names = Names()
    client = _client(api, names)
    api.emulator.enqueue(status=529, headers={"retry-after-ms": "1"})
    api(lambda c: c.messages.create(**HI), client)
    sends = [entry for entry in names.log if entry[0] == "send"]
    assert sends == [("send", "/v1/messages", "messages.create#1")] * 2


def _tools(api: Api, seen: List[Tuple[str, Optional[str]]]) -> List[Any]:
    def get_weather(location: str) -> str:
        """Get the weather for a city."""
        seen.append(("get_weather", CURRENT.get()))
        return f"sunny in {location}"

    async def async_weather(location: str) -> str:
        """Get the weather for a city."""
        seen.append(("get_weather", CURRENT.get()))
        return f"sunny in {location}"

    if api.is_async:
        return [beta_async_tool(async_weather, name="get_weather")]
    return [beta_tool(get_weather)]


def test_a_runs_turns_and_tool_calls_start_inside_the_run_and_a_tool_inside_its_call(api: Api) -> None:
    names = Names()
    client = _client(api, names)
    seen: List[Tuple[str, Optional[str]]] = []
    runner = client.beta.messages.tool_runner(model=MODEL, max_tokens=100, tools=_tools(api, seen), messages=ASK)
    final = api.run(runner.until_done())
    assert final.stop_reason == "end_turn"
    assert CURRENT.get() is None
    assert seen == [("get_weather", "tools.call#3")]
    assert names.log == [
        ("start", "tools.run#1", None),
        ("start", "messages.create#2", "tools.run#1"),
        ("send", "/v1/messages", "messages.create#2"),
        ("end", "messages.create#2", None),
        ("start", "tools.call#3", "tools.run#1"),
        ("end", "tools.call#3", None),
        ("start", "messages.create#4", "tools.run#1"),
        ("send", "/v1/messages", "messages.create#4"),
        ("end", "messages.create#4", None),
        ("end", "tools.run#1", None),
    ]


def test_a_sync_tool_of_the_async_runner_runs_in_a_thread_inside_its_calls_context(api: Api) -> None:
    if not api.is_async:
        pytest.skip("the async runner's case")
    names = Names()
    client = _client(api, names)
    where: List[Tuple[Optional[str], bool]] = []

    def get_weather(location: str) -> str:
        """Get the weather for a city."""
        where.append((CURRENT.get(), threading.current_thread() is threading.main_thread()))
        return f"sunny in {location}"

    runner = client.beta.messages.tool_runner(model=MODEL, max_tokens=100, tools=[beta_tool(get_weather)], messages=ASK)
    api.run(runner.until_done())
    assert where == [("tools.call#3", False)]


def test_streamed_turns_are_sent_inside_the_run(api: Api) -> None:
    names = Names()
    client = _client(api, names)
    seen: List[Tuple[str, Optional[str]]] = []
    runner = client.beta.messages.tool_runner(
        model=MODEL, max_tokens=100, tools=_tools(api, seen), messages=ASK, stream=True
    )
    api.run(runner.until_done())
    sends = [entry for entry in names.log if entry[0] == "send"]
    assert sends == [("send", "/v1/messages", "messages.create#2"), ("send", "/v1/messages", "messages.create#4")]
    starts = [entry for entry in names.log if entry[0] == "start"]
    assert [parent for _, _, parent in starts] == [None, "tools.run#1", "tools.run#1", "tools.run#1"]
    assert seen == [("get_weather", "tools.call#3")]


def test_a_run_the_caller_stops_early_ends_not_completed(api: Api) -> None:
    log: List[Any] = []
    client = api.make(provider_options={"observer": log})
    runner = client.beta.messages.tool_runner(model=MODEL, max_tokens=100, tools=_tools(api, []), messages=ASK)
    if api.is_async:

        async def first() -> None:
            async for _message in runner:
                break
            await runner._iterator.aclose()  # what the event loop does when it collects the runner

        api.run(first())
    else:
        for _message in runner:
            break
        runner._iterator.close()  # what the garbage collector does with the runner
    (run_end,) = [entry for kind, entry in log if kind == "end" and entry.endpoint == "tools.run"]
    assert run_end.completed is False and run_end.error is None and run_end.attempts == 1


def test_a_run_that_fails_ends_with_the_error(api: Api) -> None:
    log: List[Any] = []
    client = api.make(provider_options={"observer": log}, max_retries=0)
    api.emulator.enqueue(
        status=400, json={"type": "error", "error": {"type": "invalid_request_error", "message": "no"}}
    )
    runner = client.beta.messages.tool_runner(model=MODEL, max_tokens=100, tools=_tools(api, []), messages=ASK)
    with pytest.raises(Exception, match="no"):
        api.run(runner.until_done())
    (run_end,) = [entry for kind, entry in log if kind == "end" and entry.endpoint == "tools.run"]
    assert run_end.completed is False and run_end.attempts == 0
    assert type(run_end.error).__name__ == "BadRequestError"


class Broken(CallObserver):
    def active(self) -> Any:
        raise RuntimeError("no context today")


class BrokenPlugin:
    @hookimpl
    def claude_call_observer(self, call: CallInfo) -> Optional[CallObserver]:
        return Broken()


def test_an_observer_whose_context_fails_is_named(api: Api) -> None:
    client = api.make(plugins=[BrokenPlugin()])
    with pytest.raises(PluginError, match=r"Broken.*CallObserver\.active.*no context today"):
        api(lambda c: c.messages.create(**HI), client)


class Duck:
    """An observer that does not subclass CallObserver: no ``active`` or ``event`` of its own."""

    def __init__(self) -> None:
        self.ends: List[str] = []

    @hookimpl
    def claude_call_observer(self, call: CallInfo) -> Any:
        return self

    def attempt(self, record: Any) -> None:
        pass

    def end(self, result: CallResult) -> None:
        self.ends.append(result.endpoint)


def test_an_observer_of_its_own_class_is_run_without_a_context(api: Api) -> None:
    duck = Duck()
    client = api.make(plugins=[duck])
    stream = api(lambda c: c.messages.create(stream=True, **HI), client)
    api.collect(stream)
    runner = client.beta.messages.tool_runner(model=MODEL, max_tokens=100, tools=_tools(api, []), messages=ASK)
    api.run(runner.until_done())
    assert duck.ends == ["messages.create", "messages.create", "tools.call", "messages.create", "tools.run"]
