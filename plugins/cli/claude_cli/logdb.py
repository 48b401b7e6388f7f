"""The local log: every prompt and its answer, in an SQLite database of the user's own.

:class:`LogDB` stores :class:`Exchange` rows (one prompt and its answer each) and reads them
back one at a time, as :class:`Conversation` s, or by a full-text search. The database is made
on the first :meth:`LogDB.record` (its folder 0700, the file 0600) and upgraded by numbered
migrations kept in its ``_migrations`` table. Nothing secret is stored: :func:`scrub_options`
drops the request options that can hold a credential, :func:`scrub` redacts credential-shaped
text everywhere, and attachment bytes are never written. :meth:`LogDB.delete` and
:meth:`LogDB.delete_all` remove exchanges, their words from the search index, and their bytes.
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
import unicodedata
import weakref
from datetime import datetime, timezone
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

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
    "scrub_options",
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


def chat_history_path() -> pathlib.Path:
    """The lines typed in ``claude-core chat`` (readline's history): ``chat-history`` beside the log."""
    return log_path().parent / "chat-history"


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


#: Request options and client settings that can hold a credential (keys, tokens, headers,
#: query strings, cookies, proxies, the HTTP client): dropped from the logged ``options``.
_CREDENTIAL_OPTION = re.compile(
    r"(^|[_-])(api[_-]?key|key|token|secret|password|authorization|bearer|credentials?|cookies?|headers?"
    r"|query|prox(y|ies)|client)$",
    re.IGNORECASE,
)
#: Where an AWS secret key or session token is named, its value is one (it has no shape of its own).
_AWS_SECRET_NAME = r"aws_?(?:secret_?access_?key|secret_?key|session_?token)"
#: Credential-shaped text, wherever it is, and what it becomes.
_SECRET_TEXT: Tuple[Tuple["re.Pattern[str]", str], ...] = (
    (re.compile(r"sk-ant-[A-Za-z0-9_-]{8,}"), "[redacted]"),  # Anthropic API keys
    (re.compile(r"(bearer\s+)[A-Za-z0-9._~+/-]{16,}=*", re.IGNORECASE), r"\1[redacted]"),  # Authorization: Bearer
    (re.compile(r"\bya29\.[A-Za-z0-9_-]{10,}"), "[redacted]"),  # Google OAuth access tokens
    (re.compile(r"\bAIza[A-Za-z0-9_-]{35}"), "[redacted]"),  # Google API keys
    (re.compile(r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b"), "[redacted]"),  # AWS access key ids
    (re.compile(r"\b(?:IQoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9/+=]{16,}"), "[redacted]"),  # AWS session
    (re.compile(rf"({_AWS_SECRET_NAME}[\"']?\s*[:=]\s*[\"']?)[A-Za-z0-9/+=]{{16,}}", re.IGNORECASE), r"\1[redacted]"),
    (re.compile(r"(://)[^/\s:@\"']+:[^/\s@\"']+@"), r"\1[redacted]@"),  # user:password@ in a URL
)


def _redact(text: str) -> str:
    for pattern, replacement in _SECRET_TEXT:
        text = pattern.sub(replacement, text)
    return text


def scrub(value: Any) -> Any:
    """``value`` without secrets or bytes: credential-shaped text (``sk-ant-...`` keys, bearer
    tokens, AWS secret keys and session tokens, Google access tokens and API keys, passwords in
    URLs) becomes ``[redacted]``, bytes and base64 ``data`` are replaced by their size. Fields
    are kept whatever their names: a tool's ``{"key": "user-42"}`` is content, not a secret."""
    if isinstance(value, dict):
        if value.get("type") == "base64" and isinstance(value.get("data"), str):
            return {
                **scrub({k: v for k, v in value.items() if k != "data"}),
                "data": f"<{len(value['data'])} base64 characters omitted>",
            }
        return {k: _scrub_entry(k, v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [scrub(v) for v in value]
    if isinstance(value, str):
        return _redact(value)
    if isinstance(value, (bytes, bytearray)):
        return f"<{len(value)} bytes omitted>"
    return value


def _scrub_entry(name: Any, value: Any) -> Any:
    if isinstance(name, str) and isinstance(value, str) and re.fullmatch(_AWS_SECRET_NAME, name, re.IGNORECASE):
        return "[redacted]"
    return scrub(value)


def scrub_options(options: Dict[str, Any]) -> Dict[str, Any]:
    """A request's options as logged: the ones that can hold a credential (``api_key``,
    ``auth_token``, ``extra_headers``, ``extra_query``, ``aws_secret_key``, ``credentials``,
    ``http_client``, ...) dropped, the rest passed through :func:`scrub`. Only the options' own names are
    judged: a schema's or a tool's fields named ``token`` are kept."""
    return {k: scrub(v) for k, v in options.items() if not (isinstance(k, str) and _CREDENTIAL_OPTION.search(k))}


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


_WORD = re.compile(r"[^\W_]+")  # letters and digits, as FTS5's unicode61 tokenizer splits words


def search_terms(text: str) -> List[Tuple[str, ...]]:
    """A search as a search box reads it: terms split at spaces, each term the words in it (lower
    case; quotes, punctuation and FTS5 operators are not words). An exchange matches when every
    term is in its prompt or its answer: the term's words one after another, the last one as the
    start of a word (``summ`` finds "summarise", ``e-ma`` "e-mail")."""
    return [words for words in (tuple(_WORD.findall(term.lower())) for term in text.split()) if words]


def _fts_query(terms: List[Tuple[str, ...]]) -> str:
    """The FTS5 query of :func:`search_terms`: each term a quoted phrase (nothing in it is
    syntax: its words have no quote) whose last word is a prefix."""
    return " ".join('"' + " ".join(words) + '"*' for words in terms)


def _fold(text: str) -> str:
    """``text`` in lower case without diacritics, as FTS5's unicode61 tokenizer indexes it."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _matcher(terms: List[Tuple[str, ...]]) -> Callable[[Optional[str], Optional[str]], bool]:
    """The search where SQLite has no FTS5: what ``MATCH`` :func:`_fts_query` finds, word by word."""
    wanted = [[_fold(word) for word in words] for words in terms]

    def found(term: List[str], words: List[str]) -> bool:
        last = len(term) - 1
        return any(
            words[start : start + last] == term[:last] and words[start + last].startswith(term[last])
            for start in range(len(words) - last)
        )

    def matches(prompt: Optional[str], response: Optional[str]) -> bool:
        texts = [_WORD.findall(_fold(text or "")) for text in (prompt, response)]
        return all(any(found(term, words) for words in texts) for term in wanted)

    return matches


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
            weakref.finalize(self, db.close)  # with this object, or at exit: never left to interpreter teardown
        return self._db

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
            options=scrub_options(exchange.options),
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
        ``query`` (see :func:`search_terms`), listed oldest first."""
        where: List[str] = []
        params: List[Any] = []
        if conversation_id is not None:
            where.append("conversation_id = ?")
            params.append(conversation_id)
        terms = search_terms(query or "")
        if query and query.strip() and not terms:
            return []  # only punctuation: no word to look for
        if terms and self.full_text():
            where.append("rowid IN (SELECT rowid FROM exchanges_fts WHERE exchanges_fts MATCH ?)")
            params.append(_fts_query(terms))
        elif terms:
            db = self._connect(create=False)
            if db is None:
                return []
            db.create_function("claude_log_matches", 2, _matcher(terms))
            where.append("claude_log_matches(prompt, response)")
        sql = f"SELECT {_COLUMNS} FROM exchanges"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY rowid DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return list(reversed(list(self._rows(sql, tuple(params)))))

    def full_text(self) -> bool:
        """Whether searches use the FTS5 index (False: SQLite lacks FTS5, every row is read)."""
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

    def delete(self, exchange_ids: Sequence[str] = (), conversation_ids: Sequence[str] = ()) -> int:
        """Delete these exchanges and every exchange of these conversations, in one transaction;
        return how many were deleted. Their text leaves the search index, and the file's freed
        pages are overwritten with zeros (``secure_delete``)."""
        db = self._connect(create=False)
        if db is None:
            return 0
        deleted = 0
        db.execute("PRAGMA secure_delete = ON")
        with db:
            for column, values in (("id", exchange_ids), ("conversation_id", conversation_ids)):
                for value in values:
                    deleted += db.execute(f"DELETE FROM exchanges WHERE {column} = ?", (value,)).rowcount
            self._compact_index(db)
        return deleted

    def delete_all(self) -> int:
        """Delete every exchange and rebuild the file without them (``VACUUM``); return how many
        were deleted."""
        db = self._connect(create=False)
        if db is None:
            return 0
        db.execute("PRAGMA secure_delete = ON")
        with db:
            deleted: int = db.execute("DELETE FROM exchanges").rowcount
            self._compact_index(db)
        db.execute("VACUUM")
        return deleted

    def _compact_index(self, db: sqlite3.Connection) -> None:
        """Merge the search index into one segment: deleted rows' words leave it (FTS5 otherwise
        keeps them, marked deleted, until a merge)."""
        if self.full_text():
            db.execute("INSERT INTO exchanges_fts (exchanges_fts) VALUES ('optimize')")
