"""Transports compose: one base transport (``claude_transport``) inside any number of
wrappers (``claude_wrap_transport``), in a documented order; copies with other plugins get
their own connection pool.

The wrappers are the ``claude-test-wrappers`` fixture package (``outer`` is tryfirst,
``inner`` trylast); the replaced base is the ``claude-test-thirdparty`` transport.
"""

from __future__ import annotations

from typing import Any, List, Tuple

import pytest
from claude_test_thirdparty import plugin as thirdparty
from claude_test_wrappers import Stamping

import claude_core
from claude_core import hookimpl

from ..conftest import MODEL, USER, Api

PARAMS: Any = {"model": MODEL, "max_tokens": 16, "messages": USER}


def test_two_wrappers_around_a_replaced_base(api: Api) -> None:
    log: List[Tuple[str, str, str]] = []
    before = len(thirdparty.TRANSPORTS)
    client = api.make(
        provider_options={"wrappers": log, "thirdparty": {"secret": api.emulator.api_key, "transport": True}}
    )
    api(lambda c: c.messages.create(**PARAMS), client)
    api(lambda c: c.messages.create(**PARAMS), client)
    base = "CountingAsyncTransport" if api.is_async else "CountingTransport"
    # inner wraps the base, outer wraps inner; both were told the provider
    assert log == [("inner", "anthropic", base), ("outer", "anthropic", "Stamping")]
    first, second = api.emulator.requests
    assert first.headers["x-wrapped"] == "outer,inner"  # outer sees each request first
    assert first.headers["x-thirdparty-transport"] == "1" and second.headers["x-thirdparty-transport"] == "2"
    assert len(thirdparty.TRANSPORTS) == before + 1


def test_wrappers_stack_on_the_default_base(api: Api) -> None:
    log: List[Tuple[str, str, str]] = []
    client = api.make(provider_options={"wrappers": log})
    api(lambda c: c.messages.create(**PARAMS), client)
    assert [entry[2] for entry in log] == ["ShardedTransport", "Stamping"]
    assert api.emulator.requests[-1].headers["x-wrapped"] == "outer,inner"


class Tagging:
    """A per-client wrapper with no ordering mark: it lands between ``outer`` (tryfirst) and ``inner`` (trylast)."""

    @hookimpl
    def claude_wrap_transport(self, transport: Any) -> Stamping:
        return Stamping("tag", transport)


def test_a_copy_with_other_plugins_gets_its_own_transport(api: Api) -> None:
    parent = api.make(provider_options={"wrappers": []})
    api(lambda c: c.messages.create(**PARAMS), parent)
    same = parent.with_options(max_retries=5)
    other = parent.with_options(plugins=[Tagging()])
    # the copy with another plugin connects first now: it must not pick the parent's transport, nor share it
    api(lambda c: c.messages.create(**PARAMS), other)
    api(lambda c: c.messages.create(**PARAMS), same)
    tagged, shared = api.emulator.requests[1:]
    assert tagged.headers["x-wrapped"] == "outer,tag,inner"
    assert shared.headers["x-wrapped"] == "outer,inner"
    assert other._connection is not parent._connection
    assert same._connection is parent._connection
    other_options = parent.with_options(provider_options={"wrappers": None})
    assert other_options._connection is not parent._connection
    api(lambda c: c.messages.create(**PARAMS), other_options)
    assert "x-wrapped" not in api.emulator.requests[-1].headers


def test_the_built_in_signer_takes_the_fast_path_with_other_signers_installed(api: Api) -> None:
    """The thirdparty plugin's signer is installed for every client; for API-key
    credentials it declines, so it is asked once and the built-in path signs afterwards."""
    client = api.make()
    before = len(thirdparty.SIGN_CALLS)
    for _ in range(3):
        api(lambda c: c.messages.create(**PARAMS), client)
    assert len(thirdparty.SIGN_CALLS) == before + 1
    assert client._pipeline.primary.builtin_signing is True
    assert all(r.headers["x-api-key"] == api.emulator.api_key for r in api.emulator.requests)


def test_a_plugin_signer_signs_every_attempt(api: Api) -> None:
    client = api.make(api_key=None, provider_options={"thirdparty": {"secret": api.emulator.api_key}})
    before = len(thirdparty.SIGN_CALLS)
    api.emulator.enqueue(status=529, headers={"retry-after-ms": "1"})
    api(lambda c: c.messages.create(**PARAMS), client)
    api(lambda c: c.messages.create(**PARAMS), client)
    assert len(thirdparty.SIGN_CALLS) == before + 3
    assert client._pipeline.primary.builtin_signing is False
    assert [r.headers["x-thirdparty-signed"] for r in api.emulator.requests] == ["yes"] * 3


def test_pluggy_wrappers_are_refused_where_implementations_are_called_one_by_one(api: Api) -> None:
    class WrappingSigner:
        @hookimpl(wrapper=True)
        def claude_sign_request(self) -> Any:
            return (yield)

    with pytest.raises(claude_core.PluginError, match="wrapper=True"):
        api(lambda c: c.messages.create(**PARAMS), api.make(plugins=[WrappingSigner()]))
