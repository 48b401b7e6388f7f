"""The one place where an httpx failure becomes the SDK's error.

A send, a body read or a stream read that fails with an ``httpx`` exception (or an
``OSError`` from the socket) becomes an :class:`~claude_core.APITimeoutError` for a
timeout, else an :class:`~claude_core.APIConnectionError`; the original stays as the
cause. (httpcore's own exceptions reach us already mapped to httpx's by httpx, or by the
socket body reader with httpx's mapper, so this module sees httpx's tree only.)
"""

from __future__ import annotations

import httpx

from ..errors import APIConnectionError, APITimeoutError, _with_cause

__all__ = ["connection_error"]


def connection_error(request: httpx.Request, exc: Exception, *, mid_stream: bool = False) -> APIConnectionError:
    """The SDK's error for a failed send or body read (``mid_stream``: a stream's body, after its headers)."""
    error: APIConnectionError
    if isinstance(exc, httpx.TimeoutException):
        if mid_stream:
            message = "Timed out reading the stream."
        else:
            message = f"Request timed out: {exc}" if str(exc) else "Request timed out."
        error = APITimeoutError(request, message)
    else:
        lost = "Connection lost mid-stream" if mid_stream else "Connection error"
        error = APIConnectionError(request=request, message=f"{lost}: {type(exc).__name__}: {exc}")
    return _with_cause(error, exc)
