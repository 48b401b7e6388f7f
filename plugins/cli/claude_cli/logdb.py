"""The local log: every prompt and its answer, in an SQLite database of the user's own.

:class:`LogDB` stores :class:`Exchange` rows (one prompt and its answer each) and reads them
back one at a time, as :class:`Conversation` s, or by a full-text search. The database is made
on the first :meth:`LogDB.record` (its folder 0700, the file 0600) and upgraded by numbered
migrations kept in its ``_migrations`` table. Nothing secret is stored: :func:`scrub` drops
keys, tokens and headers from what is recorded, and attachment bytes are never written.
"""

from __future__ import annotations

import dataclasses
import json
import os
import pathlib
import re
import secrets
import sqlite3
import sys
import time
from datetime import datetime, timezone
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import click

__all__ = [
    "LOG_ENV",
    "LOG_PATH_ENV",
    "Conversation",
    "Exchange",
    "LogDB",
    "LogError",
    "config_dir",
    "log_path",
    "logging_enabled",
    "logs_off_path",
    "new_id",
    "scrub",
    "set_logging",
]

#: Turns logging off (``0``, ``false``, ``off``, ``no``) or on (``1``, ``true``, ``on``, ``yes``)
#: for one run, whatever ``claude-core logs off`` said.
LOG_ENV = "CLAUDE_CORE_LOG"
#: Where the database is, instead of the platform's user data folder.
LOG_PATH_ENV = "CLAUDE_CORE_LOG_PATH"

_APP = "claude-core"
_OFF, _ON = ("0", "false", "off", "no"), ("1", "true", "on", "yes")


def _user_dir(windows: str, macos: str, xdg: str, xdg_default: str) -> pathlib.Path:
    if sys.platform == "win32":
        base = os.environ.get(windows) or str(pathlib.Path.home() / "AppData" / "Roaming")
        return pathlib.Path(base) / _APP
    if sys.platform == "darwin":
        return pathlib.Path.home() / "Library" / macos / _APP
    return pathlib.Path(os.environ.get(xdg) or pathlib.Path.home() / xdg_default) / _APP


def log_path() -> pathlib.Path:
    """The database: ``CLAUDE_CORE_LOG_PATH`` if set, else ``logs.db`` in the user data folder
    (``$XDG_DATA_HOME/claude-core``, ``~/Library/Application Support/claude-core`` on macOS,
    ``%APPDATA%\\claude-core`` on Windows)."""
    chosen = os.environ.get(LOG_PATH_ENV)
    if chosen:
        return pathlib.Path(chosen).expanduser()
    return _user_dir("APPDATA", "Application Support", "XDG_DATA_HOME", ".local/share") / "logs.db"


def config_dir() -> pathlib.Path:
    """The user config folder of claude-core (``$XDG_CONFIG_HOME/claude-core`` on Linux)."""
    return _user_dir("APPDATA", "Application Support", "XDG_CONFIG_HOME", ".config")


def logs_off_path() -> pathlib.Path:
    """The file whose presence means ``claude-core logs off`` was run."""
    return config_dir() / "logs-off"


def logging_enabled() -> bool:
    """Whether prompts are logged: ``CLAUDE_CORE_LOG`` decides when set, else the
    ``claude-core logs on``/``off`` setting (on unless turned off)."""
    value = os.environ.get(LOG_ENV, "").strip().lower()
    if value in _OFF:
        return False
    if value in _ON:
        return True
    if value:
        raise ValueError(f"{LOG_ENV}={value!r} is not understood: set it to 1 (log) or 0 (do not log), or unset it")
    return not logs_off_path().exists()


def set_logging(enabled: bool) -> None:
    """Keep the ``claude-core logs on``/``off`` setting in the user config folder."""
    marker = logs_off_path()
    if enabled:
        if marker.exists():
            marker.unlink()
        return
    _private_dir(marker.parent)
    marker.touch()


def _private_dir(folder: pathlib.Path) -> None:
    """Make ``folder`` (and its parents), the folder itself 0700 when made here."""
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
        os.chmod(folder, 0o700)  # mkdir's mode is masked by the umask


# -- ids ------------------------------------------------------------------------------------

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_last: List[int] = [0, 0]  # the last id's milliseconds and random part, to keep ids increasing


def new_id() -> str:
    """A ULID: 26 characters, sortable by creation time, increasing within a process."""
    millis = time.time_ns() // 1_000_000
    if millis <= _last[0]:
        millis, randomness = _last[0], _last[1] + 1
    else:
        randomness = secrets.randbits(80)
    _last[:] = [millis, randomness]
    number = (millis << 80) | (randomness & ((1 << 80) - 1))
    return "".join(_CROCKFORD[(number >> shift) & 31] for shift in range(125, -1, -5))


# -- what is stored -------------------------------------------------------------------------


@dataclasses.dataclass
class Exchange:
    """One prompt and its answer."""

    conversation_id: str
    provider: str
    model: str
    system: Optional[str]
    prompt: str
    options: Dict[str, Any]
    response: str
    message: Optional[Dict[str, Any]]
    input_tokens: Optional[int]
    output_tokens: Optional[int]
    error: Optional[str]
    duration_ms: int
    id: Optional[str] = None
    datetime_utc: Optional[str] = None


@dataclasses.dataclass
class Conversation:
    """The exchanges sharing one ``conversation_id``, oldest first; ``model`` and ``system``
    are the latest exchange's."""

    id: str
    model: str
    system: Optional[str]
    exchanges: List[Exchange]

    def messages(self) -> List[Dict[str, Any]]:
        """The user and assistant turns to continue it with (``messages=[...]``): the text of
        each answered exchange; failed or empty ones are left out, in pairs."""
        turns: List[Dict[str, Any]] = []
        for exchange in self.exchanges:
            if exchange.error is None and exchange.response:
                turns.append({"role": "user", "content": exchange.prompt})
                turns.append({"role": "assistant", "content": exchange.response})
        return turns


_SECRET_NAME = re.compile(
    r"(^|[_-])(api[_-]?key|key|token|secret|password|authorization|bearer|credentials?|cookie|headers?)$",
    re.IGNORECASE,
)
_SECRET_TEXT = re.compile(r"sk-ant-[A-Za-z0-9_\-]{8,}")


def scrub(value: Any) -> Any:
    """``value`` without secrets or bytes: entries named like a key, token or header are dropped,
    key-shaped text (``sk-ant-...``) is redacted, and base64 ``data`` is replaced by its size."""
    if isinstance(value, dict):
        if value.get("type") == "base64" and isinstance(value.get("data"), str):
            return {
                **scrub({k: v for k, v in value.items() if k != "data"}),
                "data": f"<{len(value['data'])} base64 characters omitted>",
            }
        return {k: scrub(v) for k, v in value.items() if not (isinstance(k, str) and _SECRET_NAME.search(k))}
    if isinstance(value, (list, tuple)):
        return [scrub(v) for v in value]
    if isinstance(value, str):
        return _SECRET_TEXT.sub("[redacted]", value)
    if isinstance(value, (bytes, bytearray)):
        return f"<{len(value)} bytes omitted>"
    return value


# -- the schema -----------------------------------------------------------------------------


def _m001_exchanges(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE exchanges (
            id TEXT PRIMARY KEY,
            conversation_id TEXT NOT NULL,
            datetime_utc TEXT NOT NULL,
            provider TEXT NOT NULL,
            model TEXT NOT NULL,
            system TEXT,
            prompt TEXT NOT NULL,
            options TEXT NOT NULL,
            response TEXT NOT NULL,
            message TEXT,
            input_tokens INTEGER,
            output_tokens INTEGER,
            error TEXT,
            duration_ms INTEGER NOT NULL
        )"""
    )
    db.execute("CREATE INDEX exchanges_by_conversation ON exchanges (conversation_id)")


def _m002_search(db: sqlite3.Connection) -> None:
    """Full-text search of prompts and answers, where SQLite has FTS5 (else search uses LIKE)."""
    try:
        db.execute(
            "CREATE VIRTUAL TABLE exchanges_fts USING fts5("
            "prompt, response, content='exchanges', content_rowid='rowid')"
        )
    except sqlite3.OperationalError:
        return
    db.execute(
        """CREATE TRIGGER exchanges_ai AFTER INSERT ON exchanges BEGIN
            INSERT INTO exchanges_fts (rowid, prompt, response) VALUES (new.rowid, new.prompt, new.response);
        END"""
    )
    db.execute(
        """CREATE TRIGGER exchanges_ad AFTER DELETE ON exchanges BEGIN
            INSERT INTO exchanges_fts (exchanges_fts, rowid, prompt, response)
            VALUES ('delete', old.rowid, old.prompt, old.response);
        END"""
    )
    db.execute("INSERT INTO exchanges_fts (exchanges_fts) VALUES ('rebuild')")


#: The schema's history, applied in order; a database records the numbers it has.
MIGRATIONS: Tuple[Callable[[sqlite3.Connection], None], ...] = (_m001_exchanges, _m002_search)

_COLUMNS = (
    "id, conversation_id, datetime_utc, provider, model, system, prompt, options, response, message,"
    " input_tokens, output_tokens, error, duration_ms"
)


def _migrate(db: sqlite3.Connection) -> None:
    db.execute(
        "CREATE TABLE IF NOT EXISTS _migrations"
        " (number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_utc TEXT NOT NULL)"
    )
    done = {row[0] for row in db.execute("SELECT number FROM _migrations")}
    for number, migration in enumerate(MIGRATIONS, start=1):
        if number not in done:
            with db:
                migration(db)
                db.execute("INSERT INTO _migrations VALUES (?, ?, ?)", (number, migration.__name__.lstrip("_"), _now()))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _from_row(row: Tuple[Any, ...]) -> Exchange:
    (
        id_,
        conversation_id,
        when,
        provider,
        model,
        system,
        prompt,
        options,
        response,
        message,
        tokens_in,
        tokens_out,
        error,
        ms,
    ) = row
    return Exchange(
        conversation_id=conversation_id,
        provider=provider,
        model=model,
        system=system,
        prompt=prompt,
        options=json.loads(options),
        response=response,
        message=None if message is None else json.loads(message),
        input_tokens=tokens_in,
        output_tokens=tokens_out,
        error=error,
        duration_ms=ms,
        id=id_,
        datetime_utc=when,
    )


def search_terms(text: str) -> List[str]:
    """The words of a search, each to be found (in any order) in a prompt or an answer."""
    return text.split()


def _fts_query(terms: List[str]) -> str:
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class LogError(click.ClickException):
    """The log database cannot be opened or upgraded (one line on stderr, exit status 1)."""


class LogDB:
    """The log database at ``path`` (default :func:`log_path`). Reading a database that does
    not exist yet finds nothing; the first :meth:`record` creates it, private to the user."""

    def __init__(self, path: Optional[pathlib.Path] = None) -> None:
        self.path = pathlib.Path(path) if path is not None else log_path()
        self._db: Optional[sqlite3.Connection] = None

    def _connect(self, create: bool) -> Optional[sqlite3.Connection]:
        if self._db is None:
            if not self.path.exists():
                if not create:
                    return None
                _private_dir(self.path.parent)
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
                os.chmod(self.path, 0o600)
            db = sqlite3.connect(str(self.path))
            try:
                _migrate(db)
            except sqlite3.DatabaseError as exc:
                db.close()
                raise LogError(
                    f"the log {self.path} cannot be used ({exc}): move it away, or set {LOG_PATH_ENV} to another file"
                ) from exc
            self._db = db
        return self._db

    def close(self) -> None:
        """Close the connection (a later call opens it again)."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def _rows(self, sql: str, params: Tuple[Any, ...] = ()) -> Iterator[Exchange]:
        db = self._connect(create=False)
        if db is not None:
            for row in db.execute(sql, params):
                yield _from_row(row)

    def new_conversation_id(self) -> str:
        """An id for a new conversation (sortable by time, like the exchanges' ids)."""
        return new_id()

    def record(self, exchange: Exchange) -> Exchange:
        """Store ``exchange`` (scrubbed of secrets and bytes, see :func:`scrub`); set its ``id``
        and ``datetime_utc`` and return it."""
        db = self._connect(create=True)
        assert db is not None
        stored = dataclasses.replace(
            exchange,
            id=new_id(),
            datetime_utc=_now(),
            system=scrub(exchange.system),
            prompt=scrub(exchange.prompt),
            options=scrub(exchange.options),
            response=scrub(exchange.response),
            message=None if exchange.message is None else scrub(exchange.message),
            error=scrub(exchange.error),
        )
        with db:
            db.execute(
                f"INSERT INTO exchanges ({_COLUMNS}) VALUES ({', '.join('?' * 14)})",
                (
                    stored.id,
                    stored.conversation_id,
                    stored.datetime_utc,
                    stored.provider,
                    stored.model,
                    stored.system,
                    stored.prompt,
                    json.dumps(stored.options),
                    stored.response,
                    None if stored.message is None else json.dumps(stored.message),
                    stored.input_tokens,
                    stored.output_tokens,
                    stored.error,
                    stored.duration_ms,
                ),
            )
        exchange.id, exchange.datetime_utc = stored.id, stored.datetime_utc
        return exchange

    def exchange(self, exchange_id: str) -> Optional[Exchange]:
        """The exchange with this id, or None."""
        return next(self._rows(f"SELECT {_COLUMNS} FROM exchanges WHERE id = ?", (exchange_id,)), None)

    def conversation(self, conversation_id: str) -> Optional[Conversation]:
        """The conversation with this id (its exchanges oldest first), or None."""
        exchanges = list(
            self._rows(f"SELECT {_COLUMNS} FROM exchanges WHERE conversation_id = ? ORDER BY rowid", (conversation_id,))
        )
        if not exchanges:
            return None
        return Conversation(conversation_id, exchanges[-1].model, exchanges[-1].system, exchanges)

    def last_conversation(self) -> Optional[Conversation]:
        """The conversation of the latest exchange, or None when nothing is logged."""
        latest = next(self._rows(f"SELECT {_COLUMNS} FROM exchanges ORDER BY rowid DESC LIMIT 1"), None)
        return None if latest is None else self.conversation(latest.conversation_id)

    def latest(
        self, limit: Optional[int] = None, conversation_id: Optional[str] = None, query: Optional[str] = None
    ) -> List[Exchange]:
        """The latest ``limit`` exchanges (all when None), of one conversation and/or matching
        every word of ``query`` in the prompt or the answer, listed oldest first."""
        where: List[str] = []
        params: List[Any] = []
        if conversation_id is not None:
            where.append("conversation_id = ?")
            params.append(conversation_id)
        terms = search_terms(query or "")
        if terms and self.full_text():
            where.append("rowid IN (SELECT rowid FROM exchanges_fts WHERE exchanges_fts MATCH ?)")
            params.append(_fts_query(terms))
        elif terms:
            for term in terms:
                where.append("(prompt LIKE ? ESCAPE '\\' OR response LIKE ? ESCAPE '\\')")
                params.extend([_like(term)] * 2)
        sql = f"SELECT {_COLUMNS} FROM exchanges"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY rowid DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return list(reversed(list(self._rows(sql, tuple(params)))))

    def full_text(self) -> bool:
        """Whether searches use the FTS5 index (False: SQLite lacks FTS5, LIKE is used)."""
        db = self._connect(create=False)
        return db is not None and bool(
            db.execute("SELECT 1 FROM sqlite_master WHERE name = 'exchanges_fts'").fetchone()
        )

    def counts(self) -> Tuple[int, int]:
        """How many exchanges and conversations are logged."""
        db = self._connect(create=False)
        if db is None:
            return 0, 0
        row = db.execute("SELECT count(*), count(DISTINCT conversation_id) FROM exchanges").fetchone()
        return int(row[0]), int(row[1])
