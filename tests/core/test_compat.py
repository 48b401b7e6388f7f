"""Names that third-party packages import from ``anthropic`` exist at the same paths here,
as the objects the client really runs (so a patch there reaches the code that runs)."""

from __future__ import annotations

import importlib

import pytest

import claude_core
from tests.conftest import MODEL, USER, Api

TOP_LEVEL = [
    "Anthropic",
    "AsyncAnthropic",
    "Client",
    "AsyncClient",
    "DefaultHttpxClient",
    "DefaultAsyncHttpxClient",
    "NOT_GIVEN",
    "omit",
    "HUMAN_PROMPT",
    "AI_PROMPT",
    "APIConnectionError",
    "APIStatusError",
    "BadRequestError",
]


@pytest.mark.parametrize("name", TOP_LEVEL)
def test_top_level_names(name: str) -> None:
    assert getattr(claude_core, name) is not None
    assert name in claude_core.__all__


def test_resource_modules_hold_the_classes_the_client_uses() -> None:
    messages = importlib.import_module("claude_core.resources.messages")
    beta = importlib.import_module("claude_core.resources.beta.messages.messages")
    client = claude_core.Anthropic(api_key="k")
    aclient = claude_core.AsyncAnthropic(api_key="k")
    assert type(client.messages) is messages.Messages
    assert type(aclient.messages) is messages.AsyncMessages
    assert type(client.beta.messages) is beta.Messages
    assert type(aclient.beta.messages) is beta.AsyncMessages


def test_patching_messages_create_reaches_the_call(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    from claude_core.resources import messages

    seen = []
    cls = messages.AsyncMessages if api.is_async else messages.Messages
    original = cls.create

    if api.is_async:

        async def traced(self, **kwargs):  # type: ignore[no-untyped-def]
            seen.append(kwargs["model"])
            return await original(self, **kwargs)

    else:

        def traced(self, **kwargs):  # type: ignore[no-untyped-def]
            seen.append(kwargs["model"])
            return original(self, **kwargs)

    monkeypatch.setattr(cls, "create", traced)
    api(lambda c: c.messages.create(model=MODEL, max_tokens=8, messages=USER))
    assert seen == [MODEL]
