"""Expiring AWS credentials over real HTTP: botocore's refreshable credentials refresh before an
attempt when they are due, and at once when AWS refuses them (a 403 for a stale token or
signature), repeating the attempt; the async client refreshes in a worker thread.

The emulator accepts only the fresh credentials and recomputes every SigV4 signature.
"""

from __future__ import annotations

import asyncio
import datetime
import threading
from typing import Any, Dict, List

import boto3
import botocore.session
import pytest
from botocore.credentials import RefreshableCredentials
from claude_emulator import Emulator
from conftest import MESSAGES, MODEL

from claude_core import PermissionDeniedError
from provider_bedrock import AnthropicBedrock, AsyncAnthropicBedrock

FRESH = ("ASIAEMULATORFRESH000", "fresh/secret", "fresh-session-token")
STALE = ("ASIAEMULATORSTALE000", "stale/secret", "stale-session-token")


def _metadata(keys: Any, expires_in: datetime.timedelta) -> Dict[str, str]:
    expiry = datetime.datetime.now(datetime.timezone.utc) + expires_in
    access_key, secret_key, token = keys
    return {"access_key": access_key, "secret_key": secret_key, "token": token, "expiry_time": expiry.isoformat()}


class STS:
    """Stands in for an STS AssumeRole: hands out the fresh credentials and records the threads it ran on."""

    def __init__(self) -> None:
        self.threads: List[int] = []

    def __call__(self) -> Dict[str, str]:
        self.threads.append(threading.get_ident())
        return _metadata(FRESH, datetime.timedelta(hours=1))


def _session(sts: STS, *, start: Any, expires_in: datetime.timedelta) -> Any:
    credentials = RefreshableCredentials.create_from_metadata(_metadata(start, expires_in), sts, "assume-role")
    core = botocore.session.Session()
    core._credentials = credentials  # what a boto3 session made from an assumed role holds
    return boto3.Session(botocore_session=core, region_name="us-east-1")


CASES = {
    # expired at the start: refreshed before the first attempt, one request
    "expired": dict(start=STALE, expires_in=datetime.timedelta(minutes=-5), requests=1),
    # still valid for botocore, refused by AWS (revoked, rotated): refreshed after the 403, repeated
    "refused": dict(start=STALE, expires_in=datetime.timedelta(hours=1), requests=2),
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("mode", ["sync", "async"])
def test_expiring_credentials_refresh_and_sign(case: str, mode: str) -> None:
    sts, spec = STS(), CASES[case]
    session = _session(sts, start=spec["start"], expires_in=spec["expires_in"])
    options: Dict[str, Any] = {"aws_session": session, "max_retries": 0}
    with Emulator(aws_credentials=FRESH) as emu:
        if mode == "sync":
            client = AnthropicBedrock(base_url=emu.base_url, **options)
            text = client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES).content[0].text
            with client.messages.stream(model=MODEL, max_tokens=16, messages=MESSAGES) as stream:
                assert stream.get_final_text() == text
        else:

            async def main() -> str:
                async with AsyncAnthropicBedrock(base_url=emu.base_url, **options) as client:
                    message = await client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES)
                    async with client.messages.stream(model=MODEL, max_tokens=16, messages=MESSAGES) as stream:
                        assert await stream.get_final_text() == message.content[0].text
                    return str(message.content[0].text)

            loop_thread = threading.get_ident()  # asyncio.run runs the loop in this thread
            text = asyncio.run(main())
            assert sts.threads and loop_thread not in sts.threads, "the refresh ran on the event loop"
        assert text
        assert len(sts.threads) == 1, "one refresh serves the call and the stream after it"
        sent = emu.requests
        assert len(sent) == spec["requests"] + 1  # the calls' attempts, then the stream's one
        assert [r.headers["x-amz-security-token"] for r in sent[-2:]] == [FRESH[2], FRESH[2]]
        if case == "refused":
            assert sent[0].headers["x-amz-security-token"] == STALE[2]


def test_a_second_refusal_is_raised() -> None:
    """The refresh happens once per call: credentials still refused after it are the caller's error."""
    sts = STS()
    session = _session(sts, start=STALE, expires_in=datetime.timedelta(hours=1))
    with Emulator(aws_credentials=("ASIAEMULATOROTHER000", "other/secret", "other-token")) as emu:
        client = AnthropicBedrock(base_url=emu.base_url, aws_session=session, max_retries=0)
        with pytest.raises(PermissionDeniedError) as caught:
            client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES)
        assert caught.value.type in ("UnrecognizedClientException", "InvalidSignatureException")
        assert len(emu.requests) == 2 and len(sts.threads) == 1
