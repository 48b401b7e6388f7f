"""A Bedrock response's request id: the API's own ``request-id`` when Bedrock passes one on,
else Bedrock's ``x-amzn-requestid``; on messages, raw responses, streams and errors, sync and async."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, Optional

import pytest
from claude_emulator import EMULATOR_AWS_ACCESS_KEY_ID, EMULATOR_AWS_SECRET_ACCESS_KEY, Emulator
from conftest import MESSAGES, MODEL

import claude_core
from provider_bedrock import AnthropicBedrock, AsyncAnthropicBedrock

OPTIONS: Dict[str, Any] = {
    "aws_access_key": EMULATOR_AWS_ACCESS_KEY_ID,
    "aws_secret_key": EMULATOR_AWS_SECRET_ACCESS_KEY,
    "aws_region": "us-east-1",
    "max_retries": 0,
}
PARAMS: Dict[str, Any] = {"model": MODEL, "max_tokens": 16, "messages": MESSAGES}
AMZN = "00000000-0000-4000-8000-"  # the emulator's x-amzn-requestid, numbered


def request_ids(emulator: Emulator, is_async: bool, headers: Dict[str, str]) -> Dict[str, Optional[str]]:
    """The request id of a message, a raw response, a stream and an error, each answered with ``headers``."""

    async def run_async() -> Dict[str, Optional[str]]:
        async with AsyncAnthropicBedrock(base_url=emulator.base_url, **OPTIONS) as client:
            found: Dict[str, Optional[str]] = {}
            emulator.enqueue(headers=headers)
            found["message"] = (await client.messages.create(**PARAMS))._request_id
            emulator.enqueue(headers=headers)
            found["raw"] = (await client.messages.with_raw_response.create(**PARAMS)).request_id
            emulator.enqueue(headers=headers)
            async with client.messages.stream(**PARAMS) as stream:
                await stream.get_final_message()
                found["stream"] = stream.request_id
            emulator.enqueue(status=429, headers=headers)
            with pytest.raises(claude_core.RateLimitError) as caught:
                await client.messages.create(**PARAMS)
            found["error"] = caught.value.request_id
            return found

    if is_async:
        return asyncio.run(run_async())
    with AnthropicBedrock(base_url=emulator.base_url, **OPTIONS) as client:
        assert not client.is_closed()
        found: Dict[str, Optional[str]] = {}
        emulator.enqueue(headers=headers)
        found["message"] = client.messages.create(**PARAMS)._request_id
        emulator.enqueue(headers=headers)
        found["raw"] = client.messages.with_raw_response.create(**PARAMS).request_id
        emulator.enqueue(headers=headers)
        with client.messages.stream(**PARAMS) as stream:
            stream.get_final_message()
            found["stream"] = stream.request_id
        emulator.enqueue(status=429, headers=headers)
        with pytest.raises(claude_core.RateLimitError) as caught:
            client.messages.create(**PARAMS)
        found["error"] = caught.value.request_id
    assert client.is_closed()
    return found


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
def test_request_id_is_the_apis_own_when_bedrock_passes_it_on(emulator: Emulator, is_async: bool) -> None:
    found = request_ids(emulator, is_async, {"request-id": "req_011CPassedOn"})
    assert found == dict.fromkeys(("message", "raw", "stream", "error"), "req_011CPassedOn")


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
def test_request_id_is_bedrocks_without_one(emulator: Emulator, is_async: bool) -> None:
    found = request_ids(emulator, is_async, {})
    assert all(value is not None and value.startswith(AMZN) for value in found.values()), found
    assert len(set(found.values())) == len(found)  # each response's own


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
def test_a_gateways_html_error_page_is_kept_stripped(emulator: Emulator, is_async: bool) -> None:
    page = b"\n\n<html><body>502 Bad Gateway</body></html>\n  "
    emulator.enqueue(status=502, body=page, headers={"content-type": "text/html"})

    async def run_async() -> Any:
        async with AsyncAnthropicBedrock(base_url=emulator.base_url, **OPTIONS) as client:
            return await client.messages.create(**PARAMS)

    def run_sync() -> Any:
        with AnthropicBedrock(base_url=emulator.base_url, **OPTIONS) as client:
            return client.messages.create(**PARAMS)

    with pytest.raises(claude_core.InternalServerError) as caught:
        asyncio.run(run_async()) if is_async else run_sync()
    stripped = page.decode().strip()
    assert caught.value.body == stripped and str(caught.value) == stripped
    assert caught.value.request_id is not None and caught.value.request_id.startswith(AMZN)
