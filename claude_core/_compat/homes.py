"""Where claude-core keeps the official names that :mod:`claude_core._compat.paths`' rules do not
find: module-local aliases of the official modules, and objects kept under another name or path.
Kept by hand; loaded when an official path's name is first resolved, never by ``import claude_core``.
"""

from __future__ import annotations

from typing import Dict

__all__ = ["ELSEWHERE"]

#: ``"official.module Name"`` -> ``"claude_core.module:attribute"`` for the names the rules do not find:
#: module-local aliases of the official modules, and objects kept under another name or path.
ELSEWHERE: Dict[str, str] = {
    # --- error bodies ----------------------------------------------------------------------------
    "types ErrorObject": "claude_core.types.error_bodies:ErrorObject",
    "types ErrorResponse": "claude_core.types.error_bodies:ErrorResponse",
    "types APIErrorObject": "claude_core.types.error_bodies:APIErrorObject",
    "types AuthenticationError": "claude_core.types.error_bodies:AuthenticationError",
    "types BillingError": "claude_core.types.error_bodies:BillingError",
    "types GatewayTimeoutError": "claude_core.types.error_bodies:GatewayTimeoutError",
    "types InvalidRequestError": "claude_core.types.error_bodies:InvalidRequestError",
    "types NotFoundError": "claude_core.types.error_bodies:NotFoundError",
    "types OverloadedError": "claude_core.types.error_bodies:OverloadedError",
    "types PermissionError": "claude_core.types.error_bodies:PermissionError",
    "types RateLimitError": "claude_core.types.error_bodies:RateLimitError",
    "types BetaError": "claude_core.types.error_bodies:ErrorObject",
    "types BetaErrorResponse": "claude_core.types.error_bodies:ErrorResponse",
    "types BetaAPIError": "claude_core.types.error_bodies:APIErrorObject",
    "types BetaAuthenticationError": "claude_core.types.error_bodies:AuthenticationError",
    "types BetaBillingError": "claude_core.types.error_bodies:BillingError",
    "types BetaGatewayTimeoutError": "claude_core.types.error_bodies:GatewayTimeoutError",
    "types BetaInvalidRequestError": "claude_core.types.error_bodies:InvalidRequestError",
    "types BetaNotFoundError": "claude_core.types.error_bodies:NotFoundError",
    "types BetaOverloadedError": "claude_core.types.error_bodies:OverloadedError",
    "types BetaPermissionError": "claude_core.types.error_bodies:PermissionError",
    "types BetaRateLimitError": "claude_core.types.error_bodies:RateLimitError",
    # --- request parameters: module-local aliases and other names ---------------------------------
    "types.beta MessageCreateParams": "claude_core.types.request_params:BetaMessageCreateParams",
    "types.beta MessageCountTokensParams": "claude_core.types.request_params:BetaMessageCountTokensParams",
    "types.beta.messages.batch_create_params Request": "claude_core.types.messages.batches:Request",
    "types.document_block_param Source": "claude_core.types.block_params:DocumentSourceParam",
    "types.image_block_param Source": "claude_core.types.block_params:ImageSourceParam",
    "types.beta.beta_image_block_param Source": "claude_core.types.block_params:ImageSourceParam",
    "types.beta.beta_request_document_block_param Source": "claude_core.types.block_params:DocumentSourceParam",
    "types.beta BetaBase64PDFBlockParam": "claude_core.types.block_params:DocumentBlockParam",
    "types.web_search_tool_20250305_param UserLocation": "claude_core.types.tool_params:UserLocationParam",
    "types.beta BetaToolSearchToolBm25_20251119Param": "claude_core.types.tool_params:ToolSearchToolBm2520251119Param",
    "types.beta.message_count_tokens_params Tool": "claude_core.types.tool_params:MessageCountTokensToolParam",
    "types.beta.beta_tool_use_block_param Caller": "claude_core.types.beta_params:CallerParam",
    "types.beta.beta_server_tool_use_block_param Caller": "claude_core.types.beta_params:CallerParam",
    "types.beta.beta_clear_thinking_20251015_edit_param Keep": "claude_core.types.beta_params:ClearThinkingKeep",
    "types.beta.beta_clear_tool_uses_20250919_edit_param Trigger": (
        "claude_core.types.beta_params:ClearToolUsesTrigger"
    ),
    "types.beta.beta_context_management_config_param Edit": "claude_core.types.beta_params:ContextManagementEdit",
    "types.beta.beta_bash_code_execution_tool_result_block_param Content": (
        "claude_core.types.beta_params:BashCodeExecutionToolResultContentParam"
    ),
    "types.beta.beta_text_editor_code_execution_tool_result_block_param Content": (
        "claude_core.types.beta_params:TextEditorCodeExecutionToolResultContentParam"
    ),
    "types.beta.beta_tool_search_tool_result_block_param Content": (
        "claude_core.types.beta_params:ToolSearchToolResultContentParam"
    ),
    # --- response models: module-local aliases ---------------------------------------------------
    "types.beta.beta_raw_content_block_start_event ContentBlock": "claude_core.types:ContentBlock",
    "types.citations_delta Citation": "claude_core.types:TextCitation",
    "types.beta.beta_citations_delta Citation": "claude_core.types:TextCitation",
    "types.beta.beta_raw_message_delta_event Delta": "claude_core.types:MessageDelta",
    "types.beta.beta_document_block Source": "claude_core.types.server_tool_results:DocumentBlockSource",
    "types.beta.beta_web_fetch_tool_result_block Content": (
        "claude_core.types.server_tool_results:WebFetchToolResultBlockContent"
    ),
    "types.beta.beta_bash_code_execution_tool_result_block Content": (
        "claude_core.types.server_tool_results:BashCodeExecutionToolResultBlockContent"
    ),
    "types.beta.beta_text_editor_code_execution_tool_result_block Content": (
        "claude_core.types.server_tool_results:TextEditorCodeExecutionToolResultBlockContent"
    ),
    "types.beta.beta_tool_search_tool_result_block Content": (
        "claude_core.types.server_tool_results:ToolSearchToolResultBlockContent"
    ),
    "types.beta.parsed_beta_message ParsedBetaMessage": "claude_core.types.parsed_message:ParsedMessage",
    "types.beta.parsed_beta_message ParsedBetaContentBlock": "claude_core.types.parsed_message:ParsedContentBlock",
    "types.beta.parsed_beta_message ParsedBetaTextBlock": "claude_core.types.parsed_message:ParsedTextBlock",
    # --- the memory tool's commands ----------------------------------------------------------------
    "types.beta BetaMemoryTool20250818Command": "claude_core.tools.memory_commands:BetaMemoryTool20250818Command",
    "types.beta BetaMemoryTool20250818ViewCommand": (
        "claude_core.tools.memory_commands:BetaMemoryTool20250818ViewCommand"
    ),
    "types.beta BetaMemoryTool20250818CreateCommand": (
        "claude_core.tools.memory_commands:BetaMemoryTool20250818CreateCommand"
    ),
    "types.beta BetaMemoryTool20250818StrReplaceCommand": (
        "claude_core.tools.memory_commands:BetaMemoryTool20250818StrReplaceCommand"
    ),
    "types.beta BetaMemoryTool20250818InsertCommand": (
        "claude_core.tools.memory_commands:BetaMemoryTool20250818InsertCommand"
    ),
    "types.beta BetaMemoryTool20250818DeleteCommand": (
        "claude_core.tools.memory_commands:BetaMemoryTool20250818DeleteCommand"
    ),
    "types.beta BetaMemoryTool20250818RenameCommand": (
        "claude_core.tools.memory_commands:BetaMemoryTool20250818RenameCommand"
    ),
    # --- the client's modules -------------------------------------------------------------------
    "_client Timeout": "httpx:Timeout",
    "_client Stream": "claude_core.streaming.stream:Stream",
    "_client AsyncStream": "claude_core.streaming.stream:AsyncStream",
    "_client RequestOptions": "claude_core._types:RequestOptions",
    "_client Transport": "claude_core._types:Transport",
    "resources.messages DEPRECATED_MODELS": "claude_core.resources._warnings:DEPRECATED_MODELS",
    "resources.messages.messages DEPRECATED_MODELS": "claude_core.resources._warnings:DEPRECATED_MODELS",
    "resources.messages.messages MODELS_TO_WARN_WITH_THINKING_ENABLED": (
        "claude_core.resources._warnings:ADAPTIVE_THINKING_MODELS"
    ),
    "resources.messages.messages Messages": "claude_core.resources.messages:Messages",
    "resources.messages.messages AsyncMessages": "claude_core.resources.messages:AsyncMessages",
    "resources.messages Batches": "claude_core.resources.batches:Batches",
    "resources.messages AsyncBatches": "claude_core.resources.batches:AsyncBatches",
    "resources.beta.beta Beta": "claude_core.resources.beta:Beta",
    "resources.beta.beta AsyncBeta": "claude_core.resources.beta:AsyncBeta",
    "resources.beta Files": "claude_core.resources.beta.files:Files",
    "resources.beta AsyncFiles": "claude_core.resources.beta.files:AsyncFiles",
    "resources.beta Messages": "claude_core.resources.beta.messages:Messages",
    "resources.beta AsyncMessages": "claude_core.resources.beta.messages:AsyncMessages",
    "resources.beta.messages Batches": "claude_core.resources.batches:BetaBatches",
    "resources.beta.messages AsyncBatches": "claude_core.resources.batches:AsyncBetaBatches",
    "resources Beta": "claude_core.resources.beta:Beta",
    "resources AsyncBeta": "claude_core.resources.beta:AsyncBeta",
    "resources Completions": "claude_core.resources.completions:Completions",
    "resources AsyncCompletions": "claude_core.resources.completions:AsyncCompletions",
    "resources Messages": "claude_core.resources.messages:Messages",
    "resources AsyncMessages": "claude_core.resources.messages:AsyncMessages",
    "resources Models": "claude_core.resources.models:Models",
    "resources AsyncModels": "claude_core.resources.models:AsyncModels",
    "resources.messages.batches Batches": "claude_core.resources.batches:Batches",
    "resources.messages.batches AsyncBatches": "claude_core.resources.batches:AsyncBatches",
    "resources.beta.messages.batches Batches": "claude_core.resources.batches:BetaBatches",
    "resources.beta.messages.batches AsyncBatches": "claude_core.resources.batches:AsyncBetaBatches",
    "resources.beta.models Models": "claude_core.resources.beta:BetaModels",
    "resources.beta.models AsyncModels": "claude_core.resources.beta:AsyncBetaModels",
    "lib.bedrock._stream BedrockStream": "claude_core.streaming.stream:Stream",
    "lib.bedrock._stream AsyncBedrockStream": "claude_core.streaming.stream:AsyncStream",
    # --- the provider distributions (imported only when these paths are) --------------------------
    "lib.bedrock AnthropicBedrock": "provider_bedrock:AnthropicBedrock",
    "lib.bedrock AsyncAnthropicBedrock": "provider_bedrock:AsyncAnthropicBedrock",
    "lib.bedrock._client AnthropicBedrock": "provider_bedrock:AnthropicBedrock",
    "lib.bedrock._client AsyncAnthropicBedrock": "provider_bedrock:AsyncAnthropicBedrock",
    "lib.bedrock._client DEFAULT_VERSION": "provider_bedrock:BEDROCK_ANTHROPIC_VERSION",
    "lib.bedrock._beta Beta": "provider_bedrock._beta:Beta",
    "lib.bedrock._beta AsyncBeta": "provider_bedrock._beta:AsyncBeta",
    "lib.bedrock._beta_messages Messages": "provider_bedrock._beta:Messages",
    "lib.bedrock._beta_messages AsyncMessages": "provider_bedrock._beta:AsyncMessages",
    "lib.bedrock._stream_decoder AWSEventStreamDecoder": "provider_bedrock:EventStreamDecoder",
    "lib.vertex AnthropicVertex": "provider_vertex:AnthropicVertex",
    "lib.vertex AsyncAnthropicVertex": "provider_vertex:AsyncAnthropicVertex",
    "lib.vertex._client AnthropicVertex": "provider_vertex:AnthropicVertex",
    "lib.vertex._client AsyncAnthropicVertex": "provider_vertex:AsyncAnthropicVertex",
    "lib.vertex._client DEFAULT_VERSION": "provider_vertex:VERTEX_ANTHROPIC_VERSION",
    "lib.vertex._beta Beta": "provider_vertex._beta:Beta",
    "lib.vertex._beta AsyncBeta": "provider_vertex._beta:AsyncBeta",
    "lib.vertex._beta_messages Messages": "provider_vertex._beta:Messages",
    "lib.vertex._beta_messages AsyncMessages": "provider_vertex._beta:AsyncMessages",
}
