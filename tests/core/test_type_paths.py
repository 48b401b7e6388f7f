"""Every ``anthropic.types`` path that packages import exists under ``claude_core.types``.

The rows are the ``anthropic.types`` rows of the compatibility table (``shared/COMPAT_SURFACE.md``
beside the repository: names that published packages import, with their kind). Each path must
import under ``claude_core``, be the same kind of object (module, class or type alias), and be the
very object the client uses, so a patch or an ``isinstance`` at the official path acts on claude-core.
``tests/typing/paths_module.py`` imports the same names for the type checkers.
"""

from __future__ import annotations

import ast
import importlib
import re
import types as pytypes
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest
from claude_emulator import Emulator
from typing_extensions import get_args

import claude_core
from claude_core import types
from claude_core.types import beta

#: ``(path under the package, kind)``: the ``anthropic.types`` rows of COMPAT_SURFACE.md.
TABLE: List[Tuple[str, str]] = [
    ("types", "module"),
    ("types.Message", "class"),
    ("types.TextBlock", "class"),
    ("types.Usage", "class"),
    ("types.RawMessageStreamEvent", "type alias"),
    ("types.ToolUseBlock", "class"),
    ("types.beta", "module"),
    ("types.beta.BetaCacheControlEphemeralParam", "class"),
    ("types.beta.BetaCitationsConfigParam", "class"),
    ("types.beta.BetaContentBlockParam", "type alias"),
    ("types.beta.BetaImageBlockParam", "class"),
    ("types.beta.BetaMessageParam", "class"),
    ("types.beta.BetaTextBlockParam", "class"),
    ("types.beta.BetaThinkingBlockParam", "class"),
    ("types.beta.BetaToolResultBlockParam", "class"),
    ("types.beta.BetaToolUseBlockParam", "class"),
    ("types.Base64PDFSourceParam", "class"),
    ("types.CacheControlEphemeralParam", "class"),
    ("types.CitationsDelta", "class"),
    ("types.CitationsSearchResultLocation", "class"),
    ("types.Completion", "class"),
    ("types.ContentBlockDeltaEvent", "class"),
    ("types.ContentBlockParam", "type alias"),
    ("types.ContentBlockStartEvent", "class"),
    ("types.ContentBlockStopEvent", "class"),
    ("types.DocumentBlockParam", "class"),
    ("types.ImageBlockParam", "class"),
    ("types.InputJSONDelta", "class"),
    ("types.MessageDeltaUsage", "class"),
    ("types.MessageParam", "class"),
    ("types.RawContentBlockDeltaEvent", "class"),
    ("types.RawContentBlockStartEvent", "class"),
    ("types.RawContentBlockStopEvent", "class"),
    ("types.RawMessageDeltaEvent", "class"),
    ("types.RawMessageStartEvent", "class"),
    ("types.RawMessageStopEvent", "class"),
    ("types.SignatureDelta", "class"),
    ("types.TextBlockParam", "class"),
    ("types.TextCitation", "type alias"),
    ("types.TextDelta", "class"),
    ("types.ThinkingBlock", "class"),
    ("types.ThinkingBlockParam", "class"),
    ("types.ThinkingDelta", "class"),
    ("types.ToolUseBlockParam", "class"),
    ("types.anthropic_beta_param", "module"),
    ("types.anthropic_beta_param.AnthropicBetaParam", "type alias"),
    ("types.beta.BetaBase64ImageSourceParam", "class"),
    ("types.beta.BetaBase64PDFSourceParam", "class"),
    ("types.beta.BetaCitationsDelta", "class"),
    ("types.beta.BetaCodeExecutionTool20250522Param", "class"),
    ("types.beta.BetaCodeExecutionToolResultBlock", "class"),
    ("types.beta.BetaCodeExecutionToolResultBlockContent", "type alias"),
    ("types.beta.BetaCodeExecutionToolResultBlockParam", "class"),
    ("types.beta.BetaCodeExecutionToolResultBlockParamContentParam", "type alias"),
    ("types.beta.BetaContainerParams", "class"),
    ("types.beta.BetaContentBlock", "type alias"),
    ("types.beta.BetaInputJSONDelta", "class"),
    ("types.beta.BetaJSONOutputFormatParam", "class"),
    ("types.beta.BetaMCPToolResultBlock", "class"),
    ("types.beta.BetaMCPToolUseBlock", "class"),
    ("types.beta.BetaMCPToolUseBlockParam", "class"),
    ("types.beta.BetaMemoryTool20250818Param", "class"),
    ("types.beta.BetaMessage", "class"),
    ("types.beta.BetaMessageTokensCount", "class"),
    ("types.beta.BetaMetadataParam", "class"),
    ("types.beta.BetaOutputConfigParam", "class"),
    ("types.beta.BetaPlainTextSourceParam", "class"),
    ("types.beta.BetaRawContentBlockDeltaEvent", "class"),
    ("types.beta.BetaRawContentBlockStartEvent", "class"),
    ("types.beta.BetaRawContentBlockStopEvent", "class"),
    ("types.beta.BetaRawMessageDeltaEvent", "class"),
    ("types.beta.BetaRawMessageStartEvent", "class"),
    ("types.beta.BetaRawMessageStopEvent", "class"),
    ("types.beta.BetaRawMessageStreamEvent", "type alias"),
    ("types.beta.BetaRedactedThinkingBlock", "class"),
    ("types.beta.BetaRedactedThinkingBlockParam", "class"),
    ("types.beta.BetaRequestDocumentBlockParam", "class"),
    ("types.beta.BetaRequestMCPServerToolConfigurationParam", "class"),
    ("types.beta.BetaRequestMCPServerURLDefinitionParam", "class"),
    ("types.beta.BetaSearchResultBlockParam", "class"),
    ("types.beta.BetaServerToolUseBlock", "class"),
    ("types.beta.BetaServerToolUseBlockParam", "class"),
    ("types.beta.BetaSignatureDelta", "class"),
    ("types.beta.BetaStopReason", "type alias"),
    ("types.beta.BetaTextBlock", "class"),
    ("types.beta.BetaTextDelta", "class"),
    ("types.beta.BetaThinkingBlock", "class"),
    ("types.beta.BetaThinkingConfigParam", "type alias"),
    ("types.beta.BetaThinkingDelta", "class"),
    ("types.beta.BetaToolChoiceParam", "type alias"),
    ("types.beta.BetaToolParam", "class"),
    ("types.beta.BetaToolUnionParam", "type alias"),
    ("types.beta.BetaToolUseBlock", "class"),
    ("types.beta.BetaWebFetchTool20250910Param", "class"),
    ("types.beta.BetaWebFetchToolResultBlock", "class"),
    ("types.beta.BetaWebFetchToolResultBlockParam", "class"),
    ("types.beta.BetaWebSearchTool20250305Param", "class"),
    ("types.beta.BetaWebSearchToolResultBlock", "class"),
    ("types.beta.BetaWebSearchToolResultBlockContent", "type alias"),
    ("types.beta.BetaWebSearchToolResultBlockParam", "class"),
    ("types.beta.BetaWebSearchToolResultBlockParamContentParam", "type alias"),
    ("types.beta.beta_tool_result_block_param", "module"),
    ("types.beta.beta_tool_result_block_param.Content", "type alias"),
    ("types.beta.beta_web_fetch_tool_result_block_param", "module"),
    ("types.beta.beta_web_fetch_tool_result_block_param.Content", "type alias"),
    ("types.beta.beta_web_search_tool_20250305_param", "module"),
    ("types.beta.beta_web_search_tool_20250305_param.UserLocation", "class"),
    ("types.message", "module"),
    ("types.message.Message", "class"),
    ("types.model_param", "module"),
    ("types.model_param.ModelParam", "type alias"),
    ("types.raw_content_block_delta_event", "module"),
    ("types.raw_content_block_delta_event.RawContentBlockDeltaEvent", "class"),
    ("types.raw_content_block_start_event", "module"),
    ("types.raw_content_block_start_event.RawContentBlockStartEvent", "class"),
    ("types.raw_message_delta_event", "module"),
    ("types.raw_message_delta_event.RawMessageDeltaEvent", "class"),
    ("types.raw_message_start_event", "module"),
    ("types.raw_message_start_event.RawMessageStartEvent", "class"),
    ("types.text_block", "module"),
    ("types.text_block.TextBlock", "class"),
    ("types.tool_result_block_param", "module"),
    ("types.tool_result_block_param.ToolResultBlockParam", "class"),
    ("types.tool_use_block", "module"),
    ("types.tool_use_block.ToolUseBlock", "class"),
    ("types.tool_use_block_param", "module"),
    ("types.tool_use_block_param.ToolUseBlockParam", "class"),
]

#: Paths beyond the table that code written for the official SDK imports.
MORE: List[Tuple[str, str]] = [
    ("types.Model", "type alias"),
    ("types.model", "module"),
    ("types.model.Model", "type alias"),
    ("types.completion", "module"),
    ("types.completion.Completion", "class"),
    ("types.completion_create_params", "module"),
    ("types.completion_create_params.CompletionCreateParams", "type alias"),
    ("types.completion_create_params.CompletionCreateParamsNonStreaming", "class"),
    ("types.completion_create_params.CompletionCreateParamsStreaming", "class"),
    ("types.CompletionCreateParams", "type alias"),
    ("types.MessageCountTokensToolParam", "type alias"),
    ("types.ContentBlock", "type alias"),
    ("types.RawContentBlockDelta", "type alias"),
    ("types.StopReason", "type alias"),
    ("types.beta.BetaRawContentBlockDelta", "type alias"),
    ("types.beta.BetaTextCitation", "type alias"),
]

COMPAT_SURFACE = Path(__file__).resolve().parents[2].parent / "shared" / "COMPAT_SURFACE.md"
ROW = re.compile(r"^\| `anthropic\.(types[\w.]*)` \| ([\w ]+?) \|", re.MULTILINE)

#: Names the official SDK gives a submodule-local alias, and the object each one is.
LOCAL_NAMES: Dict[str, Any] = {
    "types.beta.beta_tool_result_block_param.Content": types.ToolResultBlockParamContent,
    "types.beta.beta_web_fetch_tool_result_block_param.Content": types.WebFetchToolResultBlockParamContent,
    "types.beta.beta_web_search_tool_20250305_param.UserLocation": types.UserLocationParam,
}
#: Names that, as in the official SDK, only their own module exports.
MODULE_ONLY = {
    "types.completion_create_params.CompletionCreateParamsNonStreaming",
    "types.completion_create_params.CompletionCreateParamsStreaming",
}


def resolve(path: str) -> Any:
    """``claude_core.<path>``: the longest importable module, then attributes."""
    parts = f"claude_core.{path}".split(".")
    for end in range(len(parts), 0, -1):
        try:
            value: Any = importlib.import_module(".".join(parts[:end]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[end:]:
            value = getattr(value, attribute)
        return value
    raise ModuleNotFoundError(path)


def kind_of(value: Any) -> str:
    if isinstance(value, pytypes.ModuleType):
        return "module"
    if isinstance(value, type):
        return "class"
    return "type alias"


@pytest.mark.skipif(not COMPAT_SURFACE.exists(), reason="shared/COMPAT_SURFACE.md is not beside the repository")
def test_table_is_the_compat_surface() -> None:
    rows = [(path, kind.strip()) for path, kind in ROW.findall(COMPAT_SURFACE.read_text(encoding="utf-8"))]
    assert rows == TABLE


@pytest.mark.parametrize(("path", "kind"), TABLE + MORE, ids=[path for path, _ in TABLE + MORE])
def test_path_imports_as_its_kind(path: str, kind: str) -> None:
    value = resolve(path)
    assert kind_of(value) == kind


@pytest.mark.parametrize(("path", "kind"), TABLE + MORE, ids=[path for path, _ in TABLE + MORE])
def test_path_is_the_object_the_package_exports(path: str, kind: str) -> None:
    """A class or alias at a module path is the one ``claude_core.types`` (or ``.beta``) exports."""
    if kind == "module" or path in MODULE_ONLY:
        return
    value, name = resolve(path), path.rpartition(".")[2]
    if path in LOCAL_NAMES:
        assert value is LOCAL_NAMES[path]
    elif name.startswith("Beta"):
        assert value is getattr(beta, name)
    else:
        assert value is getattr(types, name)


def test_typing_module_lists_every_path() -> None:
    """``tests/typing/paths_module.py`` (checked by mypy and pyright) names each path of the table."""
    tree = ast.parse((Path(__file__).parents[1] / "typing" / "paths_module.py").read_text(encoding="utf-8"))
    module_of = {
        alias.asname or alias.name: node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
    }
    named = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign):
            annotation = ast.unparse(node.annotation)
            named.add(annotation if "." in annotation else f"{module_of[annotation]}.{annotation}")
        elif isinstance(node, ast.Tuple):
            named.update(ast.unparse(element) for element in node.elts)
    assert {f"claude_core.{path}" for path, _ in TABLE} == named


def test_beta_names_are_the_shared_models() -> None:
    """One model serves beta and non-beta responses, so each ``Beta*`` name is its twin."""
    assert beta.BetaMessage is types.Message
    assert beta.BetaTextBlock is types.TextBlock
    assert beta.BetaContentBlock is types.ContentBlock
    assert beta.BetaRawMessageStreamEvent is types.RawMessageStreamEvent
    assert beta.BetaRequestDocumentBlockParam is types.DocumentBlockParam
    assert beta.BetaStopReason is types.StopReason
    assert beta.BetaThinkingConfigParam is types.ThinkingConfigParam


def test_every_exported_name_exists() -> None:
    for module in (types, beta):
        assert [name for name in module.__all__ if not hasattr(module, name)] == []
        assert len(set(module.__all__)) == len(module.__all__)


def test_the_client_returns_these_objects(emulator: Emulator) -> None:
    with claude_core.Anthropic(api_key=emulator.api_key, base_url=emulator.base_url) as client:
        user: List[types.MessageParam] = [{"role": "user", "content": "Hi"}]
        message = client.messages.create(model="claude-sonnet-4-5", max_tokens=16, messages=user)
        assert type(message) is resolve("types.message.Message") is resolve("types.beta.BetaMessage")
        assert type(message.content[0]) is resolve("types.text_block.TextBlock")
        assert type(message.usage) is resolve("types.Usage")
        beta_message = client.beta.messages.create(model="claude-sonnet-4-5", max_tokens=16, messages=user)
        assert type(beta_message) is resolve("types.beta.BetaMessage")
        counted = client.messages.count_tokens(model="claude-sonnet-4-5", messages=user)
        assert type(counted) is resolve("types.beta.BetaMessageTokensCount")
        with client.messages.create(model="claude-sonnet-4-5", max_tokens=16, messages=user, stream=True) as stream:
            kinds = [type(event) for event in stream]
    assert kinds[0] is resolve("types.raw_message_start_event.RawMessageStartEvent")
    assert kinds[1] is resolve("types.raw_content_block_start_event.RawContentBlockStartEvent")
    assert kinds[2] is resolve("types.raw_content_block_delta_event.RawContentBlockDeltaEvent")
    assert resolve("types.raw_message_delta_event.RawMessageDeltaEvent") in kinds
    assert kinds[-1] is resolve("types.RawMessageStopEvent")


def test_completion_model() -> None:
    raw = {
        "id": "compl_1",
        "completion": " Hi.",
        "model": "claude-2.1",
        "stop_reason": "stop_sequence",
        "type": "completion",
    }
    completion = types.Completion.model_validate(raw)
    assert completion.to_dict() == raw
    assert list(types.Completion.model_fields) == ["id", "completion", "model", "stop_reason", "type"]
    assert types.Completion.model_validate({**raw, "stop_reason": None}).stop_reason is None
    params = resolve("types.completion_create_params")
    assert params.CompletionCreateParamsBase.__required_keys__ == {"max_tokens_to_sample", "model", "prompt"}
    assert params.CompletionCreateParamsStreaming.__required_keys__ == {
        "max_tokens_to_sample",
        "model",
        "prompt",
        "stream",
    }
    assert "stream" in params.CompletionCreateParamsNonStreaming.__optional_keys__


def test_model_alias_takes_any_model_id() -> None:
    literals, other = get_args(types.Model)
    assert other is str and "claude-sonnet-4-5" in get_args(literals)
