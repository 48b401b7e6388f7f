"""``claude-core logs``: listing, searching and showing what was logged, the path, and turning
logging off and on, run in a subprocess; and a real ``prompt`` landing in the log with no key."""

from __future__ import annotations

import json
import os
import pty
import re
import stat
import subprocess
import sys
from typing import Dict, List, Optional

from claude_cli.logdb import Exchange, LogDB
from claude_cli.logs import as_markdown, status_lines
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
    db.close()
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
        "Search: substrings (LIKE; this SQLite has no FTS5)",
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


def test_the_markdown_of_a_failed_exchange_shows_its_error() -> None:
    failed = Exchange("c", "anthropic", "m", None, "hi", {}, "", None, None, None, "the API answered 529", 3, "i", "t")
    text = as_markdown([failed])
    assert "### Error\n\nthe API answered 529" in text and "### Response" not in text
    assert text.endswith("*3 ms*")


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
        output = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the command ended
                break
            if not chunk:
                break
            output += chunk
        assert process.wait(timeout=60) == 0
    os.close(leader)
    return output.decode()


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
