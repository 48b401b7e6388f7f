# pyright: strict
"""The official module paths code imports most (the issue's, and ``COMPAT_SURFACE.md``'s), for the type checkers.

Most of the official 0.79 paths are served at runtime by a finder (``claude_core._compat.paths``),
which type checkers do not see; these are real modules, so ``tox -e typing`` (mypy --strict and
pyright) checks them. With ``claude_core`` replaced by ``anthropic`` the file checks against the
official SDK too. ``test_official_paths_module.py`` runs it against the emulator.
"""

from __future__ import annotations

from typing import List

import claude_core
from claude_core import RequestOptions, Timeout
from claude_core._base_client import DefaultHttpxClient
from claude_core.lib.streaming import BetaMessageStream, BetaMessageStreamManager
from claude_core.types import Message
from claude_core.types.beta.beta_tool_param import BetaToolParam
from claude_core.types.message_create_params import MessageCreateParamsNonStreaming
from claude_core.types.messages.batch_create_params import Request
from claude_core.types.shared import ErrorResponse

TOOL: BetaToolParam = {
    "name": "get_weather",
    "description": "The weather in a city",
    "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}},
}


def client_with_own_http_client(base_url: str, api_key: str) -> claude_core.Anthropic:
    """``http_client=DefaultHttpxClient(...)`` with a ``Timeout``, as the official docs show."""
    return claude_core.Anthropic(
        api_key=api_key, base_url=base_url, http_client=DefaultHttpxClient(timeout=Timeout(30.0, connect=5.0))
    )


def create(client: claude_core.Anthropic, model: str) -> Message:
    params: MessageCreateParamsNonStreaming = {
        "model": model,
        "max_tokens": 32,
        "messages": [{"role": "user", "content": "Hello"}],
        "stream": False,
    }
    message: Message = client.messages.create(**params)
    return message


def beta_stream_text(client: claude_core.Anthropic, model: str) -> str:
    manager: BetaMessageStreamManager[None] = client.beta.messages.stream(
        model=model, max_tokens=32, messages=[{"role": "user", "content": "Hello"}], tools=[TOOL]
    )
    with manager as stream:
        assert isinstance(stream, BetaMessageStream)
        return "".join(stream.text_stream)


def batch_requests(model: str) -> List[Request]:
    return [
        {
            "custom_id": f"r{n}",
            "params": {"model": model, "max_tokens": 8, "messages": [{"role": "user", "content": "Hi"}]},
        }
        for n in range(2)
    ]


def request_options() -> RequestOptions:
    return {"timeout": 20.0}


def error_message(body: ErrorResponse) -> str:
    return body.error.message
