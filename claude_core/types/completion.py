"""``Completion``: the response of the legacy Text Completions API (``POST /v1/complete``)."""

from __future__ import annotations

from typing import Optional

from typing_extensions import Literal

from ._base import BaseModel

__all__ = ["Completion"]


class Completion(BaseModel):
    """The text the model wrote after a ``"\\n\\nHuman: ...\\n\\nAssistant:"`` prompt."""

    id: str
    completion: str
    """The text up to, and without, the stop sequence."""
    model: str
    stop_reason: Optional[str] = None
    """``"stop_sequence"`` or ``"max_tokens"``."""
    type: Literal["completion"]
