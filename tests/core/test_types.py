"""Response models, stream events, request TypedDicts and compatibility import paths of ``claude_core.types``."""

from __future__ import annotations

import importlib
import json
import warnings
from datetime import datetime, timezone
from typing import Any, Dict, List, Tuple

import pydantic
import pytest
from typing_extensions import get_args

from claude_core import types
from claude_core.types import beta, stream_events
from claude_core.types._deferred import Deferred
from claude_core.types._discriminator import UNKNOWN_TAG

FULL_MESSAGE: Dict[str, Any] = {
    "id": "msg_01",
    "type": "message",
    "role": "assistant",
    "model": "claude-sonnet-4-5",
    "content": [
        {"type": "thinking", "thinking": "Let me think.", "signature": "sig=="},
        {"type": "redacted_thinking", "data": "ENCRYPTED"},
        {
            "type": "text",
            "text": "The sky is blue.",
            "citations": [
                {
                    "type": "char_location",
                    "cited_text": "blue",
                    "document_index": 0,
                    "document_title": None,
                    "start_char_index": 3,
                    "end_char_index": 7,
                },
                {
                    "type": "web_search_result_location",
                    "cited_text": "sky",
                    "encrypted_index": "ix",
                    "title": "Sky",
                    "url": "https://example.com",
                },
                {"type": "future_location", "where": {"line": 3}},
            ],
        },
        {"type": "text", "text": "plain", "citations": None},
        {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Paris", "days": [1, 2]}},
        {"type": "server_tool_use", "id": "srvtoolu_1", "name": "web_search", "input": {"query": "sky"}},
        {
            "type": "web_search_tool_result",
            "tool_use_id": "srvtoolu_1",
            "content": [
                {
                    "type": "web_search_result",
                    "url": "https://example.com",
                    "title": "Sky",
                    "encrypted_content": "enc",
                    "page_age": "2 days",
                }
            ],
        },
        {
            "type": "code_execution_tool_result",
            "tool_use_id": "srvtoolu_2",
            "content": {
                "type": "code_execution_result",
                "stdout": "4\n",
                "stderr": "",
                "return_code": 0,
                "content": [],
            },
        },
        {"type": "mcp_tool_use", "id": "mcptoolu_1", "name": "echo", "server_name": "srv", "input": {}},
        {"type": "future_block", "payload": {"nested": [1, 2, {"deep": True}]}, "score": 0.5, "note": None},
    ],
    "stop_reason": "future_reason",
    "stop_sequence": None,
    "usage": {
        "input_tokens": 12,
        "output_tokens": 34,
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": 5,
        "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
        "server_tool_use": {"web_search_requests": 1},
        "service_tier": "standard",
        "future_usage_field": 7,
    },
    "future_top_level": {"a": 1},
}


def test_full_message_validates_with_typed_blocks() -> None:
    message = types.Message.model_validate_json(json.dumps(FULL_MESSAGE))

    assert [type(block) for block in message.content] == [
        types.ThinkingBlock,
        types.RedactedThinkingBlock,
        types.TextBlock,
        types.TextBlock,
        types.ToolUseBlock,
        types.ServerToolUseBlock,
        types.WebSearchToolResultBlock,
        types.CodeExecutionToolResultBlock,
        types.MCPToolUseBlock,
        types.UnknownBlock,
    ]
    text = message.content[2]
    assert isinstance(text, types.TextBlock)
    assert text.citations is not None
    assert [type(c) for c in text.citations] == [
        types.CitationCharLocation,
        types.CitationsWebSearchResultLocation,
        types.UnknownCitation,
    ]
    tool_use = message.content[4]
    assert isinstance(tool_use, types.ToolUseBlock)
    assert tool_use.input == {"city": "Paris", "days": [1, 2]}
    search = message.content[6]
    assert isinstance(search, types.WebSearchToolResultBlock)
    assert isinstance(search.content, list)
    assert isinstance(search.content[0], types.WebSearchResultBlock)
    code = message.content[7]
    assert isinstance(code, types.CodeExecutionToolResultBlock)
    assert isinstance(code.content, types.CodeExecutionResultBlock)
    assert code.content.stdout == "4\n"

    assert message.stop_reason == "future_reason"
    assert message.usage.input_tokens == 12
    assert message.usage.server_tool_use is not None
    assert message.usage.server_tool_use.web_search_requests == 1
    assert message.usage.model_extra == {"future_usage_field": 7}
    assert message.model_extra == {"future_top_level": {"a": 1}}


def test_unknown_block_keeps_all_fields() -> None:
    message = types.Message.model_validate_json(json.dumps(FULL_MESSAGE))
    block = message.content[-1]

    assert isinstance(block, types.UnknownBlock)
    assert block.type == "future_block"
    assert block.payload == {"nested": [1, 2, {"deep": True}]}  # type: ignore[attr-defined]
    assert block.to_dict() == FULL_MESSAGE["content"][-1]


def test_message_round_trips_exactly() -> None:
    message = types.Message.model_validate_json(json.dumps(FULL_MESSAGE))

    assert message.to_dict(mode="json") == FULL_MESSAGE
    assert json.loads(message.to_json()) == FULL_MESSAGE
    assert types.Message.model_validate(FULL_MESSAGE).to_dict() == FULL_MESSAGE


def test_web_search_error_content() -> None:
    block = types.WebSearchToolResultBlock.model_validate(
        {
            "type": "web_search_tool_result",
            "tool_use_id": "x",
            "content": {"type": "web_search_tool_result_error", "error_code": "max_uses_exceeded"},
        }
    )
    assert isinstance(block.content, types.WebSearchToolResultError)
    assert block.content.error_code == "max_uses_exceeded"


@pytest.mark.parametrize("reason", ["end_turn", "tool_use", "pause_turn", "refusal", "brand_new_reason", None])
def test_stop_reason_accepts_known_and_unknown(reason: Any) -> None:
    data = dict(FULL_MESSAGE, content=[], stop_reason=reason)
    assert types.Message.model_validate(data).stop_reason == reason


def test_message_built_from_instances_serializes_without_warnings() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # an earlier test's socket collected meanwhile is not this test's business
        warnings.simplefilter("ignore", ResourceWarning)
        message = types.Message(
            id="msg",
            type="message",
            role="assistant",
            model="m",
            content=[
                types.TextBlock(type="text", text="hi"),
                types.UnknownBlock(type="later", extra_field=1),  # type: ignore[call-arg]
            ],
            usage=types.Usage(input_tokens=1, output_tokens=2),
        )
        dumped = message.to_dict()
    assert dumped["content"] == [{"type": "text", "text": "hi"}, {"type": "later", "extra_field": 1}]
    assert dumped["usage"] == {"input_tokens": 1, "output_tokens": 2}


def test_message_tokens_count_and_model_info() -> None:
    assert types.MessageTokensCount.model_validate_json(b'{"input_tokens": 42}').input_tokens == 42

    raw = {"type": "model", "id": "claude-x", "display_name": "Claude X", "created_at": "2025-02-19T00:00:00Z"}
    info = types.ModelInfo.model_validate(raw)
    assert info.created_at == datetime(2025, 2, 19, tzinfo=timezone.utc)
    assert info.to_dict(mode="json") == raw


# --- stream events ------------------------------------------------------------------------------

EVENTS: List[Tuple[Dict[str, Any], type]] = [
    (
        {"type": "message_start", "message": dict(FULL_MESSAGE, content=[], stop_reason=None)},
        types.RawMessageStartEvent,
    ),
    (
        {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
        types.RawContentBlockStartEvent,
    ),
    (
        {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Hi"}},
        types.RawContentBlockDeltaEvent,
    ),
    ({"type": "content_block_stop", "index": 0}, types.RawContentBlockStopEvent),
    (
        {
            "type": "message_delta",
            "delta": {"stop_reason": "end_turn", "stop_sequence": None},
            "usage": {"output_tokens": 15},
        },
        types.RawMessageDeltaEvent,
    ),
    ({"type": "message_stop"}, types.RawMessageStopEvent),
    ({"type": "ping"}, types.UnknownEvent),
    ({"type": "brand_new_event", "data": {"x": 1}}, types.UnknownEvent),
]


@pytest.mark.parametrize(("payload", "cls"), EVENTS, ids=[p["type"] for p, _ in EVENTS])
def test_parse_stream_event_picks_class(payload: Dict[str, Any], cls: type) -> None:
    raw = json.dumps(payload)
    for data in (raw, raw.encode()):
        event = types.parse_stream_event(data)
        assert type(event) is cls
        assert event.to_dict(mode="json") == payload


DELTAS: List[Tuple[Dict[str, Any], type]] = [
    ({"type": "text_delta", "text": "a"}, types.TextDelta),
    ({"type": "input_json_delta", "partial_json": '{"ci'}, types.InputJSONDelta),
    (
        {
            "type": "citations_delta",
            "citation": {
                "type": "page_location",
                "cited_text": "x",
                "document_index": 0,
                "document_title": "Doc",
                "start_page_number": 1,
                "end_page_number": 2,
            },
        },
        types.CitationsDelta,
    ),
    ({"type": "thinking_delta", "thinking": "hm"}, types.ThinkingDelta),
    ({"type": "signature_delta", "signature": "sig"}, types.SignatureDelta),
    ({"type": "compaction_delta", "content": "summary"}, types.CompactionDelta),
    ({"type": "future_delta", "bits": [1]}, types.UnknownDelta),
]


@pytest.mark.parametrize(("delta", "cls"), DELTAS, ids=[d["type"] for d, _ in DELTAS])
def test_parse_stream_event_deltas(delta: Dict[str, Any], cls: type) -> None:
    event = types.parse_stream_event(json.dumps({"type": "content_block_delta", "index": 2, "delta": delta}))
    assert isinstance(event, types.RawContentBlockDeltaEvent)
    assert event.index == 2
    assert type(event.delta) is cls
    assert event.delta.to_dict() == delta


def test_citations_delta_holds_typed_citation() -> None:
    event = types.parse_stream_event(json.dumps({"type": "content_block_delta", "index": 0, "delta": DELTAS[2][0]}))
    assert isinstance(event, types.RawContentBlockDeltaEvent)
    assert isinstance(event.delta, types.CitationsDelta)
    assert isinstance(event.delta.citation, types.CitationPageLocation)


def test_content_block_start_with_unknown_block() -> None:
    event = types.parse_stream_event(
        '{"type":"content_block_start","index":1,"content_block":{"type":"hologram","depth":3}}'
    )
    assert isinstance(event, types.RawContentBlockStartEvent)
    assert isinstance(event.content_block, types.UnknownBlock)
    assert event.content_block.to_dict() == {"type": "hologram", "depth": 3}


def test_unknown_event_keeps_fields_and_stop_reason_in_delta() -> None:
    event = types.parse_stream_event('{"type":"brand_new_event","data":{"x":1}}')
    assert isinstance(event, types.UnknownEvent)
    assert event.type == "brand_new_event"
    assert event.data == {"x": 1}  # type: ignore[attr-defined]

    delta = types.parse_stream_event(
        '{"type":"message_delta","delta":{"stop_reason":"new_one"},"usage":{"output_tokens":1}}'
    )
    assert isinstance(delta, types.RawMessageDeltaEvent)
    assert delta.delta.stop_reason == "new_one"
    assert delta.usage.output_tokens == 1


@pytest.mark.parametrize("data", ["[]", '{"index": 0}', "not json", '{"type": "content_block_stop"}'])
def test_parse_stream_event_rejects_malformed(data: str) -> None:
    with pytest.raises(pydantic.ValidationError):
        types.parse_stream_event(data)


def test_parse_stream_event_adapter_is_cached() -> None:
    types.parse_stream_event('{"type":"message_stop"}')
    adapter = stream_events._event_adapter
    assert adapter is not None
    types.parse_stream_event('{"type":"message_stop"}')
    assert stream_events._event_adapter is adapter


def _tagged_members(union: Any) -> List[Any]:
    """The ``Annotated[Model, Tag(...)]`` members of an ``Annotated[Union[...], Discriminator]`` alias."""
    inner = get_args(union)[0]
    return list(get_args(inner))


@pytest.mark.parametrize(
    "union",
    [
        types.ContentBlock,
        types.TextCitation,
        types.RawContentBlockDelta,
        types.RawMessageStreamEvent,
        types.CodeExecutionToolResultBlockContent,
    ],
)
def test_union_tags_match_model_types(union: Any) -> None:
    """Each member's Tag equals its model's ``type`` literal, and the discriminator knows every tag."""
    discriminator = get_args(union)[1]
    for member in _tagged_members(union):
        model, *extras, tag = get_args(member)
        for extra in extras:  # a member deferred with its tag: the model it loads
            if isinstance(extra, Deferred):
                model = extra.resolve()
        if tag.tag == UNKNOWN_TAG:
            assert discriminator.discriminator({"type": "no-such-type"}) == UNKNOWN_TAG
            continue
        (literal,) = get_args(model.model_fields["type"].annotation)
        assert tag.tag == literal
        assert discriminator.discriminator({"type": literal}) == literal


# --- request parameters -------------------------------------------------------------------------


def test_params_required_keys() -> None:
    assert types.MessageCreateParams.__required_keys__ == {"model", "max_tokens", "messages"}
    assert "stream" not in types.MessageCreateParams.__annotations__
    assert types.MessageCountTokensParams.__required_keys__ == {"model", "messages"}
    assert types.ModelListParams.__required_keys__ == frozenset()
    assert types.BetaMessageCreateParams.__required_keys__ == {"model", "max_tokens", "messages"}
    assert {"betas", "mcp_servers", "context_management"} <= set(types.BetaMessageCreateParams.__optional_keys__)
    assert {"betas"} <= set(types.BetaMessageCountTokensParams.__optional_keys__)
    assert types.MessageParam.__required_keys__ == {"role", "content"}
    assert types.ToolParam.__required_keys__ == {"name", "input_schema"}
    assert types.ToolResultBlockParam.__required_keys__ == {"type", "tool_use_id"}


def test_params_validate_with_pydantic() -> None:
    """The TypedDicts resolve at runtime, so tools like pydantic can validate a request body."""
    body: types.MessageCreateParams = {
        "model": "claude-sonnet-4-5",
        "max_tokens": 1024,
        "system": [{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral", "ttl": "1h"}}],
        "messages": [
            {"role": "user", "content": "Hello"},
            {
                "role": "user",
                "content": [
                    {"type": "image", "source": {"type": "url", "url": "https://example.com/a.png"}},
                    {"type": "tool_result", "tool_use_id": "toolu_1", "content": "42", "is_error": False},
                ],
            },
        ],
        "tools": [
            {"name": "get_weather", "input_schema": {"type": "object", "properties": {}}},
            {"type": "web_search_20250305", "name": "web_search", "max_uses": 3},
        ],
        "tool_choice": {"type": "auto", "disable_parallel_tool_use": True},
        "thinking": {"type": "enabled", "budget_tokens": 2048},
        "output_config": {"effort": "high", "format": {"type": "json_schema", "schema": {"type": "object"}}},
        "metadata": {"user_id": "u-1"},
        "service_tier": "auto",
    }
    assert pydantic.TypeAdapter(types.MessageCreateParams).validate_python(body) == body
    with pytest.raises(pydantic.ValidationError):
        pydantic.TypeAdapter(types.MessageCreateParams).validate_python({"model": "m", "messages": []})


# --- compatibility paths ------------------------------------------------------------------------

COMPAT_NAMES = [
    "anthropic.types",
    "anthropic.types.Message",
    "anthropic.types.TextBlock",
    "anthropic.types.Usage",
    "anthropic.types.RawMessageStreamEvent",
    "anthropic.types.ToolUseBlock",
    "anthropic.types.beta",
    "anthropic.types.beta.BetaCacheControlEphemeralParam",
    "anthropic.types.beta.BetaCitationsConfigParam",
    "anthropic.types.beta.BetaContentBlockParam",
    "anthropic.types.beta.BetaImageBlockParam",
    "anthropic.types.beta.BetaMessageParam",
    "anthropic.types.beta.BetaTextBlockParam",
    "anthropic.types.beta.BetaThinkingBlockParam",
    "anthropic.types.beta.BetaToolResultBlockParam",
    "anthropic.types.beta.BetaToolUseBlockParam",
    "anthropic.types.Base64PDFSourceParam",
    "anthropic.types.CacheControlEphemeralParam",
    "anthropic.types.CitationsDelta",
    "anthropic.types.CitationsSearchResultLocation",
    "anthropic.types.ContentBlockDeltaEvent",
    "anthropic.types.ContentBlockParam",
    "anthropic.types.ContentBlockStartEvent",
    "anthropic.types.ContentBlockStopEvent",
    "anthropic.types.DocumentBlockParam",
    "anthropic.types.ImageBlockParam",
    "anthropic.types.InputJSONDelta",
    "anthropic.types.MessageDeltaUsage",
    "anthropic.types.MessageParam",
    "anthropic.types.RawContentBlockDeltaEvent",
    "anthropic.types.RawContentBlockStartEvent",
    "anthropic.types.RawContentBlockStopEvent",
    "anthropic.types.RawMessageDeltaEvent",
    "anthropic.types.RawMessageStartEvent",
    "anthropic.types.RawMessageStopEvent",
    "anthropic.types.SignatureDelta",
    "anthropic.types.TextBlockParam",
    "anthropic.types.TextCitation",
    "anthropic.types.TextDelta",
    "anthropic.types.ThinkingBlock",
    "anthropic.types.ThinkingBlockParam",
    "anthropic.types.ThinkingDelta",
    "anthropic.types.ToolUseBlockParam",
    "anthropic.types.anthropic_beta_param",
    "anthropic.types.anthropic_beta_param.AnthropicBetaParam",
    "anthropic.types.beta.BetaBase64ImageSourceParam",
    "anthropic.types.beta.BetaBase64PDFSourceParam",
    "anthropic.types.beta.BetaCitationsDelta",
    "anthropic.types.beta.BetaCodeExecutionTool20250522Param",
    "anthropic.types.beta.BetaCodeExecutionToolResultBlock",
    "anthropic.types.beta.BetaCodeExecutionToolResultBlockContent",
    "anthropic.types.beta.BetaCodeExecutionToolResultBlockParam",
    "anthropic.types.beta.BetaCodeExecutionToolResultBlockParamContentParam",
    "anthropic.types.beta.BetaContainerParams",
    "anthropic.types.beta.BetaContentBlock",
    "anthropic.types.beta.BetaInputJSONDelta",
    "anthropic.types.beta.BetaJSONOutputFormatParam",
    "anthropic.types.beta.BetaMCPToolResultBlock",
    "anthropic.types.beta.BetaMCPToolUseBlock",
    "anthropic.types.beta.BetaMCPToolUseBlockParam",
    "anthropic.types.beta.BetaMemoryTool20250818Param",
    "anthropic.types.beta.BetaMessage",
    "anthropic.types.beta.BetaMessageTokensCount",
    "anthropic.types.beta.BetaMetadataParam",
    "anthropic.types.beta.BetaOutputConfigParam",
    "anthropic.types.beta.BetaPlainTextSourceParam",
    "anthropic.types.beta.BetaRawContentBlockDeltaEvent",
    "anthropic.types.beta.BetaRawContentBlockStartEvent",
    "anthropic.types.beta.BetaRawContentBlockStopEvent",
    "anthropic.types.beta.BetaRawMessageDeltaEvent",
    "anthropic.types.beta.BetaRawMessageStartEvent",
    "anthropic.types.beta.BetaRawMessageStopEvent",
    "anthropic.types.beta.BetaRawMessageStreamEvent",
    "anthropic.types.beta.BetaRedactedThinkingBlock",
    "anthropic.types.beta.BetaRedactedThinkingBlockParam",
    "anthropic.types.beta.BetaRequestDocumentBlockParam",
    "anthropic.types.beta.BetaRequestMCPServerToolConfigurationParam",
    "anthropic.types.beta.BetaRequestMCPServerURLDefinitionParam",
    "anthropic.types.beta.BetaSearchResultBlockParam",
    "anthropic.types.beta.BetaServerToolUseBlock",
    "anthropic.types.beta.BetaServerToolUseBlockParam",
    "anthropic.types.beta.BetaSignatureDelta",
    "anthropic.types.beta.BetaStopReason",
    "anthropic.types.beta.BetaTextBlock",
    "anthropic.types.beta.BetaTextDelta",
    "anthropic.types.beta.BetaThinkingBlock",
    "anthropic.types.beta.BetaThinkingConfigParam",
    "anthropic.types.beta.BetaThinkingDelta",
    "anthropic.types.beta.BetaToolChoiceParam",
    "anthropic.types.beta.BetaToolParam",
    "anthropic.types.beta.BetaToolUnionParam",
    "anthropic.types.beta.BetaToolUseBlock",
    "anthropic.types.beta.BetaWebFetchTool20250910Param",
    "anthropic.types.beta.BetaWebFetchToolResultBlock",
    "anthropic.types.beta.BetaWebFetchToolResultBlockParam",
    "anthropic.types.beta.BetaWebSearchTool20250305Param",
    "anthropic.types.beta.BetaWebSearchToolResultBlock",
    "anthropic.types.beta.BetaWebSearchToolResultBlockContent",
    "anthropic.types.beta.BetaWebSearchToolResultBlockParam",
    "anthropic.types.beta.BetaWebSearchToolResultBlockParamContentParam",
    "anthropic.types.beta.beta_tool_result_block_param",
    "anthropic.types.beta.beta_tool_result_block_param.Content",
    "anthropic.types.beta.beta_web_fetch_tool_result_block_param",
    "anthropic.types.beta.beta_web_fetch_tool_result_block_param.Content",
    "anthropic.types.beta.beta_web_search_tool_20250305_param",
    "anthropic.types.beta.beta_web_search_tool_20250305_param.UserLocation",
    "anthropic.types.message",
    "anthropic.types.message.Message",
    "anthropic.types.model_param",
    "anthropic.types.model_param.ModelParam",
    "anthropic.types.raw_content_block_delta_event",
    "anthropic.types.raw_content_block_delta_event.RawContentBlockDeltaEvent",
    "anthropic.types.raw_content_block_start_event",
    "anthropic.types.raw_content_block_start_event.RawContentBlockStartEvent",
    "anthropic.types.raw_message_delta_event",
    "anthropic.types.raw_message_delta_event.RawMessageDeltaEvent",
    "anthropic.types.raw_message_start_event",
    "anthropic.types.raw_message_start_event.RawMessageStartEvent",
    "anthropic.types.text_block",
    "anthropic.types.text_block.TextBlock",
    "anthropic.types.tool_result_block_param",
    "anthropic.types.tool_result_block_param.ToolResultBlockParam",
    "anthropic.types.tool_use_block",
    "anthropic.types.tool_use_block.ToolUseBlock",
    "anthropic.types.tool_use_block_param",
    "anthropic.types.tool_use_block_param.ToolUseBlockParam",
]


def _resolve(dotted: str) -> Any:
    try:
        return importlib.import_module(dotted)
    except ModuleNotFoundError:
        module, _, attr = dotted.rpartition(".")
        return getattr(importlib.import_module(module), attr)


@pytest.mark.parametrize("name", COMPAT_NAMES)
def test_compat_path_imports(name: str) -> None:
    assert _resolve("claude_core" + name[len("anthropic") :]) is not None


def test_compat_paths_are_the_real_objects() -> None:
    assert _resolve("claude_core.types.text_block.TextBlock") is types.TextBlock
    assert _resolve("claude_core.types.raw_message_delta_event.RawMessageDeltaEvent") is types.RawMessageDeltaEvent
    assert beta.BetaMessage is types.Message
    assert beta.BetaTextBlock is types.TextBlock
    assert beta.BetaRawMessageStartEvent is types.RawMessageStartEvent
    assert beta.BetaRequestDocumentBlockParam is types.DocumentBlockParam
    assert beta.BetaMCPToolUseBlock is types.MCPToolUseBlock
    assert types.MessageStartEvent is types.RawMessageStartEvent
    assert types.ContentBlockDeltaEvent is types.RawContentBlockDeltaEvent


@pytest.mark.parametrize("module", [types, beta])
def test_all_names_exist(module: Any) -> None:
    missing = [name for name in module.__all__ if not hasattr(module, name)]
    assert missing == []
    assert len(set(module.__all__)) == len(module.__all__)
