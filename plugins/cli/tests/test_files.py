"""``claude-core files``: upload, list, download and rm, in a subprocess against the emulator over real HTTP."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path
from typing import List

import httpx
from claude_cli.files import download_path
from claude_cli.output import table, utc_time
from cli_support import Cli, cli_fixture, emu_fixture  # noqa: F401


def upload(cli: Cli, *paths: Path) -> List[str]:
    done = cli("files", "upload", *map(str, paths))
    assert done.returncode == 0, done.stderr
    return [line.split("\t")[0] for line in done.stdout.splitlines()]


def test_upload_sends_each_file_and_prints_its_id_and_name(cli: Cli, tmp_path: Path) -> None:
    notes, data = tmp_path / "notes.txt", tmp_path / "data.bin"
    notes.write_text("some notes\n")
    data.write_bytes(bytes(range(256)) * 40)
    done = cli("files", "upload", str(notes), str(data))
    assert done.returncode == 0, done.stderr
    rows = [line.split("\t") for line in done.stdout.splitlines()]
    assert [name for _, name in rows] == ["notes.txt", "data.bin"]
    uploads = [r for r in cli.emu.requests if r.method == "POST" and r.path.startswith("/v1/files")][-2:]
    assert all("files-api-2025-04-14" in r.headers["anthropic-beta"] for r in uploads)
    as_json = cli("files", "upload", "--json", str(notes))
    metadata = json.loads(as_json.stdout)
    assert metadata["filename"] == "notes.txt" and metadata["size_bytes"] == len("some notes\n")


def test_list_shows_the_files_newest_first(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "b.txt").write_text("bb")
    first, second = upload(cli, tmp_path / "a.txt", tmp_path / "b.txt")
    listed = cli("files", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    ids = [row["id"] for row in rows]
    assert ids.index(second) < ids.index(first)
    assert {row["id"]: row["size_bytes"] for row in rows if row["id"] in (first, second)} == {first: 1, second: 2}
    assert [row["id"] for row in json.loads(cli("files", "list", "--json", "--limit", "1").stdout)] == [ids[0]]
    table = cli("files", "list")
    assert table.returncode == 0 and first in table.stdout and "b.txt" in table.stdout
    header, *lines = table.stdout.splitlines()
    assert header.split() == ["id", "filename", "mime", "type", "bytes", "created", "(UTC)"]
    created = datetime.datetime.fromisoformat(rows[0]["created_at"].replace("Z", "+00:00"))
    assert lines[0].endswith(created.astimezone(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S"))


def test_a_download_into_a_folder_that_does_not_exist_is_a_usage_error_and_nothing_is_fetched(cli: Cli) -> None:
    (cli.home / "a.txt").write_text("hello")
    (file_id,) = upload(cli, cli.home / "a.txt")
    before = len(cli.emu.requests)
    for output, folder in (("missing/copy.txt", "missing"), ("missing/deeper/", "missing/deeper")):
        done = cli("files", "download", file_id, "-o", output)
        assert done.returncode == 2, done.stderr
        assert done.stderr.splitlines()[-1] == (
            f"Error: -o {output}: the folder {folder} does not exist: create it (mkdir -p {folder}) or write elsewhere"
        )
        assert ".part" not in done.stderr
    assert len(cli.emu.requests) == before
    assert not (cli.home / "missing").exists()


def test_an_empty_file_id_is_a_usage_error_naming_the_argument(cli: Cli) -> None:
    before = len(cli.emu.requests)
    for command in (["files", "download"], ["files", "rm"]):
        done = cli(*command, "")
        assert done.returncode == 2, (command, done.stderr)
        assert done.stderr.splitlines()[-1].endswith("is empty: give a file id, as `claude-core files list` shows them")
        assert "()" not in done.stderr and "ValueError" not in done.stderr
    assert len(cli.emu.requests) == before


def test_download_streams_the_content_to_a_path_its_name_or_stdout(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "upload" / "report.bin"
    source.parent.mkdir()
    content = os.urandom(300_000)
    source.write_bytes(content)
    (file_id,) = upload(cli, source)
    to_path = cli("files", "download", file_id, "-o", "copy.bin")
    assert to_path.returncode == 0, to_path.stderr
    assert (cli.home / "copy.bin").read_bytes() == content
    by_name = cli("files", "download", file_id)
    assert by_name.returncode == 0, by_name.stderr
    assert (cli.home / "report.bin").read_bytes() == content
    again = cli("files", "download", file_id)
    assert again.returncode == 2
    assert again.stderr.splitlines()[-1] == "Error: report.bin exists: pass --force to overwrite it, or -o another path"
    (cli.home / "report.bin").write_bytes(b"old")
    assert cli("files", "download", file_id, "--force").returncode == 0
    assert (cli.home / "report.bin").read_bytes() == content
    command = [sys.executable, "-m", "claude_cli", "files", "download", file_id, "-o", "-"]
    piped = subprocess.run(command, capture_output=True, env=cli.env, cwd=cli.home, timeout=60)
    assert piped.returncode == 0
    assert piped.stdout == content


def test_rm_deletes_each_file_and_an_unknown_one_is_one_error_line(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "gone.txt").write_text("x")
    (file_id,) = upload(cli, tmp_path / "gone.txt")
    done = cli("files", "rm", file_id)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"deleted {file_id}\n"
    assert file_id not in [row["id"] for row in json.loads(cli("files", "list", "--json").stdout)]
    missing = cli("files", "rm", file_id)
    assert missing.returncode == 1
    assert missing.stderr.splitlines()[-1].startswith(f"Error: {file_id}: the API answered 404")
    assert "Traceback" not in missing.stderr
    absent = cli("files", "upload", str(tmp_path / "nope.txt"))
    assert absent.returncode == 2 and "does not exist" in absent.stderr


def test_the_default_download_path_is_the_files_own_name_here() -> None:
    assert download_path("out.bin", "report.pdf", "file_1") == "out.bin"
    assert download_path(None, "report.pdf", "file_1") == "report.pdf"
    assert download_path(None, "../../etc/passwd", "file_1") == "passwd"
    assert download_path(None, "C:\\Users\\me\\a.txt", "file_1") == "a.txt"
    assert download_path(None, "..", "file_1") == "file_1"
    assert download_path(None, "", "file_1") == "file_1"
    for risky in ("-", ".bash_profile", "--force", "\x1b[31mred\x1b[0m.txt"):
        assert download_path(None, risky, "file_1") == "file_1"


def test_a_directory_given_as_output_receives_the_file_under_its_name(tmp_path: Path) -> None:
    assert download_path(str(tmp_path), "report.pdf", "file_1") == str(tmp_path / "report.pdf")
    assert download_path("-", "report.pdf", "file_1") == "-"


def test_a_download_gets_the_modes_a_new_file_gets_here(cli: Cli) -> None:
    (cli.home / "a.txt").write_text("hello")
    file_id = cli("files", "upload", "a.txt").stdout.split()[0]
    os.umask(old := os.umask(0o022))
    done = cli("files", "download", file_id, "-o", "copy.txt")
    assert done.returncode == 0, done.stderr
    assert (cli.home / "copy.txt").stat().st_mode & 0o777 == 0o666 & ~old


def test_tables_show_times_in_utc_to_the_second() -> None:
    paris = datetime.timezone(datetime.timedelta(hours=1))
    assert utc_time(datetime.datetime(2026, 12, 7, 19, 5, 9, 999, tzinfo=paris)) == "2026-12-07 18:05:09"
    assert utc_time(datetime.datetime(2026, 12, 7, 18, 5, 9, tzinfo=datetime.timezone.utc)) == "2026-12-07 18:05:09"
    shown = table(("id", "created (UTC)"), [("file_1", "2026-12-07 18:05:09")])
    assert [column.header for column in shown.columns] == ["id", "created (UTC)"]
    assert shown.row_count == 1 and shown.box is None


# -- -o through links, into pipes and devices ---------------------------------------------------------


def uploaded(cli: Cli, content: bytes) -> str:
    (cli.home / "source.bin").write_bytes(content)
    (file_id,) = upload(cli, cli.home / "source.bin")
    return file_id


def test_a_download_through_a_symlink_replaces_its_target_and_keeps_the_link(cli: Cli) -> None:
    file_id = uploaded(cli, b"new content")
    (cli.home / "real").mkdir()
    target = cli.home / "real" / "target.txt"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    (cli.home / "link.txt").symlink_to(target)
    refused = cli("files", "download", file_id, "-o", "link.txt")
    assert refused.returncode == 2
    assert refused.stderr.splitlines()[-1] == "Error: link.txt exists: pass --force to overwrite it, or -o another path"
    done = cli("files", "download", file_id, "-o", "link.txt", "--force")
    assert done.returncode == 0, done.stderr
    assert (cli.home / "link.txt").is_symlink()
    assert target.read_bytes() == b"new content"
    assert target.stat().st_mode & 0o777 == 0o640
    assert not [name for name in os.listdir(cli.home / "real") if name.endswith(".part")]
    (cli.home / "dangling.txt").symlink_to(cli.home / "real" / "new.txt")
    through_dangling = cli("files", "download", file_id, "-o", "dangling.txt")
    assert through_dangling.returncode == 0, through_dangling.stderr
    assert (cli.home / "dangling.txt").is_symlink() and (cli.home / "real" / "new.txt").read_bytes() == b"new content"


def test_a_download_into_a_fifo_writes_into_it_without_force(cli: Cli) -> None:
    content = os.urandom(200_000)
    file_id = uploaded(cli, content)
    fifo = cli.home / "fifo"
    os.mkfifo(fifo)
    with open(cli.home / "received", "wb") as received:  # `cat fifo > received &`
        reader = subprocess.Popen(["cat", str(fifo)], stdout=received)
    try:
        done = cli("files", "download", file_id, "-o", "fifo", timeout=30)
        assert reader.wait(timeout=30) == 0
    finally:
        reader.kill()
    assert done.returncode == 0, done.stderr
    assert (cli.home / "received").read_bytes() == content
    assert fifo.is_fifo()


def test_a_download_into_a_device_or_a_descriptor_writes_into_it(cli: Cli) -> None:
    content = os.urandom(100_000)
    file_id = uploaded(cli, content)
    # never with --force: the unfixed code would replace /dev/null with a file
    to_null = cli("files", "download", file_id, "-o", "/dev/null")
    assert to_null.returncode == 0, to_null.stderr
    assert Path("/dev/null").is_char_device()
    command = [sys.executable, "-m", "claude_cli", "files", "download", file_id, "-o", "/dev/stdout"]
    to_stdout = subprocess.run(command, capture_output=True, env=cli.env, cwd=cli.home, timeout=60)
    assert to_stdout.returncode == 0, to_stdout.stderr
    assert to_stdout.stdout == content
    read_end, write_end = os.pipe()  # as `-o >(cat > x)` gives it: /dev/fd/N, a pipe
    command[-1] = f"/dev/fd/{write_end}"
    with subprocess.Popen(command, pass_fds=(write_end,), env=cli.env, cwd=cli.home, stderr=subprocess.PIPE) as run:
        os.close(write_end)
        with os.fdopen(read_end, "rb") as pipe:
            received = pipe.read()
        assert run.wait(timeout=60) == 0, run.stderr.read() if run.stderr else ""
    assert received == content


# -- rm carries on ------------------------------------------------------------------------------------


def test_rm_carries_on_after_a_failure_says_each_and_exits_1(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("1")
    (tmp_path / "two.txt").write_text("2")
    first, second = upload(cli, tmp_path / "one.txt", tmp_path / "two.txt")
    done = cli("files", "rm", "file_nope", first, "file_nope2", second)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [f"deleted {first}", f"deleted {second}"]
    errors = done.stderr.splitlines()
    assert len(errors) == 2 and "Traceback" not in done.stderr
    assert errors[0].startswith("Error: file_nope: the API answered 404")
    assert errors[1].startswith("Error: file_nope2: the API answered 404")
    left = [row["id"] for row in json.loads(cli("files", "list", "--json").stdout)]
    assert first not in left and second not in left


def test_a_file_name_with_escape_sequences_is_shown_without_them_in_the_table(cli: Cli) -> None:
    name = "\x1b[2J\x1b]0;pwned\x07evil\rname.txt"  # httpx would percent-encode it: sent as filename*
    body = (
        "--b\r\nContent-Disposition: form-data; name=\"file\"; filename*=utf-8''"
        + urllib.parse.quote(name)
        + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n"
    )
    stored = httpx.post(
        f"{cli.emu.base_url}/v1/files",
        content=body.encode(),
        headers={
            "x-api-key": cli.emu.api_key,
            "anthropic-version": "2023-06-01",
            "anthropic-beta": "files-api-2025-04-14",
            "content-type": "multipart/form-data; boundary=b",
        },
    )
    assert stored.status_code == 200, stored.text
    file_id = stored.json()["id"]
    assert stored.json()["filename"] == name
    (cli.home / name).write_text("x")  # a local file of that name: `files upload` says it without the escapes
    said = cli("files", "upload", name)  # (httpx sends BEL and CR percent-encoded, ESC as it is)
    assert said.returncode == 0, said.stderr
    assert said.stdout.split("\t")[1].endswith("name.txt\n") and "\x1b" not in said.stdout
    listed = cli("files", "list")  # piped too: a table saved to a file is read on a terminal later
    assert listed.returncode == 0, listed.stderr
    row = next(line for line in listed.stdout.splitlines() if line.startswith(file_id))
    assert "evilname.txt" in row
    assert "\x1b" not in listed.stdout and "\r" not in listed.stdout and "\x07" not in listed.stdout
    exact = json.loads(cli("files", "list", "--json").stdout)
    assert next(row["filename"] for row in exact if row["id"] == file_id) == name


def test_table_lines_have_no_trailing_spaces_when_piped(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "a-rather-long-file-name.txt").write_text("a")
    (tmp_path / "b.txt").write_text("b")
    upload(cli, tmp_path / "a-rather-long-file-name.txt", tmp_path / "b.txt")
    listed = cli("files", "list")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert len(lines) >= 3
    assert [line for line in lines if line != line.rstrip()] == []
