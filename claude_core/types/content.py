"""Content blocks of a response message, and the :data:`ContentBlock` union over them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Union

from typing_extensions import Literal

from ._base import BaseModel, TwinModel
from ._deferred import deferred
from ._discriminator import open_union
from ._unknown import UnknownBlock
from .citations import TextCitation

if TYPE_CHECKING:  # beta objects: their models load when a value of them is first built
    from .callers import Caller
    from .server_tool_results import (
        BashCodeExecutionToolResultBlockContent,
        TextEditorCodeExecutionToolResultBlockContent,
        ToolSearchToolResultBlockContent,
        WebFetchToolResultBlockContent,
    )
else:
    Caller = deferred(".callers", "Caller")
    BashCodeExecutionToolResultBlockContent = deferred(
        ".server_tool_results", "BashCodeExecutionToolResultBlockContent"
    )
    TextEditorCodeExecutionToolResultBlockContent = deferred(
        ".server_tool_results", "TextEditorCodeExecutionToolResultBlockContent"
    )
    ToolSearchToolResultBlockContent = deferred(".server_tool_results", "ToolSearchToolResultBlockContent")
    WebFetchToolResultBlockContent = deferred(".server_tool_results", "WebFetchToolResultBlockContent")

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


# --- text and reasoning -------------------------------------------------------------------------


class TextBlock(BaseModel):
    """Text written by the model, with the citations that support it (if citations were enabled)."""

    citations: Optional[List[TextCitation]] = None
    text: str
    type: Literal["text"]


class ThinkingBlock(BaseModel):
    """Extended-thinking output; send it back unchanged, with its ``signature``, in later turns."""

    signature: str
    thinking: str
    type: Literal["thinking"]


class RedactedThinkingBlock(BaseModel):
    """Thinking the API encrypted; ``data`` must be sent back unchanged."""

    data: str
    type: Literal["redacted_thinking"]


class CompactionBlock(TwinModel):
    """A summary of earlier turns written by server-side context compaction."""

    _lacks = _beta_lacks = frozenset({"encrypted_content", "signature"})

    content: Optional[str] = None
    type: Literal["compaction"]
    encrypted_content: Optional[str] = None
    signature: Optional[str] = None


# --- client tools -------------------------------------------------------------------------------


class ToolUseBlock(TwinModel):
    """A call of one of the request's client tools; answer it with a ``tool_result`` block."""

    _lacks = frozenset({"caller"})

    id: str
    input: Dict[str, Any]
    name: str
    type: Literal["tool_use"]
    caller: Optional[Caller] = None
    """Who made the call (beta): the model (:class:`DirectCaller`) or code it ran (:class:`ServerToolCaller`)."""


# --- server tools -------------------------------------------------------------------------------


class ServerToolUseBlock(TwinModel):
    """A call of a tool the API runs itself (web search, web fetch, code execution, ...)."""

    _lacks = frozenset({"caller"})

    id: str
    input: Dict[str, Any]
    name: str
    type: Literal["server_tool_use"]
    caller: Optional[Caller] = None


class WebSearchResultBlock(BaseModel):
    """One web search hit."""

    encrypted_content: str
    page_age: Optional[str] = None
    title: str
    type: Literal["web_search_result"]
    url: str


class WebSearchToolResultError(BaseModel):
    """A failed web search (``error_code`` such as ``max_uses_exceeded`` or ``too_many_requests``)."""

    error_code: str
    type: Literal["web_search_tool_result_error"]


WebSearchToolResultBlockContent = Union[WebSearchToolResultError, List[WebSearchResultBlock]]
"""The hits of a web search, or the error that stopped it."""


class WebSearchToolResultBlock(TwinModel):
    """The result of a ``web_search`` server tool call."""

    _lacks = _beta_lacks = frozenset({"caller"})

    content: WebSearchToolResultBlockContent
    tool_use_id: str
    type: Literal["web_search_tool_result"]
    caller: Optional[Caller] = None


class WebFetchToolResultBlock(TwinModel):
    """The result of a ``web_fetch`` call: the page read (:class:`WebFetchBlock`) or an error."""

    _lacks = _beta_lacks = frozenset({"caller"})

    content: WebFetchToolResultBlockContent
    tool_use_id: str
    type: Literal["web_fetch_tool_result"]
    caller: Optional[Caller] = None


class CodeExecutionOutputBlock(BaseModel):
    """A file written by executed code."""

    file_id: str
    type: Literal["code_execution_output"]


class CodeExecutionResultBlock(BaseModel):
    """What executed code printed and returned."""

    content: List[CodeExecutionOutputBlock]
    return_code: int
    stderr: str
    stdout: str
    type: Literal["code_execution_result"]


class EncryptedCodeExecutionResultBlock(BaseModel):
    """Like :class:`CodeExecutionResultBlock`, with stdout encrypted."""

    type: Literal["encrypted_code_execution_result"]
    encrypted_stdout: str
    stderr: str
    return_code: int
    content: List[CodeExecutionOutputBlock]


class CodeExecutionToolResultError(BaseModel):
    """Code execution that could not run (``error_code`` such as ``execution_time_exceeded``)."""

    error_code: str
    type: Literal["code_execution_tool_result_error"]


CodeExecutionToolResultBlockContent = Union[
    CodeExecutionToolResultError, CodeExecutionResultBlock, EncryptedCodeExecutionResultBlock
]
"""The outcome of a ``code_execution`` call; at runtime an unknown ``type`` validates as :class:`UnknownBlock`."""
if not TYPE_CHECKING:
    CodeExecutionToolResultBlockContent = open_union(CodeExecutionToolResultBlockContent, UnknownBlock)


class CodeExecutionToolResultBlock(BaseModel):
    """The result of a ``code_execution`` server tool call."""

    content: CodeExecutionToolResultBlockContent
    tool_use_id: str
    type: Literal["code_execution_tool_result"]


class BashCodeExecutionToolResultBlock(BaseModel):
    """The result of a ``bash_code_execution`` call (a ``bash_code_execution_result`` object or an error)."""

    content: BashCodeExecutionToolResultBlockContent
    tool_use_id: str
    type: Literal["bash_code_execution_tool_result"]


class TextEditorCodeExecutionToolResultBlock(BaseModel):
    """The result of a ``text_editor_code_execution`` call (view/create/str_replace result or an error)."""

    content: TextEditorCodeExecutionToolResultBlockContent
    tool_use_id: str
    type: Literal["text_editor_code_execution_tool_result"]


class ToolSearchToolResultBlock(BaseModel):
    """The result of a tool-search server tool call (matching tool references or an error)."""

    content: ToolSearchToolResultBlockContent
    tool_use_id: str
    type: Literal["tool_search_tool_result"]


class ContainerUploadBlock(BaseModel):
    """A file the request uploaded into the code-execution container."""

    file_id: str
    type: Literal["container_upload"]


# --- MCP connector (beta) -----------------------------------------------------------------------


class MCPToolUseBlock(BaseModel):
    """A call of a tool on one of the request's ``mcp_servers``."""

    id: str
    input: Dict[str, Any]
    name: str
    server_name: str
    type: Literal["mcp_tool_use"]


class MCPToolResultBlock(BaseModel):
    """What an MCP server answered to an :class:`MCPToolUseBlock`."""

    content: Union[str, List[TextBlock]]
    is_error: bool = False
    tool_use_id: str
    type: Literal["mcp_tool_result"]


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
