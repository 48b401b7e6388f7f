"""Extended-thinking blocks of a response, loaded when a response first holds one."""

from __future__ import annotations

from typing_extensions import Literal

from ._base import BaseModel

__all__ = [
    "ThinkingBlock",
    "RedactedThinkingBlock",
]


class ThinkingBlock(BaseModel):
    """Extended-thinking output; send it back unchanged, with its ``signature``, in later turns."""

    signature: str
    thinking: str
    type: Literal["thinking"]


class RedactedThinkingBlock(BaseModel):
    """Thinking the API encrypted; ``data`` must be sent back unchanged."""

    data: str
    type: Literal["redacted_thinking"]
