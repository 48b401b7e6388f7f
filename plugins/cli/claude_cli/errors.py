"""What a failed run prints and exits with: one line on stderr naming the fix, and its status."""

from __future__ import annotations

from typing import Any, Callable, List, Optional, Tuple

import click
import httpx

import claude_core

__all__ = [
    "EXIT_OK",
    "EXIT_ERROR",
    "EXIT_USAGE",
    "EXIT_INTERRUPTED",
    "describe",
    "PipeClosed",
    "QuietPipeGroup",
    "no_empty_id",
]

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def no_empty_id(kind: str, listing: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """A click callback refusing an empty id among an argument's (the SDK would refuse it in Python's
    terms); ``listing`` is the command that shows the ids of that ``kind``."""

    def check(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if any(not given for given in ((value,) if isinstance(value, str) else value)):
            raise click.BadParameter(f"is empty: give a {kind} id, as `{listing}` shows them")
        return value

    return check


class PipeClosed(Exception):
    """The reader of the output went away (``claude-core ... | head -1``): the run ends quietly, with
    status 0, as Unix tools end there; unless ``interrupted``: the pipe broke while a Ctrl-C was
    being handled (the reader, in the same process group, got it too), and the run was interrupted."""

    def __init__(self, interrupted: bool = False) -> None:
        super().__init__()
        self.interrupted = interrupted

    @classmethod
    def of(cls, error: BrokenPipeError) -> PipeClosed:
        """What ``error`` means: an interrupted run when it was raised while a ``KeyboardInterrupt``
        was handled (its ``__context__`` chain has one)."""
        seen: Optional[BaseException] = error.__context__
        while seen is not None and not isinstance(seen, KeyboardInterrupt):
            seen = seen.__context__
        return cls(interrupted=seen is not None)


class QuietPipeGroup(click.Group):
    """A command group whose broken pipes reach ``main()`` as :class:`PipeClosed`, from a command
    or from ``--help`` and ``--version`` alike (click would end the run itself, with status 1)."""

    def make_context(
        self, info_name: Optional[str], args: List[str], parent: Optional[click.Context] = None, **extra: Any
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except BrokenPipeError as exc:
            raise PipeClosed.of(exc) from exc

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError as exc:
            raise PipeClosed.of(exc) from exc


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
    if isinstance(exc, claude_core.UnsupportedEndpointError):  # `models` on Bedrock: the option chosen cannot
        what = str(exc).split(": use ", 1)[0]  # the SDK's fix is for Python code ("use claude_core.Anthropic")
        return f"Invalid value for --provider: {what}; use --provider anthropic for this command", EXIT_USAGE
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
