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
    return api.client.beta.messages.tool_runner(model=MODEL, max_tokens=100, tools=tools, **kwargs)


def sent(api: Api) -> List[Dict[str, Any]]:
    return [request.json() for request in api.emulator.requests]


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
        {"role": "assistant", "content": messages[0].model_dump(mode="json", exclude_unset=True)["content"]},
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


def test_the_async_runner_runs_one_turns_tools_concurrently_without_http() -> None:
    """Two tool calls in one turn, from a stand-in ``messages`` resource (the emulator makes one per turn)."""
    import asyncio
    import time

    from claude_core.tools.runner import BetaAsyncToolRunner
    from claude_core.types import Message

    def reply(content: List[Dict[str, Any]], stop_reason: str) -> Message:
        usage = {"input_tokens": 1, "output_tokens": 1}
        return Message.model_validate(
            {"id": "msg_1", "type": "message", "role": "assistant", "model": MODEL, "content": content}
            | {"stop_reason": stop_reason, "usage": usage}
        )

    uses = [{"type": "tool_use", "id": f"toolu_{i}", "name": n, "input": {}} for i, n in enumerate(["a", "b"])]
    replies = [reply(uses, "tool_use"), reply([{"type": "text", "text": "done"}], "end_turn")]
    bodies: List[Dict[str, Any]] = []

    class Resource:
        async def create(self, **params: Any) -> Message:
            bodies.append(params)
            return replies[len(bodies) - 1]

    @beta_async_tool
    async def a() -> str:
        await asyncio.sleep(0.2)
        return "A"

    @beta_async_tool
    async def b() -> str:
        await asyncio.sleep(0.2)
        return "B"

    runner = BetaAsyncToolRunner(Resource(), [a, b], {"model": MODEL, "max_tokens": 10, "messages": ASK})
    started = time.monotonic()
    final = asyncio.run(runner.until_done())
    assert time.monotonic() - started < 0.35
    assert final.content[0].text == "done"
    assert bodies[1]["messages"][2]["content"] == [
        {"type": "tool_result", "tool_use_id": "toolu_0", "content": "A"},
        {"type": "tool_result", "tool_use_id": "toolu_1", "content": "B"},
    ]
