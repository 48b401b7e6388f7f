"""Compatibility path (``anthropic._legacy_response``): the real raw-response class, re-exported."""

from ._response import LegacyAPIResponse

__all__ = ["LegacyAPIResponse"]
