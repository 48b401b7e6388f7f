"""Calls written for the official SDK run unchanged: the same bytes on the wire, the same
signatures, the same errors for bad input (or clearer ones), the same warnings."""

from __future__ import annotations

import inspect
import warnings
from typing import Any, Dict, List

import httpx
import pytest
from claude_emulator import Emulator

import claude_core
from claude_core.resources import messages as messages_module
from claude_core.resources import models as models_module
from claude_core.resources.beta.messages import messages as beta_messages_module
from tests import conftest
from tests.conftest import MODEL, USER, Api

TOOLS = [
    {
        "name": "get",
        "description": "d",
        "input_schema": {"type": "object", "properties": {"q": {"type": "string"}}},
    }
]
#: One create call as a user might write it: keyword arguments in no particular order.
CREATE: Dict[str, Any] = {
    "top_p": 0.9,
    "tools": TOOLS,
    "thinking": {"type": "enabled", "budget_tokens": 2000},
    "messages": [{"role": "user", "content": "héllo ✓"}],
    "stop_sequences": ["x"],
    "model": MODEL,
    "temperature": 0.5,
    "service_tier": "auto",
    "tool_choice": {"type": "auto"},
    "system": "be brief",
    "top_k": 3,
    "metadata": {"user_id": "u"},
    "max_tokens": 4000,
}
#: The body the official SDK 0.79.0 sends for CREATE (captured from it): its key order, compact
#: separators, non-ASCII characters as they are.
CREATE_BODY = (
    '{"max_tokens":4000,"messages":[{"role":"user","content":"héllo ✓"}],"model":"claude-sonnet-4-5",'
    '"metadata":{"user_id":"u"},"service_tier":"auto","stop_sequences":["x"],"system":"be brief",'
    '"temperature":0.5,"thinking":{"type":"enabled","budget_tokens":2000},"tool_choice":{"type":"auto"},'
    '"tools":[{"name":"get","description":"d","input_schema":{"type":"object","properties":{"q":{"type":"string"}}}}],'
    '"top_k":3,"top_p":0.9}'
)
#: ``messages.stream()`` with every parameter the official one takes, and the body it sends.
STREAM: Dict[str, Any] = {
    "tool_choice": {"type": "none"},
    "top_p": 0.5,
    "thinking": {"type": "disabled"},
    "system": "s",
    "model": MODEL,
    "metadata": {},
    "tools": [],
    "temperature": 1,
    "stop_sequences": ["a"],
    "service_tier": "auto",
    "output_config": {"effort": "low"},
    "messages": USER,
    "top_k": 1,
    "inference_geo": "us",
    "max_tokens": 100,
}
STREAM_BODY = (
    '{"max_tokens":100,"messages":[{"role":"user","content":"Hello there, Claude"}],"model":"claude-sonnet-4-5",'
    '"inference_geo":"us","metadata":{},"output_config":{"effort":"low"},"service_tier":"auto",'
    '"stop_sequences":["a"],"system":"s","temperature":1,"top_k":1,"top_p":0.5,"tools":[],'
    '"thinking":{"type":"disabled"},"tool_choice":{"type":"none"},"stream":true}'
)


def _bodies(emulator: Emulator) -> List[str]:
    return [request.body.decode() for request in emulator.requests if request.method == "POST"]


def _quietly(api: Api, fn: Any) -> Any:
    """Run a call whose answer does not matter here (the emulator may refuse it)."""
    try:
        return api(fn)
    except claude_core.APIStatusError:
        return None


# -- bodies --------------------------------------------------------------------------------------


def test_create_body_matches_the_official_sdk_byte_for_byte(api: Api, emulator: Emulator) -> None:
    api(lambda c: c.messages.create(**CREATE))
    reordered = dict(sorted(CREATE.items()))
    api(lambda c: c.messages.create(**reordered))
    assert _bodies(emulator) == [CREATE_BODY, CREATE_BODY]


def test_stream_helper_body_has_its_own_order_and_stream_last(api: Api, emulator: Emulator) -> None:
    if api.is_async:

        async def run(c: Any) -> None:
            async with c.messages.stream(**STREAM) as stream:
                await stream.get_final_message()

        api(run)
    else:
        with api.client.messages.stream(**STREAM) as stream:
            stream.get_final_message()
    assert _bodies(emulator) == [STREAM_BODY]


def test_create_stream_true_puts_stream_in_its_alphabetical_place(api: Api, emulator: Emulator) -> None:
    if api.is_async:

        async def run(c: Any) -> None:
            async for _ in await c.messages.create(temperature=1, stream=True, system="s", **_base()):
                pass

        api(run)
    else:
        for _ in api.client.messages.create(temperature=1, stream=True, system="s", **_base()):
            pass
    assert _bodies(emulator) == [
        '{"max_tokens":16,"messages":[{"role":"user","content":"Hello there, Claude"}],"model":"claude-sonnet-4-5",'
        '"stream":true,"system":"s","temperature":1}'
    ]


def test_an_explicit_stream_false_is_sent_like_the_official_sdk_sends_it(api: Api, emulator: Emulator) -> None:
    api(lambda c: c.messages.create(stream=False, **_base()))
    api(lambda c: c.messages.create(**_base()))
    assert [body.count('"stream":false') for body in _bodies(emulator)] == [1, 0]


def test_extra_body_keys_go_last_and_replace_in_place(api: Api, emulator: Emulator) -> None:
    _quietly(api, lambda c: c.messages.create(extra_body={"zzz": 1, "max_tokens": 17, "aaa": 2}, **_base()))
    assert _bodies(emulator) == [
        '{"max_tokens":17,"messages":[{"role":"user","content":"Hello there, Claude"}],"model":"claude-sonnet-4-5",'
        '"zzz":1,"aaa":2}'
    ]


def test_count_tokens_and_beta_bodies_follow_their_methods_order(api: Api, emulator: Emulator) -> None:
    api(lambda c: c.messages.count_tokens(tools=[], system="s", messages=USER, model=MODEL))
    _quietly(
        api,
        lambda c: c.beta.messages.create(
            speed="fast", container="c", betas=["x-1"], temperature=1, system="s", **_base()
        ),
    )
    count, beta = _bodies(emulator)
    assert count == (
        '{"messages":[{"role":"user","content":"Hello there, Claude"}],"model":"claude-sonnet-4-5",'
        '"system":"s","tools":[]}'
    )
    assert beta == (
        '{"max_tokens":16,"messages":[{"role":"user","content":"Hello there, Claude"}],"model":"claude-sonnet-4-5",'
        '"container":"c","speed":"fast","system":"s","temperature":1}'
    )


def test_query_lists_are_comma_joined_and_booleans_lowercase(api: Api, emulator: Emulator) -> None:
    api(lambda c: c.models.list(limit=2, extra_query={"tags": ["a", "b"], "flag": True}))
    (request,) = emulator.requests
    assert request.query == {"limit": "2", "tags": "a,b", "flag": "true"}


def test_query_parameters_follow_the_methods_order(emulator: Emulator) -> None:
    seen: List[httpx.URL] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url)
        return httpx.Response(200, json={"data": [], "has_more": False, "first_id": None, "last_id": None})

    http = httpx.Client(transport=httpx.MockTransport(handler))
    with claude_core.Anthropic(api_key="k", http_client=http) as client:
        client.models.list(limit=2, before_id="b", after_id="a")
    assert seen[0].query == b"after_id=a&before_id=b&limit=2"


def _base() -> Dict[str, Any]:
    return {"model": MODEL, "max_tokens": 16, "messages": USER}


# -- signatures and unknown keywords -------------------------------------------------------------


@pytest.mark.parametrize(
    "method",
    [
        messages_module.Messages.create,
        messages_module.AsyncMessages.create,
        beta_messages_module.Messages.create,
        beta_messages_module.AsyncMessages.create,
    ],
)
def test_create_signature_shows_its_real_parameters(method: Any) -> None:
    parameters = inspect.signature(method).parameters
    assert list(parameters)[:4] == ["self", "max_tokens", "messages", "model"]
    for name in ("system", "temperature", "tools", "stream", "extra_headers", "extra_body", "timeout"):
        assert parameters[name].kind is inspect.Parameter.KEYWORD_ONLY
    assert parameters["max_tokens"].default is inspect.Parameter.empty
    assert parameters["temperature"].default is claude_core.omit
    assert parameters["temperature"].annotation is float
    assert ("betas" in parameters) == method.__module__.startswith("claude_core.resources.beta")


def test_signatures_of_the_other_methods() -> None:
    client = claude_core.Anthropic(api_key="k")
    stream = inspect.signature(client.messages.stream).parameters
    assert "stream" not in stream and list(stream)[:3] == ["max_tokens", "messages", "model"]
    assert list(inspect.signature(client.messages.count_tokens).parameters)[:2] == ["messages", "model"]
    assert list(inspect.signature(client.models.list).parameters)[:3] == ["after_id", "before_id", "limit"]
    assert list(inspect.signature(models_module.AsyncModels.retrieve).parameters)[:2] == ["self", "model_id"]
    assert (
        "max_tokens" in (messages_module.Messages.create.__doc__ or "")
        or inspect.signature(messages_module.Messages.create).parameters["max_tokens"]
    )


def test_help_shows_the_parameters() -> None:
    import pydoc

    text = pydoc.render_doc(messages_module.Messages.create, renderer=pydoc.plaintext)
    assert "max_tokens" in text and "temperature" in text and "**params" not in text


def test_an_unknown_keyword_is_a_type_error_naming_the_closest_one(api: Api, emulator: Emulator) -> None:
    with pytest.raises(TypeError, match=r"messages.create\(\) got unexpected keyword argument\(s\): 'temprature' "
                       r"\(did you mean 'temperature'\?\)"):  # fmt: skip
        api(lambda c: c.messages.create(temprature=0.5, **_base()))
    with pytest.raises(TypeError, match="'stream'"):
        api.client.messages.stream(stream=True, **_base())
    with pytest.raises(TypeError, match=r"count_tokens\(\) got unexpected keyword argument\(s\): 'max_tokens'"):
        api(lambda c: c.messages.count_tokens(**_base()))
    with pytest.raises(TypeError, match="'betas'"):
        api(lambda c: c.messages.create(betas=["x"], **_base()))
    with pytest.raises(TypeError, match=r"'limt' \(did you mean 'limit'\?\)"):
        api.client.models.list(limt=2)
    assert emulator.requests == []


def test_stream_must_be_a_bool(api: Api) -> None:
    with pytest.raises(TypeError, match="stream=True or stream=False"):
        api(lambda c: c.messages.create(stream="yes", **_base()))


# -- bad client input ----------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [claude_core.Anthropic, claude_core.AsyncAnthropic])
def test_bad_constructor_arguments_name_the_parameter(cls: Any) -> None:
    with pytest.raises(TypeError, match=r"timeout=\.\.\.\) takes seconds"):
        cls(api_key="k", timeout="abc")
    with pytest.raises(TypeError, match=r"http_client=\.\.\.\) takes an httpx\.(Async)?Client instance"):
        cls(api_key="k", http_client="httpx")
    wrong = httpx.Client() if cls is claude_core.AsyncAnthropic else httpx.AsyncClient()
    with pytest.raises(TypeError, match="http_client"):
        cls(api_key="k", http_client=wrong)
    with pytest.raises(TypeError, match=r"api_key=\.\.\.\) takes a str"):
        cls(api_key=123)
    with pytest.raises(TypeError, match="base_url"):
        cls(api_key="k", base_url=8080)
    with pytest.raises(ValueError, match="positive"):
        cls(api_key="k", timeout=-1)


def test_a_bad_per_call_timeout_is_a_type_error_before_any_request(api: Api, emulator: Emulator) -> None:
    with pytest.raises(TypeError, match=r"timeout= takes seconds"):
        api(lambda c: c.messages.create(timeout="abc", **_base()))
    assert emulator.requests == []


def test_a_closed_client_refuses_calls(api: Api, emulator: Emulator) -> None:
    client = api.make()
    api(lambda c: c.messages.create(**_base()), client)
    api.run(client.close())
    with pytest.raises(RuntimeError, match="was closed"):
        api(lambda c: c.messages.create(**_base()), client)
    copy = client.with_options(timeout=5.0)  # shares the closed pool
    with pytest.raises(RuntimeError, match="was closed"):
        api(lambda c: c.messages.create(**_base()), copy)
    assert len(emulator.requests) == 1


# -- client attributes ---------------------------------------------------------------------------


def test_api_key_and_auth_token_are_the_ones_in_use(
    api: Api, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", emulator.api_key)
    client = api.make(api_key=None)
    assert client.api_key == emulator.api_key and client.auth_token is None
    monkeypatch.setenv("ANTHROPIC_AUTH_TOKEN", "tok-from-env")
    assert api.make(api_key=None).auth_token == "tok-from-env"
    assert api.make(api_key="explicit").api_key == "explicit"
    assert api(lambda c: c.messages.create(**_base()), client).content


def test_underscore_client_is_the_httpx_client_requests_use(api: Api, emulator: Emulator) -> None:
    http = api.client._client
    assert isinstance(http, httpx.AsyncClient if api.is_async else httpx.Client)
    api(lambda c: c.messages.create(**_base()))
    assert api.client._client is http


def test_client_with_raw_response(api: Api) -> None:
    raw = api(lambda c: c.with_raw_response.messages.create(**_base()))
    assert raw.status_code == 200 and raw.parse().content
    beta = _quietly(api, lambda c: c.with_raw_response.beta.messages.create(betas=["b-1"], **_base()))
    assert beta is None or beta.http_request.headers["anthropic-beta"] == "b-1"
    with pytest.raises(AttributeError):
        api.client.with_raw_response.api_key  # noqa: B018


# -- warnings ------------------------------------------------------------------------------------


def test_a_deprecated_model_warns_at_the_callers_line(api: Api) -> None:
    with pytest.warns(DeprecationWarning, match="claude-3-opus-20240229.*end of life") as caught:
        _quietly(api, lambda c: c.messages.create(**{**_base(), "model": "claude-3-opus-20240229"}))
    _assert_points_at_caller(api, caught[0].filename)


def test_enabled_thinking_warns_where_adaptive_thinking_replaces_it(api: Api) -> None:
    thinking = {"type": "enabled", "budget_tokens": 1024}
    with pytest.warns(UserWarning, match="adaptive") as caught:
        _quietly(api, lambda c: c.messages.create(thinking=thinking, **{**_base(), "model": "claude-opus-4-6"}))
    _assert_points_at_caller(api, caught[0].filename)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _quietly(
            api, lambda c: c.messages.create(thinking={"type": "adaptive"}, **{**_base(), "model": "claude-opus-4-6"})
        )
        _quietly(api, lambda c: c.messages.create(thinking=thinking, **_base()))


def _assert_points_at_caller(api: Api, filename: str) -> None:
    """The warning names the user's line: the call's (sync), or the awaiting coroutine's (async)."""
    if api.is_async:
        assert filename == conftest.__file__  # ``Api`` awaits the coroutine there
    else:
        assert filename == __file__


# -- the kwargs TypedDicts -----------------------------------------------------------------------

WIDENED = [
    ("MessageCreateKwargs", "MessageCreateParams"),
    ("BetaMessageCreateKwargs", "BetaMessageCreateParams"),
    ("MessageCountTokensKwargs", "MessageCountTokensParams"),
    ("BetaMessageCountTokensKwargs", "BetaMessageCountTokensParams"),
    ("CompletionCreateKwargs", "CompletionCreateParamsBase"),
    ("ModelListKwargs", "ModelListParams"),
]


@pytest.mark.parametrize(("kwargs_name", "params_name"), WIDENED)
def test_kwargs_hold_exactly_the_parameters_and_the_options(kwargs_name: str, params_name: str) -> None:
    """The methods' kwargs TypedDicts (which also accept NOT_GIVEN and omit) never drift from the
    parameter sets: the same keys, the same required ones, plus the per-call options."""
    from claude_core import types
    from claude_core._types import RequestOptions
    from claude_core.resources import _kwargs
    from claude_core.types import completion_create_params

    kwargs = getattr(_kwargs, kwargs_name)
    params = getattr(types, params_name, None) or getattr(completion_create_params, params_name)
    assert set(kwargs.__annotations__) == set(params.__annotations__) | set(RequestOptions.__annotations__)
    assert kwargs.__required_keys__ == params.__required_keys__


def test_the_written_out_keys_are_the_parameters() -> None:
    """messages' specs name the keys of MessageCreateParams and MessageCountTokensParams without
    importing them (a plain create does not load the TypedDicts): the names, and their order,
    which the request bodies' key order follows, never drift."""
    from claude_core.types import MessageCountTokensParams, MessageCreateParams

    for keys, params in (
        (messages_module.CREATE_KEYS, MessageCreateParams),
        (messages_module.COUNT_TOKENS_KEYS, MessageCountTokensParams),
    ):
        assert list(keys) == list(params.__annotations__)


def test_not_given_and_omit_leave_a_parameter_out(api: Api, emulator: Emulator) -> None:
    api(lambda c: c.messages.create(temperature=claude_core.NOT_GIVEN, top_k=claude_core.omit, **_base()))
    assert list(emulator.requests[-1].json()) == ["max_tokens", "messages", "model"]
