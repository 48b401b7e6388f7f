"""Compatibility path (``anthropic._streaming``): the real stream classes, re-exported."""

from .streaming.stream import AsyncStream, Stream

__all__ = ["Stream", "AsyncStream"]
