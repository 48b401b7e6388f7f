"""Logging through the standard ``logging`` module, switched on by ``ANTHROPIC_LOG``."""

from __future__ import annotations

import logging
import os
from typing import Mapping

from ._headers import is_secret_header

__all__ = ["logger", "setup_logging", "redact_headers"]

logger = logging.getLogger("claude_core")
_configured = False


def setup_logging() -> None:
    """Read ``ANTHROPIC_LOG`` (``debug`` or ``info``) once; called by the first client."""
    global _configured
    if _configured:
        return
    _configured = True
    level = os.environ.get("ANTHROPIC_LOG", "").lower()
    if level not in ("debug", "info"):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("[%(asctime)s - %(name)s:%(lineno)d - %(levelname)s] %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if level == "debug" else logging.INFO)
    logging.getLogger("httpx").setLevel(logging.DEBUG if level == "debug" else logging.INFO)


def redact_headers(headers: Mapping[str, str]) -> "dict[str, str]":
    return {k: "<redacted>" if is_secret_header(k) else v for k, v in headers.items()}
