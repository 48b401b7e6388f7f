"""The TLS context https servers are verified with: the CA certificates claude_core loads."""

from __future__ import annotations

import os
import ssl
import threading
from typing import Dict, Optional, Tuple

from claude_core import AnthropicError

__all__ = ["verifying_context"]

_lock = threading.Lock()
_contexts: Dict[Tuple[Optional[str], Optional[str]], ssl.SSLContext] = {}


def verifying_context() -> ssl.SSLContext:
    """A context that verifies servers with ``SSL_CERT_FILE``'s or ``SSL_CERT_DIR``'s CA
    certificates when set, else certifi's, as ``httpx.create_ssl_context()`` and claude_core
    do; one per set of locations in the process (loading them costs milliseconds).

    Raises :class:`~claude_core.AnthropicError` when they do not load (not retried).
    """
    cafile = os.environ.get("SSL_CERT_FILE") or None
    capath = None if cafile else os.environ.get("SSL_CERT_DIR") or None
    with _lock:
        context = _contexts.get((cafile, capath))
        if context is not None:
            return context
        if cafile is None and capath is None:
            import certifi  # here: only https with neither variable set needs it

            where: Optional[str] = certifi.where()
        else:
            where = cafile
        try:
            context = ssl.create_default_context(cafile=where, capath=capath)
        except OSError as exc:  # ssl.SSLError too
            raise AnthropicError(
                f"the CA certificates to verify https servers with did not load from {where or capath}: {exc}"
            ) from exc
        _contexts[(cafile, capath)] = context
        return context
