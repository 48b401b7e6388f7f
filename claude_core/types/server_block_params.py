"""Request blocks that send server tool calls and their results back to the API unchanged.

A caller rarely writes these by hand: they echo blocks of an earlier response (for example after
a ``pause_turn`` stop) so the conversation can continue.
"""

# No `from __future__ import annotations` here: `Required[...]` must be evaluated for `__required_keys__`.
from typing import Any, Dict, Optional, Sequence, Union

from typing_extensions import Literal, Required, TypedDict

from .block_params import CacheControlEphemeralParam, DocumentBlockParam

__all__ = [
    "ServerToolUseBlockParam",
    "WebSearchResultBlockParam",
    "WebSearchToolRequestErrorParam",
    "WebSearchToolResultBlockParamContentParam",
    "WebSearchToolResultBlockParam",
    "WebFetchBlockParam",
    "WebFetchToolResultErrorBlockParam",
    "WebFetchToolResultBlockParamContent",
    "WebFetchToolResultBlockParam",
    "CodeExecutionOutputBlockParam",
    "CodeExecutionResultBlockParam",
    "EncryptedCodeExecutionResultBlockParam",
    "CodeExecutionToolResultErrorParam",
    "CodeExecutionToolResultBlockParamContentParam",
    "CodeExecutionToolResultBlockParam",
    "BashCodeExecutionToolResultBlockParam",
    "TextEditorCodeExecutionToolResultBlockParam",
    "ToolSearchToolResultBlockParam",
]


class ServerToolUseBlockParam(TypedDict, total=False):
    type: Required[Literal["server_tool_use"]]
    id: Required[str]
    name: Required[str]
    input: Required[Dict[str, Any]]
    caller: Dict[str, Any]
    cache_control: Optional[CacheControlEphemeralParam]


# --- web search ---------------------------------------------------------------------------------


class WebSearchResultBlockParam(TypedDict, total=False):
    type: Required[Literal["web_search_result"]]
    url: Required[str]
    title: Required[str]
    encrypted_content: Required[str]
    page_age: Optional[str]


class WebSearchToolRequestErrorParam(TypedDict, total=False):
    type: Required[Literal["web_search_tool_result_error"]]
    error_code: Required[str]


WebSearchToolResultBlockParamContentParam = Union[Sequence[WebSearchResultBlockParam], WebSearchToolRequestErrorParam]


class WebSearchToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["web_search_tool_result"]]
    tool_use_id: Required[str]
    content: Required[WebSearchToolResultBlockParamContentParam]
    caller: Dict[str, Any]
    cache_control: Optional[CacheControlEphemeralParam]


# --- web fetch ----------------------------------------------------------------------------------


class WebFetchBlockParam(TypedDict, total=False):
    type: Required[Literal["web_fetch_result"]]
    url: Required[str]
    content: Required[DocumentBlockParam]
    retrieved_at: Optional[str]


class WebFetchToolResultErrorBlockParam(TypedDict, total=False):
    type: Required[Literal["web_fetch_tool_result_error"]]
    error_code: Required[str]


WebFetchToolResultBlockParamContent = Union[WebFetchToolResultErrorBlockParam, WebFetchBlockParam]


class WebFetchToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["web_fetch_tool_result"]]
    tool_use_id: Required[str]
    content: Required[WebFetchToolResultBlockParamContent]
    caller: Dict[str, Any]
    cache_control: Optional[CacheControlEphemeralParam]


# --- code execution -----------------------------------------------------------------------------


class CodeExecutionOutputBlockParam(TypedDict, total=False):
    type: Required[Literal["code_execution_output"]]
    file_id: Required[str]


class CodeExecutionResultBlockParam(TypedDict, total=False):
    type: Required[Literal["code_execution_result"]]
    stdout: Required[str]
    stderr: Required[str]
    return_code: Required[int]
    content: Required[Sequence[CodeExecutionOutputBlockParam]]


class EncryptedCodeExecutionResultBlockParam(TypedDict, total=False):
    type: Required[Literal["encrypted_code_execution_result"]]
    encrypted_stdout: Required[str]
    stderr: Required[str]
    return_code: Required[int]
    content: Required[Sequence[CodeExecutionOutputBlockParam]]


class CodeExecutionToolResultErrorParam(TypedDict, total=False):
    type: Required[Literal["code_execution_tool_result_error"]]
    error_code: Required[str]


CodeExecutionToolResultBlockParamContentParam = Union[
    CodeExecutionToolResultErrorParam, CodeExecutionResultBlockParam, EncryptedCodeExecutionResultBlockParam
]


class CodeExecutionToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["code_execution_tool_result"]]
    tool_use_id: Required[str]
    content: Required[CodeExecutionToolResultBlockParamContentParam]
    cache_control: Optional[CacheControlEphemeralParam]


class BashCodeExecutionToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["bash_code_execution_tool_result"]]
    tool_use_id: Required[str]
    content: Required[Dict[str, Any]]
    cache_control: Optional[CacheControlEphemeralParam]


class TextEditorCodeExecutionToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["text_editor_code_execution_tool_result"]]
    tool_use_id: Required[str]
    content: Required[Dict[str, Any]]
    cache_control: Optional[CacheControlEphemeralParam]


class ToolSearchToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_search_tool_result"]]
    tool_use_id: Required[str]
    content: Required[Dict[str, Any]]
    cache_control: Optional[CacheControlEphemeralParam]
