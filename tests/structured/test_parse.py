"""Structured outputs over real HTTP to the emulator: ``messages.parse`` and ``output_config`` passthrough."""

from __future__ import annotations

import enum
import json
import warnings
from typing import Any, Dict, List, Optional

import pydantic
import pytest
from typing_extensions import Literal

import claude_core
from claude_core import transform_schema
from claude_core.errors import AnthropicError
from claude_core.types import Message, ParsedMessage, ParsedTextBlock, StructuredOutputError
from tests.conftest import MODEL, USER, Api


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


class Address(pydantic.BaseModel):
    city: str
    postcode: Optional[str] = None


class Person(pydantic.BaseModel):
    name: str
    age: int = pydantic.Field(ge=18)
    color: Color
    kind: Literal["employee", "contractor"]
    nickname: Optional[str]
    addresses: List[Address]
    home: Address


def _schema(output_format: Any) -> Dict[str, Any]:
    return transform_schema(pydantic.TypeAdapter(output_format).json_schema())


def test_parse_round_trips_nested_models(api: Api) -> None:
    message = api(lambda c: c.messages.parse(model=MODEL, max_tokens=1024, messages=USER, output_format=Person))
    assert isinstance(message, ParsedMessage) and isinstance(message, Message)
    person = message.parsed_output
    assert isinstance(person, Person)
    assert person.color is Color.RED and person.kind == "employee" and person.age == 18
    assert isinstance(person.home, Address) and isinstance(person.addresses[0], Address)
    block = message.content[0]
    assert isinstance(block, ParsedTextBlock) and block.parsed_output == person
    assert Person.model_validate_json(block.text) == person
    assert message._request_id is not None
    # dumps hold parsed_output, as the official SDK's do; a request body sending the block back does not
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # pydantic warns when a value does not fit its field's type
        assert message.to_dict()["content"][0]["parsed_output"] == person.model_dump()
        assert message.model_dump(mode="json")["content"][0]["parsed_output"]["color"] == "red"
        assert json.loads(message.to_json())["content"][0]["parsed_output"]["age"] == 18
    later = [*USER, {"role": "assistant", "content": message.content}, {"role": "user", "content": "And?"}]
    api(lambda c: c.messages.create(model=MODEL, max_tokens=8, messages=later))
    sent_back = api.emulator.requests[-1].json()["messages"][1]["content"]
    assert sent_back == [{"citations": None, "text": block.text, "type": "text"}]


def test_parse_sends_the_transformed_schema_in_the_official_key_order(api: Api) -> None:
    api(
        lambda c: c.messages.parse(
            top_p=0.9,
            output_format=Person,
            temperature=0.5,
            system="Extract.",
            messages=USER,
            metadata={"user_id": "u"},
            model=MODEL,
            max_tokens=1024,
            inference_geo="us",
        )
    )
    sent = api.emulator.requests[-1]
    body = sent.json()
    assert list(body) == [
        "max_tokens", "messages", "model", "metadata", "output_config", "system", "temperature", "top_p",
        "inference_geo",
    ]  # fmt: skip
    assert body["output_config"] == {"format": {"type": "json_schema", "schema": _schema(Person)}}
    assert body["output_config"]["format"]["schema"]["additionalProperties"] is False
    assert not any(name.startswith("x-stainless") for name in sent.headers)  # see docs/migration.md
    assert "anthropic-beta" not in sent.headers and "beta" not in sent.query


def test_parse_merges_output_config(api: Api) -> None:
    message = api(
        lambda c: c.messages.parse(
            model=MODEL, max_tokens=1024, messages=USER, output_config={"effort": "low"}, output_format=Address
        )
    )
    assert message.parsed_output == Address(city="city value", postcode="postcode value")
    sent = api.emulator.requests[-1].json()["output_config"]
    assert sent == {"effort": "low", "format": {"type": "json_schema", "schema": _schema(Address)}}


def test_parse_accepts_any_type_adapter_type(api: Api) -> None:
    message = api(lambda c: c.messages.parse(model=MODEL, max_tokens=1024, messages=USER, output_format=List[Color]))
    assert message.parsed_output == [Color.RED]


def test_output_format_and_output_config_format_together_is_an_error(api: Api) -> None:
    output_config: Any = {"format": {"type": "json_schema", "schema": _schema(Address)}}
    with pytest.raises(AnthropicError, match=r"both output_format and output_config\.format"):
        api(
            lambda c: c.messages.parse(
                model=MODEL, max_tokens=64, messages=USER, output_config=output_config, output_format=Address
            )
        )
    assert api.emulator.requests == []


def test_parse_without_output_format_parses_nothing(api: Api) -> None:
    message = api(lambda c: c.messages.parse(model=MODEL, max_tokens=64, messages=USER))
    assert message.parsed_output is None
    assert isinstance(message.content[0], ParsedTextBlock) and message.content[0].parsed_output is None
    assert "output_config" not in api.emulator.requests[-1].json()


def _reply(text: str) -> Dict[str, Any]:
    return {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": MODEL,
        "content": [{"type": "text", "text": text, "citations": None}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 3, "output_tokens": 3},
    }


@pytest.mark.parametrize("text", ['{"city": 7}', "not json at all"])
def test_a_non_conforming_reply_raises_with_the_raw_text(api: Api, text: str) -> None:
    api.emulator.enqueue(status=200, json=_reply(text))
    with pytest.raises(StructuredOutputError) as caught:
        api(lambda c: c.messages.parse(model=MODEL, max_tokens=64, messages=USER, output_format=Address))
    error = caught.value
    assert error.text == text and error.output_format is Address
    assert repr(text) in str(error) and "Address" in str(error)
    assert isinstance(error, ValueError) and isinstance(error, AnthropicError)
    assert isinstance(error.__cause__, pydantic.ValidationError) and error.errors


def test_raw_response_parses_on_demand(api: Api) -> None:
    api.emulator.enqueue(status=200, json=_reply('{"city": "Oslo"}'))
    response = api(
        lambda c: c.messages.with_raw_response.parse(model=MODEL, max_tokens=64, messages=USER, output_format=Address)
    )
    parsed = api.run(response.parse())
    assert parsed.parsed_output == Address(city="Oslo")


def test_output_config_is_passed_as_given(api: Api) -> None:
    schema = {
        "type": "object",
        "properties": {"n": {"type": "integer"}},
        "required": ["n"],
        "additionalProperties": False,
    }
    output_config: Any = {"effort": "high", "format": {"type": "json_schema", "schema": schema}}
    message = api(lambda c: c.messages.create(model=MODEL, max_tokens=64, messages=USER, output_config=output_config))
    assert json.loads(message.content[0].text) == {"n": 1}
    assert api.emulator.requests[-1].json()["output_config"] == output_config


def test_stream_is_rejected(api: Api) -> None:
    with pytest.raises(TypeError, match="does not stream"):
        api(lambda c: c.messages.parse(model=MODEL, max_tokens=64, messages=USER, output_format=Address, stream=True))


def test_beta_parse_adds_the_structured_outputs_beta(api: Api) -> None:
    message = api(
        lambda c: c.beta.messages.parse(
            model=MODEL, max_tokens=1024, messages=USER, output_format=Address, betas=["files-api-2025-04-14"]
        )
    )
    assert message.parsed_output == Address(city="city value", postcode="postcode value")
    sent = api.emulator.requests[-1]
    assert sent.query["beta"] == "true"
    assert sent.headers["anthropic-beta"] == "files-api-2025-04-14,structured-outputs-2025-12-15"
    body = sent.json()
    assert "output_format" not in body and "betas" not in body
    assert body["output_config"]["format"]["schema"] == _schema(Address)


def test_beta_parse_keeps_a_beta_given_once(api: Api) -> None:
    api(
        lambda c: c.beta.messages.parse(
            model=MODEL, max_tokens=64, messages=USER, output_format=Address, betas=["structured-outputs-2025-12-15"]
        )
    )
    assert api.emulator.requests[-1].headers["anthropic-beta"] == "structured-outputs-2025-12-15"
    api(lambda c: c.beta.messages.parse(model=MODEL, max_tokens=64, messages=USER, output_format=Address))
    assert api.emulator.requests[-1].headers["anthropic-beta"] == "structured-outputs-2025-12-15"


def test_beta_parse_key_order(api: Api) -> None:
    api(
        lambda c: c.beta.messages.parse(
            top_k=3, output_format=Address, speed="standard", messages=USER, model=MODEL, max_tokens=64, container="c"
        )
    )
    assert list(api.emulator.requests[-1].json()) == [
        "max_tokens", "messages", "model", "container", "output_config", "speed", "top_k",
    ]  # fmt: skip


def test_parse_signature_is_the_official_one() -> None:
    import inspect

    params = list(inspect.signature(claude_core.Anthropic(api_key="k").messages.parse).parameters)
    assert params[:3] == ["max_tokens", "messages", "model"]
    assert "output_format" in params and "stream" in params


def test_unsupported_type_is_a_type_error(api: Api) -> None:
    class NotAType:
        pass

    with pytest.raises(TypeError, match=r"output_format takes the type .* makes no JSON schema"):
        api(lambda c: c.messages.parse(model=MODEL, max_tokens=64, messages=USER, output_format=NotAType))


def test_count_tokens_takes_output_format(api: Api) -> None:
    fmt: Any = {"type": "json_schema", "schema": {"type": "object", "properties": {}, "additionalProperties": False}}
    api(lambda c: c.messages.count_tokens(model=MODEL, messages=USER, output_format=Address))
    assert api.emulator.requests[-1].json()["output_config"] == {
        "format": {"type": "json_schema", "schema": _schema(Address)}
    }
    api(lambda c: c.beta.messages.count_tokens(model=MODEL, messages=USER, output_format=fmt, system="s"))
    body = api.emulator.requests[-1].json()
    assert list(body) == ["messages", "model", "output_config", "system"] and body["output_config"] == {"format": fmt}
    with pytest.raises(AnthropicError, match="both"):
        api(
            lambda c: c.messages.count_tokens(
                model=MODEL, messages=USER, output_format=fmt, output_config={"format": fmt}
            )
        )


def test_a_long_parse_is_streamed_under_the_hood(api: Api) -> None:
    message = api(lambda c: c.messages.parse(model=MODEL, max_tokens=64000, messages=USER, output_format=Address))
    assert isinstance(message, ParsedMessage)
    assert message.parsed_output == Address(city="city value", postcode="postcode value")
    sent = api.emulator.requests[-1].json()
    assert sent["stream"] is True and sent["output_config"]["format"]["schema"] == _schema(Address)


def test_parsed_content_goes_back_as_the_assistant_turn(api: Api) -> None:
    first = api(lambda c: c.messages.parse(model=MODEL, max_tokens=1024, messages=USER, output_format=Address))
    history: Any = [*USER, {"role": "assistant", "content": first.content}, {"role": "user", "content": "Again"}]
    api(lambda c: c.messages.parse(model=MODEL, max_tokens=1024, messages=history, output_format=Address))
    sent_block = api.emulator.requests[-1].json()["messages"][1]["content"][0]
    assert sent_block == {"type": "text", "text": first.content[0].text, "citations": None}


def _final_of_stream(api: Api, beta: bool = False, **params: Any) -> Any:
    """``(messages or beta.messages).stream(**params)`` read through ``text_stream``, then its final message."""

    def resource(client: Any) -> Any:
        return client.beta.messages if beta else client.messages

    if api.is_async:

        async def read(client: Any) -> Any:
            async with resource(client).stream(model=MODEL, max_tokens=1024, messages=USER, **params) as stream:
                text = "".join([piece async for piece in stream.text_stream])
                return text, await stream.get_final_message(), await stream.get_final_message()

        return api(read)
    with resource(api.client).stream(model=MODEL, max_tokens=1024, messages=USER, **params) as stream:
        text = "".join(stream.text_stream)
        return text, stream.get_final_message(), stream.get_final_message()


@pytest.mark.parametrize("beta", [False, True])
def test_stream_with_output_format_gives_a_parsed_final_message(api: Api, beta: bool) -> None:
    text, message, again = _final_of_stream(api, beta, output_format=Person)
    assert isinstance(message, ParsedMessage) and again is message  # validated once
    assert isinstance(message.parsed_output, Person) and Person.model_validate_json(text) == message.parsed_output
    body = api.emulator.requests[-1].json()
    assert body["output_config"] == {"format": {"type": "json_schema", "schema": _schema(Person)}}
    assert list(body)[-1] == "stream"


def test_stream_with_a_format_dict_sends_it_and_parses_nothing(api: Api) -> None:
    output_format = {"type": "json_schema", "schema": _schema(Address)}
    _, message, _ = _final_of_stream(api, output_format=output_format)
    assert not isinstance(message, ParsedMessage)
    assert api.emulator.requests[-1].json()["output_config"] == {"format": output_format}


def test_stream_with_a_non_conforming_reply_raises_at_the_final_message(api: Api) -> None:
    api.emulator.enqueue(sse=_sse_of(_reply("not json at all")))
    with pytest.raises(StructuredOutputError) as caught:
        _final_of_stream(api, output_format=Address)
    assert caught.value.text == "not json at all"


def test_stream_with_output_format_and_output_config_format_is_an_error(api: Api) -> None:
    config = {"format": {"type": "json_schema", "schema": _schema(Address)}}
    with pytest.raises(AnthropicError, match=r"output_format and output_config\.format"):
        api.client.messages.stream(
            model=MODEL, max_tokens=5, messages=USER, output_format=Address, output_config=config
        )


def _sse_of(message: Dict[str, Any]) -> bytes:
    """The stream of ``message`` (one text block), as the API sends it."""
    start = {**message, "content": [], "stop_reason": None}
    block = message["content"][0]
    events = [
        {"type": "message_start", "message": start},
        {"type": "content_block_start", "index": 0, "content_block": {**block, "text": ""}},
        {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": block["text"]}},
        {"type": "content_block_stop", "index": 0},
        {
            "type": "message_delta",
            "delta": {"stop_reason": "end_turn", "stop_sequence": None},
            "usage": {"output_tokens": 3},
        },
        {"type": "message_stop"},
    ]
    return b"".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n".encode() for e in events)
