"""The table behind :mod:`claude_core._compat.paths`: the official SDK's module paths that have no
claude-core file and the names each defines. Loaded on the first import of such a path, never by
``import claude_core``; generated once from the official 0.79.0 wheel (the pairs are in
``tests/compat/official_names.txt``). The names the rules do not find are in
:mod:`claude_core._compat.homes`.
"""

from __future__ import annotations

from typing import Dict, FrozenSet

__all__ = ["MODULES", "PACKAGES"]

#: Official module path (under the package) -> the names it defines, space separated.
MODULES: Dict[str, str] = {
    "_exceptions": (
        "APIConnectionError APIError APIResponseValidationError APIStatusError APITimeoutError AnthropicError "
        "AuthenticationError BadRequestError ConflictError DeadlineExceededError InternalServerError "
        "NotFoundError OverloadedError PermissionDeniedError RateLimitError RequestTooLargeError "
        "ServiceUnavailableError UnprocessableEntityError"
    ),
    "lib.bedrock": "AnthropicBedrock AsyncAnthropicBedrock",
    "lib.bedrock._beta": (
        "AsyncBeta AsyncBetaWithRawResponse AsyncBetaWithStreamingResponse Beta BetaWithRawResponse "
        "BetaWithStreamingResponse"
    ),
    "lib.bedrock._beta_messages": (
        "AsyncMessages AsyncMessagesWithRawResponse AsyncMessagesWithStreamingResponse Messages "
        "MessagesWithRawResponse MessagesWithStreamingResponse"
    ),
    "lib.bedrock._client": "AnthropicBedrock AsyncAnthropicBedrock BaseBedrockClient DEFAULT_VERSION",
    "lib.bedrock._stream": "AsyncBedrockStream BedrockStream",
    "lib.bedrock._stream_decoder": "AWSEventStreamDecoder get_response_stream_shape",
    "lib.foundry": (
        "AnthropicFoundry AsyncAnthropicFoundry AsyncAzureADTokenProvider AsyncBetaFoundry "
        "AsyncBetaFoundryMessages AsyncMessagesFoundry AzureADTokenProvider BaseFoundryClient BetaFoundry "
        "BetaFoundryMessages MessagesFoundry MutuallyExclusiveAuthError"
    ),
    "lib.streaming._beta_messages": (
        "BetaAsyncMessageStream BetaAsyncMessageStreamManager BetaMessageStream BetaMessageStreamManager "
        "JSON_BUF_PROPERTY TRACKS_TOOL_INPUT accumulate_event build_events"
    ),
    "lib.streaming._beta_types": (
        "BetaCitationEvent BetaCompactionEvent BetaInputJsonEvent BetaSignatureEvent BetaThinkingEvent "
        "ParsedBetaContentBlockStopEvent ParsedBetaMessageStopEvent ParsedBetaMessageStreamEvent "
        "ParsedBetaTextEvent"
    ),
    "lib.streaming._types": (
        "CitationEvent ContentBlockStopEvent InputJsonEvent MessageStopEvent MessageStreamEvent "
        "ParsedContentBlockStopEvent ParsedMessageStopEvent ParsedMessageStreamEvent SignatureEvent TextEvent "
        "ThinkingEvent"
    ),
    "lib.vertex": "AnthropicVertex AsyncAnthropicVertex",
    "lib.vertex._beta": (
        "AsyncBeta AsyncBetaWithRawResponse AsyncBetaWithStreamingResponse Beta BetaWithRawResponse "
        "BetaWithStreamingResponse"
    ),
    "lib.vertex._beta_messages": (
        "AsyncMessages AsyncMessagesWithRawResponse AsyncMessagesWithStreamingResponse Messages "
        "MessagesWithRawResponse MessagesWithStreamingResponse"
    ),
    "lib.vertex._client": "AnthropicVertex AsyncAnthropicVertex BaseVertexClient DEFAULT_VERSION",
    "resources.beta.beta": (
        "AsyncBeta AsyncBetaWithRawResponse AsyncBetaWithStreamingResponse Beta BetaWithRawResponse "
        "BetaWithStreamingResponse"
    ),
    "resources.beta.messages.batches": (
        "AsyncBatches AsyncBatchesWithRawResponse AsyncBatchesWithStreamingResponse Batches "
        "BatchesWithRawResponse BatchesWithStreamingResponse"
    ),
    "resources.beta.models": (
        "AsyncModels AsyncModelsWithRawResponse AsyncModelsWithStreamingResponse Models ModelsWithRawResponse "
        "ModelsWithStreamingResponse"
    ),
    "resources.beta.skills": (
        "AsyncSkills AsyncSkillsWithRawResponse AsyncSkillsWithStreamingResponse AsyncVersions "
        "AsyncVersionsWithRawResponse AsyncVersionsWithStreamingResponse Skills SkillsWithRawResponse "
        "SkillsWithStreamingResponse Versions VersionsWithRawResponse VersionsWithStreamingResponse"
    ),
    "resources.beta.skills.skills": (
        "AsyncSkills AsyncSkillsWithRawResponse AsyncSkillsWithStreamingResponse Skills SkillsWithRawResponse "
        "SkillsWithStreamingResponse"
    ),
    "resources.beta.skills.versions": (
        "AsyncVersions AsyncVersionsWithRawResponse AsyncVersionsWithStreamingResponse Versions "
        "VersionsWithRawResponse VersionsWithStreamingResponse"
    ),
    "resources.messages.batches": (
        "AsyncBatches AsyncBatchesWithRawResponse AsyncBatchesWithStreamingResponse Batches "
        "BatchesWithRawResponse BatchesWithStreamingResponse"
    ),
    "resources.messages.messages": (
        "AsyncMessages AsyncMessagesWithRawResponse AsyncMessagesWithStreamingResponse DEPRECATED_MODELS "
        "MODELS_TO_WARN_WITH_THINKING_ENABLED Messages MessagesWithRawResponse MessagesWithStreamingResponse"
    ),
    "types.base64_image_source_param": "Base64ImageSourceParam",
    "types.base64_pdf_source_param": "Base64PDFSourceParam",
    "types.beta.beta_all_thinking_turns_param": "BetaAllThinkingTurnsParam",
    "types.beta.beta_base64_image_source_param": "BetaBase64ImageSourceParam",
    "types.beta.beta_base64_pdf_block_param": "BetaBase64PDFBlockParam",
    "types.beta.beta_base64_pdf_source": "BetaBase64PDFSource",
    "types.beta.beta_base64_pdf_source_param": "BetaBase64PDFSourceParam",
    "types.beta.beta_bash_code_execution_output_block": "BetaBashCodeExecutionOutputBlock",
    "types.beta.beta_bash_code_execution_output_block_param": "BetaBashCodeExecutionOutputBlockParam",
    "types.beta.beta_bash_code_execution_result_block": "BetaBashCodeExecutionResultBlock",
    "types.beta.beta_bash_code_execution_result_block_param": "BetaBashCodeExecutionResultBlockParam",
    "types.beta.beta_bash_code_execution_tool_result_block": "BetaBashCodeExecutionToolResultBlock Content",
    "types.beta.beta_bash_code_execution_tool_result_block_param": "BetaBashCodeExecutionToolResultBlockParam Content",
    "types.beta.beta_bash_code_execution_tool_result_error": "BetaBashCodeExecutionToolResultError",
    "types.beta.beta_bash_code_execution_tool_result_error_param": "BetaBashCodeExecutionToolResultErrorParam",
    "types.beta.beta_cache_control_ephemeral_param": "BetaCacheControlEphemeralParam",
    "types.beta.beta_cache_creation": "BetaCacheCreation",
    "types.beta.beta_citation_char_location": "BetaCitationCharLocation",
    "types.beta.beta_citation_char_location_param": "BetaCitationCharLocationParam",
    "types.beta.beta_citation_config": "BetaCitationConfig",
    "types.beta.beta_citation_content_block_location": "BetaCitationContentBlockLocation",
    "types.beta.beta_citation_content_block_location_param": "BetaCitationContentBlockLocationParam",
    "types.beta.beta_citation_page_location": "BetaCitationPageLocation",
    "types.beta.beta_citation_page_location_param": "BetaCitationPageLocationParam",
    "types.beta.beta_citation_search_result_location": "BetaCitationSearchResultLocation",
    "types.beta.beta_citation_search_result_location_param": "BetaCitationSearchResultLocationParam",
    "types.beta.beta_citation_web_search_result_location_param": "BetaCitationWebSearchResultLocationParam",
    "types.beta.beta_citations_config_param": "BetaCitationsConfigParam",
    "types.beta.beta_citations_delta": "BetaCitationsDelta Citation",
    "types.beta.beta_citations_web_search_result_location": "BetaCitationsWebSearchResultLocation",
    "types.beta.beta_clear_thinking_20251015_edit_param": "BetaClearThinking20251015EditParam Keep",
    "types.beta.beta_clear_thinking_20251015_edit_response": "BetaClearThinking20251015EditResponse",
    "types.beta.beta_clear_tool_uses_20250919_edit_param": "BetaClearToolUses20250919EditParam Trigger",
    "types.beta.beta_clear_tool_uses_20250919_edit_response": "BetaClearToolUses20250919EditResponse",
    "types.beta.beta_code_execution_output_block": "BetaCodeExecutionOutputBlock",
    "types.beta.beta_code_execution_output_block_param": "BetaCodeExecutionOutputBlockParam",
    "types.beta.beta_code_execution_result_block": "BetaCodeExecutionResultBlock",
    "types.beta.beta_code_execution_result_block_param": "BetaCodeExecutionResultBlockParam",
    "types.beta.beta_code_execution_tool_20250522_param": "BetaCodeExecutionTool20250522Param",
    "types.beta.beta_code_execution_tool_20250825_param": "BetaCodeExecutionTool20250825Param",
    "types.beta.beta_code_execution_tool_result_block": "BetaCodeExecutionToolResultBlock",
    "types.beta.beta_code_execution_tool_result_block_content": "BetaCodeExecutionToolResultBlockContent",
    "types.beta.beta_code_execution_tool_result_block_param": "BetaCodeExecutionToolResultBlockParam",
    "types.beta.beta_code_execution_tool_result_block_param_content_param": (
        "BetaCodeExecutionToolResultBlockParamContentParam"
    ),
    "types.beta.beta_code_execution_tool_result_error": "BetaCodeExecutionToolResultError",
    "types.beta.beta_code_execution_tool_result_error_code": "BetaCodeExecutionToolResultErrorCode",
    "types.beta.beta_code_execution_tool_result_error_param": "BetaCodeExecutionToolResultErrorParam",
    "types.beta.beta_compact_20260112_edit_param": "BetaCompact20260112EditParam",
    "types.beta.beta_compaction_block": "BetaCompactionBlock",
    "types.beta.beta_compaction_block_param": "BetaCompactionBlockParam",
    "types.beta.beta_compaction_content_block_delta": "BetaCompactionContentBlockDelta",
    "types.beta.beta_compaction_iteration_usage": "BetaCompactionIterationUsage",
    "types.beta.beta_container": "BetaContainer",
    "types.beta.beta_container_params": "BetaContainerParams",
    "types.beta.beta_container_upload_block": "BetaContainerUploadBlock",
    "types.beta.beta_container_upload_block_param": "BetaContainerUploadBlockParam",
    "types.beta.beta_content_block": "BetaContentBlock",
    "types.beta.beta_content_block_param": "BetaContentBlockParam",
    "types.beta.beta_content_block_source_content_param": "BetaContentBlockSourceContentParam",
    "types.beta.beta_content_block_source_param": "BetaContentBlockSourceParam",
    "types.beta.beta_context_management_config_param": "BetaContextManagementConfigParam Edit",
    "types.beta.beta_context_management_response": "AppliedEdit BetaContextManagementResponse",
    "types.beta.beta_count_tokens_context_management_response": "BetaCountTokensContextManagementResponse",
    "types.beta.beta_direct_caller": "BetaDirectCaller",
    "types.beta.beta_direct_caller_param": "BetaDirectCallerParam",
    "types.beta.beta_document_block": "BetaDocumentBlock Source",
    "types.beta.beta_file_document_source_param": "BetaFileDocumentSourceParam",
    "types.beta.beta_file_image_source_param": "BetaFileImageSourceParam",
    "types.beta.beta_image_block_param": "BetaImageBlockParam Source",
    "types.beta.beta_input_json_delta": "BetaInputJSONDelta",
    "types.beta.beta_input_tokens_clear_at_least_param": "BetaInputTokensClearAtLeastParam",
    "types.beta.beta_input_tokens_trigger_param": "BetaInputTokensTriggerParam",
    "types.beta.beta_iterations_usage": "BetaIterationsUsage BetaIterationsUsageItem",
    "types.beta.beta_json_output_format_param": "BetaJSONOutputFormatParam",
    "types.beta.beta_mcp_tool_config_param": "BetaMCPToolConfigParam",
    "types.beta.beta_mcp_tool_default_config_param": "BetaMCPToolDefaultConfigParam",
    "types.beta.beta_mcp_tool_result_block": "BetaMCPToolResultBlock",
    "types.beta.beta_mcp_tool_use_block": "BetaMCPToolUseBlock",
    "types.beta.beta_mcp_tool_use_block_param": "BetaMCPToolUseBlockParam",
    "types.beta.beta_mcp_toolset_param": "BetaMCPToolsetParam",
    "types.beta.beta_memory_tool_20250818_command": "BetaMemoryTool20250818Command",
    "types.beta.beta_memory_tool_20250818_create_command": "BetaMemoryTool20250818CreateCommand",
    "types.beta.beta_memory_tool_20250818_delete_command": "BetaMemoryTool20250818DeleteCommand",
    "types.beta.beta_memory_tool_20250818_insert_command": "BetaMemoryTool20250818InsertCommand",
    "types.beta.beta_memory_tool_20250818_param": "BetaMemoryTool20250818Param",
    "types.beta.beta_memory_tool_20250818_rename_command": "BetaMemoryTool20250818RenameCommand",
    "types.beta.beta_memory_tool_20250818_str_replace_command": "BetaMemoryTool20250818StrReplaceCommand",
    "types.beta.beta_memory_tool_20250818_view_command": "BetaMemoryTool20250818ViewCommand",
    "types.beta.beta_message": "BetaContentBlock BetaMessage",
    "types.beta.beta_message_delta_usage": "BetaMessageDeltaUsage",
    "types.beta.beta_message_iteration_usage": "BetaMessageIterationUsage",
    "types.beta.beta_message_param": "BetaMessageParam",
    "types.beta.beta_message_tokens_count": "BetaMessageTokensCount",
    "types.beta.beta_metadata_param": "BetaMetadataParam",
    "types.beta.beta_model_info": "BetaModelInfo",
    "types.beta.beta_output_config_param": "BetaOutputConfigParam",
    "types.beta.beta_plain_text_source": "BetaPlainTextSource",
    "types.beta.beta_plain_text_source_param": "BetaPlainTextSourceParam",
    "types.beta.beta_raw_content_block_delta": "BetaRawContentBlockDelta",
    "types.beta.beta_raw_content_block_delta_event": "BetaRawContentBlockDeltaEvent",
    "types.beta.beta_raw_content_block_start_event": "BetaRawContentBlockStartEvent ContentBlock",
    "types.beta.beta_raw_content_block_stop_event": "BetaRawContentBlockStopEvent",
    "types.beta.beta_raw_message_delta_event": "BetaRawMessageDeltaEvent Delta",
    "types.beta.beta_raw_message_start_event": "BetaRawMessageStartEvent",
    "types.beta.beta_raw_message_stop_event": "BetaRawMessageStopEvent",
    "types.beta.beta_raw_message_stream_event": "BetaRawMessageStreamEvent",
    "types.beta.beta_redacted_thinking_block": "BetaRedactedThinkingBlock",
    "types.beta.beta_redacted_thinking_block_param": "BetaRedactedThinkingBlockParam",
    "types.beta.beta_request_document_block_param": "BetaRequestDocumentBlockParam Source",
    "types.beta.beta_request_mcp_server_tool_configuration_param": "BetaRequestMCPServerToolConfigurationParam",
    "types.beta.beta_request_mcp_server_url_definition_param": "BetaRequestMCPServerURLDefinitionParam",
    "types.beta.beta_request_mcp_tool_result_block_param": "BetaRequestMCPToolResultBlockParam",
    "types.beta.beta_search_result_block_param": "BetaSearchResultBlockParam",
    "types.beta.beta_server_tool_caller": "BetaServerToolCaller",
    "types.beta.beta_server_tool_caller_param": "BetaServerToolCallerParam",
    "types.beta.beta_server_tool_usage": "BetaServerToolUsage",
    "types.beta.beta_server_tool_use_block": "BetaServerToolUseBlock Caller",
    "types.beta.beta_server_tool_use_block_param": "BetaServerToolUseBlockParam Caller",
    "types.beta.beta_signature_delta": "BetaSignatureDelta",
    "types.beta.beta_skill": "BetaSkill",
    "types.beta.beta_skill_params": "BetaSkillParams",
    "types.beta.beta_stop_reason": "BetaStopReason",
    "types.beta.beta_text_block": "BetaTextBlock",
    "types.beta.beta_text_block_param": "BetaTextBlockParam",
    "types.beta.beta_text_citation": "BetaTextCitation",
    "types.beta.beta_text_citation_param": "BetaTextCitationParam",
    "types.beta.beta_text_delta": "BetaTextDelta",
    "types.beta.beta_text_editor_code_execution_create_result_block": "BetaTextEditorCodeExecutionCreateResultBlock",
    "types.beta.beta_text_editor_code_execution_create_result_block_param": (
        "BetaTextEditorCodeExecutionCreateResultBlockParam"
    ),
    "types.beta.beta_text_editor_code_execution_str_replace_result_block": (
        "BetaTextEditorCodeExecutionStrReplaceResultBlock"
    ),
    "types.beta.beta_text_editor_code_execution_str_replace_result_block_param": (
        "BetaTextEditorCodeExecutionStrReplaceResultBlockParam"
    ),
    "types.beta.beta_text_editor_code_execution_tool_result_block": (
        "BetaTextEditorCodeExecutionToolResultBlock Content"
    ),
    "types.beta.beta_text_editor_code_execution_tool_result_block_param": (
        "BetaTextEditorCodeExecutionToolResultBlockParam Content"
    ),
    "types.beta.beta_text_editor_code_execution_tool_result_error": "BetaTextEditorCodeExecutionToolResultError",
    "types.beta.beta_text_editor_code_execution_tool_result_error_param": (
        "BetaTextEditorCodeExecutionToolResultErrorParam"
    ),
    "types.beta.beta_text_editor_code_execution_view_result_block": "BetaTextEditorCodeExecutionViewResultBlock",
    "types.beta.beta_text_editor_code_execution_view_result_block_param": (
        "BetaTextEditorCodeExecutionViewResultBlockParam"
    ),
    "types.beta.beta_thinking_block": "BetaThinkingBlock",
    "types.beta.beta_thinking_block_param": "BetaThinkingBlockParam",
    "types.beta.beta_thinking_config_adaptive_param": "BetaThinkingConfigAdaptiveParam",
    "types.beta.beta_thinking_config_disabled_param": "BetaThinkingConfigDisabledParam",
    "types.beta.beta_thinking_config_enabled_param": "BetaThinkingConfigEnabledParam",
    "types.beta.beta_thinking_config_param": "BetaThinkingConfigParam",
    "types.beta.beta_thinking_delta": "BetaThinkingDelta",
    "types.beta.beta_thinking_turns_param": "BetaThinkingTurnsParam",
    "types.beta.beta_tool_bash_20241022_param": "BetaToolBash20241022Param",
    "types.beta.beta_tool_bash_20250124_param": "BetaToolBash20250124Param",
    "types.beta.beta_tool_choice_any_param": "BetaToolChoiceAnyParam",
    "types.beta.beta_tool_choice_auto_param": "BetaToolChoiceAutoParam",
    "types.beta.beta_tool_choice_none_param": "BetaToolChoiceNoneParam",
    "types.beta.beta_tool_choice_param": "BetaToolChoiceParam",
    "types.beta.beta_tool_choice_tool_param": "BetaToolChoiceToolParam",
    "types.beta.beta_tool_computer_use_20241022_param": "BetaToolComputerUse20241022Param",
    "types.beta.beta_tool_computer_use_20250124_param": "BetaToolComputerUse20250124Param",
    "types.beta.beta_tool_computer_use_20251124_param": "BetaToolComputerUse20251124Param",
    "types.beta.beta_tool_reference_block": "BetaToolReferenceBlock",
    "types.beta.beta_tool_reference_block_param": "BetaToolReferenceBlockParam",
    "types.beta.beta_tool_search_tool_bm25_20251119_param": "BetaToolSearchToolBm25_20251119Param",
    "types.beta.beta_tool_search_tool_regex_20251119_param": "BetaToolSearchToolRegex20251119Param",
    "types.beta.beta_tool_search_tool_result_block": "BetaToolSearchToolResultBlock Content",
    "types.beta.beta_tool_search_tool_result_block_param": "BetaToolSearchToolResultBlockParam Content",
    "types.beta.beta_tool_search_tool_result_error": "BetaToolSearchToolResultError",
    "types.beta.beta_tool_search_tool_result_error_param": "BetaToolSearchToolResultErrorParam",
    "types.beta.beta_tool_search_tool_search_result_block": "BetaToolSearchToolSearchResultBlock",
    "types.beta.beta_tool_search_tool_search_result_block_param": "BetaToolSearchToolSearchResultBlockParam",
    "types.beta.beta_tool_text_editor_20241022_param": "BetaToolTextEditor20241022Param",
    "types.beta.beta_tool_text_editor_20250124_param": "BetaToolTextEditor20250124Param",
    "types.beta.beta_tool_text_editor_20250429_param": "BetaToolTextEditor20250429Param",
    "types.beta.beta_tool_text_editor_20250728_param": "BetaToolTextEditor20250728Param",
    "types.beta.beta_tool_union_param": "BetaToolUnionParam",
    "types.beta.beta_tool_use_block": "BetaToolUseBlock Caller",
    "types.beta.beta_tool_use_block_param": "BetaToolUseBlockParam Caller",
    "types.beta.beta_tool_uses_keep_param": "BetaToolUsesKeepParam",
    "types.beta.beta_tool_uses_trigger_param": "BetaToolUsesTriggerParam",
    "types.beta.beta_url_image_source_param": "BetaURLImageSourceParam",
    "types.beta.beta_url_pdf_source_param": "BetaURLPDFSourceParam",
    "types.beta.beta_usage": "BetaUsage",
    "types.beta.beta_web_fetch_block": "BetaWebFetchBlock",
    "types.beta.beta_web_fetch_block_param": "BetaWebFetchBlockParam",
    "types.beta.beta_web_fetch_tool_20250910_param": "BetaWebFetchTool20250910Param",
    "types.beta.beta_web_fetch_tool_result_block": "BetaWebFetchToolResultBlock Content",
    "types.beta.beta_web_fetch_tool_result_error_block": "BetaWebFetchToolResultErrorBlock",
    "types.beta.beta_web_fetch_tool_result_error_block_param": "BetaWebFetchToolResultErrorBlockParam",
    "types.beta.beta_web_fetch_tool_result_error_code": "BetaWebFetchToolResultErrorCode",
    "types.beta.beta_web_search_result_block": "BetaWebSearchResultBlock",
    "types.beta.beta_web_search_result_block_param": "BetaWebSearchResultBlockParam",
    "types.beta.beta_web_search_tool_request_error_param": "BetaWebSearchToolRequestErrorParam",
    "types.beta.beta_web_search_tool_result_block": "BetaWebSearchToolResultBlock",
    "types.beta.beta_web_search_tool_result_block_content": "BetaWebSearchToolResultBlockContent",
    "types.beta.beta_web_search_tool_result_block_param": "BetaWebSearchToolResultBlockParam",
    "types.beta.beta_web_search_tool_result_block_param_content_param": "BetaWebSearchToolResultBlockParamContentParam",
    "types.beta.beta_web_search_tool_result_error": "BetaWebSearchToolResultError",
    "types.beta.beta_web_search_tool_result_error_code": "BetaWebSearchToolResultErrorCode",
    "types.beta.deleted_file": "DeletedFile",
    "types.beta.file_list_params": "FileListParams",
    "types.beta.file_metadata": "FileMetadata",
    "types.beta.file_upload_params": "FileUploadParams",
    "types.beta.message_count_tokens_params": "MessageCountTokensParams Tool",
    "types.beta.messages.batch_create_params": "BatchCreateParams Request",
    "types.beta.messages.batch_list_params": "BatchListParams",
    "types.beta.messages.beta_deleted_message_batch": "BetaDeletedMessageBatch",
    "types.beta.messages.beta_message_batch": "BetaMessageBatch",
    "types.beta.messages.beta_message_batch_canceled_result": "BetaMessageBatchCanceledResult",
    "types.beta.messages.beta_message_batch_errored_result": "BetaMessageBatchErroredResult",
    "types.beta.messages.beta_message_batch_expired_result": "BetaMessageBatchExpiredResult",
    "types.beta.messages.beta_message_batch_individual_response": "BetaMessageBatchIndividualResponse",
    "types.beta.messages.beta_message_batch_request_counts": "BetaMessageBatchRequestCounts",
    "types.beta.messages.beta_message_batch_result": "BetaMessageBatchResult",
    "types.beta.messages.beta_message_batch_succeeded_result": "BetaMessageBatchSucceededResult",
    "types.beta.model_list_params": "ModelListParams",
    "types.beta.parsed_beta_message": "ParsedBetaContentBlock ParsedBetaMessage ParsedBetaTextBlock",
    "types.beta.skill_create_params": "SkillCreateParams",
    "types.beta.skill_create_response": "SkillCreateResponse",
    "types.beta.skill_delete_response": "SkillDeleteResponse",
    "types.beta.skill_list_params": "SkillListParams",
    "types.beta.skill_list_response": "SkillListResponse",
    "types.beta.skill_retrieve_response": "SkillRetrieveResponse",
    "types.beta.skills": (
        "VersionCreateParams VersionCreateResponse VersionDeleteResponse VersionListParams "
        "VersionListResponse VersionRetrieveResponse"
    ),
    "types.beta.skills.version_create_params": "VersionCreateParams",
    "types.beta.skills.version_create_response": "VersionCreateResponse",
    "types.beta.skills.version_delete_response": "VersionDeleteResponse",
    "types.beta.skills.version_list_params": "VersionListParams",
    "types.beta.skills.version_list_response": "VersionListResponse",
    "types.beta.skills.version_retrieve_response": "VersionRetrieveResponse",
    "types.beta_api_error": "BetaAPIError",
    "types.beta_authentication_error": "BetaAuthenticationError",
    "types.beta_billing_error": "BetaBillingError",
    "types.beta_error": "BetaError",
    "types.beta_error_response": "BetaErrorResponse",
    "types.beta_gateway_timeout_error": "BetaGatewayTimeoutError",
    "types.beta_invalid_request_error": "BetaInvalidRequestError",
    "types.beta_not_found_error": "BetaNotFoundError",
    "types.beta_overloaded_error": "BetaOverloadedError",
    "types.beta_permission_error": "BetaPermissionError",
    "types.beta_rate_limit_error": "BetaRateLimitError",
    "types.cache_control_ephemeral_param": "CacheControlEphemeralParam",
    "types.citation_char_location": "CitationCharLocation",
    "types.citation_char_location_param": "CitationCharLocationParam",
    "types.citation_content_block_location": "CitationContentBlockLocation",
    "types.citation_content_block_location_param": "CitationContentBlockLocationParam",
    "types.citation_page_location": "CitationPageLocation",
    "types.citation_page_location_param": "CitationPageLocationParam",
    "types.citation_search_result_location_param": "CitationSearchResultLocationParam",
    "types.citation_web_search_result_location_param": "CitationWebSearchResultLocationParam",
    "types.citations_config_param": "CitationsConfigParam",
    "types.citations_delta": "Citation CitationsDelta",
    "types.citations_search_result_location": "CitationsSearchResultLocation",
    "types.citations_web_search_result_location": "CitationsWebSearchResultLocation",
    "types.content_block": "ContentBlock",
    "types.content_block_delta_event": "ContentBlockDeltaEvent",
    "types.content_block_param": "ContentBlockParam",
    "types.content_block_source_content_param": "ContentBlockSourceContentParam",
    "types.content_block_source_param": "ContentBlockSourceParam",
    "types.content_block_start_event": "ContentBlockStartEvent",
    "types.content_block_stop_event": "ContentBlockStopEvent",
    "types.document_block_param": "DocumentBlockParam Source",
    "types.image_block_param": "ImageBlockParam Source",
    "types.input_json_delta": "InputJSONDelta InputJsonDelta",
    "types.json_output_format_param": "JSONOutputFormatParam",
    "types.message_count_tokens_params": "MessageCountTokensParams",
    "types.message_count_tokens_tool_param": "MessageCountTokensToolParam",
    "types.message_delta_event": "MessageDeltaEvent",
    "types.message_delta_usage": "MessageDeltaUsage",
    "types.message_start_event": "MessageStartEvent",
    "types.message_stop_event": "MessageStopEvent",
    "types.message_stream_event": "MessageStreamEvent",
    "types.message_tokens_count": "MessageTokensCount",
    "types.messages.batch_list_params": "BatchListParams",
    "types.messages.deleted_message_batch": "DeletedMessageBatch",
    "types.messages.message_batch": "MessageBatch",
    "types.messages.message_batch_canceled_result": "MessageBatchCanceledResult",
    "types.messages.message_batch_errored_result": "MessageBatchErroredResult",
    "types.messages.message_batch_expired_result": "MessageBatchExpiredResult",
    "types.messages.message_batch_individual_response": "MessageBatchIndividualResponse",
    "types.messages.message_batch_request_counts": "MessageBatchRequestCounts",
    "types.messages.message_batch_result": "MessageBatchResult",
    "types.messages.message_batch_succeeded_result": "MessageBatchSucceededResult",
    "types.metadata_param": "MetadataParam",
    "types.model_list_params": "ModelListParams",
    "types.output_config_param": "OutputConfigParam",
    "types.plain_text_source_param": "PlainTextSourceParam",
    "types.raw_content_block_delta": "RawContentBlockDelta",
    "types.raw_content_block_stop_event": "RawContentBlockStopEvent",
    "types.raw_message_stop_event": "RawMessageStopEvent",
    "types.raw_message_stream_event": "RawMessageStreamEvent",
    "types.redacted_thinking_block": "RedactedThinkingBlock",
    "types.redacted_thinking_block_param": "RedactedThinkingBlockParam",
    "types.search_result_block_param": "SearchResultBlockParam",
    "types.server_tool_usage": "ServerToolUsage",
    "types.server_tool_use_block": "ServerToolUseBlock",
    "types.server_tool_use_block_param": "ServerToolUseBlockParam",
    "types.shared.api_error_object": "APIErrorObject",
    "types.shared.authentication_error": "AuthenticationError",
    "types.shared.billing_error": "BillingError",
    "types.shared.error_object": "ErrorObject",
    "types.shared.error_response": "ErrorResponse",
    "types.shared.gateway_timeout_error": "GatewayTimeoutError",
    "types.shared.invalid_request_error": "InvalidRequestError",
    "types.shared.not_found_error": "NotFoundError",
    "types.shared.overloaded_error": "OverloadedError",
    "types.shared.permission_error": "PermissionError",
    "types.shared.rate_limit_error": "RateLimitError",
    "types.signature_delta": "SignatureDelta",
    "types.stop_reason": "StopReason",
    "types.text_block_param": "TextBlockParam",
    "types.text_citation": "TextCitation",
    "types.text_citation_param": "TextCitationParam",
    "types.text_delta": "TextDelta",
    "types.thinking_block": "ThinkingBlock",
    "types.thinking_block_param": "ThinkingBlockParam",
    "types.thinking_config_adaptive_param": "ThinkingConfigAdaptiveParam",
    "types.thinking_config_disabled_param": "ThinkingConfigDisabledParam",
    "types.thinking_config_enabled_param": "ThinkingConfigEnabledParam",
    "types.thinking_config_param": "ThinkingConfigParam",
    "types.thinking_delta": "ThinkingDelta",
    "types.tool_bash_20250124_param": "ToolBash20250124Param",
    "types.tool_choice_any_param": "ToolChoiceAnyParam",
    "types.tool_choice_auto_param": "ToolChoiceAutoParam",
    "types.tool_choice_none_param": "ToolChoiceNoneParam",
    "types.tool_choice_param": "ToolChoiceParam",
    "types.tool_choice_tool_param": "ToolChoiceToolParam",
    "types.tool_text_editor_20250124_param": "ToolTextEditor20250124Param",
    "types.tool_text_editor_20250429_param": "ToolTextEditor20250429Param",
    "types.tool_text_editor_20250728_param": "ToolTextEditor20250728Param",
    "types.tool_union_param": "ToolUnionParam",
    "types.url_image_source_param": "URLImageSourceParam",
    "types.url_pdf_source_param": "URLPDFSourceParam",
    "types.usage": "Usage",
    "types.web_search_result_block": "WebSearchResultBlock",
    "types.web_search_result_block_param": "WebSearchResultBlockParam",
    "types.web_search_tool_20250305_param": "UserLocation WebSearchTool20250305Param",
    "types.web_search_tool_request_error_param": "WebSearchToolRequestErrorParam",
    "types.web_search_tool_result_block": "WebSearchToolResultBlock",
    "types.web_search_tool_result_block_content": "WebSearchToolResultBlockContent",
    "types.web_search_tool_result_block_param": "WebSearchToolResultBlockParam",
    "types.web_search_tool_result_block_param_content_param": "WebSearchToolResultBlockParamContentParam",
    "types.web_search_tool_result_error": "WebSearchToolResultError",
}  # fmt: skip
#: The official paths above that are packages (they have submodules).
PACKAGES: FrozenSet[str] = frozenset({"lib.bedrock", "lib.vertex", "resources.beta.skills", "types.beta.skills"})
