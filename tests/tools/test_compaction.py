"""``tool_runner(compaction_control=...)``: at the token threshold the runner asks for a summary
and goes on from it; over HTTP to the emulator, sync and async, streamed and not."""

from __future__ import annotations

import re
from typing import Any, Dict

import pytest

from claude_core.lib.tools._beta_compaction_control import (
    DEFAULT_SUMMARY_PROMPT,
    DEFAULT_THRESHOLD,
    CompactionControl,
)

from ..conftest import MODEL, Api
from .test_runner import ASK, calls, run, sent, weather_tool

TOOL_USE: Dict[str, Any] = {
    "id": "msg_scripted",
    "type": "message",
    "role": "assistant",
    "model": MODEL,
    "content": [{"type": "tool_use", "id": "toolu_s", "name": "get_weather", "input": {"location": "Oslo"}}],
    "stop_reason": "tool_use",
    "stop_sequence": None,
    "usage": {
        "input_tokens": 10,
        "cache_creation_input_tokens": 20,
        "cache_read_input_tokens": 30,
        "output_tokens": 40,
    },
}


@pytest.fixture(autouse=True)
def _clear_calls() -> None:
    calls.clear()


def next_turn(api: Api, runner: Any) -> Any:
    return api.run(runner.__anext__() if api.is_async else runner.__next__())


def first_turn_tokens(api: Api) -> int:
    """The tokens (input + output) of the runner's first turn, from a run without compaction."""
    first = api.run(run(api, [weather_tool(api)], max_iterations=1).until_done())
    api.emulator.reset()
    calls.clear()
    return int(first.usage.input_tokens + first.usage.output_tokens)


def control(threshold: int, **extra: Any) -> CompactionControl:
    return {"enabled": True, "context_token_threshold": threshold, **extra}  # type: ignore[typeddict-item]


def test_reaching_the_threshold_asks_for_a_summary_and_goes_on_from_it(api: Api) -> None:
    used = first_turn_tokens(api)
    runner = run(api, [weather_tool(api)], compaction_control=control(used), max_iterations=2)
    messages = api.collect(runner)
    assert [m.stop_reason for m in messages] == ["tool_use", "max_tokens"]  # turn 2 echoes the long summary
    turn1, summary, turn2 = api.emulator.requests
    assert summary.json() == {
        "model": MODEL,
        "messages": [*ASK, {"role": "user", "content": DEFAULT_SUMMARY_PROMPT}],
        "max_tokens": 100,
    }
    assert (summary.path, summary.query) == ("/v1/messages", {"beta": "true"})
    assert "anthropic-beta" not in summary.headers  # a plain create: no betas, no tools, no system
    # the emulator's summary: the prompt echoed, cut at max_tokens (100 words)
    text = re.match(r"(\S+\s+){99}\S+", "Echo: " + DEFAULT_SUMMARY_PROMPT).group(0)  # type: ignore[union-attr]
    continued = [{"role": "user", "content": [{"type": "text", "text": text}]}]
    assert turn2.json() == {**turn1.json(), "messages": continued}
    assert turn2.headers["anthropic-beta"] == "structured-outputs-2025-12-15"
    assert calls == []  # the compacted turn's tool call is not run
    assert runner.messages == continued


def test_below_the_threshold_nothing_is_summarised_and_never_after_the_last_turn(api: Api) -> None:
    used = first_turn_tokens(api)
    final = api.run(run(api, [weather_tool(api)], compaction_control=control(used + 1), max_iterations=2).until_done())
    assert final.usage.input_tokens + final.usage.output_tokens > used + 1  # the second turn passed it
    _, second = sent(api)  # ... but no turn would send a summary made after the last one
    assert second["messages"][:1] == ASK and len(second["messages"]) == 3
    assert calls == ["value for location"]


def test_a_finished_turn_that_reaches_the_threshold_is_compacted_and_the_run_goes_on(api: Api) -> None:
    """As in the official runner: the model picks the task up again from the summary."""
    hello = [{"role": "user", "content": "Hello"}]
    messages = api.collect(
        run(api, [weather_tool(api)], messages=hello, compaction_control=control(1), max_iterations=2)
    )
    assert [m.stop_reason for m in messages] == ["end_turn", "max_tokens"]
    _, summary, turn2 = sent(api)
    assert summary["messages"] == [*hello, {"role": "user", "content": DEFAULT_SUMMARY_PROMPT}]
    assert turn2["messages"][0]["content"][0]["text"].startswith("Echo: You have been working on the task")


def test_cache_tokens_count_toward_the_threshold(api: Api) -> None:
    """10 input + 20 cache writes + 30 cache reads + 40 output: 100 tokens."""
    for threshold, requests in ((101, 2), (100, 3)):
        api.emulator.reset()
        api.emulator.enqueue(status=200, json=TOOL_USE)
        runner = run(api, [weather_tool(api)], compaction_control=control(threshold), max_iterations=2)
        api.collect(runner)
        assert len(api.emulator.requests) == requests, threshold
        if requests == 3:
            assert api.emulator.requests[1].json()["messages"][-1]["content"] == DEFAULT_SUMMARY_PROMPT


def test_a_streamed_run_compacts_with_the_given_model_and_prompt(api: Api) -> None:
    prompt = "Summarise the talk so far."
    settings = control(1, model="claude-haiku-4-5", summary_prompt=prompt)
    runner = run(api, [weather_tool(api)], stream=True, compaction_control=settings, max_iterations=2)
    final = api.run(runner.until_done())
    turn1, summary, turn2 = sent(api)
    assert summary == {
        "model": "claude-haiku-4-5",
        "messages": [*ASK, {"role": "user", "content": prompt}],
        "max_tokens": 100,
    }
    assert turn2["messages"] == [{"role": "user", "content": [{"type": "text", "text": "Echo: " + prompt}]}]
    assert turn2["model"] == MODEL and turn2["stream"] is True and turn1["stream"] is True
    assert final.content[0].text == "Echo: Echo: " + prompt


def test_disabled_compaction_never_summarises(api: Api) -> None:
    api.run(
        run(api, [weather_tool(api)], compaction_control={"enabled": False, "context_token_threshold": 1}).until_done()
    )
    assert len(sent(api)) == 2 and all(body["messages"][0] == ASK[0] for body in sent(api))


def test_an_assistant_message_the_caller_appended_goes_without_its_tool_calls(api: Api) -> None:
    runner = run(api, [weather_tool(api)], compaction_control=control(1), max_iterations=2)
    first = next_turn(api, runner)
    runner.append_messages(first)  # the model's text and tool_use, with no tool_result yet
    api.collect(runner)
    summary = sent(api)[1]
    assert summary["messages"] == [
        *ASK,
        {"role": "assistant", "content": [{"type": "text", "text": "I'll use get_weather.", "citations": None}]},
        {"role": "user", "content": DEFAULT_SUMMARY_PROMPT},
    ]


def test_a_summary_that_is_not_text_is_an_error(api: Api) -> None:
    runner = run(api, [weather_tool(api)], compaction_control=control(1))
    next_turn(api, runner)
    api.emulator.enqueue(status=200, json=TOOL_USE)
    with pytest.raises(ValueError, match=r"Compaction response content is not of type 'text'.*'tool_use' block"):
        next_turn(api, runner)


def test_bad_compaction_control_is_named_before_any_request(api: Api) -> None:
    bad = [
        ("yes", TypeError, "takes a dict"),
        ({"context_token_threshold": 5}, TypeError, '"enabled": True or False'),
        ({"enabled": True, "context_token_threshold": 0}, ValueError, "whole number of tokens"),
        ({"enabled": True, "threshold": 5}, TypeError, r"unknown key\(s\) \['threshold'\]"),
        ({"enabled": True, "model": ""}, TypeError, "'model' must be a non-empty string"),
    ]
    for value, error, message in bad:
        with pytest.raises(error, match=message):
            run(api, [weather_tool(api)], compaction_control=value)
    assert api.emulator.requests == []


def test_the_defaults_are_the_official_ones() -> None:
    assert DEFAULT_THRESHOLD == 100_000
    assert DEFAULT_SUMMARY_PROMPT.startswith("You have been working on the task described above")
    assert DEFAULT_SUMMARY_PROMPT.endswith("Wrap your summary in <summary></summary> tags.")
    assert set(CompactionControl.__annotations__) == {"enabled", "context_token_threshold", "model", "summary_prompt"}
    assert CompactionControl.__required_keys__ == frozenset({"enabled"})
