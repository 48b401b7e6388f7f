"""Log records on stderr while the command works: one line each, or everything with ``--debug``."""

from __future__ import annotations

import logging
import os
import sys

from .output import printable

__all__ = ["configure_logging", "OneLine"]


class OneLine(logging.Formatter):
    """A log record as one line, ``claude-core: message (ValueError: why)``: no traceback (a tool
    that raised is told to Claude, and the run goes on), no escape sequence."""

    def format(self, record: logging.LogRecord) -> str:
        line = record.getMessage()
        error = record.exc_info[1] if record.exc_info else None
        if error is not None:
            line = f"{line} ({type(error).__name__}: {error})"
        return printable(f"claude-core: {line}").replace("\n", " ")


class _NotSaidBySDK(logging.Filter):
    """Drops the SDK's records while ``ANTHROPIC_LOG`` has the SDK's own handler print them."""

    def filter(self, record: logging.LogRecord) -> bool:
        sdk = logging.getLogger("claude_core")
        return not (sdk.handlers and record.name.partition(".")[0] == "claude_core")


def configure_logging(debug: bool) -> None:
    """Where log records go: warnings and errors in one line each on stderr; with ``debug``,
    the SDK's records from DEBUG up, tracebacks included (Python's fallback would print any
    record's traceback, ``--debug`` or not). Each record is printed once: with ``ANTHROPIC_LOG``
    set, the SDK's own handler prints its records (``--debug`` takes its place, and keeps httpx's
    records at the level it asked for)."""
    handler = logging.StreamHandler(sys.stderr)
    if debug:
        handler.setFormatter(logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s"))
        logging.getLogger("claude_core").setLevel(logging.DEBUG)
        asked = os.environ.pop("ANTHROPIC_LOG", "").lower()
        if asked in ("debug", "info"):
            logging.getLogger("httpx").setLevel(logging.DEBUG if asked == "debug" else logging.INFO)
    else:  # warnings and errors only: ANTHROPIC_LOG=info has the SDK's own handler say the rest
        handler.setFormatter(OneLine())
        handler.setLevel(logging.WARNING)
        handler.addFilter(_NotSaidBySDK())
    logging.getLogger().addHandler(handler)
