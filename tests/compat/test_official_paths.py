"""Every module path of the official ``anthropic`` 0.79.0 imports under ``claude_core`` with the names it
defines (``official_names.txt``, generated from the wheel by ``generate_official_names.py``), each name
the object the client runs; the pairs claude-core does not provide yet are listed, by reason, in
``official_names_missing.txt``, which only shrinks."""

from __future__ import annotations

import asyncio
import importlib
import os
import subprocess
import sys
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Any, Dict, List, Set, Tuple

import httpx
import pytest
import wrapt
from claude_emulator import EMULATOR_AWS_ACCESS_KEY_ID, EMULATOR_AWS_SECRET_ACCESS_KEY, Emulator

import claude_core
import claude_core.alias
from claude_core._compat import paths as _official_paths
from tests.conftest import Api
from tests.provider_packaging import site_without

HERE = Path(__file__).parent
MODEL = "claude-sonnet-4-5"
BEDROCK_MODEL = "anthropic.claude-sonnet-4-5-20250929-v1:0"
USER: Any = [{"role": "user", "content": "Hello"}]


def _pairs(path: Path) -> List[Tuple[str, str]]:
    rows = (line.split() for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    return [("claude_core" + row[0][len("anthropic") :], row[1] if len(row) > 1 else "") for row in rows if row]


OFFICIAL: Dict[str, List[str]] = defaultdict(list)
for _module, _name in _pairs(HERE / "official_names.txt"):
    OFFICIAL[_module] += [_name] if _name else []
MISSING: Set[Tuple[str, str]] = set(_pairs(HERE / "official_names_missing.txt"))


def test_the_lists_are_consistent() -> None:
    assert len(OFFICIAL) > 400
    assert {(module, name) for module, names in OFFICIAL.items() for name in names} >= MISSING


def test_the_table_lists_exactly_the_official_modules_without_a_file() -> None:
    from claude_core._compat.paths_table import MODULES

    made = {}  # official modules the finder made (no file), with their official names
    for module, names in OFFICIAL.items():
        spec = importlib.import_module(module).__spec__
        if spec is not None and isinstance(spec.loader, _official_paths._Loader):
            made[module[len("claude_core.") :]] = sorted(names)
    assert {path: sorted(names.split()) for path, names in MODULES.items()} == made


@pytest.mark.parametrize("module", sorted(OFFICIAL))
def test_official_module_imports_with_its_names(module: str) -> None:
    imported = importlib.import_module(module)
    absent = [name for name in OFFICIAL[module] if (module, name) not in MISSING and not hasattr(imported, name)]
    assert not absent, f"{module} lacks {absent}"
    now_there = [name for name in OFFICIAL[module] if (module, name) in MISSING and hasattr(imported, name)]
    assert not now_there, f"{module} now has {now_there}: delete them from official_names_missing.txt"
    for name in OFFICIAL[module]:
        if (module, name) not in MISSING:
            exec(f"from {module} import {name}", {})


def test_module_local_aliases_are_the_objects_of_the_types_modules() -> None:
    from claude_core.types import block_params, request_params, tool_params
    from claude_core.types.beta.beta_tool_result_block_param import Content
    from claude_core.types.beta.beta_web_search_tool_20250305_param import UserLocation
    from claude_core.types.message_create_params import (
        MessageCreateParams,
        MessageCreateParamsNonStreaming,
        MessageCreateParamsStreaming,
    )
    from claude_core.types.messages.batch_create_params import Request
    from claude_core.types.shared import ErrorResponse

    assert Content is block_params.ToolResultBlockParamContent
    assert UserLocation is tool_params.UserLocationParam
    assert MessageCreateParams is request_params.MessageCreateParams is claude_core.types.MessageCreateParams
    assert MessageCreateParamsStreaming.__required_keys__ == {"model", "max_tokens", "messages", "stream"}
    assert "stream" in MessageCreateParamsNonStreaming.__optional_keys__
    assert Request is claude_core.types.messages.batches.Request
    assert (
        ErrorResponse is claude_core.types.messages.batches.MessageBatchErroredResult.model_fields["error"].annotation
    )


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_official_paths_name_what_the_client_runs(emulator: Emulator, mode: str) -> None:
    from claude_core.types.beta.beta_message import BetaMessage

    from claude_core.lib.streaming import BetaAsyncMessageStream, BetaMessageStream, TextEvent
    from claude_core.resources.beta.messages import batches as beta_batches
    from claude_core.resources.messages import messages as messages_module
    from claude_core.types.message import Message
    from claude_core.types.message_create_params import MessageCreateParamsNonStreaming
    from claude_core.types.raw_message_start_event import RawMessageStartEvent

    params: MessageCreateParamsNonStreaming = {"model": MODEL, "max_tokens": 16, "messages": USER, "stream": False}
    if mode == "sync":
        client = claude_core.Anthropic(api_key=emulator.api_key, base_url=emulator.base_url)
        assert isinstance(client.messages, messages_module.Messages)
        assert isinstance(client.beta.messages.batches, beta_batches.Batches)
        message = client.messages.create(**params)
        with client.beta.messages.stream(model=MODEL, max_tokens=16, messages=USER) as stream:
            assert isinstance(stream, BetaMessageStream)
            events = list(stream)
        client.close()
    else:

        async def run() -> Tuple[Any, Any]:
            async with claude_core.AsyncAnthropic(api_key=emulator.api_key, base_url=emulator.base_url) as client:
                assert isinstance(client.messages, messages_module.AsyncMessages)
                assert isinstance(client.beta.messages.batches, beta_batches.AsyncBatches)
                message = await client.messages.create(**params)
                async with client.beta.messages.stream(model=MODEL, max_tokens=16, messages=USER) as stream:
                    assert isinstance(stream, BetaAsyncMessageStream)
                    return message, [event async for event in stream]

        message, events = asyncio.run(run())
    assert isinstance(message, Message) and isinstance(message, BetaMessage)
    assert isinstance(events[0], RawMessageStartEvent)
    assert any(isinstance(event, TextEvent) for event in events)


def test_the_finder_comes_after_the_real_files() -> None:
    from importlib.machinery import PathFinder

    position = sys.meta_path.index(_official_paths.FINDER)
    assert position > sys.meta_path.index(PathFinder)
    assert importlib.import_module("claude_core.types.message").__file__.endswith("message.py")
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("claude_core.types.no_such_module")


def _fresh(code: str, *args: str, site: str = "") -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_CORE_", "PYTHON"))}
    flags = ["-S"] if site else []
    done = subprocess.run(
        [sys.executable, *flags, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=site or None,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


LAZY = """
import sys
heavy = (
    "claude_core._compat.paths_table",
    "claude_core._compat.homes",
    "provider_bedrock",
    "provider_vertex",
    "botocore",
    "google.auth",
)
import claude_core
print([name for name in heavy if name in sys.modules])
client = claude_core.Anthropic(api_key="k", base_url=sys.argv[1])
client.messages.create(model="claude-sonnet-4-5", max_tokens=8, messages=[{"role": "user", "content": "Hi"}])
print("claude_core._compat.paths_table" in sys.modules)
import claude_core.types.beta.beta_message
print("claude_core._compat.paths_table" in sys.modules)
"""


def test_import_loads_no_provider_and_only_an_official_path_loads_the_table(emulator: Emulator) -> None:
    imported, called, after = _fresh(LAZY, emulator.base_url).splitlines()
    assert imported == "[]"
    assert called == "False"
    assert after == "True"


ABSENT = """
import site, sys
site.addsitedir(sys.argv[1])
import claude_core
for path in ("claude_core.lib.bedrock", "claude_core.lib.bedrock._beta_messages"):
    try:
        __import__(path)
    except ModuleNotFoundError as exc:  # what instrumentations catch to skip a path
        print(exc)
print(claude_core.Anthropic.__name__)
"""


def test_a_provider_path_without_its_distribution_says_what_to_install(tmp_path: Path) -> None:
    without = site_without("claude-provider-bedrock", tmp_path)
    lines = _fresh(ABSENT, str(without), site=str(tmp_path)).splitlines()
    assert lines[-1] == "Anthropic"
    assert len(lines) == 3
    assert lines[0].startswith("claude_core.lib.bedrock needs the claude-provider-bedrock distribution: ")
    for line in lines[:2]:
        assert 'python3 -m pip install "claude-provider-bedrock @ git+https://' in line
        assert line.endswith("(from a clone of the repository: python3 -m pip install ./provider_bedrock)")


def test_provider_paths_hold_the_distributions_objects() -> None:
    from claude_core.lib.bedrock import AnthropicBedrock
    from claude_core.lib.bedrock._beta_messages import AsyncMessages, Messages
    from claude_core.lib.vertex._client import AsyncAnthropicVertex

    import provider_bedrock
    import provider_vertex
    from provider_bedrock import _beta as bedrock_beta

    assert AnthropicBedrock is provider_bedrock.AnthropicBedrock is claude_core.AnthropicBedrock
    assert AsyncAnthropicVertex is provider_vertex.AsyncAnthropicVertex
    assert (Messages, AsyncMessages) == (bedrock_beta.Messages, bedrock_beta.AsyncMessages)  # Bedrock's own classes


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_patch_at_the_bedrock_beta_messages_path_intercepts_a_bedrock_call(emulator: Emulator, mode: str) -> None:
    """As tracing packages do: ``wrapt`` wraps ``anthropic.lib.bedrock._beta_messages.Messages.create``."""
    claude_core.alias.install()
    try:
        import anthropic.lib.bedrock._beta_messages as patched_module

        cls_name = "Messages" if mode == "sync" else "AsyncMessages"
        cls = getattr(patched_module, cls_name)
        original = cls.__dict__["create"]
        seen: List[Dict[str, Any]] = []

        def spy(wrapped: Any, instance: Any, args: Any, kwargs: Any) -> Any:
            seen.append(kwargs)
            return wrapped(*args, **kwargs)

        wrapt.wrap_function_wrapper("anthropic.lib.bedrock._beta_messages", f"{cls_name}.create", spy)
        try:
            options = dict(
                aws_access_key=EMULATOR_AWS_ACCESS_KEY_ID,
                aws_secret_key=EMULATOR_AWS_SECRET_ACCESS_KEY,
                aws_region="us-east-1",
                base_url=emulator.base_url,
            )
            params = dict(model=BEDROCK_MODEL, max_tokens=16, messages=USER)
            if mode == "sync":
                with claude_core.AnthropicBedrock(**options) as client:
                    message = client.beta.messages.create(**params)
            else:

                async def run() -> Any:
                    async with claude_core.AsyncAnthropicBedrock(**options) as client:
                        return await client.beta.messages.create(**params)

                message = asyncio.run(run())
        finally:
            cls.create = original
    finally:
        claude_core.alias.uninstall()
    assert seen == [params]
    assert message.content[0].type == "text"
    (sent,) = emulator.requests
    assert sent.path == f"/model/{BEDROCK_MODEL}/invoke"
    assert sent.headers["authorization"].startswith("AWS4-HMAC-SHA256")


ALIASED = """
import claude_core.alias
claude_core.alias.install()
import anthropic.types.message_create_params as params
from anthropic.types.beta.messages.batch_create_params import Request
from anthropic.lib.streaming import BetaMessageStream
from anthropic import RequestOptions, Timeout
import anthropic._base_client
import claude_core
print(params.MessageCreateParamsNonStreaming is claude_core.types.message_create_params.MessageCreateParamsNonStreaming)
print(Request is claude_core.types.messages.batches.Request, BetaMessageStream is claude_core.MessageStream)
print(Timeout.__module__, RequestOptions is claude_core._types.RequestOptions)
print(anthropic._base_client.DefaultHttpxClient is claude_core.DefaultHttpxClient)
"""


def test_the_alias_reaches_the_official_paths() -> None:
    assert _fresh(ALIASED).splitlines() == ["True", "True True", "httpx True", "True"]


def test_the_official_deprecation_tables_are_the_ones_the_client_warns_from(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claude_core.resources.messages.messages import DEPRECATED_MODELS as same
    from claude_core.resources.messages.messages import MODELS_TO_WARN_WITH_THINKING_ENABLED

    from claude_core.resources.messages import DEPRECATED_MODELS

    assert same is DEPRECATED_MODELS and isinstance(DEPRECATED_MODELS, dict)
    assert isinstance(MODELS_TO_WARN_WITH_THINKING_ENABLED, list)
    monkeypatch.setitem(DEPRECATED_MODELS, MODEL, "a day to come")
    with pytest.warns(DeprecationWarning, match=f"{MODEL}.*a day to come"):
        api(lambda c: c.messages.create(model=MODEL, max_tokens=16, messages=USER))
    monkeypatch.delitem(DEPRECATED_MODELS, MODEL)
    thinking = {"type": "enabled", "budget_tokens": 1024}
    MODELS_TO_WARN_WITH_THINKING_ENABLED.append(MODEL)
    try:
        with pytest.warns(UserWarning, match="adaptive"):
            api(lambda c: c.messages.create(model=MODEL, max_tokens=2048, messages=USER, thinking=thinking))
    finally:
        MODELS_TO_WARN_WITH_THINKING_ENABLED.remove(MODEL)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        api(lambda c: c.messages.create(model=MODEL, max_tokens=2048, messages=USER, thinking=thinking))


def test_the_official_client_module_names_are_the_objects_the_client_uses(api: Api) -> None:
    from claude_core._client import AsyncStream, RequestOptions, Stream, Timeout, Transport

    assert (Stream, AsyncStream, RequestOptions) == (
        claude_core.Stream,
        claude_core.AsyncStream,
        claude_core._types.RequestOptions,
    )
    assert Timeout is httpx.Timeout and Transport is httpx.BaseTransport is claude_core.Transport
    stream = api(lambda c: c.messages.create(model=MODEL, max_tokens=16, messages=USER, stream=True))
    assert isinstance(stream, AsyncStream if api.is_async else Stream)
    assert [event.type for event in api.collect(stream)][-1] == "message_stop"
    options: RequestOptions = {"timeout": Timeout(5.0), "extra_headers": {"x-probe": "1"}}
    api(lambda c: c.messages.create(model=MODEL, max_tokens=16, messages=USER, **options))
    assert api.emulator.requests[-1].headers["x-probe"] == "1"


def test_every_submodule_the_official_package_has_as_an_attribute_is_one_here_too() -> None:
    # in a fresh interpreter: another test's imports would make the submodules attributes already
    listed = (HERE / "official_attribute_modules.txt").read_text(encoding="utf-8").splitlines()
    paths = ["claude_core" + line[len("anthropic") :] for line in listed if line and not line.startswith("#")]
    assert len(paths) > 380
    code = (
        "import functools, sys, types, claude_core\n"
        "wrong = []\n"
        "for path in sys.argv[1:]:\n"
        "    try:\n"
        "        value = functools.reduce(getattr, path.split('.')[1:], claude_core)\n"
        "    except AttributeError as error:\n"
        "        value = error\n"
        "    if not (isinstance(value, types.ModuleType) and value.__name__ == path):\n"
        "        wrong.append(f'{path}: {value!r}')\n"
        "wrong += [name for name in ('nothing', 'streamin') if hasattr(claude_core.lib, name)]\n"
        "wrong += [name for name in ('nope', 'Nope') if hasattr(claude_core.types, name)]\n"
        "print('\\n'.join(wrong) or 'all there')\n"
    )
    done = subprocess.run([sys.executable, "-c", code, *paths], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["all there"], done.stdout[:2000]


def test_a_provider_path_without_its_distribution_is_no_attribute_and_says_what_to_install(tmp_path: Path) -> None:
    code = (
        "import site, sys\n"
        "site.addsitedir(sys.argv[1])\n"
        "import claude_core\n"
        "print(hasattr(claude_core.lib, 'vertex'))\n"
        "try:\n"
        "    claude_core.lib.vertex\n"
        "except AttributeError as error:\n"
        "    print(error)\n"
    )
    without = site_without("claude-provider-vertex", tmp_path)
    first, second = _fresh(code, str(without), site=str(tmp_path)).splitlines()
    assert first == "False"  # hasattr and dir() walkers keep working
    assert "needs the claude-provider-vertex distribution" in second and "pip install" in second
