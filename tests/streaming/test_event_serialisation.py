"""The ``.stream()`` helper events serialise as the official SDK's pydantic events do.

Expected shapes are what the official SDK 0.79 prints for the same emulator streams
(``to_json(indent=None)`` of each event), checked by hand against its ``lib/streaming/_types.py``.
"""

from __future__ import annotations

import json
from typing import Any, List

import pydantic
import pytest

from claude_core.streaming.events import (
    CitationEvent,
    InputJsonEvent,
    ParsedContentBlockStopEvent,
    ParsedMessageStopEvent,
    SignatureEvent,
    TextEvent,
    ThinkingEvent,
)
from tests.conftest import MODEL, Api
from tests.streaming.test_streams import CASES, params, run_stream

HELPERS = (TextEvent, InputJsonEvent, ThinkingEvent, SignatureEvent, CitationEvent)


def helpers(events: List[Any], kind: str) -> List[Any]:
    return [event for event in events if event.type == kind]


def test_text_events_as_the_official_sdk_prints_them(api: Api) -> None:
    body = {"model": MODEL, "max_tokens": 64, "messages": [{"role": "user", "content": "one two three"}]}
    events, final, _ = run_stream(api, body)
    assert [event.to_dict() for event in helpers(events, "text")] == [
        {"type": "text", "text": "Echo: ", "snapshot": "Echo: "},
        {"type": "text", "text": "one ", "snapshot": "Echo: one "},
        {"type": "text", "text": "two ", "snapshot": "Echo: one two "},
        {"type": "text", "text": "three", "snapshot": "Echo: one two three"},
    ]
    first = helpers(events, "text")[0]
    assert first.to_json() == '{\n  "type": "text",\n  "text": "Echo: ",\n  "snapshot": "Echo: "\n}'
    assert (
        first.to_json(indent=None) == first.model_dump_json() == '{"type":"text","text":"Echo: ","snapshot":"Echo: "}'
    )
    assert first.model_dump() == first.to_dict() == first.to_dict(mode="json", exclude_unset=False)
    stop = helpers(events, "content_block_stop")[0]
    assert isinstance(stop, ParsedContentBlockStopEvent)
    assert stop.to_dict() == {"type": "content_block_stop", "index": 0, "content_block": final.content[0].to_dict()}
    message_stop = events[-1]
    assert isinstance(message_stop, ParsedMessageStopEvent)
    assert message_stop.to_dict() == {"type": "message_stop", "message": final.to_dict()}
    assert json.loads(message_stop.to_json()) == {"type": "message_stop", "message": final.to_dict(mode="json")}
    assert message_stop.model_dump()["message"] == final.model_dump()


def test_tool_thinking_and_citation_events_as_the_official_sdk_prints_them(api: Api) -> None:
    tool_events, _, _ = run_stream(api, params("tool_use"))
    assert [event.to_json(indent=None) for event in helpers(tool_events, "input_json")] == [
        '{"type":"input_json","partial_json":"","snapshot":{}}',
        '{"type":"input_json","partial_json":"{\\"city\\"","snapshot":{}}',
        '{"type":"input_json","partial_json":":\\"value","snapshot":{}}',  # an unfinished string is left out
        '{"type":"input_json","partial_json":" for ci","snapshot":{}}',
        '{"type":"input_json","partial_json":"ty\\",\\"da","snapshot":{"city":"value for city"}}',
        '{"type":"input_json","partial_json":"ys\\":42}","snapshot":{"city":"value for city","days":42}}',
    ]
    thinking_events, final, _ = run_stream(api, params("thinking"))
    assert helpers(thinking_events, "thinking")[0].to_dict() == {
        "type": "thinking",
        "thinking": "The ",
        "snapshot": "The ",
    }
    signatures = [event.to_dict() for event in helpers(thinking_events, "signature")]
    assert signatures == [{"type": "signature", "signature": final.content[0].signature}]
    citation_events, _, _ = run_stream(api, params("citations"))
    citation = {
        "type": "char_location",
        "cited_text": "The grass is green.",
        "document_index": 0,
        "document_title": "Facts",
        "start_char_index": 0,
        "end_char_index": 19,
    }
    (event,) = helpers(citation_events, "citation")
    assert event.to_dict() == {"type": "citation", "citation": citation, "snapshot": [citation]}
    assert json.loads(event.to_json()) == event.to_dict(mode="json")
    assert event.model_dump()["citation"]["file_id"] is None  # model_dump: every field, as pydantic's
    assert "file_id" not in event.to_dict()["citation"]  # to_dict: only what the API sent


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_form_agrees_with_the_others(api: Api, case: str) -> None:
    events, _, _ = run_stream(api, params(case))
    light = [event for event in events if isinstance(event, HELPERS)]
    assert light
    for event in light:
        data = event.to_dict()
        assert list(data) == ["type", *type(event)._fields]  # the official keys, in order, no index
        assert json.loads(event.to_json()) == event.to_dict(mode="json")
        assert json.loads(event.model_dump_json()) == event.model_dump(mode="json")
        every = event.to_dict(mode="json", exclude_unset=False)
        assert event.model_dump(mode="json", exclude={"type"}) == {k: v for k, v in every.items() if k != "type"}
        assert not isinstance(event, pydantic.BaseModel) and not hasattr(event, "__dict__")  # still light objects


def test_exclude_options_reach_nested_models(api: Api) -> None:
    events, _, _ = run_stream(api, params("citations"))
    (event,) = helpers(events, "citation")
    assert "file_id" in event.to_dict(exclude_unset=False)["citation"]
    assert "file_id" not in event.to_dict(exclude_unset=False, exclude_none=True)["citation"]
    assert event.to_dict(use_api_names=False) == event.to_dict()


def test_events_made_by_hand_serialise_and_compare_by_value() -> None:
    """As the official pydantic events: keyword construction, equality by value."""
    event = TextEvent(type="text", text="a", snapshot="ab")
    assert event.to_dict() == {"type": "text", "text": "a", "snapshot": "ab"}
    assert event == TextEvent(type="text", text="a", snapshot="ab") != TextEvent(type="text", text="a", snapshot="a")
    assert InputJsonEvent(type="input_json", partial_json="{", snapshot={}).to_json(indent=None) == (
        '{"type":"input_json","partial_json":"{","snapshot":{}}'
    )
    assert SignatureEvent(type="signature", signature="s").model_dump() == {"type": "signature", "signature": "s"}
    assert ThinkingEvent(type="thinking", thinking="t", snapshot="t").snapshot == "t"
    assert TextEvent(type="text", text='{"a": "b', snapshot='{"a": "b').parsed_snapshot() == {"a": "b"}


def test_serialising_costs_nothing_until_called(api: Api) -> None:
    from claude_core.streaming import events as module

    module._twins.clear()
    events, _, _ = run_stream(api, params("text"))
    assert module._twins == {}  # no model class made, no model built, while streaming
    helpers(events, "text")[0].to_dict()
    assert set(module._twins) == {"TextEvent"}
