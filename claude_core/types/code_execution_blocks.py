"""Blocks of the code execution tools (code, bash, text editor) and of container uploads, loaded
when a response first holds one."""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Union

from typing_extensions import Literal

from ._base import BaseModel
from ._deferred import deferred
from ._discriminator import open_union
from ._unknown import UnknownBlock

if TYPE_CHECKING:  # beta objects: their models load when a value of them is first built
    from .server_tool_results import (
        BashCodeExecutionToolResultBlockContent,
        TextEditorCodeExecutionToolResultBlockContent,
    )
else:
    BashCodeExecutionToolResultBlockContent = deferred(
        ".server_tool_results", "BashCodeExecutionToolResultBlockContent"
    )
    TextEditorCodeExecutionToolResultBlockContent = deferred(
        ".server_tool_results", "TextEditorCodeExecutionToolResultBlockContent"
    )

__all__ = [
    "CodeExecutionOutputBlock",
    "CodeExecutionResultBlock",
    "EncryptedCodeExecutionResultBlock",
    "CodeExecutionToolResultError",
    "CodeExecutionToolResultBlockContent",
    "CodeExecutionToolResultBlock",
    "BashCodeExecutionToolResultBlock",
    "TextEditorCodeExecutionToolResultBlock",
    "ContainerUploadBlock",
]


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


class ContainerUploadBlock(BaseModel):
    """A file the request uploaded into the code-execution container."""

    file_id: str
    type: Literal["container_upload"]
