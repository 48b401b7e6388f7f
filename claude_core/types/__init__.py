"""Response models and request parameter types of the Messages, token counting and Models APIs.

Beta names (``BetaMessage``, ``BetaToolParam``, ...) are in :mod:`claude_core.types.beta`.
"""

from __future__ import annotations

from .anthropic_beta_param import (
    AnthropicBetaParam as AnthropicBetaParam,
)
from .block_params import (
    Base64ImageSourceParam as Base64ImageSourceParam,
)
from .block_params import (
    Base64PDFSourceParam as Base64PDFSourceParam,
)
from .block_params import (
    CacheControlEphemeralParam as CacheControlEphemeralParam,
)
from .block_params import (
    CitationCharLocationParam as CitationCharLocationParam,
)
from .block_params import (
    CitationContentBlockLocationParam as CitationContentBlockLocationParam,
)
from .block_params import (
    CitationPageLocationParam as CitationPageLocationParam,
)
from .block_params import (
    CitationsConfigParam as CitationsConfigParam,
)
from .block_params import (
    CitationSearchResultLocationParam as CitationSearchResultLocationParam,
)
from .block_params import (
    CitationWebSearchResultLocationParam as CitationWebSearchResultLocationParam,
)
from .block_params import (
    CompactionBlockParam as CompactionBlockParam,
)
from .block_params import (
    ContainerUploadBlockParam as ContainerUploadBlockParam,
)
from .block_params import (
    ContentBlockSourceContentParam as ContentBlockSourceContentParam,
)
from .block_params import (
    ContentBlockSourceParam as ContentBlockSourceParam,
)
from .block_params import (
    DocumentBlockParam as DocumentBlockParam,
)
from .block_params import (
    DocumentSourceParam as DocumentSourceParam,
)
from .block_params import (
    FileDocumentSourceParam as FileDocumentSourceParam,
)
from .block_params import (
    FileImageSourceParam as FileImageSourceParam,
)
from .block_params import (
    ImageBlockParam as ImageBlockParam,
)
from .block_params import (
    ImageSourceParam as ImageSourceParam,
)
from .block_params import (
    MCPToolResultBlockParam as MCPToolResultBlockParam,
)
from .block_params import (
    MCPToolUseBlockParam as MCPToolUseBlockParam,
)
from .block_params import (
    PlainTextSourceParam as PlainTextSourceParam,
)
from .block_params import (
    RedactedThinkingBlockParam as RedactedThinkingBlockParam,
)
from .block_params import (
    SearchResultBlockParam as SearchResultBlockParam,
)
from .block_params import (
    TextBlockParam as TextBlockParam,
)
from .block_params import (
    TextCitationParam as TextCitationParam,
)
from .block_params import (
    ThinkingBlockParam as ThinkingBlockParam,
)
from .block_params import (
    ToolReferenceBlockParam as ToolReferenceBlockParam,
)
from .block_params import (
    ToolResultBlockParam as ToolResultBlockParam,
)
from .block_params import (
    ToolResultBlockParamContent as ToolResultBlockParamContent,
)
from .block_params import (
    ToolUseBlockParam as ToolUseBlockParam,
)
from .block_params import (
    URLImageSourceParam as URLImageSourceParam,
)
from .block_params import (
    URLPDFSourceParam as URLPDFSourceParam,
)
from .citations import (
    Citation as Citation,
)
from .citations import (
    CitationCharLocation as CitationCharLocation,
)
from .citations import (
    CitationContentBlockLocation as CitationContentBlockLocation,
)
from .citations import (
    CitationPageLocation as CitationPageLocation,
)
from .citations import (
    CitationsSearchResultLocation as CitationsSearchResultLocation,
)
from .citations import (
    CitationsWebSearchResultLocation as CitationsWebSearchResultLocation,
)
from .citations import (
    TextCitation as TextCitation,
)
from .citations import (
    UnknownCitation as UnknownCitation,
)
from .content import (
    BashCodeExecutionToolResultBlock as BashCodeExecutionToolResultBlock,
)
from .content import (
    CodeExecutionOutputBlock as CodeExecutionOutputBlock,
)
from .content import (
    CodeExecutionResultBlock as CodeExecutionResultBlock,
)
from .content import (
    CodeExecutionToolResultBlock as CodeExecutionToolResultBlock,
)
from .content import (
    CodeExecutionToolResultBlockContent as CodeExecutionToolResultBlockContent,
)
from .content import (
    CodeExecutionToolResultError as CodeExecutionToolResultError,
)
from .content import (
    CompactionBlock as CompactionBlock,
)
from .content import (
    ContainerUploadBlock as ContainerUploadBlock,
)
from .content import (
    ContentBlock as ContentBlock,
)
from .content import (
    EncryptedCodeExecutionResultBlock as EncryptedCodeExecutionResultBlock,
)
from .content import (
    MCPToolResultBlock as MCPToolResultBlock,
)
from .content import (
    MCPToolUseBlock as MCPToolUseBlock,
)
from .content import (
    RedactedThinkingBlock as RedactedThinkingBlock,
)
from .content import (
    ServerToolUseBlock as ServerToolUseBlock,
)
from .content import (
    TextBlock as TextBlock,
)
from .content import (
    TextEditorCodeExecutionToolResultBlock as TextEditorCodeExecutionToolResultBlock,
)
from .content import (
    ThinkingBlock as ThinkingBlock,
)
from .content import (
    ToolSearchToolResultBlock as ToolSearchToolResultBlock,
)
from .content import (
    ToolUseBlock as ToolUseBlock,
)
from .content import (
    UnknownBlock as UnknownBlock,
)
from .content import (
    WebFetchToolResultBlock as WebFetchToolResultBlock,
)
from .content import (
    WebSearchResultBlock as WebSearchResultBlock,
)
from .content import (
    WebSearchToolResultBlock as WebSearchToolResultBlock,
)
from .content import (
    WebSearchToolResultBlockContent as WebSearchToolResultBlockContent,
)
from .content import (
    WebSearchToolResultError as WebSearchToolResultError,
)
from .message import (
    CacheCreation as CacheCreation,
)
from .message import (
    Container as Container,
)
from .message import (
    Message as Message,
)
from .message import (
    MessageDeltaUsage as MessageDeltaUsage,
)
from .message import (
    MessageTokensCount as MessageTokensCount,
)
from .message import (
    OutputTokensDetails as OutputTokensDetails,
)
from .message import (
    ServerToolUsage as ServerToolUsage,
)
from .message import (
    StopReason as StopReason,
)
from .message import (
    Usage as Usage,
)
from .message_param import (
    ContentBlockParam as ContentBlockParam,
)
from .message_param import (
    MessageParam as MessageParam,
)
from .model_info import (
    ModelInfo as ModelInfo,
)
from .model_param import (
    ModelParam as ModelParam,
)
from .request_params import (
    BetaMessageCountTokensParams as BetaMessageCountTokensParams,
)
from .request_params import (
    BetaMessageCreateParams as BetaMessageCreateParams,
)
from .request_params import (
    ContainerParams as ContainerParams,
)
from .request_params import (
    ContextManagementConfigParam as ContextManagementConfigParam,
)
from .request_params import (
    DiagnosticsParam as DiagnosticsParam,
)
from .request_params import (
    JSONOutputFormatParam as JSONOutputFormatParam,
)
from .request_params import (
    MessageCountTokensParams as MessageCountTokensParams,
)
from .request_params import (
    MessageCreateParams as MessageCreateParams,
)
from .request_params import (
    MetadataParam as MetadataParam,
)
from .request_params import (
    ModelListParams as ModelListParams,
)
from .request_params import (
    OutputConfigParam as OutputConfigParam,
)
from .request_params import (
    SkillParams as SkillParams,
)
from .request_params import (
    ThinkingConfigAdaptiveParam as ThinkingConfigAdaptiveParam,
)
from .request_params import (
    ThinkingConfigDisabledParam as ThinkingConfigDisabledParam,
)
from .request_params import (
    ThinkingConfigEnabledParam as ThinkingConfigEnabledParam,
)
from .request_params import (
    ThinkingConfigParam as ThinkingConfigParam,
)
from .server_block_params import (
    BashCodeExecutionToolResultBlockParam as BashCodeExecutionToolResultBlockParam,
)
from .server_block_params import (
    CodeExecutionOutputBlockParam as CodeExecutionOutputBlockParam,
)
from .server_block_params import (
    CodeExecutionResultBlockParam as CodeExecutionResultBlockParam,
)
from .server_block_params import (
    CodeExecutionToolResultBlockParam as CodeExecutionToolResultBlockParam,
)
from .server_block_params import (
    CodeExecutionToolResultBlockParamContentParam as CodeExecutionToolResultBlockParamContentParam,
)
from .server_block_params import (
    CodeExecutionToolResultErrorParam as CodeExecutionToolResultErrorParam,
)
from .server_block_params import (
    EncryptedCodeExecutionResultBlockParam as EncryptedCodeExecutionResultBlockParam,
)
from .server_block_params import (
    ServerToolUseBlockParam as ServerToolUseBlockParam,
)
from .server_block_params import (
    TextEditorCodeExecutionToolResultBlockParam as TextEditorCodeExecutionToolResultBlockParam,
)
from .server_block_params import (
    ToolSearchToolResultBlockParam as ToolSearchToolResultBlockParam,
)
from .server_block_params import (
    WebFetchBlockParam as WebFetchBlockParam,
)
from .server_block_params import (
    WebFetchToolResultBlockParam as WebFetchToolResultBlockParam,
)
from .server_block_params import (
    WebFetchToolResultBlockParamContent as WebFetchToolResultBlockParamContent,
)
from .server_block_params import (
    WebFetchToolResultErrorBlockParam as WebFetchToolResultErrorBlockParam,
)
from .server_block_params import (
    WebSearchResultBlockParam as WebSearchResultBlockParam,
)
from .server_block_params import (
    WebSearchToolRequestErrorParam as WebSearchToolRequestErrorParam,
)
from .server_block_params import (
    WebSearchToolResultBlockParam as WebSearchToolResultBlockParam,
)
from .server_block_params import (
    WebSearchToolResultBlockParamContentParam as WebSearchToolResultBlockParamContentParam,
)
from .stream_events import (
    CitationsDelta as CitationsDelta,
)
from .stream_events import (
    CompactionDelta as CompactionDelta,
)
from .stream_events import (
    ContentBlockDeltaEvent as ContentBlockDeltaEvent,
)
from .stream_events import (
    ContentBlockStartEvent as ContentBlockStartEvent,
)
from .stream_events import (
    ContentBlockStopEvent as ContentBlockStopEvent,
)
from .stream_events import (
    InputJSONDelta as InputJSONDelta,
)
from .stream_events import (
    InputJsonDelta as InputJsonDelta,
)
from .stream_events import (
    MessageDelta as MessageDelta,
)
from .stream_events import (
    MessageDeltaEvent as MessageDeltaEvent,
)
from .stream_events import (
    MessageStartEvent as MessageStartEvent,
)
from .stream_events import (
    MessageStopEvent as MessageStopEvent,
)
from .stream_events import (
    MessageStreamEvent as MessageStreamEvent,
)
from .stream_events import (
    RawContentBlockDelta as RawContentBlockDelta,
)
from .stream_events import (
    RawContentBlockDeltaEvent as RawContentBlockDeltaEvent,
)
from .stream_events import (
    RawContentBlockStartEvent as RawContentBlockStartEvent,
)
from .stream_events import (
    RawContentBlockStopEvent as RawContentBlockStopEvent,
)
from .stream_events import (
    RawMessageDeltaEvent as RawMessageDeltaEvent,
)
from .stream_events import (
    RawMessageStartEvent as RawMessageStartEvent,
)
from .stream_events import (
    RawMessageStopEvent as RawMessageStopEvent,
)
from .stream_events import (
    RawMessageStreamEvent as RawMessageStreamEvent,
)
from .stream_events import (
    SignatureDelta as SignatureDelta,
)
from .stream_events import (
    TextDelta as TextDelta,
)
from .stream_events import (
    ThinkingDelta as ThinkingDelta,
)
from .stream_events import (
    UnknownDelta as UnknownDelta,
)
from .stream_events import (
    UnknownEvent as UnknownEvent,
)
from .stream_events import (
    parse_stream_event as parse_stream_event,
)
from .tool_params import (
    CodeExecutionTool20250522Param as CodeExecutionTool20250522Param,
)
from .tool_params import (
    CodeExecutionTool20250825Param as CodeExecutionTool20250825Param,
)
from .tool_params import (
    InputSchema as InputSchema,
)
from .tool_params import (
    InputSchemaTyped as InputSchemaTyped,
)
from .tool_params import (
    MemoryTool20250818Param as MemoryTool20250818Param,
)
from .tool_params import (
    RequestMCPServerToolConfigurationParam as RequestMCPServerToolConfigurationParam,
)
from .tool_params import (
    RequestMCPServerURLDefinitionParam as RequestMCPServerURLDefinitionParam,
)
from .tool_params import (
    ToolBash20250124Param as ToolBash20250124Param,
)
from .tool_params import (
    ToolChoiceAnyParam as ToolChoiceAnyParam,
)
from .tool_params import (
    ToolChoiceAutoParam as ToolChoiceAutoParam,
)
from .tool_params import (
    ToolChoiceNoneParam as ToolChoiceNoneParam,
)
from .tool_params import (
    ToolChoiceParam as ToolChoiceParam,
)
from .tool_params import (
    ToolChoiceToolParam as ToolChoiceToolParam,
)
from .tool_params import (
    ToolComputerUse20250124Param as ToolComputerUse20250124Param,
)
from .tool_params import (
    ToolComputerUse20251124Param as ToolComputerUse20251124Param,
)
from .tool_params import (
    ToolParam as ToolParam,
)
from .tool_params import (
    ToolTextEditor20250124Param as ToolTextEditor20250124Param,
)
from .tool_params import (
    ToolTextEditor20250429Param as ToolTextEditor20250429Param,
)
from .tool_params import (
    ToolTextEditor20250728Param as ToolTextEditor20250728Param,
)
from .tool_params import (
    ToolUnionParam as ToolUnionParam,
)
from .tool_params import (
    UserLocationParam as UserLocationParam,
)
from .tool_params import (
    WebFetchTool20250910Param as WebFetchTool20250910Param,
)
from .tool_params import (
    WebSearchTool20250305Param as WebSearchTool20250305Param,
)

__all__ = [
    "AnthropicBetaParam",
    "Base64ImageSourceParam",
    "Base64PDFSourceParam",
    "BashCodeExecutionToolResultBlock",
    "BashCodeExecutionToolResultBlockParam",
    "BetaMessageCountTokensParams",
    "BetaMessageCreateParams",
    "CacheControlEphemeralParam",
    "CacheCreation",
    "Citation",
    "CitationCharLocation",
    "CitationCharLocationParam",
    "CitationContentBlockLocation",
    "CitationContentBlockLocationParam",
    "CitationPageLocation",
    "CitationPageLocationParam",
    "CitationSearchResultLocationParam",
    "CitationWebSearchResultLocationParam",
    "CitationsConfigParam",
    "CitationsDelta",
    "CitationsSearchResultLocation",
    "CitationsWebSearchResultLocation",
    "CodeExecutionOutputBlock",
    "CodeExecutionOutputBlockParam",
    "CodeExecutionResultBlock",
    "CodeExecutionResultBlockParam",
    "CodeExecutionTool20250522Param",
    "CodeExecutionTool20250825Param",
    "CodeExecutionToolResultBlock",
    "CodeExecutionToolResultBlockContent",
    "CodeExecutionToolResultBlockParam",
    "CodeExecutionToolResultBlockParamContentParam",
    "CodeExecutionToolResultError",
    "CodeExecutionToolResultErrorParam",
    "CompactionBlock",
    "CompactionBlockParam",
    "CompactionDelta",
    "Container",
    "ContainerParams",
    "ContainerUploadBlock",
    "ContainerUploadBlockParam",
    "ContentBlock",
    "ContentBlockDeltaEvent",
    "ContentBlockParam",
    "ContentBlockSourceContentParam",
    "ContentBlockSourceParam",
    "ContentBlockStartEvent",
    "ContentBlockStopEvent",
    "ContextManagementConfigParam",
    "DiagnosticsParam",
    "DocumentBlockParam",
    "DocumentSourceParam",
    "EncryptedCodeExecutionResultBlock",
    "EncryptedCodeExecutionResultBlockParam",
    "FileDocumentSourceParam",
    "FileImageSourceParam",
    "ImageBlockParam",
    "ImageSourceParam",
    "InputJSONDelta",
    "InputJsonDelta",
    "InputSchema",
    "InputSchemaTyped",
    "JSONOutputFormatParam",
    "MCPToolResultBlock",
    "MCPToolResultBlockParam",
    "MCPToolUseBlock",
    "MCPToolUseBlockParam",
    "MemoryTool20250818Param",
    "Message",
    "MessageCountTokensParams",
    "MessageCreateParams",
    "MessageDelta",
    "MessageDeltaEvent",
    "MessageDeltaUsage",
    "MessageParam",
    "MessageStartEvent",
    "MessageStopEvent",
    "MessageStreamEvent",
    "MessageTokensCount",
    "MetadataParam",
    "ModelInfo",
    "ModelListParams",
    "ModelParam",
    "OutputConfigParam",
    "OutputTokensDetails",
    "PlainTextSourceParam",
    "RawContentBlockDelta",
    "RawContentBlockDeltaEvent",
    "RawContentBlockStartEvent",
    "RawContentBlockStopEvent",
    "RawMessageDeltaEvent",
    "RawMessageStartEvent",
    "RawMessageStopEvent",
    "RawMessageStreamEvent",
    "RedactedThinkingBlock",
    "RedactedThinkingBlockParam",
    "RequestMCPServerToolConfigurationParam",
    "RequestMCPServerURLDefinitionParam",
    "SearchResultBlockParam",
    "ServerToolUsage",
    "ServerToolUseBlock",
    "ServerToolUseBlockParam",
    "SignatureDelta",
    "SkillParams",
    "StopReason",
    "TextBlock",
    "TextBlockParam",
    "TextCitation",
    "TextCitationParam",
    "TextDelta",
    "TextEditorCodeExecutionToolResultBlock",
    "TextEditorCodeExecutionToolResultBlockParam",
    "ThinkingBlock",
    "ThinkingBlockParam",
    "ThinkingConfigAdaptiveParam",
    "ThinkingConfigDisabledParam",
    "ThinkingConfigEnabledParam",
    "ThinkingConfigParam",
    "ThinkingDelta",
    "ToolBash20250124Param",
    "ToolChoiceAnyParam",
    "ToolChoiceAutoParam",
    "ToolChoiceNoneParam",
    "ToolChoiceParam",
    "ToolChoiceToolParam",
    "ToolComputerUse20250124Param",
    "ToolComputerUse20251124Param",
    "ToolParam",
    "ToolReferenceBlockParam",
    "ToolResultBlockParam",
    "ToolResultBlockParamContent",
    "ToolSearchToolResultBlock",
    "ToolSearchToolResultBlockParam",
    "ToolTextEditor20250124Param",
    "ToolTextEditor20250429Param",
    "ToolTextEditor20250728Param",
    "ToolUnionParam",
    "ToolUseBlock",
    "ToolUseBlockParam",
    "URLImageSourceParam",
    "URLPDFSourceParam",
    "UnknownBlock",
    "UnknownCitation",
    "UnknownDelta",
    "UnknownEvent",
    "Usage",
    "UserLocationParam",
    "WebFetchBlockParam",
    "WebFetchTool20250910Param",
    "WebFetchToolResultBlock",
    "WebFetchToolResultBlockParam",
    "WebFetchToolResultBlockParamContent",
    "WebFetchToolResultErrorBlockParam",
    "WebSearchResultBlock",
    "WebSearchResultBlockParam",
    "WebSearchTool20250305Param",
    "WebSearchToolRequestErrorParam",
    "WebSearchToolResultBlock",
    "WebSearchToolResultBlockContent",
    "WebSearchToolResultBlockParam",
    "WebSearchToolResultBlockParamContentParam",
    "WebSearchToolResultError",
    "parse_stream_event",
]
