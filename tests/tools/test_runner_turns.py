"""The tool runner between turns, over HTTP to the emulator, sync and async: ``stream=True``,
``append_messages`` / ``set_messages_params``, ``output_format``, registered tools by name,
and tool calls as observers see them."""

from __future__ import annotations

from typing import Any, List, Optional

import pydantic
import pytest

import claude_core
from claude_core import PluginError, beta_async_tool, beta_tool, hookimpl
from claude_core.observers import CallInfo, CallResult
from claude_core.tools import ToolRegistry
from claude_core.types import ParsedMessage

from ..conftest import MODEL, Api
from .test_runner import ASK, run, sent, weather_tool


def drive(api: Api, runner: Any, each: Any) -> List[Any]:
    """Iterate ``runner`` (sync or async), calling ``each(item)`` (awaited for async) per turn."""
    if not api.is_async:
        return [each(item) for item in runner]

    async def go() -> List[Any]:
        return [await each(item) async for item in runner]

    return api.run(go())  # type: ignore[no-any-return]


def test_stream_true_yields_a_message_stream_per_turn_with_the_same_history(api: Api) -> None:
    plain = api.run(run(api, [weather_tool(api)]).until_done())
    plain_bodies = sent(api)

    def read(stream: Any) -> Any:
        if api.is_async:

            async def texts() -> Any:
                return "".join([text async for text in stream.text_stream]), await stream.get_final_message()

            return texts()
        return "".join(stream.text_stream), stream.get_final_message()

    turns = drive(api, run(api, [weather_tool(api)], stream=True), read)
    assert [message.stop_reason for _, message in turns] == ["tool_use", "end_turn"]
    assert turns[0][0] == "I'll use get_weather."
    # a streamed turn's text blocks are TextBlock, not ParsedTextBlock (docs/migration.md): no parsed_output
    assert [b.model_dump() for b in turns[1][1].content] == [
        {key: value for key, value in b.model_dump().items() if key != "parsed_output"} for b in plain.content
    ]
    streamed = sent(api)[len(plain_bodies) :]
    assert [{k: v for k, v in body.items() if k != "stream"} for body in streamed] == plain_bodies
    assert all(body["stream"] is True for body in streamed)


def test_stream_true_turns_left_unread_are_read_by_the_runner(api: Api) -> None:
    runner = run(api, [weather_tool(api)], stream=True)
    final = api.run(runner.until_done())
    assert final.stop_reason == "end_turn" and final.content[0].text.startswith("Echo: [tool result toolu_emu_1:")
    assert len(sent(api)) == 2


def test_append_messages_replaces_the_runners_own_answer_for_that_turn(api: Api) -> None:
    runner = run(api, [weather_tool(api)])
    answer = {"role": "user", "content": "Never mind. Hello"}

    def each(message: Any) -> Any:
        if message.stop_reason == "tool_use":
            runner.append_messages(message, answer)
        return message

    async def each_async(message: Any) -> Any:
        return each(message)

    messages = drive(api, runner, each_async if api.is_async else each)
    assert [m.stop_reason for m in messages] == ["tool_use", "end_turn"]
    second = sent(api)[1]["messages"]
    assert second[1]["role"] == "assistant" and second[1]["content"][1]["type"] == "tool_use"
    assert second[2] == answer  # the caller's answer, no tool_result from the runner
    assert messages[1].content[0].text == "Echo: Never mind. Hello"


def test_set_messages_params_takes_params_or_a_function_and_checks_them(api: Api) -> None:
    runner = run(api, [weather_tool(api)], messages=[{"role": "user", "content": "Hello"}])
    runner.set_messages_params(lambda params: {**params, "messages": [{"role": "user", "content": "Hi"}]})
    assert runner.messages == [{"role": "user", "content": "Hi"}]
    runner.set_messages_params({"model": MODEL, "max_tokens": 5, "messages": [], "tools": []})
    assert runner.messages == []
    with pytest.raises(TypeError, match="'messages' and 'tools'"):
        runner.set_messages_params({"model": MODEL})


def test_changed_params_and_messages_between_turns(api: Api) -> None:
    """After the first turn the caller adds a tool and answers the call itself, asking for that tool."""
    calls: List[str] = []

    def capital(country: str) -> str:
        """The capital of a country."""
        calls.append(country)
        return "Paris"

    tool = beta_tool(capital, name="capital")
    runner = run(api, [weather_tool(api)])

    def change(message: Any, response: Any) -> Any:
        runner.set_messages_params(lambda params: {**params, "max_tokens": 64, "tools": [*params["tools"], tool]})
        ask = {"type": "text", "text": "Thanks. Please call capital"}
        runner.append_messages(message, {"role": "user", "content": [*response["content"], ask]})
        return message

    def each(message: Any) -> Any:
        return change(message, runner.generate_tool_call_response()) if len(sent(api)) == 1 else message

    async def each_async(message: Any) -> Any:
        return change(message, await runner.generate_tool_call_response()) if len(sent(api)) == 1 else message

    messages = drive(api, runner, each_async if api.is_async else each)
    assert [m.stop_reason for m in messages] == ["tool_use", "tool_use", "end_turn"]
    bodies = sent(api)
    assert bodies[1]["max_tokens"] == 64 and bodies[1]["tools"] == [weather_tool(api).to_dict(), tool.to_dict()]
    assert [m["role"] for m in bodies[1]["messages"]] == ["user", "assistant", "user"]  # the caller's turn only
    assert bodies[1]["messages"][2]["content"][1]["text"] == "Thanks. Please call capital"
    assert messages[1].content[1].name == "capital"
    assert calls == ["value for country"]  # ran in the second turn, by the runner
    assert bodies[2]["messages"][4]["content"][0]["content"] == "Paris"


class Forecast(pydantic.BaseModel):
    city: str
    days: List[int]


def test_output_format_makes_each_turn_with_parse(api: Api) -> None:
    final = api.run(run(api, [weather_tool(api)], output_format=Forecast).until_done())
    assert isinstance(final, ParsedMessage)
    assert isinstance(final.parsed_output, Forecast)
    for body in sent(api):
        assert body["output_config"]["format"]["schema"]["required"] == ["city", "days"]


def test_output_format_with_stream_true(api: Api) -> None:
    final = api.run(run(api, [weather_tool(api)], output_format=Forecast, stream=True).until_done())
    assert isinstance(final.parsed_output, Forecast)


def test_tool_calls_are_calls_to_observers(api: Api) -> None:
    log: List[Any] = []
    client = api.make(provider_options={"observer": log})

    def broken(location: str) -> str:
        """Always fails."""
        raise RuntimeError("no forecast today")

    async def broken_async(location: str) -> str:
        """Always fails."""
        raise RuntimeError("no forecast today")

    failing = beta_async_tool(broken_async, name="broken") if api.is_async else beta_tool(broken, name="broken")
    runner = client.beta.messages.tool_runner(model=MODEL, max_tokens=100, tools=[weather_tool(api)], messages=ASK)
    api.run(runner.until_done())
    runner = client.beta.messages.tool_runner(
        model=MODEL, max_tokens=100, tools=[failing], messages=[{"role": "user", "content": "Please call broken"}]
    )
    api.run(runner.until_done())
    ends: List[CallResult] = [entry for kind, entry in log if kind == "end"]
    starts: List[CallInfo] = [entry for kind, entry in log if kind == "start"]
    turns = ["messages.create", "tools.call", "messages.create"]
    assert [info.endpoint for info in starts] == ["tools.run", *turns] * 2  # the run starts at its first turn
    assert [result.endpoint for result in ends] == [*turns, "tools.run"] * 2  # and ends after its last
    run_start, tool_start = starts[0], starts[2]
    assert run_start.model == MODEL and run_start.body == {"tools": ["get_weather"], "max_iterations": None}
    assert tool_start.endpoint == "tools.call" and tool_start.is_async is api.is_async
    assert tool_start.body == {"id": "toolu_emu_1", "name": "get_weather", "input": {"location": "value for location"}}
    run_end = ends[3]
    assert run_end.attempts == 2 and run_end.completed and run_end.error is None
    assert run_end.value is not None and run_end.value.id == ends[2].value.id  # the last message
    ok, failed = ends[1], ends[5]
    assert ok.value == "sunny in value for location" and ok.error is None and ok.attempts == 0 and ok.usage is None
    assert isinstance(failed.error, RuntimeError) and failed.value is None
    assert all(result.duration is not None and result.duration >= 0 for result in ends)


# -- tools that plugins registered ---------------------------------------------------------


def test_a_tool_an_installed_plugin_registered_is_used_by_name(api: Api) -> None:
    runner = run(api, ["lookup_capital"], messages=[{"role": "user", "content": "Please call lookup_capital"}])
    messages = api.collect(runner)
    assert [m.stop_reason for m in messages] == ["tool_use", "end_turn"]
    first, second = sent(api)
    assert first["tools"][0]["name"] == "lookup_capital"
    assert first["tools"][0]["input_schema"]["properties"]["country"]["description"] == "The country's English name."
    result = second["messages"][2]["content"][0]
    assert result["content"] == "unknown country: value for country"


def test_an_unknown_tool_name_names_the_registered_ones(api: Api) -> None:
    with pytest.raises(KeyError, match=r"no tool named 'lookup_capitol'.*lookup_capital"):
        run(api, ["lookup_capitol"])


def test_a_tool_name_registered_twice_names_both_plugins(api: Api) -> None:
    class Shadow:
        __name__ = "shadow"

        @hookimpl
        def claude_register_tools(self, registry: ToolRegistry) -> None:
            registry.register({"name": "lookup_capital", "input_schema": {"type": "object"}})

    client = api.make(plugins=[Shadow()])
    with pytest.raises(PluginError, match="'lookup_capital' is registered twice") as raised:
        client.beta.messages.tool_runner(model=MODEL, max_tokens=10, tools=["lookup_capital"], messages=ASK)
    assert "by tools" in str(raised.value) and "by shadow@" in str(
        raised.value
    )  # the entry point's name, and the client's plugin


def test_the_registry_is_filled_once_per_client(api: Api) -> None:
    seen: List[Optional[str]] = []

    class Counter:
        __name__ = "counter"

        @hookimpl
        def claude_register_tools(self, registry: ToolRegistry) -> None:
            seen.append("called")

    client = api.make(plugins=[Counter()])
    for _ in range(3):
        client.beta.messages.tool_runner(model=MODEL, max_tokens=10, tools=["lookup_capital"], messages=ASK)
    assert seen == ["called"]


def test_bad_runner_arguments_are_named(api: Api) -> None:
    with pytest.raises(TypeError, match="a list of tools"):
        api.client.beta.messages.tool_runner(model=MODEL, max_tokens=10, tools="lookup_capital", messages=ASK)
    with pytest.raises(ValueError, match="max_iterations"):
        run(api, [weather_tool(api)], max_iterations=-1)
    with pytest.raises(TypeError, match="not int"):
        run(api, [3])


def test_tools_and_runners_are_importable_where_the_official_sdk_has_them() -> None:
    from claude_core.lib.tools import BetaAsyncStreamingToolRunner, BetaStreamingToolRunner
    from claude_core.tools import runner

    assert BetaStreamingToolRunner is runner.BetaStreamingToolRunner
    assert BetaAsyncStreamingToolRunner is runner.BetaAsyncStreamingToolRunner
    assert claude_core.beta_tool is beta_tool
