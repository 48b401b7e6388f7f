"""``MessageParam``: one turn of the conversation sent in ``messages``, and the block union it holds."""

# No `from __future__ import annotations` here: `Required[...]` must be evaluated for `__required_keys__`.
from typing import Sequence, Union

from typing_extensions import Literal, Required, TypedDict

from .block_params import (
    CompactionBlockParam,
    ContainerUploadBlockParam,
    DocumentBlockParam,
    ImageBlockParam,
    MCPToolResultBlockParam,
    MCPToolUseBlockParam,
    RedactedThinkingBlockParam,
    SearchResultBlockParam,
    TextBlockParam,
    ThinkingBlockParam,
    ToolResultBlockParam,
    ToolUseBlockParam,
)
from .content import ContentBlock
from .server_block_params import (
    BashCodeExecutionToolResultBlockParam,
    CodeExecutionToolResultBlockParam,
    ServerToolUseBlockParam,
    TextEditorCodeExecutionToolResultBlockParam,
    ToolSearchToolResultBlockParam,
    WebFetchToolResultBlockParam,
    WebSearchToolResultBlockParam,
)

__all__ = ["ContentBlockParam", "MessageParam"]

ContentBlockParam = Union[
    TextBlockParam,
    ImageBlockParam,
    DocumentBlockParam,
    SearchResultBlockParam,
    ThinkingBlockParam,
    RedactedThinkingBlockParam,
    ToolUseBlockParam,
    ToolResultBlockParam,
    ServerToolUseBlockParam,
    WebSearchToolResultBlockParam,
    WebFetchToolResultBlockParam,
    CodeExecutionToolResultBlockParam,
    BashCodeExecutionToolResultBlockParam,
    TextEditorCodeExecutionToolResultBlockParam,
    ToolSearchToolResultBlockParam,
    ContainerUploadBlockParam,
    MCPToolUseBlockParam,
    MCPToolResultBlockParam,
    CompactionBlockParam,
]
"""Any block of a request message."""


class MessageParam(TypedDict, total=False):
    """One turn. ``content`` is a string (one text block) or blocks; response blocks
    (``message.content``) may be passed back as they are."""

    role: Required[Literal["user", "assistant"]]
    content: Required[Union[str, Sequence[Union[ContentBlockParam, ContentBlock]]]]
