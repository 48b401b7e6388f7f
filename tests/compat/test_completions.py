"""The legacy Text Completions API (``client.completions.create``, ``POST /v1/complete``):
plain, streamed and raw, sync and async, over real HTTP against the emulator."""

from __future__ import annotations

import inspect
import json
from typing import Any, List
from unittest import mock

import pytest

import claude_core
from claude_core import AI_PROMPT, HUMAN_PROMPT
from claude_core.resources import completions as completions_module
from claude_core.streaming import IncompleteStreamError
from claude_core.types import Completion
from tests.conftest import Api

MODEL = "claude-haiku-4-5"
PROMPT = f"{HUMAN_PROMPT} hello there{AI_PROMPT}"


def _streamed(api: Api, **params: Any) -> List[Completion]:
    if api.is_async:

        async def read(c: Any) -> List[Completion]:
            return [piece async for piece in await c.completions.create(stream=True, **params)]

        return api(read)  # type: ignore[no-any-return]
    return list(api.client.completions.create(stream=True, **params))


def test_create_returns_a_completion(api: Api) -> None:
    completion = api(lambda c: c.completions.create(model=MODEL, max_tokens_to_sample=20, prompt=PROMPT))
    assert isinstance(completion, Completion)
    assert completion.type == "completion" and completion.model == MODEL
    assert completion.completion == " Echo: hello there" and completion.stop_reason == "stop_sequence"
    assert completion._request_id is not None
    request = api.emulator.requests[-1]
    assert (request.method, request.path) == ("POST", "/v1/complete")


def test_stream_yields_completions_ending_with_the_stop_reason(api: Api) -> None:
    pieces = _streamed(api, prompt=PROMPT, max_tokens_to_sample=20, model=MODEL)
    assert all(isinstance(piece, Completion) for piece in pieces)
    assert "".join(piece.completion for piece in pieces) == " Echo: hello there"
    assert [piece.stop_reason for piece in pieces][-1] == "stop_sequence"
    assert all(piece.stop_reason is None for piece in pieces[:-1])


def test_body_keys_in_the_official_order(api: Api) -> None:
    api(
        lambda c: c.completions.create(
            top_p=0.5,
            temperature=0.1,
            stop_sequences=[HUMAN_PROMPT],
            prompt=PROMPT,
            model=MODEL,
            max_tokens_to_sample=5,
        )
    )
    assert list(json.loads(api.emulator.requests[-1].body)) == [
        "max_tokens_to_sample",
        "model",
        "prompt",
        "stop_sequences",
        "temperature",
        "top_p",
    ]


def test_a_stream_cut_before_the_stop_reason_is_incomplete(api: Api) -> None:
    piece = {"type": "completion", "id": "compl_1", "completion": " Hi", "stop_reason": None, "model": MODEL}
    api.emulator.enqueue(sse=f"event: completion\ndata: {json.dumps(piece)}\n\n".encode())
    with pytest.raises(IncompleteStreamError):
        _streamed(api, model=MODEL, max_tokens_to_sample=5, prompt=PROMPT)


def test_raw_response_and_betas(api: Api) -> None:
    raw = api(
        lambda c: c.completions.with_raw_response.create(
            model=MODEL, max_tokens_to_sample=5, prompt=PROMPT, betas=["beta-1", "beta-2"]
        )
    )
    assert raw.status_code == 200 and raw.http_request.headers["anthropic-beta"] == "beta-1,beta-2"
    assert raw.parse().completion.startswith(" Echo")


def test_errors_and_bad_input(api: Api) -> None:
    with pytest.raises(claude_core.BadRequestError):
        api(lambda c: c.completions.create(model=MODEL, max_tokens_to_sample=5, prompt="no human turn"))
    with pytest.raises(TypeError, match="'max_tokens' \\(did you mean 'max_tokens_to_sample'\\?\\)"):
        api(lambda c: c.completions.create(model=MODEL, max_tokens=5, prompt=PROMPT))
    with pytest.raises(TypeError, match="missing required argument"):
        api(lambda c: c.completions.create(model=MODEL, prompt=PROMPT))


def test_signature_and_patching_reach_the_call(api: Api) -> None:
    parameters = list(inspect.signature(completions_module.Completions.create).parameters)
    assert parameters[:4] == ["self", "max_tokens_to_sample", "model", "prompt"]
    cls = completions_module.AsyncCompletions if api.is_async else completions_module.Completions
    with mock.patch.object(cls, "create", autospec=True, side_effect=cls.create) as patched:
        api(lambda c: c.completions.create(model=MODEL, max_tokens_to_sample=5, prompt=PROMPT))
    assert patched.call_count == 1
