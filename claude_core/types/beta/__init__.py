"""The ``Beta*`` names of the official SDK (``anthropic.types.beta``).

Beta and non-beta responses share one set of models (beta-only blocks such as ``mcp_tool_use`` are
members of the same unions), so each name here is the same object as its non-beta twin:
``BetaMessage is Message``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..._compat.paths import fallback_getattr
from ..beta_params import (
    BetaAllThinkingTurnsParam,
    BetaBashCodeExecutionOutputBlockParam,
    BetaBashCodeExecutionResultBlockParam,
    BetaBashCodeExecutionToolResultErrorParam,
    BetaClearThinking20251015EditParam,
    BetaClearToolUses20250919EditParam,
    BetaCompact20260112EditParam,
    BetaDirectCallerParam,
    BetaInputTokensClearAtLeastParam,
    BetaInputTokensTriggerParam,
    BetaMCPToolConfigParam,
    BetaMCPToolDefaultConfigParam,
    BetaMCPToolsetParam,
    BetaServerToolCallerParam,
    BetaTextEditorCodeExecutionCreateResultBlockParam,
    BetaTextEditorCodeExecutionStrReplaceResultBlockParam,
    BetaTextEditorCodeExecutionToolResultErrorParam,
    BetaTextEditorCodeExecutionViewResultBlockParam,
    BetaThinkingTurnsParam,
    BetaToolBash20241022Param,
    BetaToolComputerUse20241022Param,
    BetaToolSearchToolResultErrorParam,
    BetaToolSearchToolSearchResultBlockParam,
    BetaToolTextEditor20241022Param,
    BetaToolUsesKeepParam,
    BetaToolUsesTriggerParam,
    FileListParams,
    FileUploadParams,
)
from ..block_params import Base64ImageSourceParam as BetaBase64ImageSourceParam
from ..block_params import Base64PDFSourceParam as BetaBase64PDFSourceParam
from ..block_params import CacheControlEphemeralParam as BetaCacheControlEphemeralParam
from ..block_params import CitationCharLocationParam as BetaCitationCharLocationParam
from ..block_params import CitationContentBlockLocationParam as BetaCitationContentBlockLocationParam
from ..block_params import CitationPageLocationParam as BetaCitationPageLocationParam
from ..block_params import CitationsConfigParam as BetaCitationsConfigParam
from ..block_params import CitationSearchResultLocationParam as BetaCitationSearchResultLocationParam
from ..block_params import CitationWebSearchResultLocationParam as BetaCitationWebSearchResultLocationParam
from ..block_params import CompactionBlockParam as BetaCompactionBlockParam
from ..block_params import ContainerUploadBlockParam as BetaContainerUploadBlockParam
from ..block_params import ContentBlockSourceContentParam as BetaContentBlockSourceContentParam
from ..block_params import ContentBlockSourceParam as BetaContentBlockSourceParam
from ..block_params import DocumentBlockParam as BetaRequestDocumentBlockParam
from ..block_params import FileDocumentSourceParam as BetaFileDocumentSourceParam
from ..block_params import FileImageSourceParam as BetaFileImageSourceParam
from ..block_params import ImageBlockParam as BetaImageBlockParam
from ..block_params import MCPToolResultBlockParam as BetaRequestMCPToolResultBlockParam
from ..block_params import MCPToolUseBlockParam as BetaMCPToolUseBlockParam
from ..block_params import PlainTextSourceParam as BetaPlainTextSourceParam
from ..block_params import RedactedThinkingBlockParam as BetaRedactedThinkingBlockParam
from ..block_params import SearchResultBlockParam as BetaSearchResultBlockParam
from ..block_params import TextBlockParam as BetaTextBlockParam
from ..block_params import TextCitationParam as BetaTextCitationParam
from ..block_params import ThinkingBlockParam as BetaThinkingBlockParam
from ..block_params import ToolReferenceBlockParam as BetaToolReferenceBlockParam
from ..block_params import ToolResultBlockParam as BetaToolResultBlockParam
from ..block_params import ToolUseBlockParam as BetaToolUseBlockParam
from ..block_params import URLImageSourceParam as BetaURLImageSourceParam
from ..block_params import URLPDFSourceParam as BetaURLPDFSourceParam
from ..callers import DirectCaller as BetaDirectCaller
from ..callers import ServerToolCaller as BetaServerToolCaller
from ..citations import CitationCharLocation as BetaCitationCharLocation
from ..citations import CitationContentBlockLocation as BetaCitationContentBlockLocation
from ..citations import CitationPageLocation as BetaCitationPageLocation
from ..citations import CitationsSearchResultLocation as BetaCitationSearchResultLocation
from ..citations import CitationsWebSearchResultLocation as BetaCitationsWebSearchResultLocation
from ..citations import TextCitation as BetaTextCitation
from ..content import BashCodeExecutionToolResultBlock as BetaBashCodeExecutionToolResultBlock
from ..content import CodeExecutionOutputBlock as BetaCodeExecutionOutputBlock
from ..content import CodeExecutionResultBlock as BetaCodeExecutionResultBlock
from ..content import CodeExecutionToolResultBlock as BetaCodeExecutionToolResultBlock
from ..content import CodeExecutionToolResultBlockContent as BetaCodeExecutionToolResultBlockContent
from ..content import CodeExecutionToolResultError as BetaCodeExecutionToolResultError
from ..content import CompactionBlock as BetaCompactionBlock
from ..content import ContainerUploadBlock as BetaContainerUploadBlock
from ..content import ContentBlock as BetaContentBlock
from ..content import EncryptedCodeExecutionResultBlock as BetaEncryptedCodeExecutionResultBlock
from ..content import MCPToolResultBlock as BetaMCPToolResultBlock
from ..content import MCPToolUseBlock as BetaMCPToolUseBlock
from ..content import RedactedThinkingBlock as BetaRedactedThinkingBlock
from ..content import ServerToolUseBlock as BetaServerToolUseBlock
from ..content import TextBlock as BetaTextBlock
from ..content import TextEditorCodeExecutionToolResultBlock as BetaTextEditorCodeExecutionToolResultBlock
from ..content import ThinkingBlock as BetaThinkingBlock
from ..content import ToolSearchToolResultBlock as BetaToolSearchToolResultBlock
from ..content import ToolUseBlock as BetaToolUseBlock
from ..content import WebFetchToolResultBlock as BetaWebFetchToolResultBlock
from ..content import WebSearchResultBlock as BetaWebSearchResultBlock
from ..content import WebSearchToolResultBlock as BetaWebSearchToolResultBlock
from ..content import WebSearchToolResultBlockContent as BetaWebSearchToolResultBlockContent
from ..content import WebSearchToolResultError as BetaWebSearchToolResultError
from ..context_management import ClearThinking20251015EditResponse as BetaClearThinking20251015EditResponse
from ..context_management import ClearToolUses20250919EditResponse as BetaClearToolUses20250919EditResponse
from ..context_management import ContextManagementResponse as BetaContextManagementResponse
from ..context_management import CountTokensContextManagementResponse as BetaCountTokensContextManagementResponse
from ..files import DeletedFile, FileMetadata
from ..iterations import CompactionIterationUsage as BetaCompactionIterationUsage
from ..iterations import IterationsUsage as BetaIterationsUsage
from ..iterations import MessageIterationUsage as BetaMessageIterationUsage
from ..message import CacheCreation as BetaCacheCreation
from ..message import Container as BetaContainer
from ..message import Message as BetaMessage
from ..message import MessageDeltaUsage as BetaMessageDeltaUsage
from ..message import MessageTokensCount as BetaMessageTokensCount
from ..message import OutputTokensDetails as BetaOutputTokensDetails
from ..message import ServerToolUsage as BetaServerToolUsage
from ..message import StopReason as BetaStopReason
from ..message import Usage as BetaUsage
from ..message_param import ContentBlockParam as BetaContentBlockParam
from ..message_param import MessageParam as BetaMessageParam
from ..model_info import ModelInfo as BetaModelInfo
from ..request_params import BetaMessageCountTokensParams as BetaMessageCountTokensParams
from ..request_params import BetaMessageCreateParams as BetaMessageCreateParams
from ..request_params import ContainerParams as BetaContainerParams
from ..request_params import ContextManagementConfigParam as BetaContextManagementConfigParam
from ..request_params import DiagnosticsParam as BetaDiagnosticsParam
from ..request_params import JSONOutputFormatParam as BetaJSONOutputFormatParam
from ..request_params import MetadataParam as BetaMetadataParam
from ..request_params import OutputConfigParam as BetaOutputConfigParam
from ..request_params import SkillParams as BetaSkillParams
from ..request_params import ThinkingConfigAdaptiveParam as BetaThinkingConfigAdaptiveParam
from ..request_params import ThinkingConfigDisabledParam as BetaThinkingConfigDisabledParam
from ..request_params import ThinkingConfigEnabledParam as BetaThinkingConfigEnabledParam
from ..request_params import ThinkingConfigParam as BetaThinkingConfigParam
from ..server_block_params import BashCodeExecutionToolResultBlockParam as BetaBashCodeExecutionToolResultBlockParam
from ..server_block_params import CodeExecutionOutputBlockParam as BetaCodeExecutionOutputBlockParam
from ..server_block_params import CodeExecutionResultBlockParam as BetaCodeExecutionResultBlockParam
from ..server_block_params import CodeExecutionToolResultBlockParam as BetaCodeExecutionToolResultBlockParam
from ..server_block_params import (
    CodeExecutionToolResultBlockParamContentParam as BetaCodeExecutionToolResultBlockParamContentParam,
)
from ..server_block_params import CodeExecutionToolResultErrorParam as BetaCodeExecutionToolResultErrorParam
from ..server_block_params import EncryptedCodeExecutionResultBlockParam as BetaEncryptedCodeExecutionResultBlockParam
from ..server_block_params import ServerToolUseBlockParam as BetaServerToolUseBlockParam
from ..server_block_params import (
    TextEditorCodeExecutionToolResultBlockParam as BetaTextEditorCodeExecutionToolResultBlockParam,
)
from ..server_block_params import ToolSearchToolResultBlockParam as BetaToolSearchToolResultBlockParam
from ..server_block_params import WebFetchBlockParam as BetaWebFetchBlockParam
from ..server_block_params import WebFetchToolResultBlockParam as BetaWebFetchToolResultBlockParam
from ..server_block_params import WebFetchToolResultErrorBlockParam as BetaWebFetchToolResultErrorBlockParam
from ..server_block_params import WebSearchResultBlockParam as BetaWebSearchResultBlockParam
from ..server_block_params import WebSearchToolRequestErrorParam as BetaWebSearchToolRequestErrorParam
from ..server_block_params import WebSearchToolResultBlockParam as BetaWebSearchToolResultBlockParam
from ..server_block_params import (
    WebSearchToolResultBlockParamContentParam as BetaWebSearchToolResultBlockParamContentParam,
)
from ..server_tool_results import Base64PDFSource as BetaBase64PDFSource
from ..server_tool_results import BashCodeExecutionOutputBlock as BetaBashCodeExecutionOutputBlock
from ..server_tool_results import BashCodeExecutionResultBlock as BetaBashCodeExecutionResultBlock
from ..server_tool_results import BashCodeExecutionToolResultError as BetaBashCodeExecutionToolResultError
from ..server_tool_results import CitationConfig as BetaCitationConfig
from ..server_tool_results import DocumentBlock as BetaDocumentBlock
from ..server_tool_results import PlainTextSource as BetaPlainTextSource
from ..server_tool_results import (
    TextEditorCodeExecutionCreateResultBlock as BetaTextEditorCodeExecutionCreateResultBlock,
)
from ..server_tool_results import (
    TextEditorCodeExecutionStrReplaceResultBlock as BetaTextEditorCodeExecutionStrReplaceResultBlock,
)
from ..server_tool_results import TextEditorCodeExecutionToolResultError as BetaTextEditorCodeExecutionToolResultError
from ..server_tool_results import TextEditorCodeExecutionViewResultBlock as BetaTextEditorCodeExecutionViewResultBlock
from ..server_tool_results import ToolReferenceBlock as BetaToolReferenceBlock
from ..server_tool_results import ToolSearchToolResultError as BetaToolSearchToolResultError
from ..server_tool_results import ToolSearchToolSearchResultBlock as BetaToolSearchToolSearchResultBlock
from ..server_tool_results import WebFetchBlock as BetaWebFetchBlock
from ..server_tool_results import WebFetchToolResultErrorBlock as BetaWebFetchToolResultErrorBlock
from ..server_tool_results import WebFetchToolResultErrorCode as BetaWebFetchToolResultErrorCode
from ..skills import Skill as BetaSkill
from ..stream_events import CitationsDelta as BetaCitationsDelta
from ..stream_events import CompactionDelta as BetaCompactionContentBlockDelta
from ..stream_events import InputJSONDelta as BetaInputJSONDelta
from ..stream_events import RawContentBlockDelta as BetaRawContentBlockDelta
from ..stream_events import RawContentBlockDeltaEvent as BetaRawContentBlockDeltaEvent
from ..stream_events import RawContentBlockStartEvent as BetaRawContentBlockStartEvent
from ..stream_events import RawContentBlockStopEvent as BetaRawContentBlockStopEvent
from ..stream_events import RawMessageDeltaEvent as BetaRawMessageDeltaEvent
from ..stream_events import RawMessageStartEvent as BetaRawMessageStartEvent
from ..stream_events import RawMessageStopEvent as BetaRawMessageStopEvent
from ..stream_events import RawMessageStreamEvent as BetaRawMessageStreamEvent
from ..stream_events import SignatureDelta as BetaSignatureDelta
from ..stream_events import TextDelta as BetaTextDelta
from ..stream_events import ThinkingDelta as BetaThinkingDelta
from ..tool_params import CodeExecutionTool20250522Param as BetaCodeExecutionTool20250522Param
from ..tool_params import CodeExecutionTool20250825Param as BetaCodeExecutionTool20250825Param
from ..tool_params import MemoryTool20250818Param as BetaMemoryTool20250818Param
from ..tool_params import RequestMCPServerToolConfigurationParam as BetaRequestMCPServerToolConfigurationParam
from ..tool_params import RequestMCPServerURLDefinitionParam as BetaRequestMCPServerURLDefinitionParam
from ..tool_params import ToolBash20250124Param as BetaToolBash20250124Param
from ..tool_params import ToolChoiceAnyParam as BetaToolChoiceAnyParam
from ..tool_params import ToolChoiceAutoParam as BetaToolChoiceAutoParam
from ..tool_params import ToolChoiceNoneParam as BetaToolChoiceNoneParam
from ..tool_params import ToolChoiceParam as BetaToolChoiceParam
from ..tool_params import ToolChoiceToolParam as BetaToolChoiceToolParam
from ..tool_params import ToolComputerUse20250124Param as BetaToolComputerUse20250124Param
from ..tool_params import ToolComputerUse20251124Param as BetaToolComputerUse20251124Param
from ..tool_params import ToolParam as BetaToolParam
from ..tool_params import ToolSearchToolBm2520251119Param as BetaToolSearchToolBm2520251119Param
from ..tool_params import ToolSearchToolRegex20251119Param as BetaToolSearchToolRegex20251119Param
from ..tool_params import ToolTextEditor20250124Param as BetaToolTextEditor20250124Param
from ..tool_params import ToolTextEditor20250429Param as BetaToolTextEditor20250429Param
from ..tool_params import ToolTextEditor20250728Param as BetaToolTextEditor20250728Param
from ..tool_params import ToolUnionParam as BetaToolUnionParam
from ..tool_params import UserLocationParam as BetaUserLocationParam
from ..tool_params import WebFetchTool20250910Param as BetaWebFetchTool20250910Param
from ..tool_params import WebSearchTool20250305Param as BetaWebSearchTool20250305Param

__all__ = [
    "BetaAllThinkingTurnsParam",
    "BetaBashCodeExecutionOutputBlockParam",
    "BetaBashCodeExecutionResultBlockParam",
    "BetaBashCodeExecutionToolResultErrorParam",
    "BetaClearThinking20251015EditParam",
    "BetaClearToolUses20250919EditParam",
    "BetaCompact20260112EditParam",
    "BetaDirectCallerParam",
    "BetaInputTokensClearAtLeastParam",
    "BetaInputTokensTriggerParam",
    "BetaMCPToolConfigParam",
    "BetaMCPToolDefaultConfigParam",
    "BetaMCPToolsetParam",
    "BetaServerToolCallerParam",
    "BetaTextEditorCodeExecutionCreateResultBlockParam",
    "BetaTextEditorCodeExecutionStrReplaceResultBlockParam",
    "BetaTextEditorCodeExecutionToolResultErrorParam",
    "BetaTextEditorCodeExecutionViewResultBlockParam",
    "BetaThinkingTurnsParam",
    "BetaToolBash20241022Param",
    "BetaToolComputerUse20241022Param",
    "BetaToolSearchToolResultErrorParam",
    "BetaToolSearchToolSearchResultBlockParam",
    "BetaToolTextEditor20241022Param",
    "BetaToolUsesKeepParam",
    "BetaToolUsesTriggerParam",
    "FileListParams",
    "FileUploadParams",
    "DeletedFile",
    "FileMetadata",
    "BetaFileDocumentSourceParam",
    "BetaFileImageSourceParam",
    "BetaBase64ImageSourceParam",
    "BetaBase64PDFSourceParam",
    "BetaBashCodeExecutionToolResultBlock",
    "BetaBashCodeExecutionToolResultBlockParam",
    "BetaCacheControlEphemeralParam",
    "BetaCacheCreation",
    "BetaCitationCharLocation",
    "BetaCitationCharLocationParam",
    "BetaCitationContentBlockLocation",
    "BetaCitationContentBlockLocationParam",
    "BetaCitationPageLocation",
    "BetaCitationPageLocationParam",
    "BetaCitationSearchResultLocation",
    "BetaCitationSearchResultLocationParam",
    "BetaCitationWebSearchResultLocationParam",
    "BetaCitationsConfigParam",
    "BetaCitationsDelta",
    "BetaCitationsWebSearchResultLocation",
    "BetaCodeExecutionOutputBlock",
    "BetaCodeExecutionOutputBlockParam",
    "BetaCodeExecutionResultBlock",
    "BetaCodeExecutionResultBlockParam",
    "BetaCodeExecutionTool20250522Param",
    "BetaCodeExecutionTool20250825Param",
    "BetaCodeExecutionToolResultBlock",
    "BetaCodeExecutionToolResultBlockContent",
    "BetaCodeExecutionToolResultBlockParam",
    "BetaCodeExecutionToolResultBlockParamContentParam",
    "BetaCodeExecutionToolResultError",
    "BetaCodeExecutionToolResultErrorParam",
    "BetaCompactionBlock",
    "BetaCompactionBlockParam",
    "BetaCompactionContentBlockDelta",
    "BetaContainer",
    "BetaContainerParams",
    "BetaContainerUploadBlock",
    "BetaContainerUploadBlockParam",
    "BetaContentBlock",
    "BetaContentBlockParam",
    "BetaContentBlockSourceContentParam",
    "BetaContentBlockSourceParam",
    "BetaContextManagementConfigParam",
    "BetaDiagnosticsParam",
    "BetaEncryptedCodeExecutionResultBlock",
    "BetaEncryptedCodeExecutionResultBlockParam",
    "BetaImageBlockParam",
    "BetaInputJSONDelta",
    "BetaJSONOutputFormatParam",
    "BetaMCPToolResultBlock",
    "BetaMCPToolUseBlock",
    "BetaMCPToolUseBlockParam",
    "BetaMemoryTool20250818Param",
    "BetaToolSearchToolBm2520251119Param",
    "BetaToolSearchToolRegex20251119Param",
    "BetaMessage",
    "BetaMessageCountTokensParams",
    "BetaMessageCreateParams",
    "BetaMessageDeltaUsage",
    "BetaMessageParam",
    "BetaMessageTokensCount",
    "BetaMetadataParam",
    "BetaModelInfo",
    "BetaOutputConfigParam",
    "BetaOutputTokensDetails",
    "BetaPlainTextSourceParam",
    "BetaRawContentBlockDelta",
    "BetaRawContentBlockDeltaEvent",
    "BetaRawContentBlockStartEvent",
    "BetaRawContentBlockStopEvent",
    "BetaRawMessageDeltaEvent",
    "BetaRawMessageStartEvent",
    "BetaRawMessageStopEvent",
    "BetaRawMessageStreamEvent",
    "BetaRedactedThinkingBlock",
    "BetaRedactedThinkingBlockParam",
    "BetaRequestDocumentBlockParam",
    "BetaRequestMCPServerToolConfigurationParam",
    "BetaRequestMCPServerURLDefinitionParam",
    "BetaRequestMCPToolResultBlockParam",
    "BetaSearchResultBlockParam",
    "BetaServerToolUsage",
    "BetaServerToolUseBlock",
    "BetaServerToolUseBlockParam",
    "BetaSignatureDelta",
    "BetaSkillParams",
    "BetaStopReason",
    "BetaTextBlock",
    "BetaTextBlockParam",
    "BetaTextCitation",
    "BetaTextCitationParam",
    "BetaTextDelta",
    "BetaTextEditorCodeExecutionToolResultBlock",
    "BetaTextEditorCodeExecutionToolResultBlockParam",
    "BetaThinkingBlock",
    "BetaThinkingBlockParam",
    "BetaThinkingConfigAdaptiveParam",
    "BetaThinkingConfigDisabledParam",
    "BetaThinkingConfigEnabledParam",
    "BetaThinkingConfigParam",
    "BetaThinkingDelta",
    "BetaToolBash20250124Param",
    "BetaToolChoiceAnyParam",
    "BetaToolChoiceAutoParam",
    "BetaToolChoiceNoneParam",
    "BetaToolChoiceParam",
    "BetaToolChoiceToolParam",
    "BetaToolComputerUse20250124Param",
    "BetaToolComputerUse20251124Param",
    "BetaToolParam",
    "BetaToolReferenceBlockParam",
    "BetaToolResultBlockParam",
    "BetaToolSearchToolResultBlock",
    "BetaToolSearchToolResultBlockParam",
    "BetaToolTextEditor20250124Param",
    "BetaToolTextEditor20250429Param",
    "BetaToolTextEditor20250728Param",
    "BetaToolUnionParam",
    "BetaToolUseBlock",
    "BetaToolUseBlockParam",
    "BetaURLImageSourceParam",
    "BetaURLPDFSourceParam",
    "BetaUsage",
    "BetaUserLocationParam",
    "BetaWebFetchBlockParam",
    "BetaWebFetchTool20250910Param",
    "BetaWebFetchToolResultBlock",
    "BetaWebFetchToolResultBlockParam",
    "BetaWebFetchToolResultErrorBlockParam",
    "BetaWebSearchResultBlock",
    "BetaWebSearchResultBlockParam",
    "BetaWebSearchTool20250305Param",
    "BetaWebSearchToolRequestErrorParam",
    "BetaWebSearchToolResultBlock",
    "BetaWebSearchToolResultBlockContent",
    "BetaWebSearchToolResultBlockParam",
    "BetaWebSearchToolResultBlockParamContentParam",
    "BetaWebSearchToolResultError",
    "BetaBase64PDFSource",
    "BetaBashCodeExecutionOutputBlock",
    "BetaBashCodeExecutionResultBlock",
    "BetaBashCodeExecutionToolResultError",
    "BetaCitationConfig",
    "BetaClearThinking20251015EditResponse",
    "BetaClearToolUses20250919EditResponse",
    "BetaCompactionIterationUsage",
    "BetaContextManagementResponse",
    "BetaCountTokensContextManagementResponse",
    "BetaDirectCaller",
    "BetaDocumentBlock",
    "BetaIterationsUsage",
    "BetaMessageIterationUsage",
    "BetaPlainTextSource",
    "BetaServerToolCaller",
    "BetaSkill",
    "BetaTextEditorCodeExecutionCreateResultBlock",
    "BetaTextEditorCodeExecutionStrReplaceResultBlock",
    "BetaTextEditorCodeExecutionToolResultError",
    "BetaTextEditorCodeExecutionViewResultBlock",
    "BetaToolReferenceBlock",
    "BetaToolSearchToolResultError",
    "BetaToolSearchToolSearchResultBlock",
    "BetaWebFetchBlock",
    "BetaWebFetchToolResultErrorBlock",
    "BetaWebFetchToolResultErrorCode",
]

if not TYPE_CHECKING:
    #: The other official ``Beta*`` names: beta-only parameters, and models shared with the non-beta API.
    __getattr__ = fallback_getattr(__name__)
