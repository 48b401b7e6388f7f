"""Deterministic reply content: thinking, tool use from input schemas, citations."""

from __future__ import annotations

import re
from typing import Any, Dict

import httpx
import pytest

from .conftest import message_body

SCHEMA = {
    "type": "object",
    "properties": {
        "city": {"type": "string"},
        "days": {"type": "integer"},
        "ratio": {"type": "number"},
        "metric": {"type": "boolean"},
        "tags": {"type": "array", "items": {"type": "string"}},
        "extra": {"type": "object"},
        "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
        "maybe": {"anyOf": [{"type": "null"}, {"type": "integer"}]},
    },
}
TOOLS = [
    {"type": "web_search_20250305", "name": "web_search"},
    {"name": "get_weather", "description": "Weather", "input_schema": SCHEMA},
    {"type": "custom", "name": "lookup", "input_schema": {"type": "object"}},
]


def _post(client: httpx.Client, body: Dict[str, Any]) -> Dict[str, Any]:
    response = client.post("/v1/messages", json=body)
    assert response.status_code == 200, response.text
    result: Dict[str, Any] = response.json()
    return result


@pytest.mark.parametrize("kind", ["enabled", "adaptive"])
def test_thinking_block_comes_first(client: httpx.Client, kind: str) -> None:
    thinking = {"type": kind, "budget_tokens": 2048} if kind == "enabled" else {"type": kind}
    message = _post(client, message_body("Hi there", thinking=thinking, max_tokens=4096))
    block, text = message["content"]
    assert set(block) == {"type", "thinking", "signature"} and block["type"] == "thinking"
    assert block["thinking"].endswith(".") and len(block["thinking"].split()) > 5
    assert re.fullmatch(r"[A-Za-z0-9+/]{40}", block["signature"])
    assert text == {"type": "text", "text": "Echo: Hi there", "citations": None}
    assert message["usage"]["output_tokens"] == len(block["thinking"].split()) + 3
    assert _post(client, message_body("Hi there", thinking=thinking, max_tokens=4096))["content"][0] == block


def test_disabled_thinking_adds_nothing(client: httpx.Client) -> None:
    message = _post(client, message_body("Hi", thinking={"type": "disabled"}))
    assert [b["type"] for b in message["content"]] == ["text"]


def test_thinking_must_be_an_object(client: httpx.Client) -> None:
    response = client.post("/v1/messages", json=message_body(thinking="yes"))
    assert response.status_code == 400 and response.json()["error"]["message"].startswith("thinking:")


def test_naming_a_tool_calls_it(client: httpx.Client) -> None:
    message = _post(client, message_body("Please call get_weather now", tools=TOOLS))
    assert message["stop_reason"] == "tool_use"
    assert message["content"] == [
        {"type": "text", "text": "I'll use get_weather.", "citations": None},
        {
            "type": "tool_use",
            "id": "toolu_emu_1",
            "name": "get_weather",
            "input": {
                "city": "value for city",
                "days": 42,
                "ratio": 42,
                "metric": True,
                "tags": [],
                "extra": {},
                "unit": "celsius",
                "maybe": 42,
            },
        },
    ]


def test_tool_ids_count_earlier_tool_uses(client: httpx.Client) -> None:
    first = _post(client, message_body("lookup", tools=TOOLS))
    assert first["content"][1] == {"type": "tool_use", "id": "toolu_emu_1", "name": "lookup", "input": {}}
    messages = [
        {"role": "user", "content": "lookup"},
        {"role": "assistant", "content": first["content"]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_emu_1", "content": "found"}]},
    ]
    after_result = _post(client, message_body(messages=messages, tools=TOOLS))
    assert after_result["stop_reason"] == "end_turn"  # tool results never name a tool again
    messages.append({"role": "assistant", "content": after_result["content"]})
    messages.append({"role": "user", "content": "lookup again"})
    again = _post(client, message_body(messages=messages, tools=TOOLS))
    assert again["content"][1]["id"] == "toolu_emu_2"


def test_server_tools_are_never_called(client: httpx.Client) -> None:
    message = _post(client, message_body("web_search this", tools=TOOLS))
    assert message["content"] == [{"type": "text", "text": "Echo: web_search this", "citations": None}]


def test_cut_text_means_no_tool_call(client: httpx.Client) -> None:
    message = _post(client, message_body("get_weather", tools=TOOLS, max_tokens=2))
    assert message["content"] == [{"type": "text", "text": "I'll use", "citations": None}]
    assert message["stop_reason"] == "max_tokens"


def _document(data: str, **extra: Any) -> Dict[str, Any]:
    return {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": data}, **extra}


def test_citations_cite_the_first_sentence(client: httpx.Client) -> None:
    plain = _document("No citations here.")
    cited = _document("Water boils at 100 C. At sea level, that is.", citations={"enabled": True})
    content = [plain, cited, {"type": "text", "text": "When does water boil?"}]
    message = _post(client, message_body(messages=[{"role": "user", "content": content}]))
    assert message["content"] == [
        {
            "type": "text",
            "text": "Echo: [document] [document] When does water boil?",
            "citations": [
                {
                    "type": "char_location",
                    "cited_text": "Water boils at 100 C.",
                    "document_index": 1,
                    "document_title": None,
                    "start_char_index": 0,
                    "end_char_index": 21,
                }
            ],
        }
    ]


def test_no_citations_unless_enabled(client: httpx.Client) -> None:
    content = [_document("A. B.", title="T", citations={"enabled": False}), {"type": "text", "text": "?"}]
    message = _post(client, message_body(messages=[{"role": "user", "content": content}]))
    assert message["content"][0]["citations"] is None
