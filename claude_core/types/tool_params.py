"""Tools a request offers the model (``tools``), how it must use them (``tool_choice``), and MCP servers."""

# No `from __future__ import annotations` here: `Required[...]` must be evaluated for `__required_keys__`.
from typing import Any, Dict, List, Optional, Sequence, Union

from typing_extensions import Literal, Required, TypedDict

from .block_params import CacheControlEphemeralParam, CitationsConfigParam

__all__ = [
    "InputSchemaTyped",
    "InputSchema",
    "ToolParam",
    "ToolBash20250124Param",
    "ToolTextEditor20250124Param",
    "ToolTextEditor20250429Param",
    "ToolTextEditor20250728Param",
    "ToolComputerUse20250124Param",
    "ToolComputerUse20251124Param",
    "UserLocationParam",
    "WebSearchTool20250305Param",
    "WebFetchTool20250910Param",
    "CodeExecutionTool20250522Param",
    "CodeExecutionTool20250825Param",
    "MemoryTool20250818Param",
    "ToolSearchToolRegex20251119Param",
    "ToolSearchToolBm2520251119Param",
    "ToolUnionParam",
    "MessageCountTokensToolParam",
    "ToolChoiceAutoParam",
    "ToolChoiceAnyParam",
    "ToolChoiceToolParam",
    "ToolChoiceNoneParam",
    "ToolChoiceParam",
    "RequestMCPServerToolConfigurationParam",
    "RequestMCPServerURLDefinitionParam",
]

_AllowedCaller = Literal["direct", "code_execution_20250825"]


class _ToolOptions(TypedDict, total=False):
    """Options every tool takes."""

    cache_control: Optional[CacheControlEphemeralParam]
    defer_loading: bool
    """Leave the tool out of the prompt until a tool-search tool finds it."""
    strict: bool
    """Guarantee that tool calls match ``input_schema``."""
    allowed_callers: List[_AllowedCaller]
    input_examples: Sequence[Dict[str, Any]]


class InputSchemaTyped(TypedDict, total=False):
    """A JSON Schema object; other JSON Schema keys are allowed beside these."""

    type: Required[Literal["object"]]
    properties: Optional[Dict[str, Any]]
    required: Optional[List[str]]


InputSchema = Union[InputSchemaTyped, Dict[str, Any]]


class ToolParam(_ToolOptions, total=False):
    """A client tool: the model calls it with ``tool_use`` and the caller answers with ``tool_result``."""

    name: Required[str]
    input_schema: Required[InputSchema]
    description: str
    type: Optional[Literal["custom"]]
    eager_input_streaming: Optional[bool]


# --- Anthropic-defined client tools (the caller runs them) --------------------------------------


class ToolBash20250124Param(_ToolOptions, total=False):
    name: Required[Literal["bash"]]
    type: Required[Literal["bash_20250124"]]


class ToolTextEditor20250124Param(_ToolOptions, total=False):
    name: Required[Literal["str_replace_editor"]]
    type: Required[Literal["text_editor_20250124"]]


class ToolTextEditor20250429Param(_ToolOptions, total=False):
    name: Required[Literal["str_replace_based_edit_tool"]]
    type: Required[Literal["text_editor_20250429"]]


class ToolTextEditor20250728Param(_ToolOptions, total=False):
    name: Required[Literal["str_replace_based_edit_tool"]]
    type: Required[Literal["text_editor_20250728"]]
    max_characters: Optional[int]


class ToolComputerUse20250124Param(_ToolOptions, total=False):
    name: Required[Literal["computer"]]
    type: Required[Literal["computer_20250124"]]
    display_width_px: Required[int]
    display_height_px: Required[int]
    display_number: Optional[int]


class ToolComputerUse20251124Param(_ToolOptions, total=False):
    name: Required[Literal["computer"]]
    type: Required[Literal["computer_20251124"]]
    display_width_px: Required[int]
    display_height_px: Required[int]
    display_number: Optional[int]
    enable_zoom: bool


class MemoryTool20250818Param(_ToolOptions, total=False):
    name: Required[Literal["memory"]]
    type: Required[Literal["memory_20250818"]]


# --- server tools (the API runs them) -----------------------------------------------------------


class UserLocationParam(TypedDict, total=False):
    """Where the user is, to localise web search results."""

    type: Required[Literal["approximate"]]
    city: Optional[str]
    region: Optional[str]
    country: Optional[str]
    """Two-letter ISO country code."""
    timezone: Optional[str]
    """IANA time zone."""


class WebSearchTool20250305Param(_ToolOptions, total=False):
    name: Required[Literal["web_search"]]
    type: Required[Literal["web_search_20250305"]]
    max_uses: Optional[int]
    allowed_domains: Optional[List[str]]
    blocked_domains: Optional[List[str]]
    user_location: Optional[UserLocationParam]


class WebFetchTool20250910Param(_ToolOptions, total=False):
    name: Required[Literal["web_fetch"]]
    type: Required[Literal["web_fetch_20250910"]]
    max_uses: Optional[int]
    allowed_domains: Optional[List[str]]
    blocked_domains: Optional[List[str]]
    citations: Optional[CitationsConfigParam]
    max_content_tokens: Optional[int]


class CodeExecutionTool20250522Param(_ToolOptions, total=False):
    name: Required[Literal["code_execution"]]
    type: Required[Literal["code_execution_20250522"]]


class CodeExecutionTool20250825Param(_ToolOptions, total=False):
    name: Required[Literal["code_execution"]]
    type: Required[Literal["code_execution_20250825"]]


class ToolSearchToolRegex20251119Param(_ToolOptions, total=False):
    """The server's tool search, by regular expression over the tools marked ``defer_loading``."""

    name: Required[Literal["tool_search_tool_regex"]]
    type: Required[Literal["tool_search_tool_regex_20251119", "tool_search_tool_regex"]]


class ToolSearchToolBm2520251119Param(_ToolOptions, total=False):
    """The server's tool search, by BM25 ranking over the tools marked ``defer_loading``."""

    name: Required[Literal["tool_search_tool_bm25"]]
    type: Required[Literal["tool_search_tool_bm25_20251119", "tool_search_tool_bm25"]]


ToolUnionParam = Union[
    ToolParam,
    ToolBash20250124Param,
    ToolTextEditor20250124Param,
    ToolTextEditor20250429Param,
    ToolTextEditor20250728Param,
    ToolComputerUse20250124Param,
    ToolComputerUse20251124Param,
    MemoryTool20250818Param,
    WebSearchTool20250305Param,
    WebFetchTool20250910Param,
    CodeExecutionTool20250522Param,
    CodeExecutionTool20250825Param,
    ToolSearchToolRegex20251119Param,
    ToolSearchToolBm2520251119Param,
]
"""Any tool of ``tools``."""

MessageCountTokensToolParam = ToolUnionParam
"""Any tool of ``count_tokens(tools=...)``: the same tools ``create`` takes."""


# --- tool_choice --------------------------------------------------------------------------------


class ToolChoiceAutoParam(TypedDict, total=False):
    """The model decides whether to call tools."""

    type: Required[Literal["auto"]]
    disable_parallel_tool_use: bool


class ToolChoiceAnyParam(TypedDict, total=False):
    """The model must call some tool."""

    type: Required[Literal["any"]]
    disable_parallel_tool_use: bool


class ToolChoiceToolParam(TypedDict, total=False):
    """The model must call the tool ``name``."""

    type: Required[Literal["tool"]]
    name: Required[str]
    disable_parallel_tool_use: bool


class ToolChoiceNoneParam(TypedDict, total=False):
    """The model must not call tools."""

    type: Required[Literal["none"]]


ToolChoiceParam = Union[ToolChoiceAutoParam, ToolChoiceAnyParam, ToolChoiceToolParam, ToolChoiceNoneParam]


# --- MCP connector (beta) -----------------------------------------------------------------------


class RequestMCPServerToolConfigurationParam(TypedDict, total=False):
    enabled: Optional[bool]
    allowed_tools: Optional[List[str]]


class RequestMCPServerURLDefinitionParam(TypedDict, total=False):
    """A remote MCP server whose tools the API may call (``mcp_servers``)."""

    type: Required[Literal["url"]]
    url: Required[str]
    name: Required[str]
    authorization_token: Optional[str]
    tool_configuration: Optional[RequestMCPServerToolConfigurationParam]
