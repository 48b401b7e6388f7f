"""``claude-core``: the command group, its global options, and how a run ends.

Every command is registered through the CLI's hook (:mod:`claude_cli.hookspecs`), the
CLI's own as well as other distributions'. :func:`main` runs the group and turns any
failure into one line on stderr and an exit status (:mod:`claude_cli.errors`); with
``--debug`` the traceback is printed too.
"""

from __future__ import annotations

import sys
import traceback
import warnings
from typing import Any, List, Optional

import click

import claude_core
import claude_core.plugins

from . import __version__
from .errors import EXIT_OK, PipeClosed, QuietPipeGroup, describe
from .notices import configure_logging
from .output import printable, stop_writing
from .plugins import failed_plugins, register_commands
from .state import PROVIDER_ENV, State

__all__ = ["cli", "main"]

#: click 8.2+ raises this for a group called without a command; 8.1 prints the help itself.
_NO_ARGS: Any = getattr(click.exceptions, "NoArgsIsHelpError", ())


@click.group(cls=QuietPipeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--provider",
    envvar=PROVIDER_ENV,
    default="anthropic",
    show_default=True,
    help=f"The deployment: anthropic, bedrock, vertex, emulator or another installed provider [env: {PROVIDER_ENV}].",
)
@click.option(
    "--base-url",
    help="The API's URL [default: the provider's own, from its environment variable such as ANTHROPIC_BASE_URL].",
)
@click.option("--debug", is_flag=True, help="Print the traceback of a failure.")
@click.version_option(
    __version__,
    "--version",
    "-V",
    message=f"%(prog)s %(version)s (claude-cli {__version__}, claude_core SDK {claude_core.__version__})",
)
@click.pass_context
def cli(ctx: click.Context, provider: str, base_url: Optional[str], debug: bool) -> None:
    """Talk to Claude from the shell, with claude-core."""
    ctx.obj = State(provider=provider, base_url=base_url, debug=debug)  # the provider is checked by client()
    ctx.call_on_close(ctx.obj.close)


def _register() -> None:
    register_commands(cli)
    _everywhere(cli)


#: The global options a command also takes after its name (``claude-core prompt --provider bedrock``).
_GLOBAL = (
    ("--provider", "The deployment, as claude-core --provider gives it."),
    ("--base-url", "The API's URL, as claude-core --base-url gives it."),
    ("--debug", "Print the traceback of a failure."),
)


def _set_global(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    state = ctx.find_object(State)
    if state is None or value is None or value is False:
        return
    if param.name == "provider":
        state.provider = value
    elif param.name == "base_url":
        state.base_url = value
    else:
        state.debug = True


def _everywhere(group: click.Group) -> None:
    """Give every command the global options, unless it has one of that name or passes its
    arguments on untouched (``keys``, ``emulator serve``: their ``--provider`` is their own)."""
    for command in group.commands.values():
        if isinstance(command, click.Group):
            _everywhere(command)
            if not command.invoke_without_command:  # `models`, `logs` run as commands of their own
                continue
        if command.context_settings.get("ignore_unknown_options"):
            continue
        taken = {flag for param in command.params for flag in getattr(param, "opts", [])}
        for flag, help_text in _GLOBAL:
            if flag not in taken:
                option = click.Option(
                    [flag], is_flag=flag == "--debug", expose_value=False, callback=_set_global, help=help_text
                )
                command.params.append(option)


def main(argv: Optional[List[str]] = None) -> int:
    """Run ``claude-core`` with ``argv`` (default: the command line); return the exit status."""
    _register()
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    configure_logging(debug)
    if debug:
        for line in failed_plugins():
            click.echo(line, err=True)
    try:
        with warnings.catch_warnings():  # said by failed_plugins() where it matters, not by every run
            warnings.simplefilter("ignore", claude_core.plugins.PluginLoadWarning)
            status = cli.main(args=args, prog_name="claude-core", standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.exceptions.Abort:
        return _failed(KeyboardInterrupt(), debug)
    except PipeClosed as closed:  # `claude-core ... | head -1`: the reader has what it wanted
        stop_writing()
        return _failed(KeyboardInterrupt(), debug) if closed.interrupted else EXIT_OK
    except _NO_ARGS as bare:  # `claude-core`, `claude-core batch`: the help, as click 8.1 gives it
        click.echo(bare.ctx.get_help() if bare.ctx is not None else "")
        return EXIT_OK
    except BaseException as exc:  # every failure ends as one line (and a status), never a traceback
        if isinstance(exc, SystemExit):
            raise
        return _failed(exc, debug)
    return status if isinstance(status, int) else EXIT_OK  # a command's ctx.exit(n)


def _failed(exc: BaseException, debug: bool) -> int:
    message, status = describe(exc)
    if debug and not isinstance(exc, (click.ClickException, KeyboardInterrupt)):
        traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
    if isinstance(exc, click.UsageError) and exc.ctx is not None:
        click.echo(exc.ctx.get_usage(), err=True)
    if isinstance(exc, click.UsageError) and not debug and "No such command" in message:
        for line in failed_plugins():  # the command asked for may be one of theirs
            click.echo(line, err=True)
    click.echo(f"Error: {printable(message)}", err=True)  # an API's message or a file name: shown, not obeyed
    return status
