"""``claude-core logs``: listing, searching and showing what was logged, the path, and turning
logging off and on, run in a subprocess; and a real ``prompt`` landing in the log with no key."""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
import pty
import re
import sqlite3
import stat
import subprocess
import sys
from typing import Dict, List, Optional

from claude_cli.logdb import Exchange, LogDB
from claude_cli.logs import as_markdown, shown_time, status_lines
from cli_support import Cli, cli_fixture, emu_fixture  # noqa: F401


def db_of(cli: Cli) -> LogDB:
    return LogDB(cli.home / ".local" / "share" / "claude-core" / "logs.db")


def logged(cli: Cli, count: int) -> List[Exchange]:
    """``count`` exchanges over two conversations, logged as ``prompt`` and ``chat`` would."""
    db = db_of(cli)
    chat, single = db.new_conversation_id(), db.new_conversation_id()
    made = []
    for n in range(count):
        made.append(
            db.record(
                Exchange(
                    conversation_id=chat if n % 2 == 0 else single,
                    provider="emulator",
                    model="claude-haiku-4-5",
                    system="be brief" if n == 0 else None,
                    prompt=f"question {n} about {'cats' if n % 2 else 'dogs'}",
                    options={"max_tokens": 50},
                    response=f"answer {n}",
                    message=None,
                    input_tokens=n,
                    output_tokens=2 * n,
                    error=None,
                    duration_ms=10 + n,
                )
            )
        )
    return made


def prompts(stdout: str) -> List[str]:
    return [exchange["prompt"] for exchange in json.loads(stdout)]


def test_with_nothing_logged_it_says_so_and_creates_nothing(cli: Cli) -> None:
    listing = cli("logs")
    assert listing.returncode == 0 and listing.stdout == ""
    assert "Nothing logged matches" in listing.stderr
    assert cli("logs", "--json").stdout.strip() == "[]"
    status = cli("logs", "status")
    assert status.returncode == 0
    assert status.stdout.splitlines() == [
        "Logging is on (the default; `claude-core logs off` turns it off)",
        f"Database: {db_of(cli).path}",
        "Nothing logged yet (the database is made on the first prompt)",
    ]
    assert not (cli.home / ".local").exists()


def test_logs_lists_the_latest_three_oldest_first_or_n_of_them(cli: Cli) -> None:
    made = logged(cli, 5)
    done = cli("logs", "--json")
    assert done.returncode == 0, done.stderr
    assert prompts(done.stdout) == [e.prompt for e in made[2:]]
    first = json.loads(done.stdout)[0]
    assert first["id"] == made[2].id and first["conversation_id"] == made[2].conversation_id
    assert (first["input_tokens"], first["output_tokens"], first["options"]) == (2, 4, {"max_tokens": 50})
    assert prompts(cli("logs", "-n", "1", "--json").stdout) == [made[4].prompt]
    assert prompts(cli("logs", "-n", "0", "--json").stdout) == [e.prompt for e in made]
    assert cli("logs", "-n", "-1").returncode == 2


def test_the_listing_is_markdown_and_plain_when_piped(cli: Cli) -> None:
    made = logged(cli, 1)
    done = cli("logs")
    assert done.returncode == 0
    assert done.stdout == as_markdown(made) + "\n"
    assert "\x1b[" not in done.stdout
    assert f"id `{made[0].id}`" in done.stdout and "### System\n\nbe brief" in done.stdout


def test_cid_and_query_narrow_the_listing(cli: Cli) -> None:
    made = logged(cli, 6)
    chat = made[0].conversation_id
    by_cid = cli("logs", "-n", "0", "--cid", chat, "--json")
    assert prompts(by_cid.stdout) == [e.prompt for e in made if e.conversation_id == chat]
    cats = cli("logs", "-q", "cats", "--json")
    assert prompts(cats.stdout) == ["question 1 about cats", "question 3 about cats", "question 5 about cats"]
    assert prompts(cli("logs", "-q", "answer 4", "--json").stdout) == ["question 4 about dogs"]
    assert prompts(cli("logs", "-c", chat, "-q", "cats", "--json").stdout) == []


def test_query_finds_the_start_of_words_and_fts5_syntax_is_never_an_error(cli: Cli) -> None:
    made = logged(cli, 4)
    assert prompts(cli("logs", "-q", "quest ca", "--json").stdout) == [made[1].prompt, made[3].prompt]
    assert prompts(cli("logs", "-q", "DOG", "--json").stdout) == [made[0].prompt, made[2].prompt]
    for query in ('a"b', "AND", "x*", '"', "NEAR(cats", "cats OR", "prompt:cats", "*"):
        done = cli("logs", "-q", query, "--json")
        assert (done.returncode, done.stderr, json.loads(done.stdout)) == (0, "", []), query


def test_show_finds_an_exchange_or_a_whole_conversation(cli: Cli) -> None:
    made = logged(cli, 4)
    one = cli("logs", "show", str(made[1].id), "--json")
    assert one.returncode == 0 and prompts(one.stdout) == [made[1].prompt]
    whole = cli("logs", "show", made[0].conversation_id, "--json")
    assert prompts(whole.stdout) == [made[0].prompt, made[2].prompt]
    missing = cli("logs", "show", "01NOPE")
    assert missing.returncode == 2
    assert missing.stderr.splitlines()[-1] == (
        "Error: Invalid value for ID: no exchange or conversation has the id '01NOPE': `claude-core logs` lists them"
    )


def test_path_follows_xdg_and_claude_core_log_path(cli: Cli) -> None:
    assert cli("logs", "path").stdout == f"{db_of(cli).path}\n"
    elsewhere = cli.home / "mine.db"
    assert cli("logs", "path", env={"CLAUDE_CORE_LOG_PATH": str(elsewhere)}).stdout == f"{elsewhere}\n"


def test_off_and_on_keep_a_setting_and_the_environment_overrides_it(cli: Cli) -> None:
    off = cli("logs", "off")
    assert off.returncode == 0 and off.stdout == "Logging is off\n"
    assert (cli.home / ".config" / "claude-core" / "logs-off").exists()
    assert cli("logs", "status").stdout.splitlines()[0] == (
        f"Logging is off (`claude-core logs off` was run, noted in {cli.home}/.config/claude-core/logs-off;"
        " `claude-core logs on` undoes it)"
    )
    forced = cli("logs", "status", "--json", env={"CLAUDE_CORE_LOG": "1"})
    assert json.loads(forced.stdout)["enabled"] is True and json.loads(forced.stdout)["reason"] == "CLAUDE_CORE_LOG=1"
    on = cli("logs", "on", env={"CLAUDE_CORE_LOG": "0"})
    assert on.returncode == 0 and on.stdout == "Logging is off\n"
    assert "CLAUDE_CORE_LOG=0 overrides the setting" in on.stderr
    assert not (cli.home / ".config" / "claude-core" / "logs-off").exists()
    bad = cli("logs", "status", env={"CLAUDE_CORE_LOG": "maybe"})
    assert bad.returncode == 2 and "set it to 1 (log) or 0 (do not log)" in bad.stderr.splitlines()[-1]


def test_status_counts_what_is_logged(cli: Cli) -> None:
    logged(cli, 3)
    done = cli("logs", "status", "--json")
    facts = json.loads(done.stdout)
    assert (facts["exchanges"], facts["conversations"], facts["full_text"]) == (3, 2, True)
    assert facts["size"] == db_of(cli).path.stat().st_size
    text = cli("logs", "status").stdout.splitlines()
    assert text[2:] == [
        "Exchanges: 3 in 2 conversations",
        f"Size: {facts['size'] / 1024:,.1f} KiB",
        "Search: full text (FTS5)",
    ]


def test_status_lines_word_singulars_and_a_missing_fts5() -> None:
    lines = status_lines(True, "why", "/x.db", True, (1, 1), 2048, False)
    assert lines[2:] == [
        "Exchanges: 1 in 1 conversation",
        "Size: 2.0 KiB",
        "Search: word by word, no index (this SQLite has no FTS5)",
    ]


def test_a_prompt_lands_in_the_log_private_and_without_the_key(cli: Cli) -> None:
    done = cli("prompt", "-s", "be brief", "remember the pelican", input="")
    assert done.returncode == 0, done.stderr
    listing = cli("logs", "-n", "1", "--json")
    (entry,) = json.loads(listing.stdout)
    assert entry["prompt"] == "remember the pelican" and entry["system"] == "be brief"
    assert entry["response"] == done.stdout.strip() and entry["error"] is None
    assert entry["message"]["usage"]["input_tokens"] == entry["input_tokens"]
    path = db_of(cli).path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    stored = b"".join(p.read_bytes() for p in path.parent.iterdir())
    assert cli.emu.api_key.encode() not in stored and b"x-api-key" not in stored
    assert prompts(cli("logs", "-q", "pelican", "--json").stdout) == ["remember the pelican"]
    assert cli.emu.api_key not in listing.stdout + listing.stderr
    assert cli("prompt", "not logged", input="", env={"CLAUDE_CORE_LOG": "0"}).returncode == 0
    assert prompts(cli("logs", "-n", "0", "--json").stdout) == ["remember the pelican"]


def test_the_markdown_of_a_failed_exchange_shows_its_error_and_its_time_in_utc() -> None:
    when = "2026-12-07T18:40:05.123+00:00"
    failed = Exchange("c", "anthropic", "m", None, "hi", {}, "", None, None, None, "the API answered 529", 3, "i", when)
    text = as_markdown([failed])
    assert text.startswith("## 2026-12-07 18:40:05 UTC · m\n")
    assert "### Error\n\nthe API answered 529" in text and "### Response" not in text
    assert text.endswith("*3 ms*")


def test_times_are_shown_in_utc_and_labelled() -> None:
    assert shown_time("2026-12-07T18:40:05.123+00:00") == "2026-12-07 18:40:05 UTC"
    assert shown_time("2026-12-07T20:10:00+01:30") == "2026-12-07 18:40:00 UTC"
    assert shown_time("2026-12-07T18:40:05") == "2026-12-07 18:40:05 UTC"  # no offset: stored as UTC
    assert shown_time("yesterday") == "yesterday" and shown_time(None) == ""


def test_the_listing_labels_its_times_utc_whatever_the_local_zone(cli: Cli) -> None:
    made = logged(cli, 1)
    heading = cli("logs", env={"TZ": "America/New_York"}).stdout.splitlines()[0]
    assert heading == f"## {shown_time(made[0].datetime_utc)} · claude-haiku-4-5"
    assert re.fullmatch(r"## \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC · claude-haiku-4-5", heading)
    shown = datetime.datetime.strptime(heading[3:22], "%Y-%m-%d %H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    assert abs((datetime.datetime.now(datetime.timezone.utc) - shown).total_seconds()) < 120


def test_a_file_that_is_not_a_database_is_one_line_naming_the_fix(cli: Cli) -> None:
    path = db_of(cli).path
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a database, just text " * 100)
    done = cli("logs")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1] == (
        f"Error: the log {path} cannot be used (file is not a database): "
        "move it away, or set CLAUDE_CORE_LOG_PATH to another file"
    )


def on_a_terminal(cli: Cli, *args: str, env: Optional[Dict[str, str]] = None) -> str:
    """What ``claude-core ARGS`` writes to a real pseudo-terminal."""
    leader, follower = pty.openpty()
    environment = {**cli.env, **(env or {}), "TERM": "xterm-256color"}
    with subprocess.Popen(
        [sys.executable, "-m", "claude_cli", *args],
        stdin=follower,
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env=environment,
        cwd=cli.home,
    ) as process:
        os.close(follower)
        output = read_to_the_end(leader, b"")
        assert process.wait(timeout=60) == 0
    os.close(leader)
    return output.decode()


def read_to_the_end(leader: int, output: bytes) -> bytes:
    """``output`` and what the terminal shows until the command ends."""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the command ended
            return output
        if not chunk:
            return output
        output += chunk


def test_on_a_terminal_the_markdown_is_rendered_in_colour_unless_no_color(cli: Cli) -> None:
    logged(cli, 1)
    shown = on_a_terminal(cli, "logs")
    assert "question 0 about dogs" in shown and "\x1b[" in shown
    assert "### Prompt" not in shown and "Prompt" in shown
    colour = re.compile(r"\x1b\[[0-9;]*(3[0-7]|38;[0-9;]+)m")
    assert colour.search(shown)
    plain = on_a_terminal(cli, "logs", env={"NO_COLOR": "1"})
    assert "question 0 about dogs" in plain and "### Prompt" not in plain
    assert not colour.search(plain)


def indexed_words(cli: Cli) -> List[str]:
    """The words in the log's full-text index, after checking the index against the table."""
    with sqlite3.connect(str(db_of(cli).path)) as raw:
        raw.execute("INSERT INTO exchanges_fts (exchanges_fts, rank) VALUES ('integrity-check', 1)")
        raw.execute("CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, exchanges_fts, 'row')")
        return [row[0] for row in raw.execute("SELECT term FROM temp.words ORDER BY term")]


def words_of(exchanges: List[Exchange]) -> List[str]:
    return sorted({w for e in exchanges for w in re.findall(r"\w+", f"{e.prompt} {e.response}".lower())})


def test_rm_deletes_exchanges_by_id_and_conversations_by_cid_and_their_words(cli: Cli) -> None:
    made = logged(cli, 6)
    path = db_of(cli).path
    secret = db_of(cli).record(dataclasses.replace(made[0], id=None, prompt="my zanzibarquux", response="ok"))
    assert b"zanzibarquux" in path.read_bytes()
    assert cli("logs", "rm", str(secret.id)).stdout == "Deleted 1 exchange\n"
    assert b"zanzibarquux" not in path.read_bytes()  # in neither the table nor the search index
    done = cli("logs", "rm", str(made[1].id), str(made[3].id))
    assert (done.returncode, done.stdout, done.stderr) == (0, "Deleted 2 exchanges\n", "")
    kept = [made[0], made[2], made[4], made[5]]
    assert prompts(cli("logs", "-n", "0", "--json").stdout) == [e.prompt for e in kept]
    assert prompts(cli("logs", "-q", "cats", "--json").stdout) == [made[5].prompt]
    assert indexed_words(cli) == words_of(kept)
    stored = path.read_bytes()
    assert made[1].prompt.encode() not in stored and b"answer 3" not in stored
    done = cli("logs", "rm", "-c", made[0].conversation_id)
    assert (done.returncode, done.stdout) == (0, "Deleted 3 exchanges\n")
    assert prompts(cli("logs", "-n", "0", "--json").stdout) == [made[5].prompt]
    assert indexed_words(cli) == words_of([made[5]])
    assert cli("logs", "rm", str(made[5].id)).stdout == "Deleted 1 exchange\n"
    assert db_of(cli).counts() == (0, 0)


def test_rm_of_an_unknown_id_or_of_nothing_is_a_usage_error_and_deletes_nothing(cli: Cli) -> None:
    made = logged(cli, 2)
    unknown = cli("logs", "rm", str(made[0].id), "01NOPE")
    assert unknown.returncode == 2
    assert unknown.stderr.splitlines()[-1] == (
        "Error: Invalid value for ID: no logged exchange has the id '01NOPE' (nothing was deleted):"
        " `claude-core logs` lists them"
    )
    conversation = cli("logs", "rm", made[0].conversation_id)
    assert conversation.returncode == 2 and conversation.stderr.splitlines()[-1].endswith(
        f"it is a conversation's: `claude-core logs rm -c {made[0].conversation_id}` deletes that conversation"
    )
    no_cid = cli("logs", "rm", "-c", "01NOPE")
    assert no_cid.returncode == 2 and "no logged conversation has the id '01NOPE'" in no_cid.stderr
    nothing = cli("logs", "rm")
    assert nothing.returncode == 2
    assert nothing.stderr.splitlines()[-1] == (
        "Error: nothing to delete: give exchange ids, -c CONVERSATION_ID or --all (`claude-core logs` lists them)"
    )
    mixed = cli("logs", "rm", "--all", "--yes", str(made[0].id))
    assert mixed.returncode == 2 and "--all deletes every exchange: give it no ID and no -c" in mixed.stderr
    assert db_of(cli).counts() == (2, 2)


def test_rm_all_needs_yes_when_not_on_a_terminal_and_leaves_no_bytes(cli: Cli) -> None:
    made = logged(cli, 4)
    path = db_of(cli).path
    db = db_of(cli)
    for n in range(40):  # enough to grow the file: VACUUM gives the space back
        db.record(dataclasses.replace(made[0], id=None, prompt=f"long {n}", response="pelican " * 1000))
    refused = cli("logs", "rm", "--all", input="y\n")
    assert refused.returncode == 2
    assert refused.stderr.splitlines()[-1] == (
        "Error: `logs rm --all` deletes every logged exchange; not on a terminal to ask, add --yes to confirm"
    )
    assert db_of(cli).counts() == (44, 2)
    before = path.stat().st_size
    done = cli("logs", "rm", "--all", "--yes")
    assert (done.returncode, done.stdout) == (0, "Deleted 44 exchanges (2 conversations)\n")
    assert db_of(cli).counts() == (0, 0) and indexed_words(cli) == []
    stored = b"".join(p.read_bytes() for p in path.parent.iterdir())
    assert path.stat().st_size < before / 4 and b"pelican" not in stored
    for exchange in made:
        assert exchange.prompt.encode() not in stored and exchange.response.encode() not in stored
    again = cli("logs", "rm", "--all", "--yes")
    assert (again.returncode, again.stdout) == (0, "Nothing logged to delete\n")


def test_rm_all_with_nothing_logged_creates_nothing(cli: Cli) -> None:
    done = cli("logs", "rm", "--all")
    assert (done.returncode, done.stdout) == (0, "Nothing logged to delete\n")
    assert not (cli.home / ".local").exists()


def answered_on_a_terminal(cli: Cli, answer: str, *args: str) -> str:
    """What ``claude-core ARGS`` writes to a real pseudo-terminal, ``answer`` typed at its question."""
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "claude_cli", *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env={**cli.env, "TERM": "xterm-256color"},
        cwd=cli.home,
    ) as process:
        os.close(follower)
        output = b""
        while b"[y/N]" not in output:
            chunk = os.read(leader, 65536)  # OSError: the command ended without asking
            assert chunk, output
            output += chunk
        os.write(leader, answer.encode() + b"\r")
        output = read_to_the_end(leader, output)
        assert process.wait(timeout=60) == 0
    os.close(leader)
    return output.decode()


def test_rm_all_asks_on_a_terminal(cli: Cli) -> None:
    logged(cli, 3)
    kept = answered_on_a_terminal(cli, "n", "logs", "rm", "--all")
    assert f"Delete all 3 logged exchanges (2 conversations) from {db_of(cli).path}? [y/N]" in kept
    assert "Nothing deleted" in kept and db_of(cli).counts() == (3, 2)
    gone = answered_on_a_terminal(cli, "y", "logs", "rm", "--all")
    assert "Deleted 3 exchanges (2 conversations)" in gone and db_of(cli).counts() == (0, 0)


def test_the_markdown_of_an_interrupted_answer_shows_what_arrived_and_why_it_ended() -> None:
    when = "2026-12-07T18:40:05+00:00"
    cut = Exchange("c", "anthropic", "m", None, "hi", {}, "Once upon", None, None, None, "interrupted", 3, "i", when)
    text = as_markdown([cut])
    assert "### Response\n\nOnce upon\n\n### Error\n\ninterrupted\n" in text


def test_rm_all_deletes_the_chat_history_too(cli: Cli) -> None:
    from claude_cli.logdb import chat_history_path

    logged(cli, 1)
    history = cli.home / ".local" / "share" / "claude-core" / "chat-history"
    assert history.parent == db_of(cli).path.parent  # where chat keeps it
    history.write_text("what was typed\n")
    done = cli("logs", "rm", "--all", "--yes")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["Deleted 1 exchange (1 conversation)", f"Deleted the chat history {history}"]
    assert not history.exists()
    history.write_text("typed again, nothing logged\n")
    assert cli("logs", "rm", "--all", "--yes").stdout == f"Deleted the chat history {history}\n"
    assert cli("logs", "rm", "--all", "--yes").stdout == "Nothing logged to delete\n"
    assert chat_history_path().name == history.name
