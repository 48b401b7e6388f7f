"""Blocks of the MCP connector (beta): a call of a tool on an MCP server and its result, loaded when a
response first holds one."""

from __future__ import annotations

from typing import Any, Dict, List, Union

from typing_extensions import Literal

from ._base import BaseModel
from .content import TextBlock

__all__ = [
    "MCPToolUseBlock",
    "MCPToolResultBlock",
]


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
