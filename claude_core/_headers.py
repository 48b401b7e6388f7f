"""Merging header mappings: lower-cased names, ``omit``/None removing a header."""

from __future__ import annotations

from typing import Any, Dict, Mapping

from ._types import Omit

__all__ = ["merge_headers"]


def merge_headers(base: Mapping[str, str], extra: Mapping[str, Any]) -> Dict[str, str]:
    """``base`` updated by ``extra``; keys lower-cased, ``omit``/None values removed."""
    merged = dict(base)
    for key, value in extra.items():
        key = key.lower()
        if isinstance(value, Omit) or value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged
