"""The result of ``messages.parse(output_format=T)``: a :class:`Message` whose text is validated into ``T``.

Each text block is a :class:`ParsedTextBlock` holding ``parsed_output``, the block's text
validated with ``pydantic.TypeAdapter(T).validate_json``; ``message.parsed_output`` is the first
one that is not empty. Dumps hold ``parsed_output`` as the official SDK's do, but it is never
sent back to the API when a block is reused in ``messages=[...]``.
A text that does not validate raises :class:`StructuredOutputError`, holding the raw text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, List, Optional, Union

import pydantic
from typing_extensions import Annotated, TypeVar, get_args

from .._types import REQUEST_BODY
from ..errors import AnthropicError
from ._discriminator import given_tag
from .content import (
    BashCodeExecutionToolResultBlock,
    CodeExecutionToolResultBlock,
    CompactionBlock,
    ContainerUploadBlock,
    ContentBlock,
    MCPToolResultBlock,
    MCPToolUseBlock,
    RedactedThinkingBlock,
    ServerToolUseBlock,
    TextBlock,
    TextEditorCodeExecutionToolResultBlock,
    ThinkingBlock,
    ToolSearchToolResultBlock,
    ToolUseBlock,
    WebFetchToolResultBlock,
    WebSearchToolResultBlock,
)
from .message import Message

__all__ = ["ParsedTextBlock", "ParsedContentBlock", "ParsedMessage", "StructuredOutputError", "parse_message_output"]

ResponseFormatT = TypeVar("ResponseFormatT", default=None)


class StructuredOutputError(AnthropicError, ValueError):
    """A reply's text did not validate against the requested ``output_format``.

    ``text`` is the raw text of the block, ``output_format`` the type it was validated into,
    and ``__cause__`` the ``pydantic.ValidationError`` (its ``errors()`` are in ``errors``).
    A ``ValueError``, like the ``pydantic.ValidationError`` the official SDK lets through.
    """

    def __init__(self, text: str, output_format: Any, cause: pydantic.ValidationError) -> None:
        name = getattr(output_format, "__name__", repr(output_format))
        shown = text if len(text) <= 500 else text[:500] + "..."
        super().__init__(f"The reply does not match {name}: {cause.error_count()} error(s); raw text: {shown!r}")
        self.text = text
        self.output_format = output_format
        self.errors = cause.errors()


class ParsedTextBlock(TextBlock, Generic[ResponseFormatT]):
    """A text block with its text validated into the requested type.

    Its dumps hold ``parsed_output`` as the official SDK's do; a request body leaves it out
    (the API refuses it), however deep in ``messages=[...]`` the block is sent back.
    """

    if TYPE_CHECKING:
        parsed_output: Optional[ResponseFormatT] = None
    else:  # validated by the output type's TypeAdapter, not here; dumped as whatever it holds
        parsed_output: Any = None

    @pydantic.model_serializer(mode="wrap")
    def _leave_out_of_requests(
        self, handler: pydantic.SerializerFunctionWrapHandler, info: pydantic.SerializationInfo
    ) -> Any:
        data = handler(self)
        if isinstance(data, dict) and info.context is not None and info.context.get(REQUEST_BODY):
            data.pop("parsed_output", None)
        return data


ParsedContentBlock = Union[
    ParsedTextBlock[ResponseFormatT],
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
"""A block of :attr:`ParsedMessage.content`: text blocks are :class:`ParsedTextBlock`."""


def _with_parsed_text(union: Any) -> Any:
    """:data:`ContentBlock`'s runtime union (``Annotated[Union[...], discriminator]``) with
    :class:`ParsedTextBlock` in place of its text member."""
    members, discriminator = get_args(union)
    swapped = tuple(
        Annotated[ParsedTextBlock, pydantic.Tag("text")] if given_tag(member) == "text" else member
        for member in get_args(members)
    )
    return Annotated[Union[swapped], discriminator]


_PARSED_CONTENT = _with_parsed_text(ContentBlock)


class ParsedMessage(Message, Generic[ResponseFormatT]):
    """A :class:`Message` whose text blocks carry ``parsed_output``."""

    if TYPE_CHECKING:
        content: List[ParsedContentBlock[ResponseFormatT]]  # type: ignore[assignment]
    else:  # the content union with ParsedTextBlock as its text member: it dumps its parsed_output
        content: List[_PARSED_CONTENT]

    @property
    def parsed_output(self) -> Optional[ResponseFormatT]:
        """The first text block's ``parsed_output`` that is not empty, else None."""
        for block in self.content:
            if isinstance(block, ParsedTextBlock) and block.parsed_output:
                return block.parsed_output
        return None


def parse_message_output(
    message: Message, output_format: Any, adapter: Optional[pydantic.TypeAdapter[Any]] = None
) -> ParsedMessage[Any]:
    """``message`` as a :class:`ParsedMessage`, each text block validated into ``output_format``.

    Nothing is validated again but the texts: the blocks and fields are reused as they are.
    With ``output_format`` None every ``parsed_output`` is None. Raises
    :class:`StructuredOutputError` for a text that does not validate.
    """
    if adapter is None and output_format is not None:
        adapter = pydantic.TypeAdapter(output_format)
    content: List[Any] = []
    for block in message.content:
        if isinstance(block, TextBlock):
            value = None
            if adapter is not None:
                try:
                    value = adapter.validate_json(block.text)
                except pydantic.ValidationError as exc:
                    raise StructuredOutputError(block.text, output_format, exc) from exc
            fields = {name: getattr(block, name) for name in block.model_fields_set}
            extra = block.model_extra or {}
            parsed = ParsedTextBlock.model_construct(
                _fields_set={*block.model_fields_set, *extra, "parsed_output"}, **fields, **extra, parsed_output=value
            )
            content.append(parsed)
        else:
            content.append(block)
    values = {name: getattr(message, name) for name in message.model_fields_set}
    values.update(message.model_extra or {})
    values["content"] = content
    result = ParsedMessage.model_construct(_fields_set={*values}, **values)
    object.__setattr__(result, "__pydantic_private__", message.__pydantic_private__)  # a beta call's stays one
    object.__setattr__(result, "_request_id", message._request_id)
    object.__setattr__(result, "_provider", message._provider)
    return result
