"""Which tools a reply calls, through claude_core over HTTP: name words, several tools, tool_choice, pause_turn."""

from __future__ import annotations

from typing import Any, Dict, Iterator, List

import pytest
from claude_emulator import Emulator

import claude_core

MODEL = "claude-sonnet-4-5"
WEATHER: Dict[str, Any] = {
    "name": "get_weather",
    "description": "The weather in a city.",
    "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}},
}
LOOKUP: Dict[str, Any] = {"name": "lookup", "input_schema": {"type": "object"}}
WEB_SEARCH: Dict[str, Any] = {"type": "web_search_20250305", "name": "web_search"}
TOOLS: List[Dict[str, Any]] = [WEATHER, LOOKUP, WEB_SEARCH]
WEATHER_INPUT = {"city": "value for city"}


@pytest.fixture
def claude(emulator: Emulator) -> Iterator[claude_core.Anthropic]:
    with claude_core.Anthropic(api_key=emulator.api_key, base_url=emulator.base_url, max_retries=0) as client:
        yield client


def _create(claude: claude_core.Anthropic, messages: Any, **params: Any) -> Dict[str, Any]:
    if isinstance(messages, str):
        messages = [{"role": "user", "content": messages}]
    params.setdefault("max_tokens", 100)
    message = claude.messages.create(model=MODEL, messages=messages, **params)
    result: Dict[str, Any] = message.to_dict()
    return result


def _text(text: str) -> Dict[str, Any]:
    return {"type": "text", "text": text, "citations": None}


def _use(number: int, name: str, tool_input: Dict[str, Any]) -> Dict[str, Any]:
    return {"type": "tool_use", "id": f"toolu_emu_{number}", "name": name, "input": tool_input}


def _called(message: Dict[str, Any]) -> List[str]:
    return [block["name"] for block in message["content"] if block["type"] == "tool_use"]


# -- which tools: whole names and name words --------------------------------------------


def test_a_word_of_the_name_calls_the_tool(claude: claude_core.Anthropic) -> None:
    message = _create(claude, "What is the weather in SF?", tools=TOOLS)
    assert message["stop_reason"] == "tool_use"
    assert message["content"] == [_text("I'll use get_weather."), _use(1, "get_weather", WEATHER_INPUT)]


def test_the_whole_name_still_calls_the_tool(claude: claude_core.Anthropic) -> None:
    message = _create(claude, "Please call get_weather now", tools=TOOLS)
    assert message["content"] == [_text("I'll use get_weather."), _use(1, "get_weather", WEATHER_INPUT)]


@pytest.mark.parametrize(
    ("text", "called"),
    [
        ("WEATHER report", ["get_weather"]),  # name words match case-insensitively
        ("(weather)", ["get_weather"]),
        ("weathering the storm", []),  # whole words only
        ("get_weathers", []),  # the whole name too
        ("the weather_report", []),  # "_" joins words: weather_report is one word
        ("get me a coffee", []),  # "get" has fewer than 4 letters
        ("Get_Weather", []),  # not the name (case-sensitive), and "_" joins its words into one
        ("LOOKUP this", ["lookup"]),
    ],
)
def test_name_words_match_as_whole_words(claude: claude_core.Anthropic, text: str, called: List[str]) -> None:
    message = _create(claude, text, tools=TOOLS)
    assert _called(message) == called
    if not called:
        assert message["content"] == [_text(f"Echo: {text}")] and message["stop_reason"] == "end_turn"


@pytest.mark.parametrize(
    ("name", "text", "called"),
    [
        ("getWeatherNow", "any weather?", True),  # camelCase words
        ("getWeatherNow", "now?", False),  # "now" is too short to name it
        ("fetch-forecast", "the FORECAST", True),  # "-" splits too
        ("HTTPServer", "restart the server", True),
        ("HTTPServer", "http?", True),  # an acronym is a word of its own
        ("XMLParser", "xml", False),
    ],
)
def test_names_split_on_camel_case_and_dashes(
    claude: claude_core.Anthropic, name: str, text: str, called: bool
) -> None:
    tools = [{"name": name, "input_schema": {"type": "object"}}]
    assert _called(_create(claude, text, tools=tools)) == ([name] if called else [])


def test_one_letter_names_match_only_as_whole_words(claude: claude_core.Anthropic) -> None:
    tools = [{"name": "a", "input_schema": {"type": "object"}}, {"name": "b", "input_schema": {"type": "object"}}]
    assert _create(claude, "banana cab", tools=tools)["content"] == [_text("Echo: banana cab")]
    message = _create(claude, "use b and then a", tools=tools)
    assert message["content"] == [_text("I'll use b, a."), _use(1, "b", {}), _use(2, "a", {})]
    assert _called(_create(claude, "A or B", tools=tools)) == []  # a whole name is case-sensitive


def test_tool_results_never_name_a_tool(claude: claude_core.Anthropic) -> None:
    messages = [
        {"role": "user", "content": "lookup"},
        {"role": "assistant", "content": [_use(1, "lookup", {})]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_emu_1", "content": "weather"}]},
    ]
    message = _create(claude, messages, tools=TOOLS)
    assert message["content"] == [_text("Echo: [tool result toolu_emu_1: weather]")]


# -- several tools per turn --------------------------------------------------------------


def test_several_tools_in_the_order_the_text_mentions_them(claude: claude_core.Anthropic) -> None:
    message = _create(claude, "lookup the city, then get its weather", tools=TOOLS)
    assert message["stop_reason"] == "tool_use"
    assert message["content"] == [
        _text("I'll use lookup, get_weather."),
        _use(1, "lookup", {}),
        _use(2, "get_weather", WEATHER_INPUT),
    ]
    later = _create(claude, "weather first, lookup second", tools=TOOLS)
    assert _called(later) == ["get_weather", "lookup"]


def test_ids_count_up_after_earlier_tool_uses(claude: claude_core.Anthropic) -> None:
    first = _create(claude, "lookup and weather", tools=TOOLS)
    results = [
        {"type": "tool_result", "tool_use_id": "toolu_emu_1", "content": "x"},
        {"type": "tool_result", "tool_use_id": "toolu_emu_2", "content": "y"},
        {"type": "text", "text": "now the weather and lookup again"},
    ]
    messages = [
        {"role": "user", "content": "lookup and weather"},
        {"role": "assistant", "content": first["content"]},
        {"role": "user", "content": results},
    ]
    again = _create(claude, messages, tools=TOOLS)
    assert [block.get("id") for block in again["content"]] == [None, "toolu_emu_3", "toolu_emu_4"]
    assert _called(again) == ["get_weather", "lookup"]


def test_a_cut_text_means_no_tool_calls(claude: claude_core.Anthropic) -> None:
    message = _create(claude, "lookup and weather", tools=TOOLS, max_tokens=3)
    assert message["content"] == [_text("I'll use lookup,")] and message["stop_reason"] == "max_tokens"


# -- tool_choice ---------------------------------------------------------------------------


def test_tool_choice_none_calls_nothing(claude: claude_core.Anthropic) -> None:
    message = _create(claude, "lookup the weather, search", tools=TOOLS, tool_choice={"type": "none"})
    assert message["content"] == [_text("Echo: lookup the weather, search")] and message["stop_reason"] == "end_turn"


@pytest.mark.parametrize("text", ["Hello", "lookup the weather"])
def test_tool_choice_tool_calls_exactly_that_tool(claude: claude_core.Anthropic, text: str) -> None:
    message = _create(claude, text, tools=TOOLS, tool_choice={"type": "tool", "name": "lookup"})
    assert message["content"] == [_text("I'll use lookup."), _use(1, "lookup", {})]


def test_tool_choice_tool_must_name_an_offered_custom_tool(claude: claude_core.Anthropic) -> None:
    for name in ("nope", "web_search"):
        with pytest.raises(claude_core.BadRequestError) as caught:
            _create(claude, "Hello", tools=TOOLS, tool_choice={"type": "tool", "name": name})
        body: Any = caught.value.body
        error = body["error"]
        assert error["type"] == "invalid_request_error"
        assert error["message"] == f"tool_choice.name: {name!r} is not the name of a custom tool in tools"


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ({"type": "maybe"}, "tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'"),
        ({"name": "lookup"}, "tool_choice.type: Field required"),
        ({"type": "tool"}, "tool_choice.name: Field required"),
        (
            {"type": "auto", "disable_parallel_tool_use": "yes"},
            "tool_choice.disable_parallel_tool_use: Input should be a valid boolean",
        ),
    ],
)
def test_tool_choice_is_validated(claude: claude_core.Anthropic, choice: Dict[str, Any], message: str) -> None:
    with pytest.raises(claude_core.BadRequestError) as caught:
        _create(claude, "Hello", tools=TOOLS, tool_choice=choice)
    body: Any = caught.value.body
    assert body["error"]["message"] == message


def test_tool_choice_is_not_checked_against_tools_not_given(claude: claude_core.Anthropic) -> None:
    message = _create(claude, "Hello", tool_choice={"type": "tool", "name": "get_weather"})
    assert message["content"] == [_text("Echo: Hello")]


def test_tool_choice_any_calls_the_named_tools_or_the_first(claude: claude_core.Anthropic) -> None:
    unnamed = _create(claude, "Hello", tools=TOOLS, tool_choice={"type": "any"})
    assert unnamed["content"] == [_text("I'll use get_weather."), _use(1, "get_weather", WEATHER_INPUT)]
    named = _create(claude, "lookup please", tools=TOOLS, tool_choice={"type": "any"})
    assert named["content"] == [_text("I'll use lookup."), _use(1, "lookup", {})]


def test_tool_choice_auto_is_the_text_rule(claude: claude_core.Anthropic) -> None:
    assert _create(claude, "Hello", tools=TOOLS, tool_choice={"type": "auto"})["content"] == [_text("Echo: Hello")]
    assert _called(_create(claude, "weather", tools=TOOLS, tool_choice={"type": "auto"})) == ["get_weather"]


@pytest.mark.parametrize(
    ("choice", "called"),
    [
        ({"type": "auto"}, "lookup"),
        ({"type": "any"}, "lookup"),
        ({"type": "tool", "name": "get_weather"}, "get_weather"),
    ],
)
def test_disable_parallel_tool_use_keeps_the_first_call(
    claude: claude_core.Anthropic, choice: Dict[str, Any], called: str
) -> None:
    choice = {**choice, "disable_parallel_tool_use": True}
    message = _create(claude, "lookup the weather", tools=TOOLS, tool_choice=choice)
    tool = LOOKUP if called == "lookup" else WEATHER
    expected_input = {} if tool is LOOKUP else WEATHER_INPUT
    assert message["content"] == [_text(f"I'll use {called}."), _use(1, called, expected_input)]


# -- the web search server tool: pause_turn ------------------------------------------------

QUERY = "Search the news about Mars"
SEARCH_CALL: Dict[str, Any] = {
    "type": "server_tool_use",
    "id": "srvtoolu_emu_1",
    "name": "web_search",
    "input": {"query": QUERY},
}
SEARCH_RESULT: Dict[str, Any] = {
    "type": "web_search_tool_result",
    "tool_use_id": "srvtoolu_emu_1",
    "content": [
        {
            "type": "web_search_result",
            "url": "https://example.com/result",
            "title": f"Result for {QUERY}",
            "encrypted_content": "ZW11bGF0b3I=",
            "page_age": None,
        }
    ],
}


def test_search_pauses_the_turn_and_the_continuation_gets_the_result(claude: claude_core.Anthropic) -> None:
    paused = _create(claude, QUERY, tools=[WEB_SEARCH])
    assert paused["stop_reason"] == "pause_turn"
    assert paused["content"] == [_text("I'll search."), SEARCH_CALL]
    messages = [{"role": "user", "content": QUERY}, {"role": "assistant", "content": paused["content"]}]
    resumed = _create(claude, messages, tools=[WEB_SEARCH])
    assert resumed["stop_reason"] == "end_turn"
    assert resumed["content"] == [SEARCH_RESULT, _text(f"Echo: {QUERY}")]


def test_search_ids_count_earlier_searches(claude: claude_core.Anthropic) -> None:
    messages = [
        {"role": "user", "content": QUERY},
        {"role": "assistant", "content": [SEARCH_CALL, SEARCH_RESULT, _text("Done.")]},
        {"role": "user", "content": "search again"},
    ]
    message = _create(claude, messages, tools=[WEB_SEARCH])
    assert message["content"][1] == {**SEARCH_CALL, "id": "srvtoolu_emu_2", "input": {"query": "search again"}}


@pytest.mark.parametrize(
    ("text", "params"),
    [
        ("web_search this", {}),  # "search" inside a longer word
        ("researching", {}),
        ("search it", {"tools": [LOOKUP]}),  # no web search tool offered
        ("search it", {"tool_choice": {"type": "none"}}),
    ],
)
def test_no_search_without_the_word_and_the_tool(claude: claude_core.Anthropic, text: str, params: Any) -> None:
    params = {"tools": TOOLS, **params}
    message = _create(claude, text, **params)
    assert message["content"] == [_text(f"Echo: {text}")] and message["stop_reason"] == "end_turn"


def test_custom_tools_come_before_a_search(claude: claude_core.Anthropic) -> None:
    assert _called(_create(claude, "search the weather", tools=TOOLS)) == ["get_weather"]
    forced = _create(claude, "search it", tools=TOOLS, tool_choice={"type": "tool", "name": "lookup"})
    assert _called(forced) == ["lookup"]
    anyway = _create(claude, "search it", tools=TOOLS, tool_choice={"type": "any"})
    assert anyway["stop_reason"] == "pause_turn" and anyway["content"][1]["type"] == "server_tool_use"


def test_a_cut_text_means_no_search(claude: claude_core.Anthropic) -> None:
    message = _create(claude, "search", tools=TOOLS, max_tokens=1)
    assert message["content"] == [_text("I'll")] and message["stop_reason"] == "max_tokens"


# -- streamed replies accumulate to the same message ------------------------------------------


def _streamed_and_created(claude: claude_core.Anthropic, **params: Any) -> List[Dict[str, Any]]:
    with claude.messages.stream(model=MODEL, max_tokens=100, **params) as stream:
        streamed = stream.get_final_message().to_dict()
    created = claude.messages.create(model=MODEL, max_tokens=100, **params).to_dict()
    for message in (streamed, created):
        assert message.pop("id").startswith("msg_emu_")
    return [streamed, created]


@pytest.mark.parametrize(
    "params",
    [
        {"messages": [{"role": "user", "content": "lookup the weather"}], "tools": TOOLS},
        {"messages": [{"role": "user", "content": QUERY}], "tools": TOOLS},
        {
            "messages": [{"role": "user", "content": QUERY}, {"role": "assistant", "content": [SEARCH_CALL]}],
            "tools": TOOLS,
        },
        {"messages": [{"role": "user", "content": "weather"}], "tools": TOOLS, "thinking": {"type": "adaptive"}},
    ],
    ids=["several-tools", "pause-turn", "search-result", "thinking-and-tool"],
)
def test_streamed_replies_equal_created_ones(claude: claude_core.Anthropic, params: Dict[str, Any]) -> None:
    streamed, created = _streamed_and_created(claude, **params)
    assert streamed == created
    assert created["stop_reason"] in ("tool_use", "pause_turn", "end_turn")
    assert len(created["content"]) >= 2


def _events(claude: claude_core.Anthropic, messages: List[Dict[str, Any]]) -> List[Any]:
    params: Dict[str, Any] = {"model": MODEL, "max_tokens": 100, "messages": messages, "tools": TOOLS}
    with claude.messages.create(**params, stream=True) as events:
        return list(events)


def _block_events(events: List[Any], index: int) -> List[Dict[str, Any]]:
    kinds = ("content_block_start", "content_block_delta", "content_block_stop")
    return [event.to_dict() for event in events if event.type in kinds and event.index == index]


def test_search_blocks_stream_as_the_api_streams_them(claude: claude_core.Anthropic) -> None:
    messages: List[Dict[str, Any]] = [{"role": "user", "content": QUERY}]
    call = _block_events(_events(claude, messages), 1)
    assert call[0] == {"type": "content_block_start", "index": 1, "content_block": {**SEARCH_CALL, "input": {}}}
    assert {event["delta"]["type"] for event in call[1:-1]} == {"input_json_delta"}
    assert "".join(event["delta"]["partial_json"] for event in call[1:-1]) == '{"query":"Search the news about Mars"}'
    resumed = [*messages, {"role": "assistant", "content": [SEARCH_CALL]}]
    result = _block_events(_events(claude, resumed), 0)  # whole in its start, no deltas
    assert [event["type"] for event in result] == ["content_block_start", "content_block_stop"]
    assert result[0]["content_block"] == SEARCH_RESULT


def test_with_an_output_schema_tool_calls_come_without_a_sentence(claude: claude_core.Anthropic) -> None:
    schema = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
    output_config: Any = {"format": {"type": "json_schema", "schema": schema}}
    message = _create(claude, "Please call get_weather", tools=TOOLS, output_config=output_config)
    assert message["content"] == [_use(1, "get_weather", WEATHER_INPUT)] and message["stop_reason"] == "tool_use"
