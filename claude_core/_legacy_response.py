"""Compatibility path (``anthropic._legacy_response``): the real raw-response class, re-exported."""

from ._engine.responses import LegacyAPIResponse

__all__ = ["LegacyAPIResponse"]
