"""Content blocks of a response message, and the :data:`ContentBlock` union over them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Union

from typing_extensions import Literal

from ._base import BaseModel
from ._discriminator import open_union
from .citations import TextCitation

__all__ = [
    "TextBlock",
    "ThinkingBlock",
    "RedactedThinkingBlock",
    "ToolUseBlock",
    "ServerToolUseBlock",
    "WebSearchResultBlock",
    "WebSearchToolResultError",
    "WebSearchToolResultBlockContent",
    "WebSearchToolResultBlock",
    "WebFetchToolResultBlock",
    "CodeExecutionOutputBlock",
    "CodeExecutionResultBlock",
    "EncryptedCodeExecutionResultBlock",
    "CodeExecutionToolResultError",
    "CodeExecutionToolResultBlockContent",
    "CodeExecutionToolResultBlock",
    "BashCodeExecutionToolResultBlock",
    "TextEditorCodeExecutionToolResultBlock",
    "ToolSearchToolResultBlock",
    "ContainerUploadBlock",
    "MCPToolUseBlock",
    "MCPToolResultBlock",
    "CompactionBlock",
    "UnknownBlock",
    "ContentBlock",
]


class UnknownBlock(BaseModel):
    """A block of a ``type`` this version does not know; every field is kept as sent.

    Read fields as attributes (``block.some_field``) or with ``block.to_dict()``. It is the runtime
    fallback of :data:`ContentBlock`, not a member type checkers see: test it with ``isinstance``.
    """

    type: str


# --- text and reasoning -------------------------------------------------------------------------


class TextBlock(BaseModel):
    """Text written by the model, with the citations that support it (if citations were enabled)."""

    type: Literal["text"]
    text: str
    citations: Optional[List[TextCitation]] = None


class ThinkingBlock(BaseModel):
    """Extended-thinking output; send it back unchanged, with its ``signature``, in later turns."""

    type: Literal["thinking"]
    thinking: str
    signature: str


class RedactedThinkingBlock(BaseModel):
    """Thinking the API encrypted; ``data`` must be sent back unchanged."""

    type: Literal["redacted_thinking"]
    data: str


class CompactionBlock(BaseModel):
    """A summary of earlier turns written by server-side context compaction."""

    type: Literal["compaction"]
    content: Optional[str] = None
    encrypted_content: Optional[str] = None
    signature: Optional[str] = None


# --- client tools -------------------------------------------------------------------------------


class ToolUseBlock(BaseModel):
    """A call of one of the request's client tools; answer it with a ``tool_result`` block."""

    type: Literal["tool_use"]
    id: str
    name: str
    input: Dict[str, Any]
    caller: Optional[Dict[str, Any]] = None
    """Who made the call: ``{"type": "direct"}`` or a code-execution tool calling it programmatically."""


# --- server tools -------------------------------------------------------------------------------


class ServerToolUseBlock(BaseModel):
    """A call of a tool the API runs itself (web search, web fetch, code execution, ...)."""

    type: Literal["server_tool_use"]
    id: str
    name: str
    input: Dict[str, Any]
    caller: Optional[Dict[str, Any]] = None


class WebSearchResultBlock(BaseModel):
    """One web search hit."""

    type: Literal["web_search_result"]
    url: str
    title: str
    encrypted_content: str
    page_age: Optional[str] = None


class WebSearchToolResultError(BaseModel):
    """A failed web search (``error_code`` such as ``max_uses_exceeded`` or ``too_many_requests``)."""

    type: Literal["web_search_tool_result_error"]
    error_code: str


WebSearchToolResultBlockContent = Union[WebSearchToolResultError, List[WebSearchResultBlock]]
"""The hits of a web search, or the error that stopped it."""


class WebSearchToolResultBlock(BaseModel):
    """The result of a ``web_search`` server tool call."""

    type: Literal["web_search_tool_result"]
    tool_use_id: str
    content: WebSearchToolResultBlockContent
    caller: Optional[Dict[str, Any]] = None


class WebFetchToolResultBlock(BaseModel):
    """The result of a ``web_fetch`` call: ``{"type": "web_fetch_result", "url", "content", ...}`` or an error."""

    type: Literal["web_fetch_tool_result"]
    tool_use_id: str
    content: Any
    caller: Optional[Dict[str, Any]] = None


class CodeExecutionOutputBlock(BaseModel):
    """A file written by executed code."""

    type: Literal["code_execution_output"]
    file_id: str


class CodeExecutionResultBlock(BaseModel):
    """What executed code printed and returned."""

    type: Literal["code_execution_result"]
    stdout: str
    stderr: str
    return_code: int
    content: List[CodeExecutionOutputBlock]


class EncryptedCodeExecutionResultBlock(BaseModel):
    """Like :class:`CodeExecutionResultBlock`, with stdout encrypted."""

    type: Literal["encrypted_code_execution_result"]
    encrypted_stdout: str
    stderr: str
    return_code: int
    content: List[CodeExecutionOutputBlock]


class CodeExecutionToolResultError(BaseModel):
    """Code execution that could not run (``error_code`` such as ``execution_time_exceeded``)."""

    type: Literal["code_execution_tool_result_error"]
    error_code: str


CodeExecutionToolResultBlockContent = Union[
    CodeExecutionToolResultError, CodeExecutionResultBlock, EncryptedCodeExecutionResultBlock
]
"""The outcome of a ``code_execution`` call; at runtime an unknown ``type`` validates as :class:`UnknownBlock`."""
if not TYPE_CHECKING:
    CodeExecutionToolResultBlockContent = open_union(CodeExecutionToolResultBlockContent, UnknownBlock)


class CodeExecutionToolResultBlock(BaseModel):
    """The result of a ``code_execution`` server tool call."""

    type: Literal["code_execution_tool_result"]
    tool_use_id: str
    content: CodeExecutionToolResultBlockContent


class BashCodeExecutionToolResultBlock(BaseModel):
    """The result of a ``bash_code_execution`` call (a ``bash_code_execution_result`` object or an error)."""

    type: Literal["bash_code_execution_tool_result"]
    tool_use_id: str
    content: Any


class TextEditorCodeExecutionToolResultBlock(BaseModel):
    """The result of a ``text_editor_code_execution`` call (view/create/str_replace result or an error)."""

    type: Literal["text_editor_code_execution_tool_result"]
    tool_use_id: str
    content: Any


class ToolSearchToolResultBlock(BaseModel):
    """The result of a tool-search server tool call (matching tool references or an error)."""

    type: Literal["tool_search_tool_result"]
    tool_use_id: str
    content: Any


class ContainerUploadBlock(BaseModel):
    """A file the request uploaded into the code-execution container."""

    type: Literal["container_upload"]
    file_id: str


# --- MCP connector (beta) -----------------------------------------------------------------------


class MCPToolUseBlock(BaseModel):
    """A call of a tool on one of the request's ``mcp_servers``."""

    type: Literal["mcp_tool_use"]
    id: str
    name: str
    server_name: str
    input: Dict[str, Any]


class MCPToolResultBlock(BaseModel):
    """What an MCP server answered to an :class:`MCPToolUseBlock`."""

    type: Literal["mcp_tool_result"]
    tool_use_id: str
    content: Union[str, List[TextBlock]]
    is_error: bool = False


ContentBlock = Union[
    TextBlock,
    ThinkingBlock,
    RedactedThinkingBlock,
    ToolUseBlock,
    ServerToolUseBlock,
    WebSearchToolResultBlock,
    WebFetchToolResultBlock,
    CodeExecutionToolResultBlock,
    BashCodeExecutionToolResultBlock,
    TextEditorCodeExecutionToolResultBlock,
    ToolSearchToolResultBlock,
    ContainerUploadBlock,
    MCPToolUseBlock,
    MCPToolResultBlock,
    CompactionBlock,
]
"""Any block of ``Message.content``, narrowed by ``block.type``.

At runtime a block of a ``type`` this version does not know validates as :class:`UnknownBlock`
(every field kept); type checkers see the known blocks only, so ``if block.type == "text":`` narrows.
"""
if not TYPE_CHECKING:
    ContentBlock = open_union(ContentBlock, UnknownBlock)
