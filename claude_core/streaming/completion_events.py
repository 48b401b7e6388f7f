"""The events of a legacy Text Completions stream (``completions.create(stream=True)``): each is
a :class:`~claude_core.types.Completion`, and the one carrying the stop reason is the last."""

from __future__ import annotations

from typing import Any, Dict

from ..types._construct import construct
from ..types.completion import Completion

__all__ = ["validate_completion", "completion_ended"]


def validate_completion(data: Dict[str, Any]) -> Completion:
    """One ``completion`` event of a stream as a :class:`Completion`."""
    return construct(Completion, data)


def completion_ended(data: Dict[str, Any]) -> bool:
    """Whether a decoded stream event is the last one: it carries the stop reason."""
    return data.get("stop_reason") is not None
