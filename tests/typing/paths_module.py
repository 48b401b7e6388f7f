# pyright: strict
"""Every ``anthropic.types`` name of the compatibility table, imported under ``claude_core`` as packages do.

``tox -e typing`` checks that each one exists for mypy and pyright and is valid as a type; with
``claude_core`` replaced by ``anthropic`` the file passes both checkers against the official SDK too.
``tests/core/test_type_paths.py`` checks the same paths at runtime and that this file lists them all.
"""

from __future__ import annotations

import claude_core.types
import claude_core.types.anthropic_beta_param
import claude_core.types.beta
import claude_core.types.beta.beta_tool_result_block_param
import claude_core.types.beta.beta_web_fetch_tool_result_block_param
import claude_core.types.beta.beta_web_search_tool_20250305_param
import claude_core.types.message
import claude_core.types.model_param
import claude_core.types.raw_content_block_delta_event
import claude_core.types.raw_content_block_start_event
import claude_core.types.raw_message_delta_event
import claude_core.types.raw_message_start_event
import claude_core.types.text_block
import claude_core.types.tool_result_block_param
import claude_core.types.tool_use_block
import claude_core.types.tool_use_block_param
from claude_core.types import (
    Base64PDFSourceParam,
    CacheControlEphemeralParam,
    CitationsDelta,
    CitationsSearchResultLocation,
    Completion,
    ContentBlockDeltaEvent,
    ContentBlockParam,
    ContentBlockStartEvent,
    ContentBlockStopEvent,
    DocumentBlockParam,
    ImageBlockParam,
    InputJSONDelta,
    Message,
    MessageDeltaUsage,
    MessageParam,
    RawContentBlockDeltaEvent,
    RawContentBlockStartEvent,
    RawContentBlockStopEvent,
    RawMessageDeltaEvent,
    RawMessageStartEvent,
    RawMessageStopEvent,
    RawMessageStreamEvent,
    SignatureDelta,
    TextBlock,
    TextBlockParam,
    TextCitation,
    TextDelta,
    ThinkingBlock,
    ThinkingBlockParam,
    ThinkingDelta,
    ToolUseBlock,
    ToolUseBlockParam,
    Usage,
)
from claude_core.types.beta import (
    BetaBase64ImageSourceParam,
    BetaBase64PDFSourceParam,
    BetaCacheControlEphemeralParam,
    BetaCitationsConfigParam,
    BetaCitationsDelta,
    BetaCodeExecutionTool20250522Param,
    BetaCodeExecutionToolResultBlock,
    BetaCodeExecutionToolResultBlockContent,
    BetaCodeExecutionToolResultBlockParam,
    BetaCodeExecutionToolResultBlockParamContentParam,
    BetaContainerParams,
    BetaContentBlock,
    BetaContentBlockParam,
    BetaImageBlockParam,
    BetaInputJSONDelta,
    BetaJSONOutputFormatParam,
    BetaMCPToolResultBlock,
    BetaMCPToolUseBlock,
    BetaMCPToolUseBlockParam,
    BetaMemoryTool20250818Param,
    BetaMessage,
    BetaMessageParam,
    BetaMessageTokensCount,
    BetaMetadataParam,
    BetaOutputConfigParam,
    BetaPlainTextSourceParam,
    BetaRawContentBlockDeltaEvent,
    BetaRawContentBlockStartEvent,
    BetaRawContentBlockStopEvent,
    BetaRawMessageDeltaEvent,
    BetaRawMessageStartEvent,
    BetaRawMessageStopEvent,
    BetaRawMessageStreamEvent,
    BetaRedactedThinkingBlock,
    BetaRedactedThinkingBlockParam,
    BetaRequestDocumentBlockParam,
    BetaRequestMCPServerToolConfigurationParam,
    BetaRequestMCPServerURLDefinitionParam,
    BetaSearchResultBlockParam,
    BetaServerToolUseBlock,
    BetaServerToolUseBlockParam,
    BetaSignatureDelta,
    BetaStopReason,
    BetaTextBlock,
    BetaTextBlockParam,
    BetaTextDelta,
    BetaThinkingBlock,
    BetaThinkingBlockParam,
    BetaThinkingConfigParam,
    BetaThinkingDelta,
    BetaToolChoiceParam,
    BetaToolParam,
    BetaToolResultBlockParam,
    BetaToolUnionParam,
    BetaToolUseBlock,
    BetaToolUseBlockParam,
    BetaWebFetchTool20250910Param,
    BetaWebFetchToolResultBlock,
    BetaWebFetchToolResultBlockParam,
    BetaWebSearchTool20250305Param,
    BetaWebSearchToolResultBlock,
    BetaWebSearchToolResultBlockContent,
    BetaWebSearchToolResultBlockParam,
    BetaWebSearchToolResultBlockParamContentParam,
)


class CompatNames:
    """One attribute per name, annotated with it: each must be a class or a type alias."""

    message: Message
    text_block: TextBlock
    usage: Usage
    raw_message_stream_event: RawMessageStreamEvent
    tool_use_block: ToolUseBlock
    beta_cache_control_ephemeral_param: BetaCacheControlEphemeralParam
    beta_citations_config_param: BetaCitationsConfigParam
    beta_content_block_param: BetaContentBlockParam
    beta_image_block_param: BetaImageBlockParam
    beta_message_param: BetaMessageParam
    beta_text_block_param: BetaTextBlockParam
    beta_thinking_block_param: BetaThinkingBlockParam
    beta_tool_result_block_param: BetaToolResultBlockParam
    beta_tool_use_block_param: BetaToolUseBlockParam
    base64_pdf_source_param: Base64PDFSourceParam
    cache_control_ephemeral_param: CacheControlEphemeralParam
    citations_delta: CitationsDelta
    citations_search_result_location: CitationsSearchResultLocation
    completion: Completion
    content_block_delta_event: ContentBlockDeltaEvent
    content_block_param: ContentBlockParam
    content_block_start_event: ContentBlockStartEvent
    content_block_stop_event: ContentBlockStopEvent
    document_block_param: DocumentBlockParam
    image_block_param: ImageBlockParam
    input_json_delta: InputJSONDelta
    message_delta_usage: MessageDeltaUsage
    message_param: MessageParam
    raw_content_block_delta_event: RawContentBlockDeltaEvent
    raw_content_block_start_event: RawContentBlockStartEvent
    raw_content_block_stop_event: RawContentBlockStopEvent
    raw_message_delta_event: RawMessageDeltaEvent
    raw_message_start_event: RawMessageStartEvent
    raw_message_stop_event: RawMessageStopEvent
    signature_delta: SignatureDelta
    text_block_param: TextBlockParam
    text_citation: TextCitation
    text_delta: TextDelta
    thinking_block: ThinkingBlock
    thinking_block_param: ThinkingBlockParam
    thinking_delta: ThinkingDelta
    tool_use_block_param: ToolUseBlockParam
    at_anthropic_beta_param: claude_core.types.anthropic_beta_param.AnthropicBetaParam
    beta_base64_image_source_param: BetaBase64ImageSourceParam
    beta_base64_pdf_source_param: BetaBase64PDFSourceParam
    beta_citations_delta: BetaCitationsDelta
    beta_code_execution_tool20250522_param: BetaCodeExecutionTool20250522Param
    beta_code_execution_tool_result_block: BetaCodeExecutionToolResultBlock
    beta_code_execution_tool_result_block_content: BetaCodeExecutionToolResultBlockContent
    beta_code_execution_tool_result_block_param: BetaCodeExecutionToolResultBlockParam
    beta_code_execution_tool_result_block_param_content_param: BetaCodeExecutionToolResultBlockParamContentParam
    beta_container_params: BetaContainerParams
    beta_content_block: BetaContentBlock
    beta_input_json_delta: BetaInputJSONDelta
    beta_json_output_format_param: BetaJSONOutputFormatParam
    beta_mcp_tool_result_block: BetaMCPToolResultBlock
    beta_mcp_tool_use_block: BetaMCPToolUseBlock
    beta_mcp_tool_use_block_param: BetaMCPToolUseBlockParam
    beta_memory_tool20250818_param: BetaMemoryTool20250818Param
    beta_message: BetaMessage
    beta_message_tokens_count: BetaMessageTokensCount
    beta_metadata_param: BetaMetadataParam
    beta_output_config_param: BetaOutputConfigParam
    beta_plain_text_source_param: BetaPlainTextSourceParam
    beta_raw_content_block_delta_event: BetaRawContentBlockDeltaEvent
    beta_raw_content_block_start_event: BetaRawContentBlockStartEvent
    beta_raw_content_block_stop_event: BetaRawContentBlockStopEvent
    beta_raw_message_delta_event: BetaRawMessageDeltaEvent
    beta_raw_message_start_event: BetaRawMessageStartEvent
    beta_raw_message_stop_event: BetaRawMessageStopEvent
    beta_raw_message_stream_event: BetaRawMessageStreamEvent
    beta_redacted_thinking_block: BetaRedactedThinkingBlock
    beta_redacted_thinking_block_param: BetaRedactedThinkingBlockParam
    beta_request_document_block_param: BetaRequestDocumentBlockParam
    beta_request_mcp_server_tool_configuration_param: BetaRequestMCPServerToolConfigurationParam
    beta_request_mcp_server_url_definition_param: BetaRequestMCPServerURLDefinitionParam
    beta_search_result_block_param: BetaSearchResultBlockParam
    beta_server_tool_use_block: BetaServerToolUseBlock
    beta_server_tool_use_block_param: BetaServerToolUseBlockParam
    beta_signature_delta: BetaSignatureDelta
    beta_stop_reason: BetaStopReason
    beta_text_block: BetaTextBlock
    beta_text_delta: BetaTextDelta
    beta_thinking_block: BetaThinkingBlock
    beta_thinking_config_param: BetaThinkingConfigParam
    beta_thinking_delta: BetaThinkingDelta
    beta_tool_choice_param: BetaToolChoiceParam
    beta_tool_param: BetaToolParam
    beta_tool_union_param: BetaToolUnionParam
    beta_tool_use_block: BetaToolUseBlock
    beta_web_fetch_tool20250910_param: BetaWebFetchTool20250910Param
    beta_web_fetch_tool_result_block: BetaWebFetchToolResultBlock
    beta_web_fetch_tool_result_block_param: BetaWebFetchToolResultBlockParam
    beta_web_search_tool20250305_param: BetaWebSearchTool20250305Param
    beta_web_search_tool_result_block: BetaWebSearchToolResultBlock
    beta_web_search_tool_result_block_content: BetaWebSearchToolResultBlockContent
    beta_web_search_tool_result_block_param: BetaWebSearchToolResultBlockParam
    beta_web_search_tool_result_block_param_content_param: BetaWebSearchToolResultBlockParamContentParam
    at_beta_tool_result_block_param_content: claude_core.types.beta.beta_tool_result_block_param.Content
    at_beta_web_fetch_tool_result_block_param_content: (
        claude_core.types.beta.beta_web_fetch_tool_result_block_param.Content
    )
    at_beta_web_search_tool_20250305_param_user_location: (
        claude_core.types.beta.beta_web_search_tool_20250305_param.UserLocation
    )
    at_message: claude_core.types.message.Message
    at_model_param: claude_core.types.model_param.ModelParam
    at_raw_content_block_delta_event: claude_core.types.raw_content_block_delta_event.RawContentBlockDeltaEvent
    at_raw_content_block_start_event: claude_core.types.raw_content_block_start_event.RawContentBlockStartEvent
    at_raw_message_delta_event: claude_core.types.raw_message_delta_event.RawMessageDeltaEvent
    at_raw_message_start_event: claude_core.types.raw_message_start_event.RawMessageStartEvent
    at_text_block: claude_core.types.text_block.TextBlock
    at_tool_result_block_param: claude_core.types.tool_result_block_param.ToolResultBlockParam
    at_tool_use_block: claude_core.types.tool_use_block.ToolUseBlock
    at_tool_use_block_param: claude_core.types.tool_use_block_param.ToolUseBlockParam


MODULES = (
    claude_core.types,
    claude_core.types.anthropic_beta_param,
    claude_core.types.beta,
    claude_core.types.beta.beta_tool_result_block_param,
    claude_core.types.beta.beta_web_fetch_tool_result_block_param,
    claude_core.types.beta.beta_web_search_tool_20250305_param,
    claude_core.types.message,
    claude_core.types.model_param,
    claude_core.types.raw_content_block_delta_event,
    claude_core.types.raw_content_block_start_event,
    claude_core.types.raw_message_delta_event,
    claude_core.types.raw_message_start_event,
    claude_core.types.text_block,
    claude_core.types.tool_result_block_param,
    claude_core.types.tool_use_block,
    claude_core.types.tool_use_block_param,
)
"""Each module of the table, as an attribute of its package."""
