"""Streaming responses."""

from .context import StreamContext

__all__ = ["StreamContext"]
