"""What server tools answer inside their result blocks: fetched documents, bash and text-editor
code execution results, tool search hits, and the errors each tool reports.

Each union picks its member by ``type``; at runtime an unknown ``type`` is kept as an
:class:`~claude_core.types.UnknownBlock` with every field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional, Union

from typing_extensions import Literal

from ._base import BaseModel
from ._discriminator import open_union

__all__ = [
    "UnknownResult",
    "CitationConfig",
    "Base64PDFSource",
    "PlainTextSource",
    "DocumentBlockSource",
    "DocumentBlock",
    "WebFetchBlock",
    "WebFetchToolResultErrorCode",
    "WebFetchToolResultErrorBlock",
    "WebSearchToolResultErrorCode",
    "CodeExecutionToolResultErrorCode",
    "WebFetchToolResultBlockContent",
    "BashCodeExecutionOutputBlock",
    "BashCodeExecutionResultBlock",
    "BashCodeExecutionToolResultError",
    "BashCodeExecutionToolResultBlockContent",
    "TextEditorCodeExecutionViewResultBlock",
    "TextEditorCodeExecutionCreateResultBlock",
    "TextEditorCodeExecutionStrReplaceResultBlock",
    "TextEditorCodeExecutionToolResultError",
    "TextEditorCodeExecutionToolResultBlockContent",
    "ToolReferenceBlock",
    "ToolSearchToolSearchResultBlock",
    "ToolSearchToolResultError",
    "ToolSearchToolResultBlockContent",
]


class UnknownResult(BaseModel):
    """A result object of a ``type`` this version does not know; every field is kept as sent."""

    type: str


# --- web fetch ----------------------------------------------------------------------------------


class CitationConfig(BaseModel):
    """Whether citations were enabled for a fetched document."""

    enabled: bool


class Base64PDFSource(BaseModel):
    """A PDF, base64-encoded."""

    data: str
    media_type: Literal["application/pdf"]
    type: Literal["base64"]


class PlainTextSource(BaseModel):
    """Plain text."""

    data: str
    media_type: Literal["text/plain"]
    type: Literal["text"]


DocumentBlockSource = Union[Base64PDFSource, PlainTextSource]
"""The content of a :class:`DocumentBlock`, by ``type``."""
if not TYPE_CHECKING:
    DocumentBlockSource = open_union(DocumentBlockSource, UnknownResult)


class DocumentBlock(BaseModel):
    """A document a server tool retrieved (the page a ``web_fetch`` read)."""

    citations: Optional[CitationConfig] = None
    source: DocumentBlockSource
    title: Optional[str] = None
    type: Literal["document"]


class WebFetchBlock(BaseModel):
    """A page ``web_fetch`` read: its ``url``, when, and its content as a document."""

    content: DocumentBlock
    retrieved_at: Optional[str] = None
    type: Literal["web_fetch_result"]
    url: str


WebFetchToolResultErrorCode = Literal[
    "invalid_tool_input",
    "url_too_long",
    "url_not_allowed",
    "url_not_accessible",
    "unsupported_content_type",
    "too_many_requests",
    "max_uses_exceeded",
    "unavailable",
]
"""Why a ``web_fetch`` failed; at runtime a code added by a newer API version is kept as a string."""


class WebFetchToolResultErrorBlock(BaseModel):
    """A failed ``web_fetch``."""

    error_code: str
    type: Literal["web_fetch_tool_result_error"]


WebFetchToolResultBlockContent = Union[WebFetchToolResultErrorBlock, WebFetchBlock]
"""The page ``web_fetch`` read, or the error that stopped it."""
if not TYPE_CHECKING:
    WebFetchToolResultBlockContent = open_union(WebFetchToolResultBlockContent, UnknownResult)


# --- web search and code execution error codes ------------------------------------------------------

WebSearchToolResultErrorCode = Literal[
    "invalid_tool_input", "unavailable", "max_uses_exceeded", "too_many_requests", "query_too_long", "request_too_large"
]
"""Why a ``web_search`` failed (the ``error_code`` of a :class:`~claude_core.types.WebSearchToolResultError`);
at runtime a code added by a newer API version is kept as a string."""

CodeExecutionToolResultErrorCode = Literal[
    "invalid_tool_input", "unavailable", "too_many_requests", "execution_time_exceeded"
]
"""Why ``code_execution`` could not run (the ``error_code`` of a
:class:`~claude_core.types.CodeExecutionToolResultError`); at runtime a newer code is kept as a string."""


# --- bash code execution ------------------------------------------------------------------------


class BashCodeExecutionOutputBlock(BaseModel):
    """A file a bash command wrote."""

    file_id: str
    type: Literal["bash_code_execution_output"]


class BashCodeExecutionResultBlock(BaseModel):
    """What a bash command printed and returned."""

    content: List[BashCodeExecutionOutputBlock]
    return_code: int
    stderr: str
    stdout: str
    type: Literal["bash_code_execution_result"]


class BashCodeExecutionToolResultError(BaseModel):
    """A bash command that could not run (``error_code`` such as ``execution_time_exceeded``)."""

    error_code: str
    type: Literal["bash_code_execution_tool_result_error"]


BashCodeExecutionToolResultBlockContent = Union[BashCodeExecutionToolResultError, BashCodeExecutionResultBlock]
"""The outcome of a ``bash_code_execution`` call."""
if not TYPE_CHECKING:
    BashCodeExecutionToolResultBlockContent = open_union(BashCodeExecutionToolResultBlockContent, UnknownResult)


# --- text editor code execution -----------------------------------------------------------------


class TextEditorCodeExecutionViewResultBlock(BaseModel):
    """A file the text editor viewed."""

    content: str
    file_type: str
    """``text``, ``image`` or ``pdf``."""
    num_lines: Optional[int] = None
    start_line: Optional[int] = None
    total_lines: Optional[int] = None
    type: Literal["text_editor_code_execution_view_result"]


class TextEditorCodeExecutionCreateResultBlock(BaseModel):
    """A file the text editor created (or overwrote: ``is_file_update``)."""

    is_file_update: bool
    type: Literal["text_editor_code_execution_create_result"]


class TextEditorCodeExecutionStrReplaceResultBlock(BaseModel):
    """An edit the text editor made, as a diff hunk."""

    lines: Optional[List[str]] = None
    new_lines: Optional[int] = None
    new_start: Optional[int] = None
    old_lines: Optional[int] = None
    old_start: Optional[int] = None
    type: Literal["text_editor_code_execution_str_replace_result"]


class TextEditorCodeExecutionToolResultError(BaseModel):
    """A text editor command that failed (``error_code`` such as ``file_not_found``)."""

    error_code: str
    error_message: Optional[str] = None
    type: Literal["text_editor_code_execution_tool_result_error"]


TextEditorCodeExecutionToolResultBlockContent = Union[
    TextEditorCodeExecutionToolResultError,
    TextEditorCodeExecutionViewResultBlock,
    TextEditorCodeExecutionCreateResultBlock,
    TextEditorCodeExecutionStrReplaceResultBlock,
]
"""The outcome of a ``text_editor_code_execution`` call."""
if not TYPE_CHECKING:
    TextEditorCodeExecutionToolResultBlockContent = open_union(
        TextEditorCodeExecutionToolResultBlockContent, UnknownResult
    )


# --- tool search --------------------------------------------------------------------------------


class ToolReferenceBlock(BaseModel):
    """A tool that tool search found; its definition is loaded for the rest of the turn."""

    tool_name: str
    type: Literal["tool_reference"]


class ToolSearchToolSearchResultBlock(BaseModel):
    """The tools a tool search found."""

    tool_references: List[ToolReferenceBlock]
    type: Literal["tool_search_tool_search_result"]


class ToolSearchToolResultError(BaseModel):
    """A tool search that failed (``error_code`` such as ``invalid_tool_input``)."""

    error_code: str
    error_message: Optional[str] = None
    type: Literal["tool_search_tool_result_error"]


ToolSearchToolResultBlockContent = Union[ToolSearchToolResultError, ToolSearchToolSearchResultBlock]
"""The outcome of a tool search."""
if not TYPE_CHECKING:
    ToolSearchToolResultBlockContent = open_union(ToolSearchToolResultBlockContent, UnknownResult)
