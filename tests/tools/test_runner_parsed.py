"""Runner messages are :class:`ParsedMessage` (the official ``ParsedBetaMessage``), and each
non-streamed turn is a ``beta.messages.parse`` request with its structured-outputs beta; over
HTTP to the emulator, sync and async."""

from __future__ import annotations

from typing import List, Optional

import pydantic

from claude_core.types import ParsedMessage, ParsedTextBlock

from ..conftest import Api
from .test_runner import run, sent, weather_tool

STRUCTURED = "structured-outputs-2025-12-15"


def beta_headers(api: Api) -> List[Optional[str]]:
    return [request.headers.get("anthropic-beta") for request in api.emulator.requests]


class Forecast(pydantic.BaseModel):
    city: str


def test_every_turn_is_a_parsed_message_without_output_format(api: Api) -> None:
    runner = run(api, [weather_tool(api)])
    messages = api.collect(runner)
    assert [type(m) for m in messages] == [ParsedMessage, ParsedMessage]
    assert [m.parsed_output for m in messages] == [None, None]
    assert all(isinstance(m.content[0], ParsedTextBlock) and m.content[0].parsed_output is None for m in messages)
    assert messages[1].content[0].text == "Echo: [tool result toolu_emu_1: sunny in value for location]"
    assert runner.last_message is messages[1]
    assert api.run(runner.until_done()) is messages[1]
    # parsed_output never reaches the wire when the message goes back as history
    assert sent(api)[1]["messages"][1]["content"][0] == {
        "type": "text",
        "text": "I'll use get_weather.",
        "citations": None,
    }


def test_every_turn_sends_the_structured_outputs_beta_on_the_beta_endpoint(api: Api) -> None:
    api.run(run(api, [weather_tool(api)]).until_done())
    assert beta_headers(api) == [STRUCTURED, STRUCTURED]
    assert [(r.method, r.path, r.query) for r in api.emulator.requests] == [
        ("POST", "/v1/messages", {"beta": "true"})
    ] * 2
    assert all("stream" not in body for body in sent(api))


def test_betas_are_sent_before_the_structured_outputs_beta_as_parse_sends_them(api: Api) -> None:
    runner = run(api, [weather_tool(api)], betas=["context-1m-2025-08-07", STRUCTURED])
    final = api.run(runner.until_done())
    assert isinstance(final, ParsedMessage)
    assert beta_headers(api) == [f"context-1m-2025-08-07,{STRUCTURED}"] * 2  # not twice
    api.emulator.reset()
    api.run(run(api, [weather_tool(api)], betas=["context-1m-2025-08-07"]).until_done())
    assert beta_headers(api) == [f"context-1m-2025-08-07,{STRUCTURED}"] * 2
    assert all("betas" not in body for body in sent(api))


def test_an_anthropic_beta_extra_header_wins(api: Api) -> None:
    runner = run(api, [weather_tool(api)], betas=["context-1m-2025-08-07"], extra_headers={"Anthropic-Beta": "mine"})
    api.run(runner.until_done())
    assert beta_headers(api) == ["mine", "mine"]


def test_output_format_fills_parsed_output_and_keeps_the_header(api: Api) -> None:
    messages = api.collect(run(api, [weather_tool(api)], output_format=Forecast))
    assert [m.parsed_output for m in messages] == [None, Forecast(city="city value")]  # turn 1 only calls the tool
    assert beta_headers(api) == [STRUCTURED, STRUCTURED]
    assert all(body["output_config"]["format"]["type"] == "json_schema" for body in sent(api))


def test_streamed_turns_send_no_beta_and_end_in_parsed_messages(api: Api) -> None:
    runner = run(api, [weather_tool(api)], stream=True)
    final = api.run(runner.until_done())
    assert isinstance(final, ParsedMessage) and final.parsed_output is None
    assert isinstance(runner.last_message, ParsedMessage)
    assert beta_headers(api) == [None, None]
    assert all(body["stream"] is True for body in sent(api))
