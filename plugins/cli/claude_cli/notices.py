"""Log records on stderr while the command works: one line each, or everything with ``--debug``."""

from __future__ import annotations

import logging
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


def configure_logging(debug: bool) -> None:
    """Where log records go: warnings and errors in one line each on stderr; with ``debug``,
    the SDK's records from DEBUG up, tracebacks included (Python's fallback would print any
    record's traceback, ``--debug`` or not)."""
    handler = logging.StreamHandler(sys.stderr)
    if debug:
        handler.setFormatter(logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s"))
        logging.getLogger("claude_core").setLevel(logging.DEBUG)
    else:  # warnings and errors only: ANTHROPIC_LOG=info has the SDK's own handler say the rest
        handler.setFormatter(OneLine())
        handler.setLevel(logging.WARNING)
    logging.getLogger().addHandler(handler)
