"""Request content blocks a caller writes: text, images, documents, tool use and tool results.

Blocks that echo server tool results back to the API are in :mod:`.server_block_params`; the
:data:`~.message_param.ContentBlockParam` union over all of them is in :mod:`.message_param`.
"""

# No `from __future__ import annotations` here: `Required[...]` must be evaluated for `__required_keys__`.
from typing import Any, Dict, Optional, Sequence, Union

from typing_extensions import Literal, Required, TypedDict

__all__ = [
    "CacheControlEphemeralParam",
    "CitationsConfigParam",
    "CitationCharLocationParam",
    "CitationPageLocationParam",
    "CitationContentBlockLocationParam",
    "CitationWebSearchResultLocationParam",
    "CitationSearchResultLocationParam",
    "TextCitationParam",
    "TextBlockParam",
    "Base64ImageSourceParam",
    "URLImageSourceParam",
    "FileImageSourceParam",
    "ImageSourceParam",
    "ImageBlockParam",
    "Base64PDFSourceParam",
    "PlainTextSourceParam",
    "ContentBlockSourceContentParam",
    "ContentBlockSourceParam",
    "URLPDFSourceParam",
    "FileDocumentSourceParam",
    "DocumentSourceParam",
    "DocumentBlockParam",
    "SearchResultBlockParam",
    "ToolReferenceBlockParam",
    "ThinkingBlockParam",
    "RedactedThinkingBlockParam",
    "ToolUseBlockParam",
    "ToolResultBlockParamContent",
    "ToolResultBlockParam",
    "ContainerUploadBlockParam",
    "MCPToolUseBlockParam",
    "MCPToolResultBlockParam",
    "CompactionBlockParam",
]


class CacheControlEphemeralParam(TypedDict, total=False):
    """Marks the end of a cacheable prompt prefix; ``ttl`` defaults to ``"5m"``."""

    type: Required[Literal["ephemeral"]]
    ttl: Literal["5m", "1h"]


class CitationsConfigParam(TypedDict, total=False):
    """Whether the model may cite this source."""

    enabled: bool


# --- citations sent back in text blocks ---------------------------------------------------------


class CitationCharLocationParam(TypedDict, total=False):
    type: Required[Literal["char_location"]]
    cited_text: Required[str]
    document_index: Required[int]
    document_title: Required[Optional[str]]
    start_char_index: Required[int]
    end_char_index: Required[int]


class CitationPageLocationParam(TypedDict, total=False):
    type: Required[Literal["page_location"]]
    cited_text: Required[str]
    document_index: Required[int]
    document_title: Required[Optional[str]]
    start_page_number: Required[int]
    end_page_number: Required[int]


class CitationContentBlockLocationParam(TypedDict, total=False):
    type: Required[Literal["content_block_location"]]
    cited_text: Required[str]
    document_index: Required[int]
    document_title: Required[Optional[str]]
    start_block_index: Required[int]
    end_block_index: Required[int]


class CitationWebSearchResultLocationParam(TypedDict, total=False):
    type: Required[Literal["web_search_result_location"]]
    cited_text: Required[str]
    encrypted_index: Required[str]
    title: Required[Optional[str]]
    url: Required[str]


class CitationSearchResultLocationParam(TypedDict, total=False):
    type: Required[Literal["search_result_location"]]
    cited_text: Required[str]
    search_result_index: Required[int]
    source: Required[str]
    title: Required[Optional[str]]
    start_block_index: Required[int]
    end_block_index: Required[int]


TextCitationParam = Union[
    CitationCharLocationParam,
    CitationPageLocationParam,
    CitationContentBlockLocationParam,
    CitationWebSearchResultLocationParam,
    CitationSearchResultLocationParam,
]


# --- text, images, documents --------------------------------------------------------------------


class TextBlockParam(TypedDict, total=False):
    type: Required[Literal["text"]]
    text: Required[str]
    cache_control: Optional[CacheControlEphemeralParam]
    citations: Optional[Sequence[TextCitationParam]]


class Base64ImageSourceParam(TypedDict, total=False):
    type: Required[Literal["base64"]]
    media_type: Required[Literal["image/jpeg", "image/png", "image/gif", "image/webp"]]
    data: Required[str]


class URLImageSourceParam(TypedDict, total=False):
    type: Required[Literal["url"]]
    url: Required[str]


class FileImageSourceParam(TypedDict, total=False):
    """An image uploaded with the Files API."""

    type: Required[Literal["file"]]
    file_id: Required[str]


ImageSourceParam = Union[Base64ImageSourceParam, URLImageSourceParam, FileImageSourceParam]


class ImageBlockParam(TypedDict, total=False):
    type: Required[Literal["image"]]
    source: Required[ImageSourceParam]
    cache_control: Optional[CacheControlEphemeralParam]


class Base64PDFSourceParam(TypedDict, total=False):
    type: Required[Literal["base64"]]
    media_type: Required[Literal["application/pdf"]]
    data: Required[str]


class PlainTextSourceParam(TypedDict, total=False):
    type: Required[Literal["text"]]
    media_type: Required[Literal["text/plain"]]
    data: Required[str]


ContentBlockSourceContentParam = Union[TextBlockParam, ImageBlockParam]


class ContentBlockSourceParam(TypedDict, total=False):
    """A document made of blocks the caller chose; citations point at block ranges."""

    type: Required[Literal["content"]]
    content: Required[Union[str, Sequence[ContentBlockSourceContentParam]]]


class URLPDFSourceParam(TypedDict, total=False):
    type: Required[Literal["url"]]
    url: Required[str]


class FileDocumentSourceParam(TypedDict, total=False):
    """A document uploaded with the Files API."""

    type: Required[Literal["file"]]
    file_id: Required[str]


DocumentSourceParam = Union[
    Base64PDFSourceParam, PlainTextSourceParam, ContentBlockSourceParam, URLPDFSourceParam, FileDocumentSourceParam
]


class DocumentBlockParam(TypedDict, total=False):
    type: Required[Literal["document"]]
    source: Required[DocumentSourceParam]
    title: Optional[str]
    context: Optional[str]
    """Text about the document the model may read but not cite."""
    citations: Optional[CitationsConfigParam]
    cache_control: Optional[CacheControlEphemeralParam]


class SearchResultBlockParam(TypedDict, total=False):
    """Search results the caller retrieved, citable like a document."""

    type: Required[Literal["search_result"]]
    source: Required[str]
    title: Required[str]
    content: Required[Sequence[TextBlockParam]]
    citations: CitationsConfigParam
    cache_control: Optional[CacheControlEphemeralParam]


class ToolReferenceBlockParam(TypedDict, total=False):
    """Names a deferred tool to load (an answer to a tool-search tool)."""

    type: Required[Literal["tool_reference"]]
    tool_name: Required[str]
    cache_control: Optional[CacheControlEphemeralParam]


# --- thinking -----------------------------------------------------------------------------------


class ThinkingBlockParam(TypedDict, total=False):
    type: Required[Literal["thinking"]]
    thinking: Required[str]
    signature: Required[str]


class RedactedThinkingBlockParam(TypedDict, total=False):
    type: Required[Literal["redacted_thinking"]]
    data: Required[str]


class CompactionBlockParam(TypedDict, total=False):
    """A ``compaction`` block from an earlier response, sent back unchanged (beta)."""

    type: Required[Literal["compaction"]]
    content: Optional[str]
    encrypted_content: Optional[str]
    signature: Optional[str]
    cache_control: Optional[CacheControlEphemeralParam]


# --- client tools -------------------------------------------------------------------------------


class ToolUseBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_use"]]
    id: Required[str]
    name: Required[str]
    input: Required[Dict[str, Any]]
    caller: Dict[str, Any]
    cache_control: Optional[CacheControlEphemeralParam]


ToolResultBlockParamContent = Union[
    TextBlockParam, ImageBlockParam, SearchResultBlockParam, DocumentBlockParam, ToolReferenceBlockParam
]
"""One block of a tool result's ``content`` list."""


class ToolResultBlockParam(TypedDict, total=False):
    """The answer to a ``tool_use`` block, sent in the next ``user`` message."""

    type: Required[Literal["tool_result"]]
    tool_use_id: Required[str]
    content: Union[str, Sequence[ToolResultBlockParamContent]]
    is_error: bool
    cache_control: Optional[CacheControlEphemeralParam]


class ContainerUploadBlockParam(TypedDict, total=False):
    """Uploads a Files API file into the code-execution container."""

    type: Required[Literal["container_upload"]]
    file_id: Required[str]
    cache_control: Optional[CacheControlEphemeralParam]


# --- MCP connector (beta) -----------------------------------------------------------------------


class MCPToolUseBlockParam(TypedDict, total=False):
    type: Required[Literal["mcp_tool_use"]]
    id: Required[str]
    name: Required[str]
    server_name: Required[str]
    input: Required[Dict[str, Any]]
    cache_control: Optional[CacheControlEphemeralParam]


class MCPToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["mcp_tool_result"]]
    tool_use_id: Required[str]
    content: Union[str, Sequence[TextBlockParam]]
    is_error: bool
    cache_control: Optional[CacheControlEphemeralParam]
