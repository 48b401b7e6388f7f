"""Compatibility path (``anthropic._response``): the real raw-response classes, re-exported."""

from ._engine.responses import (
    APIResponse,
    AsyncAPIResponse,
    AsyncBinaryAPIResponse,
    BinaryAPIResponse,
    LegacyAPIResponse,
)

__all__ = ["APIResponse", "AsyncAPIResponse", "BinaryAPIResponse", "AsyncBinaryAPIResponse", "LegacyAPIResponse"]
