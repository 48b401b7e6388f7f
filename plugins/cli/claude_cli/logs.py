"""``claude-core logs``: list, show and search the logged prompts and answers; turn logging off and on.

The log itself is :mod:`claude_cli.logdb`; the functions here only format what it holds.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence

import click

from .hookspecs import hookimpl
from .output import is_terminal, json_flag

if TYPE_CHECKING:
    from .logdb import Exchange, LogDB

__all__ = ["claude_register_commands", "in_json", "as_markdown", "shown_time", "status_lines", "counted"]


def shown_time(datetime_utc: Optional[str]) -> str:
    """A stored time as ``logs`` shows it: in UTC, to the second, labelled
    (``2026-12-07 18:40:05 UTC``); a time stored without an offset is taken as UTC, and text
    that is not a time is shown as it is."""
    if not datetime_utc:
        return ""
    try:
        when = datetime.fromisoformat(datetime_utc)
    except ValueError:
        return datetime_utc
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def counted(number: int, noun: str) -> str:
    """``number`` and ``noun``, plural unless one: ``1 exchange``, ``2 conversations``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def in_json(exchanges: Sequence[Exchange]) -> str:
    """The exchanges as a JSON array (every stored field)."""
    return json.dumps([dataclasses.asdict(exchange) for exchange in exchanges], indent=2)


def as_markdown(exchanges: Sequence[Exchange]) -> str:
    """The exchanges as markdown: a heading each (time, model, ids), the system prompt, the
    prompt, the answer and the error (both for an answer cut short), and the token counts."""
    parts: List[str] = []
    for exchange in exchanges:
        lines = [
            f"## {shown_time(exchange.datetime_utc)} · {exchange.model}",
            "",
            f"id `{exchange.id}` · conversation `{exchange.conversation_id}` · {exchange.provider}",
        ]
        if exchange.system:
            lines += ["", "### System", "", exchange.system]
        lines += ["", "### Prompt", "", exchange.prompt, ""]
        if exchange.response or exchange.error is None:  # an interrupted answer: what had arrived, then why
            lines += ["### Response", "", exchange.response]
        if exchange.error is not None:
            lines += ["", "### Error", "", exchange.error] if exchange.response else ["### Error", "", exchange.error]
        lines += ["", _footer(exchange)]
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def _footer(exchange: Exchange) -> str:
    counts = ((exchange.input_tokens, "input"), (exchange.output_tokens, "output"))
    tokens = ", ".join(f"{count} {kind}" for count, kind in counts if count is not None)
    return f"*{tokens + ' tokens · ' if tokens else ''}{exchange.duration_ms} ms*"


def status_lines(
    enabled: bool, reason: str, path: str, exists: bool, counts: Sequence[int], size: int, full_text: bool
) -> List[str]:
    """What ``logs status`` says: whether logging is on and why, where the database is, and
    what it holds."""
    lines = [f"Logging is {'on' if enabled else 'off'} ({reason})", f"Database: {path}"]
    if not exists:
        return [*lines, "Nothing logged yet (the database is made on the first prompt)"]
    exchanges, conversations = counts
    return [
        *lines,
        f"Exchanges: {exchanges} in {counted(conversations, 'conversation')}",
        f"Size: {size / 1024:,.1f} KiB",
        f"Search: {'full text (FTS5)' if full_text else 'word by word, no index (this SQLite has no FTS5)'}",
    ]


def _enabled() -> bool:
    from .logdb import logging_enabled

    try:
        return logging_enabled()
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc


def _reason(enabled: bool) -> str:
    from .logdb import LOG_ENV, logs_off_path

    if os.environ.get(LOG_ENV, "").strip():
        return f"{LOG_ENV}={os.environ[LOG_ENV].strip()}"
    if enabled:
        return "the default; `claude-core logs off` turns it off"
    return f"`claude-core logs off` was run, noted in {logs_off_path()}; `claude-core logs on` undoes it"


def _print(exchanges: Sequence[Exchange], as_json: bool) -> None:
    if as_json:
        click.echo(in_json(exchanges))
    elif not exchanges:
        click.echo("Nothing logged matches (`claude-core logs status` says what is logged)", err=True)
    elif is_terminal():  # escape sequences in a logged prompt or answer shown, never obeyed
        from .output import stdout
        from .render import markdown

        stdout().print(markdown(as_markdown(exchanges)))
    else:
        click.echo(as_markdown(exchanges))


def _open() -> LogDB:
    from .logdb import LogDB

    return LogDB()


@hookimpl
def claude_register_commands(cli: click.Group) -> None:
    json_option = json_flag("Print JSON instead of markdown.")

    @cli.group(name="logs", invoke_without_command=True)
    @click.option("-n", "--count", default=3, show_default=True, type=click.IntRange(min=0), help="How many (0: all).")
    @click.option("-c", "--cid", help="Only the exchanges of this conversation.")
    @click.option("-q", "--query", help="Only exchanges whose prompt or answer has every word of this.")
    @json_option
    @click.pass_context
    def logs(ctx: click.Context, count: int, cid: Optional[str], query: Optional[str], as_json: bool) -> None:
        """The latest logged prompts and answers, oldest first; `logs show ID` for one."""
        if ctx.invoked_subcommand is not None:
            return
        _print(_open().latest(count or None, conversation_id=cid, query=query), as_json)

    @logs.command(name="show")
    @click.argument("id")
    @json_option
    def show(id: str, as_json: bool) -> None:
        """One exchange, or every exchange of a conversation, by its id."""
        db = _open()
        found, conversation = db.exchange(id), db.conversation(id)
        exchanges = [found] if found is not None else conversation.exchanges if conversation is not None else []
        if not exchanges:
            raise click.BadParameter(
                f"no exchange or conversation has the id {id!r}: `claude-core logs` lists them", param_hint="ID"
            )
        _print(exchanges, as_json)

    @logs.command(name="path")
    def path() -> None:
        """Where the log database is (CLAUDE_CORE_LOG_PATH moves it)."""
        from .logdb import log_path

        click.echo(str(log_path()))

    @logs.command(name="on")
    def on() -> None:
        """Log every prompt and answer (the default)."""
        _switch(True)

    @logs.command(name="off")
    def off() -> None:
        """Stop logging prompts and answers (`logs on` starts again)."""
        _switch(False)

    @logs.command(name="status")
    @json_option
    def status(as_json: bool) -> None:
        """Whether logging is on, where the database is, and how much it holds."""
        db = _open()
        enabled = _enabled()
        exists = db.path.exists()
        facts: Dict[str, Any] = {
            "enabled": enabled,
            "reason": _reason(enabled),
            "path": str(db.path),
            "exists": exists,
            "counts": db.counts(),
            "size": db.path.stat().st_size if exists else 0,
            "full_text": db.full_text(),
        }
        if as_json:
            exchanges, conversations = facts.pop("counts")
            click.echo(json.dumps({**facts, "exchanges": exchanges, "conversations": conversations}, indent=2))
        else:
            click.echo("\n".join(status_lines(**facts)))

    @logs.command(name="rm")
    @click.argument("ids", nargs=-1, metavar="[ID]...")
    @click.option("-c", "--cid", "cids", multiple=True, help="Every exchange of this conversation (repeatable).")
    @click.option("--all", "everything", is_flag=True, help="Every logged exchange; the file is rebuilt without them.")
    @click.option("-y", "--yes", is_flag=True, help="Do not ask before `--all` (needed when not on a terminal).")
    def rm(ids: Sequence[str], cids: Sequence[str], everything: bool, yes: bool) -> None:
        """Delete logged exchanges by id, whole conversations (-c), or everything (--all)."""
        db = _open()
        if everything:
            if ids or cids:
                raise click.UsageError("--all deletes every exchange: give it no ID and no -c")
            _delete_all(db, yes)
            return
        if not ids and not cids:
            raise click.UsageError(
                "nothing to delete: give exchange ids, -c CONVERSATION_ID or --all (`claude-core logs` lists them)"
            )
        for values, found, what, hint in (
            (ids, db.exchange, "exchange", "ID"),
            (cids, db.conversation, "conversation", "-c/--cid"),
        ):
            for value in values:
                if found(value) is None:
                    fix = "`claude-core logs` lists them"
                    if what == "exchange" and db.conversation(value) is not None:
                        fix = f"it is a conversation's: `claude-core logs rm -c {value}` deletes that conversation"
                    raise click.BadParameter(
                        f"no logged {what} has the id {value!r} (nothing was deleted): {fix}", param_hint=hint
                    )
        click.echo(f"Deleted {counted(db.delete(ids, cids), 'exchange')}")


def _delete_all(db: LogDB, yes: bool) -> None:
    from .logdb import chat_history_path

    exchanges, conversations = db.counts()
    history = chat_history_path()
    if not exchanges and not history.exists():
        click.echo("Nothing logged to delete")
        return
    held = f"({counted(conversations, 'conversation')})"
    also = f" and the chat history {history}" if history.exists() else ""
    if not yes:
        if not is_terminal(sys.stdin):
            raise click.UsageError(
                "`logs rm --all` deletes every logged exchange; not on a terminal to ask, add --yes to confirm"
            )
        question = f"Delete all {counted(exchanges, 'logged exchange')} {held} from {db.path}{also}?"
        if not click.confirm(question, err=True):
            click.echo("Nothing deleted", err=True)
            return
    if exchanges:
        db.delete_all()
        click.echo(f"Deleted {counted(exchanges, 'exchange')} {held}")
    if also:
        history.unlink()
        click.echo(f"Deleted the chat history {history}")


def _switch(enabled: bool) -> None:
    from .logdb import set_logging

    set_logging(enabled)
    now = _enabled()
    click.echo(f"Logging is {'on' if now else 'off'}")
    if now != enabled:
        click.echo(f"({_reason(now)} overrides the setting for this shell)", err=True)
