"""Request parameters of beta features that have no non-beta twin: context-management edits,
tool callers, the content of code-execution and tool-search results sent back, the 2024 tool
versions and MCP toolsets. They are found under their official names in
:mod:`claude_core.types.beta` (``BetaClearToolUses20250919EditParam``, ...).
"""

# No `from __future__ import annotations` here: `Required[...]` must be evaluated for `__required_keys__`.
from typing import Dict, List, Optional, Sequence, Union

from typing_extensions import Literal, Required, TypedDict

from .._types import FileTypes
from .anthropic_beta_param import AnthropicBetaParam
from .block_params import CacheControlEphemeralParam, ToolReferenceBlockParam

__all__ = [
    "BetaInputTokensTriggerParam",
    "BetaToolUsesTriggerParam",
    "BetaInputTokensClearAtLeastParam",
    "BetaToolUsesKeepParam",
    "BetaThinkingTurnsParam",
    "BetaAllThinkingTurnsParam",
    "BetaClearToolUses20250919EditParam",
    "BetaClearThinking20251015EditParam",
    "BetaCompact20260112EditParam",
    "ClearToolUsesTrigger",
    "ClearThinkingKeep",
    "ContextManagementEdit",
    "BetaDirectCallerParam",
    "BetaServerToolCallerParam",
    "CallerParam",
    "BetaBashCodeExecutionOutputBlockParam",
    "BetaBashCodeExecutionResultBlockParam",
    "BetaBashCodeExecutionToolResultErrorParam",
    "BashCodeExecutionToolResultContentParam",
    "BetaTextEditorCodeExecutionToolResultErrorParam",
    "BetaTextEditorCodeExecutionViewResultBlockParam",
    "BetaTextEditorCodeExecutionCreateResultBlockParam",
    "BetaTextEditorCodeExecutionStrReplaceResultBlockParam",
    "TextEditorCodeExecutionToolResultContentParam",
    "BetaToolSearchToolResultErrorParam",
    "BetaToolSearchToolSearchResultBlockParam",
    "ToolSearchToolResultContentParam",
    "BetaToolBash20241022Param",
    "BetaToolComputerUse20241022Param",
    "BetaToolTextEditor20241022Param",
    "BetaMCPToolConfigParam",
    "BetaMCPToolDefaultConfigParam",
    "BetaMCPToolsetParam",
    "FileListParams",
    "FileUploadParams",
]

# --- context management (``context_management={"edits": [...]}``) -------------------------------


class BetaInputTokensTriggerParam(TypedDict, total=False):
    type: Required[Literal["input_tokens"]]
    value: Required[int]


class BetaToolUsesTriggerParam(TypedDict, total=False):
    type: Required[Literal["tool_uses"]]
    value: Required[int]


class BetaInputTokensClearAtLeastParam(TypedDict, total=False):
    type: Required[Literal["input_tokens"]]
    value: Required[int]


class BetaToolUsesKeepParam(TypedDict, total=False):
    type: Required[Literal["tool_uses"]]
    value: Required[int]


class BetaThinkingTurnsParam(TypedDict, total=False):
    type: Required[Literal["thinking_turns"]]
    value: Required[int]


class BetaAllThinkingTurnsParam(TypedDict, total=False):
    type: Required[Literal["all"]]


ClearToolUsesTrigger = Union[BetaInputTokensTriggerParam, BetaToolUsesTriggerParam]
"""When ``clear_tool_uses_20250919`` starts clearing."""
ClearThinkingKeep = Union[BetaThinkingTurnsParam, BetaAllThinkingTurnsParam, Literal["all"]]
"""Which thinking turns ``clear_thinking_20251015`` keeps."""


class BetaClearToolUses20250919EditParam(TypedDict, total=False):
    """Clear old tool results (and optionally their inputs) once the context passes ``trigger``."""

    type: Required[Literal["clear_tool_uses_20250919"]]
    clear_at_least: Optional[BetaInputTokensClearAtLeastParam]
    clear_tool_inputs: Union[bool, Sequence[str], None]
    exclude_tools: Optional[Sequence[str]]
    keep: BetaToolUsesKeepParam
    trigger: ClearToolUsesTrigger


class BetaClearThinking20251015EditParam(TypedDict, total=False):
    """Clear thinking blocks of earlier turns."""

    type: Required[Literal["clear_thinking_20251015"]]
    keep: ClearThinkingKeep


class BetaCompact20260112EditParam(TypedDict, total=False):
    """Summarise the conversation server-side once the context passes ``trigger``."""

    type: Required[Literal["compact_20260112"]]
    instructions: Optional[str]
    pause_after_compaction: bool
    trigger: Optional[BetaInputTokensTriggerParam]


ContextManagementEdit = Union[
    BetaClearToolUses20250919EditParam, BetaClearThinking20251015EditParam, BetaCompact20260112EditParam
]
"""One of ``context_management["edits"]``."""

# --- who called a tool (programmatic tool calling) ----------------------------------------------


class BetaDirectCallerParam(TypedDict, total=False):
    type: Required[Literal["direct"]]


class BetaServerToolCallerParam(TypedDict, total=False):
    tool_id: Required[str]
    type: Required[Literal["code_execution_20250825"]]


CallerParam = Union[BetaDirectCallerParam, BetaServerToolCallerParam]
"""The ``caller`` of a tool use block sent back: the model directly, or code it ran."""

# --- results of server tools, sent back in later turns ------------------------------------------


class BetaBashCodeExecutionOutputBlockParam(TypedDict, total=False):
    file_id: Required[str]
    type: Required[Literal["bash_code_execution_output"]]


class BetaBashCodeExecutionResultBlockParam(TypedDict, total=False):
    content: Required[Sequence[BetaBashCodeExecutionOutputBlockParam]]
    return_code: Required[int]
    stderr: Required[str]
    stdout: Required[str]
    type: Required[Literal["bash_code_execution_result"]]


class BetaBashCodeExecutionToolResultErrorParam(TypedDict, total=False):
    error_code: Required[
        Literal[
            "invalid_tool_input", "unavailable", "too_many_requests", "execution_time_exceeded", "output_file_too_large"
        ]
    ]
    type: Required[Literal["bash_code_execution_tool_result_error"]]


BashCodeExecutionToolResultContentParam = Union[
    BetaBashCodeExecutionToolResultErrorParam, BetaBashCodeExecutionResultBlockParam
]


class BetaTextEditorCodeExecutionToolResultErrorParam(TypedDict, total=False):
    error_code: Required[
        Literal["invalid_tool_input", "unavailable", "too_many_requests", "execution_time_exceeded", "file_not_found"]
    ]
    type: Required[Literal["text_editor_code_execution_tool_result_error"]]
    error_message: Optional[str]


class BetaTextEditorCodeExecutionViewResultBlockParam(TypedDict, total=False):
    content: Required[str]
    file_type: Required[Literal["text", "image", "pdf"]]
    type: Required[Literal["text_editor_code_execution_view_result"]]
    num_lines: Optional[int]
    start_line: Optional[int]
    total_lines: Optional[int]


class BetaTextEditorCodeExecutionCreateResultBlockParam(TypedDict, total=False):
    is_file_update: Required[bool]
    type: Required[Literal["text_editor_code_execution_create_result"]]


class BetaTextEditorCodeExecutionStrReplaceResultBlockParam(TypedDict, total=False):
    type: Required[Literal["text_editor_code_execution_str_replace_result"]]
    lines: Optional[Sequence[str]]
    new_lines: Optional[int]
    new_start: Optional[int]
    old_lines: Optional[int]
    old_start: Optional[int]


TextEditorCodeExecutionToolResultContentParam = Union[
    BetaTextEditorCodeExecutionToolResultErrorParam,
    BetaTextEditorCodeExecutionViewResultBlockParam,
    BetaTextEditorCodeExecutionCreateResultBlockParam,
    BetaTextEditorCodeExecutionStrReplaceResultBlockParam,
]


class BetaToolSearchToolResultErrorParam(TypedDict, total=False):
    error_code: Required[Literal["invalid_tool_input", "unavailable", "too_many_requests", "execution_time_exceeded"]]
    type: Required[Literal["tool_search_tool_result_error"]]


class BetaToolSearchToolSearchResultBlockParam(TypedDict, total=False):
    tool_references: Required[Sequence[ToolReferenceBlockParam]]
    type: Required[Literal["tool_search_tool_search_result"]]


ToolSearchToolResultContentParam = Union[BetaToolSearchToolResultErrorParam, BetaToolSearchToolSearchResultBlockParam]

# --- tools: the 2024 versions, MCP toolsets ------------------------------------------------------

_AllowedCaller = Literal["direct", "code_execution_20250825"]


class _LegacyToolOptions(TypedDict, total=False):
    allowed_callers: List[_AllowedCaller]
    cache_control: Optional[CacheControlEphemeralParam]
    input_examples: Sequence[Dict[str, object]]


class BetaToolBash20241022Param(_LegacyToolOptions, total=False):
    name: Required[Literal["bash"]]
    type: Required[Literal["bash_20241022"]]


class BetaToolComputerUse20241022Param(_LegacyToolOptions, total=False):
    display_height_px: Required[int]
    display_width_px: Required[int]
    name: Required[Literal["computer"]]
    type: Required[Literal["computer_20241022"]]
    display_number: Optional[int]


class BetaToolTextEditor20241022Param(_LegacyToolOptions, total=False):
    name: Required[Literal["str_replace_editor"]]
    type: Required[Literal["text_editor_20241022"]]


class BetaMCPToolConfigParam(TypedDict, total=False):
    defer_loading: bool
    enabled: bool


class BetaMCPToolDefaultConfigParam(TypedDict, total=False):
    defer_loading: bool
    enabled: bool


class BetaMCPToolsetParam(TypedDict, total=False):
    """The tools of one of the request's ``mcp_servers``, with per-tool overrides."""

    mcp_server_name: Required[str]
    type: Required[Literal["mcp_toolset"]]
    cache_control: Optional[CacheControlEphemeralParam]
    configs: Optional[Dict[str, BetaMCPToolConfigParam]]
    default_config: BetaMCPToolDefaultConfigParam


# --- the Files API's list query and upload parameters ------------------------------------------


class FileListParams(TypedDict, total=False):
    """The query of ``client.beta.files.list`` (``betas`` goes to the header)."""

    after_id: str
    before_id: str
    limit: int
    betas: List[AnthropicBetaParam]


class FileUploadParams(TypedDict, total=False):
    """The parameters of ``client.beta.files.upload`` (``betas`` goes to the header)."""

    file: Required[FileTypes]
    betas: List[AnthropicBetaParam]
