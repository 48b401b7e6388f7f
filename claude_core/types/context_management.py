"""What server-side context management did to a request (beta): the edits it applied."""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Union

from typing_extensions import Literal

from ._base import BaseModel
from ._discriminator import open_union

__all__ = [
    "UnknownEdit",
    "ClearToolUses20250919EditResponse",
    "ClearThinking20251015EditResponse",
    "AppliedEdit",
    "ContextManagementResponse",
    "CountTokensContextManagementResponse",
]


class UnknownEdit(BaseModel):
    """An edit of a ``type`` this version does not know; every field is kept as sent."""

    type: str


class ClearToolUses20250919EditResponse(BaseModel):
    """Old tool uses and results cleared from the context."""

    cleared_input_tokens: int
    cleared_tool_uses: int
    type: Literal["clear_tool_uses_20250919"]


class ClearThinking20251015EditResponse(BaseModel):
    """Thinking blocks of earlier turns cleared from the context."""

    cleared_input_tokens: int
    cleared_thinking_turns: int
    type: Literal["clear_thinking_20251015"]


AppliedEdit = Union[ClearToolUses20250919EditResponse, ClearThinking20251015EditResponse]
"""One edit context management applied, by ``type``."""
if not TYPE_CHECKING:
    AppliedEdit = open_union(AppliedEdit, UnknownEdit)


class ContextManagementResponse(BaseModel):
    """``Message.context_management``: the edits applied before the model saw the request."""

    applied_edits: List[AppliedEdit]


class CountTokensContextManagementResponse(BaseModel):
    """``MessageTokensCount.context_management``: the input tokens before context management edited them."""

    original_input_tokens: int
