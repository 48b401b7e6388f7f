"""What a failed run prints and exits with: one line on stderr naming the fix, and its status."""

from __future__ import annotations

from typing import Tuple

import click
import httpx

import claude_core

__all__ = ["EXIT_OK", "EXIT_ERROR", "EXIT_USAGE", "EXIT_INTERRUPTED", "describe"]

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def describe(exc: BaseException) -> Tuple[str, int]:
    """The one line to print for ``exc`` (without the ``Error:`` prefix), and the exit status."""
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted", EXIT_INTERRUPTED
    if isinstance(exc, click.UsageError):
        return exc.format_message(), EXIT_USAGE
    if isinstance(exc, click.ClickException):
        return exc.format_message(), exc.exit_code
    if isinstance(exc, claude_core.MissingCredentialsError):
        shell = "from the shell: export ANTHROPIC_API_KEY=..., or store it with `claude-core keys set`"
        return f"{exc}; {shell}", EXIT_ERROR
    if isinstance(exc, claude_core.APITimeoutError):
        return "the request timed out: try again, or raise the timeout", EXIT_ERROR
    if isinstance(exc, claude_core.APIConnectionError):
        return f"could not reach the API ({_cause(exc)}): check the network, --base-url and any proxy", EXIT_ERROR
    if isinstance(exc, claude_core.AuthenticationError):
        return f"the API refused the credentials ({_status_message(exc)}): check the key", EXIT_ERROR
    if isinstance(exc, claude_core.APIStatusError):
        return f"the API answered {exc.status_code}: {_status_message(exc)}", EXIT_ERROR
    if isinstance(exc, claude_core.AnthropicError):
        return str(exc), EXIT_ERROR
    if isinstance(exc, (OSError, httpx.HTTPError)):
        return f"{type(exc).__name__}: {exc}", EXIT_ERROR
    return f"{type(exc).__name__}: {exc} (run with --debug for the traceback)", EXIT_ERROR


def _status_message(exc: claude_core.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            return f"{error.get('type', 'error')}: {error['message']}"
    return exc.message


def _cause(exc: BaseException) -> str:
    cause = exc.__cause__
    return f"{type(cause).__name__}: {cause}" if cause is not None else str(exc)
