"""The log database (claude_cli.logdb) through its API: schema and migrations, recording,
conversations, search with and without FTS5, where it lives, its file modes, and that no
secret or attachment byte is ever stored."""

from __future__ import annotations

import base64
import json
import sqlite3
import stat
from pathlib import Path
from typing import Any, Dict, Optional

import pytest
from claude_cli.logdb import (
    MIGRATIONS,
    Exchange,
    LogDB,
    log_path,
    logging_enabled,
    logs_off_path,
    new_id,
    scrub,
    scrub_options,
    set_logging,
)


def exchange(
    conversation_id: str, prompt: str, response: str = "", error: Optional[str] = None, **fields: Any
) -> Exchange:
    values: Dict[str, Any] = dict(
        provider="anthropic",
        model="claude-sonnet-4-5",
        system=None,
        options={"max_tokens": 100},
        message=None if error else {"role": "assistant", "content": [{"type": "text", "text": response}]},
        input_tokens=None if error else len(prompt.split()),
        output_tokens=None if error else len(response.split()),
        duration_ms=7,
    )
    values.update(fields)
    return Exchange(conversation_id=conversation_id, prompt=prompt, response=response, error=error, **values)


@pytest.fixture(name="db")
def db_fixture(tmp_path: Path) -> LogDB:
    return LogDB(tmp_path / "data" / "claude-core" / "logs.db")


def test_nothing_is_created_until_the_first_record(db: LogDB) -> None:
    assert db.latest() == [] and db.last_conversation() is None and db.counts() == (0, 0)
    assert db.exchange("nope") is None and db.conversation("nope") is None
    assert not db.path.parent.exists()
    db.record(exchange(db.new_conversation_id(), "hi", "hello"))
    assert db.path.exists()


def test_the_folder_is_0700_and_the_file_0600_whatever_the_umask(db: LogDB) -> None:
    import os

    old = os.umask(0o022)
    try:
        db.record(exchange(db.new_conversation_id(), "hi", "hello"))
    finally:
        os.umask(old)
    assert stat.S_IMODE(db.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.path.parent.stat().st_mode) == 0o700


def test_the_schema_is_migrated_once_and_numbered(db: LogDB) -> None:
    db.record(exchange(db.new_conversation_id(), "hi", "hello"))
    LogDB(db.path).record(exchange(new_id(), "again", "yes"))
    with sqlite3.connect(str(db.path)) as raw:
        applied = raw.execute("SELECT number, name FROM _migrations ORDER BY number").fetchall()
        columns = [row[1] for row in raw.execute("PRAGMA table_info(exchanges)")]
    assert applied == [(number, m.__name__.lstrip("_")) for number, m in enumerate(MIGRATIONS, start=1)]
    assert columns[:3] == ["id", "conversation_id", "datetime_utc"] and "message" in columns
    assert "api_key" not in columns and "headers" not in columns


def test_a_missing_migration_is_applied_to_an_older_database_and_indexes_its_rows(db: LogDB) -> None:
    db.record(exchange(db.new_conversation_id(), "the walrus poem", "goo goo g'joob"))
    with sqlite3.connect(str(db.path)) as raw:  # the database as migration 1 left it
        raw.executescript(
            "DROP TRIGGER exchanges_ai; DROP TRIGGER exchanges_ad; DROP TABLE exchanges_fts;"
            "DELETE FROM _migrations WHERE number = 2;"
        )
    reopened = LogDB(db.path)
    assert [e.prompt for e in reopened.latest(query="walrus")] == ["the walrus poem"]
    assert reopened.full_text()


def test_record_sets_the_id_and_time_and_reads_back_every_field(db: LogDB) -> None:
    cid = db.new_conversation_id()
    sent = exchange(cid, "Say hi", "Hi!", system="be brief", options={"max_tokens": 10, "temperature": 0.5})
    recorded = db.record(sent)
    assert recorded is sent and sent.id is not None and sent.datetime_utc is not None
    assert sent.datetime_utc.endswith("+00:00")
    assert db.exchange(sent.id) == sent


def test_ids_sort_in_creation_order_and_never_repeat() -> None:
    ids = [new_id() for _ in range(2000)]
    assert sorted(ids) == ids and len(set(ids)) == len(ids)
    assert all(len(i) == 26 and i.isalnum() and i.isupper() for i in ids)


def test_conversations_hold_their_exchanges_in_order_and_the_latest_model_and_system(db: LogDB) -> None:
    first, second = db.new_conversation_id(), db.new_conversation_id()
    db.record(exchange(first, "one", "1"))
    db.record(exchange(second, "other", "x"))
    db.record(exchange(first, "two", "", error="the API answered 529: overloaded"))
    db.record(exchange(first, "three", "3", model="claude-opus-4-6", system="terse"))
    conversation = db.conversation(first)
    assert conversation is not None
    assert [e.prompt for e in conversation.exchanges] == ["one", "two", "three"]
    assert (conversation.model, conversation.system) == ("claude-opus-4-6", "terse")
    assert conversation.messages() == [
        {"role": "user", "content": "one"},
        {"role": "assistant", "content": "1"},
        {"role": "user", "content": "three"},
        {"role": "assistant", "content": "3"},
    ]
    last = db.last_conversation()
    assert last is not None and last.id == first
    db.record(exchange(second, "more", "y"))
    last = db.last_conversation()
    assert last is not None and last.id == second and len(last.exchanges) == 2
    assert db.counts() == (5, 2)


def test_latest_lists_the_newest_oldest_first_and_filters_by_conversation(db: LogDB) -> None:
    cid = db.new_conversation_id()
    for n in range(5):
        db.record(exchange(cid if n % 2 else db.new_conversation_id(), f"prompt {n}", f"answer {n}"))
    assert [e.prompt for e in db.latest(3)] == ["prompt 2", "prompt 3", "prompt 4"]
    assert len(db.latest()) == 5
    assert [e.prompt for e in db.latest(conversation_id=cid)] == ["prompt 1", "prompt 3"]
    assert [e.prompt for e in db.latest(1, conversation_id=cid)] == ["prompt 3"]


def fill_for_search(db: LogDB) -> None:
    cid = db.new_conversation_id()
    db.record(exchange(cid, "Tell me about pelicans", "Pelicans are large water birds."))
    db.record(exchange(cid, "And walruses?", "Walruses live in the Arctic; they are not birds."))
    db.record(exchange(cid, 'What does "100%_sure" mean?', "Certain."))
    db.record(exchange(cid, "Please summarise this e-mail", "Done, over un café au lait."))


def test_search_finds_every_word_in_prompt_or_answer_with_fts5(db: LogDB) -> None:
    fill_for_search(db)
    assert db.full_text()
    assert [e.prompt for e in db.latest(query="birds")] == ["Tell me about pelicans", "And walruses?"]
    assert [e.prompt for e in db.latest(query="birds arctic")] == ["And walruses?"]
    assert [e.prompt for e in db.latest(query="PELICANS")] == ["Tell me about pelicans"]
    assert db.latest(query="penguins") == []
    # FTS5 syntax in a query is searched for, not obeyed (and never an SQL error)
    assert db.latest(query='birds OR "unclosed') == []
    assert db.latest(query="NEAR(birds") == []


SEARCHES = {
    # as in a search box: every word, in any order and case, each the start of a word
    "summ": ["Please summarise this e-mail"],
    "SUMMARISE": ["Please summarise this e-mail"],
    "arct bird": ["And walruses?"],
    "walruses arctic": ["And walruses?"],
    "pel wat": ["Tell me about pelicans"],
    "e-ma": ["Please summarise this e-mail"],
    "cafe": ["Please summarise this e-mail"],
    "CAFÉ": ["Please summarise this e-mail"],
    "100%_sure": ['What does "100%_sure" mean?'],
    # what FTS5 would read as syntax is searched for as words (and never an error)
    "AND": ["And walruses?"],
    "x*": [],
    "pel*": ["Tell me about pelicans"],
    'a"b': [],
    'birds OR "unclosed': [],
    "NEAR(birds": [],
    "prompt:birds": [],
    "-birds": ["Tell me about pelicans", "And walruses?"],
    "^walr": ["And walruses?"],
    "*": [],
    '"': [],
    "( )": [],
    # substrings inside a word, and LIKE wildcards, match nothing
    "ummar": [],
    "l_rge": [],
    "Walruses%Arctic": [],
}


def test_search_matches_the_start_of_every_word_and_obeys_no_fts5_syntax(db: LogDB) -> None:
    fill_for_search(db)
    assert db.full_text()
    found = {query: [e.prompt for e in db.latest(query=query)] for query in SEARCHES}
    assert found == SEARCHES
    with sqlite3.connect(str(db.path)) as raw:  # as a database made by an SQLite without FTS5
        raw.executescript("DROP TRIGGER exchanges_ai; DROP TRIGGER exchanges_ad; DROP TABLE exchanges_fts;")
    assert not db.full_text()
    found = {query: [e.prompt for e in db.latest(query=query)] for query in SEARCHES}
    assert found == SEARCHES


def test_search_without_fts5_reads_every_row_and_takes_wildcards_literally(db: LogDB) -> None:
    fill_for_search(db)
    with sqlite3.connect(str(db.path)) as raw:  # as a database made by an SQLite without FTS5
        raw.executescript("DROP TRIGGER exchanges_ai; DROP TRIGGER exchanges_ad; DROP TABLE exchanges_fts;")
    assert not db.full_text()
    assert [e.prompt for e in db.latest(query="birds arctic")] == ["And walruses?"]
    assert [e.prompt for e in db.latest(query="PELICANS")] == ["Tell me about pelicans"]
    # LIKE wildcards are matched literally
    assert [e.prompt for e in db.latest(query="100%_sure")] == ['What does "100%_sure" mean?']
    assert db.latest(query="l_rge") == [] and db.latest(query="Walruses%Arctic") == []
    db.record(exchange(new_id(), "new after the drop", "birds"))
    assert len(db.latest(query="birds")) == 3


def test_no_key_token_header_or_attachment_bytes_are_stored(db: LogDB) -> None:
    key = "sk-ant-api03-" + "Q" * 40
    bearer, google, aws_secret = (
        "eyJhbGciOiJSUzI1NiJ9.payload.sig",
        "ya29.a0AfH6SMBxGoogleToken_1",
        "wJalrXUtnFEMI/K7MDENG",
    )
    session = "IQoJb3JpZ2luX2VjEFAaCXVzLWVhc3QtMSJHMEUCIQDsession"
    picture = base64.b64encode(b"\x89PNG-not-really" * 50).decode()
    tool_call = {"type": "tool_use", "id": "t", "name": "login", "input": {"key": key, "aws_session_token": session}}
    db.record(
        exchange(
            db.new_conversation_id(),
            f"my key is {key}, keep it safe; curl -H 'Authorization: Bearer {bearer}'",
            f"I will not repeat {key} nor {google}; AWS_SECRET_ACCESS_KEY={aws_secret}",
            system=f"the key {key}",
            options={
                "max_tokens": 100,
                "api_key": key,
                "auth_token": "tok-123456789",
                "extra_headers": {"x-api-key": key},
                "Authorization": "Bearer tok-123456789",
                "attachments": ["photo.png"],
                "thinking": {"type": "enabled", "budget_tokens": 2048},
            },
            message={
                "content": [
                    {"type": "text", "text": key},
                    {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": picture}},
                    tool_call,
                ]
            },
            error=None,
        )
    )
    db.record(exchange(db.new_conversation_id(), "hi", error="cannot reach https://ada:hunter2-in-a-url@proxy.example"))
    raw = b"".join(p.read_bytes() for p in db.path.parent.iterdir())
    for secret in (key, "tok-123456789", picture[:40], bearer, google, aws_secret, session, "hunter2"):
        assert secret.encode() not in raw
    stored, failed = LogDB(db.path).latest()
    assert failed.error == "cannot reach https://[redacted]@proxy.example"
    assert stored.options == {
        "max_tokens": 100,
        "attachments": ["photo.png"],
        "thinking": {"type": "enabled", "budget_tokens": 2048},
    }
    assert stored.prompt == "my key is [redacted], keep it safe; curl -H 'Authorization: Bearer [redacted]'"
    assert stored.system == "the key [redacted]"
    assert stored.response == "I will not repeat [redacted] nor [redacted]; AWS_SECRET_ACCESS_KEY=[redacted]"
    assert stored.message is not None
    assert stored.message["content"][2]["input"] == {"key": "[redacted]", "aws_session_token": "[redacted]"}
    assert stored.message["content"][1]["source"] == {
        "type": "base64",
        "media_type": "image/png",
        "data": f"<{len(picture)} base64 characters omitted>",
    }


def test_tool_inputs_answers_and_schemas_keep_fields_named_key_or_token(db: LogDB) -> None:
    tool_call = {"type": "tool_use", "id": "toolu_1", "name": "lookup", "input": {"key": "user-42", "token": "abc"}}
    schema = {"type": "object", "properties": {"key": {"type": "string"}, "password": {"type": "string"}}}
    options = {"max_tokens": 5, "output_config": {"format": {"type": "json_schema", "schema": schema}}}
    message = {"role": "assistant", "content": [tool_call, {"type": "text", "text": "the secret is out"}]}
    sent = exchange(db.new_conversation_id(), "look up the key user-42", "done", options=options, message=message)
    db.record(sent)
    (stored,) = LogDB(db.path).latest()
    assert stored.message == message and stored.options == options
    assert stored.prompt == "look up the key user-42"


def test_scrub_redacts_credential_shaped_text_and_keeps_the_rest() -> None:
    kept = {"max_tokens": 5, "key": "user-42", "token": ["abc"], "headers": {"x": 1}, "monkey": "bearer of news"}
    assert scrub(kept) == kept
    assert scrub([b"\x00\x01", ("sk-ant-abcdefgh1234",)]) == ["<2 bytes omitted>", ["[redacted]"]]
    assert scrub("Authorization: Bearer abcdefghijklmnop0123.xyz") == "Authorization: Bearer [redacted]"
    assert scrub("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") == "AWS_SECRET_ACCESS_KEY=[redacted]"
    assert scrub({"aws_session_token": "IQoJb3JpZ2luX2VjEFAaCXVzLWVhc3QtMSJHMEUCIQ"}) == {
        "aws_session_token": "[redacted]"
    }
    assert scrub("token ya29.a0AfH6SMBx-example_1234 and AIza" + "S" * 35) == "token [redacted] and [redacted]"
    assert scrub("see https://ada:hunter22@proxy.example/path") == "see https://[redacted]@proxy.example/path"


def test_scrub_options_drops_headers_keys_and_client_settings_at_the_top_level_only() -> None:
    kept = {"max_tokens": 5, "budget_tokens": 1, "keywords": ["a"], "monkey": 1, "schema": "m:Answer"}
    kept["output_config"] = {"format": {"schema": {"properties": {"token": {}, "api_key": {}}}}}
    assert scrub_options(kept) == kept
    dropped = {"api_key": 1, "api-key": 2, "auth_token": 3, "extra_headers": 4, "default_headers": 5, "cookies": 6}
    dropped.update({"extra_query": 7, "aws_secret_key": 8, "aws_session_token": 9, "credentials": 10})
    dropped.update({"Authorization": 11, "access_token": 12, "password": 13, "proxy": 14, "http_client": 15})
    assert scrub_options({**dropped, "temperature": 0.5}) == {"temperature": 0.5}


def test_the_path_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CLAUDE_CORE_LOG_PATH", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert log_path() == tmp_path / "xdg" / "claude-core" / "logs.db"
    assert LogDB().path == log_path()
    monkeypatch.setenv("CLAUDE_CORE_LOG_PATH", str(tmp_path / "elsewhere.db"))
    assert log_path() == tmp_path / "elsewhere.db"


def test_logging_is_on_unless_turned_off_and_the_environment_wins(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("CLAUDE_CORE_LOG", raising=False)
    assert logging_enabled()
    set_logging(False)
    assert logs_off_path() == tmp_path / "config" / "claude-core" / "logs-off" and logs_off_path().exists()
    assert stat.S_IMODE(logs_off_path().parent.stat().st_mode) == 0o700
    assert not logging_enabled()
    monkeypatch.setenv("CLAUDE_CORE_LOG", "on")
    assert logging_enabled()
    set_logging(True)
    set_logging(True)  # twice is fine
    for off in ("0", "false", "OFF", "no"):
        monkeypatch.setenv("CLAUDE_CORE_LOG", off)
        assert not logging_enabled()
    monkeypatch.setenv("CLAUDE_CORE_LOG", "maybe")
    with pytest.raises(ValueError, match="CLAUDE_CORE_LOG='maybe' is not understood: set it to 1"):
        logging_enabled()


def test_the_stored_json_columns_are_plain_json(db: LogDB) -> None:
    db.record(exchange(db.new_conversation_id(), "hi", "hello", options={"temperature": 0.2}))
    with sqlite3.connect(str(db.path)) as raw:
        options, message = raw.execute("SELECT options, message FROM exchanges").fetchone()
    assert json.loads(options) == {"temperature": 0.2}
    assert json.loads(message)["content"][0]["text"] == "hello"
