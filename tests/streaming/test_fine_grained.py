"""With fine-grained tool streaming requested, tool input snapshots keep unfinished strings
(the API then streams tool input unvalidated); without it they leave them out, as the official SDK."""

from __future__ import annotations

from typing import Any, List

from tests.conftest import Api
from tests.streaming.test_streams import params, run_stream

BETA = "fine-grained-tool-streaming-2025-05-14"


def _snapshots(events: List[Any]) -> List[Any]:
    return [event.snapshot for event in events if event.type == "input_json"]


def test_fine_grained_tool_streaming_keeps_unfinished_strings(api: Api) -> None:
    plain, final, _ = run_stream(api, params("tool_use"))
    beta, beta_final, _ = run_stream(api, {**params("tool_use"), "extra_headers": {"anthropic-beta": BETA}})
    unfinished = [s for s in _snapshots(beta) if s.get("city") not in (None, "value for city")]
    assert unfinished, _snapshots(beta)  # a part of the city name, before its closing quote
    assert all(s.get("city") in (None, "value for city") for s in _snapshots(plain))
    assert _snapshots(beta)[-1] == _snapshots(plain)[-1]
    assert beta_final.content[-1].input == final.content[-1].input


def test_the_beta_named_in_betas_counts_too(api: Api) -> None:
    beta = api.client.beta.messages
    if api.is_async:

        async def go() -> List[Any]:
            async with beta.stream(betas=[BETA], **params("tool_use")) as stream:
                return [event async for event in stream]

        events = api.run(go())
    else:
        with beta.stream(betas=[BETA], **params("tool_use")) as stream:
            events = list(stream)
    assert any(s.get("city") not in (None, "value for city") for s in _snapshots(events))
