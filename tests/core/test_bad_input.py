"""Bad input as a new user meets it: refused before anything is sent, with an error that names
the parameter and the fix; and what the official SDK accepts (a ``datetime`` in the body),
accepted the same way."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any, List

import pydantic
import pytest

import claude_core
from claude_core import plugins

from ..conftest import MODEL, USER, Api

ROOT = Path(__file__).resolve().parents[2]


def create(api: Api, client: Any = None, **params: Any) -> Any:
    kwargs = {"model": MODEL, "max_tokens": 8, "messages": USER, **params}
    return api(lambda c: c.messages.create(**kwargs), client)


# -- empty keys ------------------------------------------------------------------------


@pytest.mark.parametrize("argument", ["api_key", "auth_token"])
def test_an_empty_key_argument_is_refused_before_sending(api: Api, argument: str) -> None:
    client = api.make(**{"api_key": None, argument: ""})  # constructs, as the official SDK does
    with pytest.raises(claude_core.MissingCredentialsError, match=f'empty key is no key: {argument}=""') as caught:
        create(api, client)
    assert isinstance(caught.value, TypeError)  # what the official SDK raises
    assert api.emulator.requests == []


def test_an_empty_key_argument_does_not_fall_back_to_the_environment(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", api.emulator.api_key)
    with pytest.raises(claude_core.MissingCredentialsError, match='api_key=""'):
        create(api, api.make(api_key=""))
    assert api.emulator.requests == []


def test_an_empty_environment_key_is_refused_before_sending(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "")
    with pytest.raises(claude_core.MissingCredentialsError, match=r"ANTHROPIC_API_KEY \(set but empty\)"):
        create(api, api.make(api_key=None))
    assert api.emulator.requests == []


def test_an_empty_key_beside_a_token_sends_the_token_only(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "")
    create(api, api.make(api_key=None, auth_token=api.emulator.auth_token))
    sent = api.emulator.requests[-1].headers
    assert "x-api-key" not in sent and sent["authorization"] == f"Bearer {api.emulator.auth_token}"


def test_a_key_callable_returning_an_empty_string_is_refused(api: Api) -> None:
    with pytest.raises(claude_core.AnthropicError, match="api_key callable returned an empty string"):
        create(api, api.make(api_key=lambda: ""))
    assert api.emulator.requests == []


# -- the request body: the official SDK's JSON encoder ------------------------------------


@pytest.mark.parametrize("kind", [set, frozenset])
def test_a_set_in_messages_is_a_type_error_naming_its_place(api: Api, kind: type) -> None:
    messages = [{"role": "user", "content": [{"type": "text", "text": "hi", "tags": kind(["a"])}]}]
    with pytest.raises(TypeError, match=r"messages\[0\]\['content'\]\[0\]\['tags'\] is a \w+; JSON has no sets"):
        create(api, messages=messages)
    assert api.emulator.requests == []


@pytest.mark.parametrize(
    ("when", "text"),
    [
        (dt.datetime(2024, 5, 6, 7, 8, 9), "2024-05-06T07:08:09"),
        (
            dt.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            "2024-05-06T07:08:09.123456+02:00",
        ),
    ],
)
def test_a_datetime_is_sent_as_iso_8601(api: Api, when: dt.datetime, text: str) -> None:
    create(api, metadata={"user_id": when})
    assert f'"metadata":{{"user_id":"{text}"}}'.encode() in api.emulator.requests[-1].body


def test_a_pydantic_model_is_sent_as_the_fields_set(api: Api) -> None:
    class Turn(pydantic.BaseModel):
        role: str
        content: str
        sent_at: dt.datetime = dt.datetime(2020, 1, 1)

    create(api, messages=[Turn(role="user", content="hi")])
    assert api.emulator.requests[-1].json()["messages"] == [{"role": "user", "content": "hi"}]


@pytest.mark.parametrize(
    ("value", "error", "says"),
    [
        (dt.date(2024, 5, 6), TypeError, r"metadata\['user_id'\] is a date; pass a str, such as its isoformat"),
        (b"raw", TypeError, r"metadata\['user_id'\] is a bytes; pass a str"),
        (math.nan, ValueError, r"metadata\['user_id'\] is nan, which JSON cannot hold"),
        (math.inf, ValueError, r"metadata\['user_id'\] is inf, which JSON cannot hold"),
    ],
)
def test_what_json_cannot_hold_is_refused(api: Api, value: Any, error: type, says: str) -> None:
    with pytest.raises(error, match=says):
        create(api, metadata={"user_id": value})
    assert api.emulator.requests == []


def test_a_body_that_contains_itself_is_refused(api: Api) -> None:
    metadata: Any = {}
    metadata["self"] = metadata
    with pytest.raises(ValueError, match=r"metadata\['self'\] contains itself"):
        create(api, metadata=metadata)
    assert api.emulator.requests == []


@pytest.mark.parametrize("beta", [False, True])
def test_a_beta_tool_passed_to_create_says_to_pass_to_dict_or_use_the_runner(api: Api, beta: bool) -> None:
    @claude_core.beta_tool
    def get_weather(city: str) -> str:
        """The weather in a city."""
        return "sunny"

    tools: List[Any] = [{"name": "echo", "input_schema": {"type": "object"}}, get_weather]
    resource = (lambda c: c.beta.messages) if beta else (lambda c: c.messages)
    with pytest.raises(TypeError) as caught:
        api(lambda c: resource(c).create(model=MODEL, max_tokens=8, messages=USER, tools=tools))
    said = str(caught.value)
    assert "tools[1]" in said and "get_weather.to_dict()" in said and "client.beta.messages.tool_runner" in said
    assert api.emulator.requests == []
    create(api, tools=[get_weather.to_dict()])  # the fix it names works
    assert api.emulator.requests[-1].json()["tools"][0]["name"] == "get_weather"


# -- parse(output_format=...) --------------------------------------------------------------


@pytest.mark.parametrize("output_format", ["json", 3, [str]])
@pytest.mark.parametrize("beta", [False, True])
def test_parse_with_something_not_a_type_says_what_output_format_takes(
    api: Api, output_format: Any, beta: bool
) -> None:
    def parse(c: Any) -> Any:
        messages = c.beta.messages if beta else c.messages
        return messages.parse(model=MODEL, max_tokens=8, messages=USER, output_format=output_format)

    with pytest.raises(TypeError, match=r"output_format takes the type to parse the reply into: a pydantic model") as e:
        api(parse)
    assert repr(output_format) in str(e.value)
    assert api.emulator.requests == []


# -- provider= --------------------------------------------------------------------------


def test_an_unknown_provider_fails_at_construction_naming_the_installed_ones(api: Api) -> None:
    with pytest.raises(claude_core.AnthropicError) as caught:
        api.make(provider="bogus")
    said = str(caught.value)
    assert "unknown provider 'bogus'; installed providers: anthropic, bedrock, emulator" in said
    assert "claude-provider-emulator" not in said
    with pytest.raises(TypeError, match="provider= takes a provider's name"):
        api.make(provider=None)


def test_the_unknown_provider_error_says_how_to_install_the_missing_ones(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = plugins._entry_points
    monkeypatch.setattr(
        plugins, "_entry_points", lambda group: [ep for ep in listed(group) if ep.name not in ("emulator", "vertex")]
    )
    with pytest.raises(claude_core.AnthropicError) as caught:
        api.make(provider="bogus")
    lines = str(caught.value).splitlines()
    assert "installed providers: anthropic, bedrock, testcloud." in lines[0]
    hints = {line.split(":")[0].strip(): line for line in lines[1:]}
    assert sorted(hints) == ["emulator", "vertex"]
    for name, distribution, folder in [
        ("emulator", "claude-emulator", "plugins/emulator"),
        ("vertex", "claude-provider-vertex", "provider_vertex"),
    ]:
        assert f'"{distribution} @ git+https://' in hints[name] and f"#subdirectory={folder}" in hints[name]
        assert f"python3 -m pip install ./{folder})" in hints[name]
        # the from-a-clone command names a folder holding that distribution
        assert f'name = "{distribution}"' in (ROOT / folder / "pyproject.toml").read_text()


def test_a_known_provider_still_constructs(api: Api) -> None:
    client = api.make(provider="emulator")
    assert client.provider == "emulator"
