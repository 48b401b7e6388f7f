"""The citation types of a text block's ``citations``, loaded when a response first holds one
(:data:`~claude_core.types.TextCitation` is the union over them)."""

from __future__ import annotations

from typing import Optional

from typing_extensions import Literal

from ._base import BaseModel

__all__ = [
    "CitationCharLocation",
    "CitationPageLocation",
    "CitationContentBlockLocation",
    "CitationsWebSearchResultLocation",
    "CitationsSearchResultLocation",
    "UnknownCitation",
]


class CitationCharLocation(BaseModel):
    """A character range in a plain-text document."""

    cited_text: str
    document_index: int
    document_title: Optional[str] = None
    end_char_index: int
    file_id: Optional[str] = None
    start_char_index: int
    type: Literal["char_location"]


class CitationPageLocation(BaseModel):
    """A page range in a PDF document (``end_page_number`` is exclusive)."""

    cited_text: str
    document_index: int
    document_title: Optional[str] = None
    end_page_number: int
    file_id: Optional[str] = None
    start_page_number: int
    type: Literal["page_location"]


class CitationContentBlockLocation(BaseModel):
    """A range of blocks in a custom-content document (``end_block_index`` is exclusive)."""

    cited_text: str
    document_index: int
    document_title: Optional[str] = None
    end_block_index: int
    file_id: Optional[str] = None
    start_block_index: int
    type: Literal["content_block_location"]


class CitationsWebSearchResultLocation(BaseModel):
    """A web search result."""

    cited_text: str
    encrypted_index: str
    title: Optional[str] = None
    type: Literal["web_search_result_location"]
    url: str


class CitationsSearchResultLocation(BaseModel):
    """A range of blocks in a ``search_result`` block from the request."""

    cited_text: str
    end_block_index: int
    search_result_index: int
    source: str
    start_block_index: int
    title: Optional[str] = None
    type: Literal["search_result_location"]


class UnknownCitation(BaseModel):
    """A citation of a ``type`` this version does not know; every field is kept as sent.

    The runtime fallback of :data:`TextCitation`, not a member type checkers see.
    """

    type: str
