"""Header mappings: merging them (lower-cased names, ``omit``/None removing a header), and which carry secrets."""

from __future__ import annotations

from typing import Any, Dict, Mapping

from ._types import Omit

__all__ = ["merge_headers", "is_secret_header"]


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


def is_secret_header(name: str) -> bool:
    """Whether a header carries a secret, so it is shown as ``<redacted>`` (logs, reprs, errors)."""
    lowered = name.lower()
    return (
        lowered in ("authorization", "x-api-key", "proxy-authorization", "x-amz-security-token") or "token" in lowered
    )
