"""Runs ``official_paths_module.py`` (checked statically by ``tox -e typing``) against the emulator over HTTP."""

from __future__ import annotations

from typing import Iterator

import pytest
from claude_emulator import Emulator

import claude_core
from claude_core.types.messages import MessageBatchErroredResult

from . import official_paths_module as paths

MODEL = "claude-sonnet-4-5"


@pytest.fixture
def client(emulator: Emulator) -> Iterator[claude_core.Anthropic]:
    with paths.client_with_own_http_client(emulator.base_url, emulator.api_key) as client:
        yield client


def test_create_with_the_official_params_typeddict(client: claude_core.Anthropic, emulator: Emulator) -> None:
    message = paths.create(client, MODEL)
    assert message.content[0].type == "text"
    assert emulator.requests[0].json()["stream"] is False


def test_beta_stream_with_a_beta_tool_param(client: claude_core.Anthropic, emulator: Emulator) -> None:
    assert paths.beta_stream_text(client, MODEL)
    assert emulator.requests[0].json()["tools"] == [paths.TOOL]


def test_batch_requests_and_the_error_body(client: claude_core.Anthropic) -> None:
    batch = client.messages.batches.create(requests=paths.batch_requests(MODEL))
    assert batch.request_counts.processing + batch.request_counts.succeeded == 2
    errored = MessageBatchErroredResult.model_validate(
        {"type": "errored", "error": {"type": "error", "error": {"type": "overloaded_error", "message": "busy"}}}
    )
    assert paths.error_message(errored.error) == "busy"


def test_request_options_are_per_call_options(client: claude_core.Anthropic) -> None:
    message = client.messages.create(
        model=MODEL, max_tokens=8, messages=[{"role": "user", "content": "Hi"}], **paths.request_options()
    )
    assert message.content
