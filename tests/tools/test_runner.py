"""``beta.messages.tool_runner``: turns, tool results and stops, over HTTP to the emulator, sync and async."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest

from claude_core import beta_async_tool, beta_tool

from ..conftest import MODEL, Api

ASK = [{"role": "user", "content": "Please call get_weather now"}]
calls: List[str] = []


def _weather(location: str) -> str:
    """Get the weather for a city."""
    calls.append(location)
    return f"sunny in {location}"


async def _async_weather(location: str) -> str:
    """Get the weather for a city."""
    calls.append(location)
    return f"sunny in {location}"


def weather_tool(api: Api) -> Any:
    """A ``get_weather`` tool of the client's kind: ``@beta_async_tool`` for the async client."""
    if api.is_async:
        return beta_async_tool(_async_weather, name="get_weather")
    return beta_tool(_weather, name="get_weather")


def run(api: Api, tools: List[Any], **kwargs: Any) -> Any:
    kwargs.setdefault("messages", ASK)
    kwargs.setdefault("max_iterations", 6)  # a loop that never ends fails the test instead of hanging it
    return api.client.beta.messages.tool_runner(model=MODEL, max_tokens=100, tools=tools, **kwargs)


def sent(api: Api) -> List[Dict[str, Any]]:
    return [request.json() for request in api.emulator.requests]


def sent_back(message: Any) -> List[Dict[str, Any]]:
    """A turn's content as the next request sends it: the dump of what the API sent, but a parsed
    text block's ``parsed_output``, which the API refuses."""
    content = message.model_dump(mode="json", exclude_unset=True)["content"]
    return [{key: value for key, value in block.items() if key != "parsed_output"} for block in content]


@pytest.fixture(autouse=True)
def _clear_calls() -> None:
    calls.clear()


def test_one_tool_takes_two_turns_with_the_exact_history(api: Api) -> None:
    tool = weather_tool(api)
    messages = api.collect(run(api, [tool]))
    assert [m.stop_reason for m in messages] == ["tool_use", "end_turn"]
    use = messages[0].content[1]
    assert use.type == "tool_use" and use.name == "get_weather"
    first, second = sent(api)
    assert first["messages"] == ASK
    assert first["tools"] == second["tools"] == [tool.to_dict()]
    assert second["messages"] == [
        *ASK,
        {"role": "assistant", "content": sent_back(messages[0])},
        {
            "role": "user",
            "content": [{"type": "tool_result", "tool_use_id": use.id, "content": f"sunny in {use.input['location']}"}],
        },
    ]
    assert calls == [use.input["location"]]
    assert not any(name.startswith("x-stainless") for r in api.emulator.requests for name in r.headers)
    assert ASK == [{"role": "user", "content": "Please call get_weather now"}]  # the caller's list is untouched


def test_until_done_returns_the_final_message(api: Api) -> None:
    final = api.run(run(api, [weather_tool(api)]).until_done())
    assert final.stop_reason == "end_turn"
    assert final.content[0].text == "Echo: [tool result toolu_emu_1: sunny in value for location]"
    assert len(api.emulator.requests) == 2


def test_a_raising_tool_is_an_error_result_and_the_loop_goes_on(api: Api) -> None:
    def get_weather(location: str) -> str:
        raise ValueError(f"no weather for {location}")

    async def get_weather_async(location: str) -> str:
        raise ValueError(f"no weather for {location}")

    tool = beta_async_tool(get_weather_async, name="get_weather") if api.is_async else beta_tool(get_weather)
    final = api.run(run(api, [tool]).until_done())
    assert final.stop_reason == "end_turn"
    result = sent(api)[1]["messages"][2]["content"][0]
    error = repr(ValueError("no weather for value for location"))
    assert result == {"type": "tool_result", "tool_use_id": "toolu_emu_1", "content": error, "is_error": True}
    assert final.content[0].text == f"Echo: [tool error toolu_emu_1: {error}]"


def test_max_iterations_stops_after_that_many_turns(api: Api) -> None:
    runner = run(api, [weather_tool(api)], max_iterations=1)
    messages = api.collect(runner)
    assert [m.stop_reason for m in messages] == ["tool_use"]
    assert len(api.emulator.requests) == 1
    response = api.run(runner.generate_tool_call_response())  # already computed: the tool is not run again
    assert response == {
        "role": "user",
        "content": [{"type": "tool_result", "tool_use_id": "toolu_emu_1", "content": "sunny in value for location"}],
    }
    assert calls == ["value for location"]
    assert api.run(runner.until_done()) is messages[0]


def test_no_tool_call_is_one_turn_and_no_response(api: Api) -> None:
    runner = run(api, [weather_tool(api)], messages=[{"role": "user", "content": "Hello"}])
    assert [m.stop_reason for m in api.collect(runner)] == ["end_turn"]
    assert api.run(runner.generate_tool_call_response()) is None
    assert calls == []


def test_an_unknown_tool_is_an_error_result(api: Api) -> None:
    raw = {"name": "lookup", "description": "Look something up.", "input_schema": {"type": "object"}}
    runner = run(api, [weather_tool(api), raw], messages=[{"role": "user", "content": "Please call lookup now"}])
    with pytest.warns(UserWarning, match="Tool 'lookup' not found"):
        final = api.run(runner.until_done())
    assert final.stop_reason == "end_turn"
    body = sent(api)[1]
    assert body["tools"][1] == raw  # raw tools are sent as they are
    assert body["messages"][2]["content"] == [
        {
            "type": "tool_result",
            "tool_use_id": "toolu_emu_1",
            "content": "Error: Tool 'lookup' not found",
            "is_error": True,
        }
    ]


def test_a_non_text_return_value_is_sent_as_json(api: Api) -> None:
    @beta_tool
    def get_weather(location: str) -> Any:
        return {"location": location, "degrees": 20}

    api.run(run(api, [get_weather]).until_done())
    content = sent(api)[1]["messages"][2]["content"][0]["content"]
    assert content == '{"location": "value for location", "degrees": 20}'


def test_the_async_runner_runs_sync_tools_and_is_not_awaited(api: Api) -> None:
    if not api.is_async:
        pytest.skip("async client only")
    tool = beta_tool(_weather, name="get_weather")
    runner = run(api, [tool])  # returned without await
    final = api.run(runner.until_done())
    assert final.stop_reason == "end_turn" and calls == ["value for location"]


def test_the_sync_runner_refuses_async_tools(api: Api) -> None:
    if api.is_async:
        pytest.skip("sync client only")
    with pytest.raises(TypeError, match="is async"):
        run(api, [beta_async_tool(_async_weather)])


#: (tool name, started, ended) of each call of a :func:`_tool` tool, by the monotonic clock.
spans: List[Any] = []


def _tool(api: Api, name: str, answer: str, seconds: float = 0.0) -> Any:
    """A one-argument tool of the client's kind that sleeps ``seconds`` and answers ``answer``."""
    import asyncio
    import time

    def sync(location: str) -> str:
        """Look something up for a place."""
        started = time.monotonic()
        time.sleep(seconds)
        calls.append(name)
        spans.append((name, started, time.monotonic()))
        return answer

    async def run_async(location: str) -> str:
        """Look something up for a place."""
        started = time.monotonic()
        await asyncio.sleep(seconds)
        calls.append(name)
        spans.append((name, started, time.monotonic()))
        return answer

    return beta_async_tool(run_async, name=name) if api.is_async else beta_tool(sync, name=name)


def test_two_tools_over_three_turns_with_the_exact_history(api: Api) -> None:
    """Turn 1 (the emulator) calls get_weather; turn 2 (scripted) calls get_time; turn 3 answers."""
    weather, clock = _tool(api, "get_weather", "sunny"), _tool(api, "get_time", "noon")
    runner = run(api, [weather, clock])
    scripted = {
        "id": "msg_scripted",
        "type": "message",
        "role": "assistant",
        "model": MODEL,
        "content": [{"type": "tool_use", "id": "toolu_time", "name": "get_time", "input": {"location": "Oslo"}}],
        "stop_reason": "tool_use",
        "stop_sequence": None,
        "usage": {"input_tokens": 9, "output_tokens": 9},
    }
    first = api.run(runner.__anext__() if api.is_async else runner.__next__())
    api.emulator.enqueue(status=200, json=scripted)
    rest = api.collect(runner)
    assert [m.stop_reason for m in [first, *rest]] == ["tool_use", "tool_use", "end_turn"]
    bodies = sent(api)
    assert len(bodies) == 3 and all(body["tools"] == [weather.to_dict(), clock.to_dict()] for body in bodies)
    turn1 = sent_back(first)
    weather_result = {"type": "tool_result", "tool_use_id": "toolu_emu_1", "content": "sunny"}
    time_result = {"type": "tool_result", "tool_use_id": "toolu_time", "content": "noon"}
    assert bodies[0]["messages"] == ASK
    assert bodies[1]["messages"] == [
        *ASK,
        {"role": "assistant", "content": turn1},
        {"role": "user", "content": [weather_result]},
    ]
    assert bodies[2]["messages"] == [
        *bodies[1]["messages"],
        {"role": "assistant", "content": scripted["content"]},
        {"role": "user", "content": [time_result]},
    ]
    assert calls == ["get_weather", "get_time"]
    assert rest[-1].content[0].text == "Echo: [tool result toolu_time: noon]"


def test_one_turns_tools_run_concurrently_in_the_async_runner(api: Api) -> None:
    """Shown by when each tool ran, not by a time limit: the async runner's two calls overlap,
    the sync runner's follow each other."""
    spans.clear()
    tools = [_tool(api, "get_weather", "sunny", 0.2), _tool(api, "get_time", "noon", 0.2)]
    ask = [{"role": "user", "content": "Please call get_weather and get_time"}]
    final = api.run(run(api, tools, messages=ask).until_done())
    _, second = sent(api)
    assert second["messages"][2]["content"] == [
        {"type": "tool_result", "tool_use_id": "toolu_emu_1", "content": "sunny"},
        {"type": "tool_result", "tool_use_id": "toolu_emu_2", "content": "noon"},
    ]
    assert final.stop_reason == "end_turn" and sorted(calls) == ["get_time", "get_weather"]
    (_, start_a, end_a), (_, start_b, end_b) = sorted(spans, key=lambda span: span[1])
    if api.is_async:
        assert start_b < end_a, spans  # the second started before the first ended
        assert max(end_a, end_b) - start_a < 0.38, spans  # both in about 0.2 s (loosely)
    else:
        assert start_b >= end_a, spans  # one after the other


def test_pause_turn_goes_on_and_server_tool_blocks_pass_through(api: Api) -> None:
    search = {"type": "web_search_20250305", "name": "web_search"}
    ask = [{"role": "user", "content": "Please search for sunny places"}]
    messages = api.collect(run(api, [weather_tool(api), search], messages=ask))
    assert [m.stop_reason for m in messages] == ["pause_turn", "end_turn"]
    paused = messages[0].content[1]
    assert paused.type == "server_tool_use" and paused.input == {"query": "Please search for sunny places"}
    first, second = sent(api)
    assert first["tools"][1] == search
    dumped = sent_back(messages[0])
    assert second["messages"] == [*ask, {"role": "assistant", "content": dumped}]  # no tool results: nothing ran
    result = messages[1].content[0]
    assert result.type == "web_search_tool_result" and result.tool_use_id == paused.id
    assert calls == []
