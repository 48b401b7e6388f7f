"""Blocks of the tools the API runs itself (web search, web fetch, tool search): the call and its
result, loaded when a response first holds one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Union

from typing_extensions import Literal

from ._base import BaseModel, TwinModel
from ._deferred import deferred

if TYPE_CHECKING:  # beta objects: their models load when a value of them is first built
    from .callers import Caller
    from .server_tool_results import ToolSearchToolResultBlockContent, WebFetchToolResultBlockContent
else:
    Caller = deferred(".callers", "Caller")
    ToolSearchToolResultBlockContent = deferred(".server_tool_results", "ToolSearchToolResultBlockContent")
    WebFetchToolResultBlockContent = deferred(".server_tool_results", "WebFetchToolResultBlockContent")

__all__ = [
    "ServerToolUseBlock",
    "WebSearchResultBlock",
    "WebSearchToolResultError",
    "WebSearchToolResultBlockContent",
    "WebSearchToolResultBlock",
    "WebFetchToolResultBlock",
    "ToolSearchToolResultBlock",
]


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


class ToolSearchToolResultBlock(BaseModel):
    """The result of a tool-search server tool call (matching tool references or an error)."""

    content: ToolSearchToolResultBlockContent
    tool_use_id: str
    type: Literal["tool_search_tool_result"]
