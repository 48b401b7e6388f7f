"""The plugin contract: discovery through entry points, per-client plugins, disabling, failures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from typing import Any, List, Optional

import httpx
import pytest
from claude_test_thirdparty import plugin as thirdparty

import claude_core
from claude_core import hookimpl
from claude_core.plugins import describe
from claude_core.retries import Attempt, RetryDecision
from tests.conftest import MODEL, USER, Api


def create(api: Api, client: Any) -> Any:
    return api(lambda c: c.messages.create(model=MODEL, max_tokens=8, messages=USER), client)


def test_installed_plugin_overrides_credentials_and_signing(api: Api) -> None:
    client = api.make(api_key=None, provider_options={"thirdparty": {"secret": api.emulator.api_key}})
    assert create(api, client).content
    headers = api.emulator.requests[-1].headers
    assert headers["x-thirdparty-signed"] == "yes"
    assert headers["x-api-key"] == api.emulator.api_key


def test_installed_plugin_overrides_transport(api: Api) -> None:
    before = len(thirdparty.TRANSPORTS)
    client = api.make(provider_options={"thirdparty": {"secret": api.emulator.api_key, "transport": True}})
    create(api, client)
    create(api, client)
    assert len(thirdparty.TRANSPORTS) == before + 1
    assert thirdparty.TRANSPORTS[-1].sent == 2
    assert api.emulator.requests[-1].headers["x-thirdparty-transport"] == "2"


def test_installed_plugin_overrides_retry_policy(api: Api) -> None:
    client = api.make(max_retries=0, provider_options={"thirdparty": {"secret": api.emulator.api_key, "retry": True}})
    for _ in range(2):
        api.emulator.enqueue(status=400, json={"type": "error", "error": {"type": "x", "message": "y"}})
    assert create(api, client).content
    assert len(api.emulator.requests) == 3


def test_installed_plugin_is_inert_for_other_clients(api: Api) -> None:
    create(api, api.client)
    assert "x-thirdparty-signed" not in api.emulator.requests[-1].headers


class HeaderPlugin:
    """A per-client plugin that signs with an extra header."""

    def __init__(self, value: str) -> None:
        self.value = value
        self.seen: List[int] = []

    @hookimpl(tryfirst=True)
    def claude_sign_request(self, request: httpx.Request, credentials: Any) -> Optional[httpx.Request]:
        request.headers["x-per-client"] = self.value
        request.headers["x-api-key"] = credentials.api_key.get_secret_value()
        return request


class CountingPolicy:
    def __init__(self) -> None:
        self.attempts: List[Attempt] = []

    def decide(self, attempt: Attempt) -> RetryDecision:
        self.attempts.append(attempt)
        return RetryDecision(attempt.retries_taken < 1, 0.0)


class PolicyPlugin:
    def __init__(self, policy: CountingPolicy) -> None:
        self.policy = policy

    @hookimpl
    def claude_retry_policy(self) -> CountingPolicy:
        return self.policy


def test_per_client_plugins_apply_to_that_client_only(api: Api) -> None:
    plugged = api.make(plugins=[HeaderPlugin("one")])
    create(api, plugged)
    assert api.emulator.requests[-1].headers["x-per-client"] == "one"
    create(api, api.client)
    assert "x-per-client" not in api.emulator.requests[-1].headers


class SpecnamePlugin:
    """Hook implementations under another name and as a static method."""

    @hookimpl(specname="claude_sign_request", tryfirst=True)
    def stamp(self, request: httpx.Request, credentials: Any) -> Optional[httpx.Request]:
        request.headers["x-stamped"] = "yes"
        request.headers["x-api-key"] = credentials.api_key.get_secret_value()
        return request

    @staticmethod
    @hookimpl
    def claude_retry_policy() -> CountingPolicy:
        return CountingPolicy()


def test_hook_implementations_are_found_under_their_specname_and_as_static_methods(api: Api) -> None:
    client = api.make(plugins=[SpecnamePlugin()])
    api.emulator.enqueue(status=503, json={})
    create(api, client)
    assert api.emulator.requests[-1].headers["x-stamped"] == "yes"
    assert len(api.emulator.requests) == 2  # CountingPolicy retried the 503 once


def test_a_module_plugin_may_hold_a_bound_method_as_hook_implementation(api: Api) -> None:
    module = types.ModuleType("bound_plugin")
    module.claude_sign_request = HeaderPlugin("bound").claude_sign_request  # type: ignore[attr-defined]
    module.CountingPolicy = CountingPolicy  # type: ignore[attr-defined]  (a class: never a hook implementation)
    create(api, api.make(plugins=[module]))
    assert api.emulator.requests[-1].headers["x-per-client"] == "bound"


def test_per_client_retry_policy_sees_each_attempt(api: Api) -> None:
    policy = CountingPolicy()
    client = api.make(plugins=[PolicyPlugin(policy)])
    api.emulator.enqueue(status=503, json={})
    api.emulator.enqueue(status=503, json={})
    with pytest.raises(claude_core.InternalServerError):
        create(api, client)
    assert [a.retries_taken for a in policy.attempts] == [0, 1]
    assert all(a.response is not None and a.response.status_code == 503 for a in policy.attempts)


def test_sign_hook_runs_on_every_attempt(api: Api) -> None:
    calls: List[str] = []

    class Signer:
        @hookimpl(tryfirst=True)
        def claude_sign_request(self, request: httpx.Request, credentials: Any) -> httpx.Request:
            calls.append(request.headers.get("x-api-key", "unsigned"))
            request.headers["x-api-key"] = credentials.api_key.get_secret_value()
            return request

    client = api.make(plugins=[Signer()])
    api.emulator.enqueue(status=500, json={}, headers={"retry-after-ms": "1"})
    create(api, client)
    create(api, client)
    assert calls == ["unsigned", "unsigned", "unsigned"]
    assert len(api.emulator.requests) == 3


def test_a_declining_signer_is_asked_once_then_the_built_in_fast_path_signs(api: Api) -> None:
    calls: List[str] = []

    class Decliner:
        @hookimpl(tryfirst=True)
        def claude_sign_request(self, request: httpx.Request) -> None:
            calls.append(request.headers.get("x-api-key", "unsigned"))

    client = api.make(plugins=[Decliner()])
    api.emulator.enqueue(status=500, json={}, headers={"retry-after-ms": "1"})
    create(api, client)
    create(api, client)
    assert calls == ["unsigned"]  # asked once per client and deployment
    assert len(api.emulator.requests) == 3
    assert all(r.headers["x-api-key"] == api.emulator.api_key for r in api.emulator.requests)


def test_disable_plugins_per_client(api: Api) -> None:
    client = api.make(
        api_key=None,
        provider_options={"thirdparty": {"secret": api.emulator.api_key}},
        disable_plugins=["thirdparty"],
    )
    with pytest.raises(claude_core.MissingCredentialsError):
        create(api, client)


class Exploding:
    @hookimpl
    def claude_credentials(self) -> None:
        raise KeyError("vault unreachable")


def test_a_raising_hook_names_its_plugin(api: Api) -> None:
    client = api.make(api_key=None, plugins=[Exploding()])
    with pytest.raises(claude_core.PluginError) as caught:
        create(api, client)
    assert caught.value.hook == "claude_credentials"
    assert "Exploding" in caught.value.plugin or "vault unreachable" in str(caught.value)
    assert "vault unreachable" in str(caught.value)
    assert isinstance(caught.value.__cause__, KeyError)


def test_describe_lists_providers_and_plugins() -> None:
    rows = describe()
    providers = {row["name"] for row in rows if row["kind"] == "provider"}
    assert {"anthropic", "emulator"} <= providers
    plugins = {row["name"]: row for row in rows if row["kind"] == "plugin"}
    assert set(plugins["thirdparty"]["hooks"]) == {
        "claude_credentials",
        "claude_sign_request",
        "claude_transport",
        "claude_retry_policy",
    }
    assert plugins["thirdparty"]["entry_point"] == "claude_test_thirdparty.plugin"
    assert "broken" not in plugins
    assert plugins["claude_core.default_plugins.retry"]["hooks"] == ["claude_retry_policy"]


def test_unknown_provider_is_a_clear_error(api: Api) -> None:
    with pytest.raises(
        claude_core.AnthropicError, match=r"unknown provider 'nonesuch'.*installed providers: .*emulator"
    ):
        api.make(provider="nonesuch")  # at construction, not at the first request
    assert api.emulator.requests == []


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_CORE_"))}
    environment.update(env)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, timeout=60)


EMULATOR_CALL = (
    "import claude_core\n"
    "c = claude_core.Anthropic(provider='emulator')\n"
    "m = c.messages.create(model='claude-sonnet-4-5', max_tokens=8, messages=[{'role':'user','content':'hi'}])\n"
    "print('OK', m.content[0].text)\n"
)


def test_broken_plugin_gives_one_warning_and_is_skipped() -> None:
    result = _run(EMULATOR_CALL)
    assert result.returncode == 0, result.stderr
    assert "OK Echo" in result.stdout or "OK" in result.stdout
    assert result.stderr.count("PluginLoadWarning") == 1
    assert "'broken' (claude_test_broken.plugin)" in result.stderr
    assert "needs a library that is not installed" in result.stderr


def test_env_disables_plugins_before_they_load() -> None:
    result = _run(EMULATOR_CALL, CLAUDE_CORE_DISABLE_PLUGINS="broken, thirdparty")
    assert result.returncode == 0, result.stderr
    assert "PluginLoadWarning" not in result.stderr


def test_import_scans_nothing() -> None:
    result = _run(
        "import sys, claude_core\n"
        "c = claude_core.Anthropic(api_key='k')\n"
        "heavy = ('stevedore', 'pydantic', 'claude_emulator', 'claude_test_broken', 'anyio')\n"
        "loaded = [m for m in heavy if m in sys.modules]\n"
        "print(loaded)\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    assert result.stderr == ""


class Misspelt:
    @hookimpl
    def claude_credentails(self) -> None:  # the typo is the point
        raise AssertionError("never called")


class WrongParameter:
    @hookimpl
    def claude_credentials(self, secret_store: object) -> None:
        raise AssertionError("never called")


@pytest.mark.parametrize("plugin", [Misspelt(), WrongParameter()])
def test_invalid_per_client_plugins_are_rejected_naming_them(api: Api, plugin: object) -> None:
    with pytest.raises(claude_core.PluginError) as caught:
        create(api, api.make(plugins=[plugin]))
    assert caught.value.plugin == type(plugin).__name__
    assert api.emulator.requests == []


def test_failed_plugins_lists_what_the_warning_says_once() -> None:
    code = (
        "import json, warnings, claude_core.plugins\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        "    first = claude_core.plugins.failed_plugins()\n"
        "    again = claude_core.plugins.failed_plugins()\n"
        "print(json.dumps({'first': first, 'again': again, 'warnings': [str(w.message) for w in caught]}))\n"
    )
    found = json.loads(_run(code).stdout)
    line = "'broken' (claude_test_broken.plugin): ImportError: claude_test_broken needs a library that is not installed"
    assert found["first"] == found["again"] == [line]
    assert found["warnings"] == ["claude_core skipped plugins that failed to load: " + line]
    disabled = json.loads(_run(code, CLAUDE_CORE_DISABLE_PLUGINS="broken").stdout)
    assert disabled == {"first": [], "again": [], "warnings": []}
