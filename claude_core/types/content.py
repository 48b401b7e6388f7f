"""Content blocks of a response message, and the :data:`ContentBlock` union over them.

A plain text reply holds only :class:`TextBlock`. Every other block lives in a module of its own
(:mod:`~claude_core.types.thinking_blocks`, :mod:`~claude_core.types.tool_use_block`,
:mod:`~claude_core.types.server_tool_blocks`, :mod:`~claude_core.types.code_execution_blocks`,
:mod:`~claude_core.types.mcp_blocks`, :mod:`~claude_core.types.compaction_block`), loaded when a
response first holds a block of it or when its name is first read here.
"""

from typing import TYPE_CHECKING, List, Optional, Union

from typing_extensions import Literal

from .._lazy import lazy_exports
from ._base import BaseModel
from ._deferred import deferred
from ._discriminator import open_union
from .citations import TextCitation

if TYPE_CHECKING:
    from ._unknown import UnknownBlock
    from .code_execution_blocks import (
        BashCodeExecutionToolResultBlock,
        CodeExecutionOutputBlock,
        CodeExecutionResultBlock,
        CodeExecutionToolResultBlock,
        CodeExecutionToolResultBlockContent,
        CodeExecutionToolResultError,
        ContainerUploadBlock,
        EncryptedCodeExecutionResultBlock,
        TextEditorCodeExecutionToolResultBlock,
    )
    from .compaction_block import CompactionBlock
    from .mcp_blocks import MCPToolResultBlock, MCPToolUseBlock
    from .server_tool_blocks import (
        ServerToolUseBlock,
        ToolSearchToolResultBlock,
        WebFetchToolResultBlock,
        WebSearchResultBlock,
        WebSearchToolResultBlock,
        WebSearchToolResultBlockContent,
        WebSearchToolResultError,
    )
    from .thinking_blocks import RedactedThinkingBlock, ThinkingBlock
    from .tool_use_block import ToolUseBlock

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


class TextBlock(BaseModel):
    """Text written by the model, with the citations that support it (if citations were enabled)."""

    citations: Optional[List[TextCitation]] = None
    text: str
    type: Literal["text"]


if TYPE_CHECKING:
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
else:
    ContentBlock = open_union(
        Union[
            TextBlock,
            deferred(".thinking_blocks", "ThinkingBlock", tag="thinking"),
            deferred(".thinking_blocks", "RedactedThinkingBlock", tag="redacted_thinking"),
            deferred(".tool_use_block", "ToolUseBlock", tag="tool_use"),
            deferred(".server_tool_blocks", "ServerToolUseBlock", tag="server_tool_use"),
            deferred(".server_tool_blocks", "WebSearchToolResultBlock", tag="web_search_tool_result"),
            deferred(".server_tool_blocks", "WebFetchToolResultBlock", tag="web_fetch_tool_result"),
            deferred(".code_execution_blocks", "CodeExecutionToolResultBlock", tag="code_execution_tool_result"),
            deferred(
                ".code_execution_blocks", "BashCodeExecutionToolResultBlock", tag="bash_code_execution_tool_result"
            ),
            deferred(
                ".code_execution_blocks",
                "TextEditorCodeExecutionToolResultBlock",
                tag="text_editor_code_execution_tool_result",
            ),
            deferred(".server_tool_blocks", "ToolSearchToolResultBlock", tag="tool_search_tool_result"),
            deferred(".code_execution_blocks", "ContainerUploadBlock", tag="container_upload"),
            deferred(".mcp_blocks", "MCPToolUseBlock", tag="mcp_tool_use"),
            deferred(".mcp_blocks", "MCPToolResultBlock", tag="mcp_tool_result"),
            deferred(".compaction_block", "CompactionBlock", tag="compaction"),
        ],
        deferred("._unknown", "UnknownBlock"),
    )
"""Any block of ``Message.content``, narrowed by ``block.type``.

At runtime a block of a ``type`` this version does not know validates as :class:`UnknownBlock`
(every field kept); type checkers see the known blocks only, so ``if block.type == "text":`` narrows.
"""

#: The modules of the blocks a plain text reply does not hold, by the names read from here.
_ELSEWHERE = {
    "claude_core.types._unknown": ("UnknownBlock",),
    "claude_core.types.code_execution_blocks": (
        "BashCodeExecutionToolResultBlock",
        "CodeExecutionOutputBlock",
        "CodeExecutionResultBlock",
        "CodeExecutionToolResultBlock",
        "CodeExecutionToolResultBlockContent",
        "CodeExecutionToolResultError",
        "ContainerUploadBlock",
        "EncryptedCodeExecutionResultBlock",
        "TextEditorCodeExecutionToolResultBlock",
    ),
    "claude_core.types.compaction_block": ("CompactionBlock",),
    "claude_core.types.mcp_blocks": ("MCPToolResultBlock", "MCPToolUseBlock"),
    "claude_core.types.server_tool_blocks": (
        "ServerToolUseBlock",
        "ToolSearchToolResultBlock",
        "WebFetchToolResultBlock",
        "WebSearchResultBlock",
        "WebSearchToolResultBlock",
        "WebSearchToolResultBlockContent",
        "WebSearchToolResultError",
    ),
    "claude_core.types.thinking_blocks": ("RedactedThinkingBlock", "ThinkingBlock"),
    "claude_core.types.tool_use_block": ("ToolUseBlock",),
}
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_exports(
        __name__, {name: module for module, names in _ELSEWHERE.items() for name in names}
    )
