"""Warnings for usage the API deprecates, given where the official SDK gives them (``create``, ``stream``)."""

from __future__ import annotations

import os
import sys
import warnings
from typing import Any, Dict, List, Mapping

__all__ = ["DEPRECATED_MODELS", "ADAPTIVE_THINKING_MODELS", "warn_deprecated_usage"]

#: Deprecated models and the day each reaches end of life (the official ``DEPRECATED_MODELS``: a
#: model added to this dict is warned about).
DEPRECATED_MODELS: Dict[str, str] = {
    "claude-1.3": "November 6th, 2024",
    "claude-1.3-100k": "November 6th, 2024",
    "claude-instant-1.1": "November 6th, 2024",
    "claude-instant-1.1-100k": "November 6th, 2024",
    "claude-instant-1.2": "November 6th, 2024",
    "claude-3-sonnet-20240229": "July 21st, 2025",
    "claude-3-opus-20240229": "January 5th, 2026",
    "claude-2.1": "July 21st, 2025",
    "claude-2.0": "July 21st, 2025",
    "claude-3-7-sonnet-latest": "February 19th, 2026",
    "claude-3-7-sonnet-20250219": "February 19th, 2026",
    "claude-3-5-haiku-latest": "February 19th, 2026",
    "claude-3-5-haiku-20241022": "February 19th, 2026",
}
#: Models where adaptive thinking replaces ``thinking={"type": "enabled", ...}`` (the official
#: ``MODELS_TO_WARN_WITH_THINKING_ENABLED``, a list as there).
ADAPTIVE_THINKING_MODELS: List[str] = ["claude-opus-4-6"]

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def warn_deprecated_usage(body: Mapping[str, Any]) -> None:
    """Warn, at the caller's line, about a deprecated model or thinking mode in a request body."""
    model = body.get("model")
    if not isinstance(model, str):
        return
    end_of_life = DEPRECATED_MODELS.get(model)
    if end_of_life is not None:
        warnings.warn(
            f"model {model!r} is deprecated and reaches end of life on {end_of_life}; move to a newer model "
            "(https://docs.anthropic.com/en/docs/resources/model-deprecations)",
            DeprecationWarning,
            stacklevel=_caller_level(),
        )
    thinking = body.get("thinking")
    if model in ADAPTIVE_THINKING_MODELS and isinstance(thinking, Mapping) and thinking.get("type") == "enabled":
        warnings.warn(
            f"thinking={{'type': 'enabled'}} is deprecated on {model}: pass thinking={{'type': 'adaptive'}}, "
            "which does better in Anthropic's testing "
            "(https://platform.claude.com/docs/en/build-with-claude/adaptive-thinking)",
            UserWarning,
            stacklevel=_caller_level(),
        )


def _caller_level() -> int:
    """The ``stacklevel`` of the first frame outside claude_core: the user's call."""
    level, frame = 1, sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return level
