"""``claude-core batch``: submit (split over the limits), list, status, wait (a progress bar on a real
pseudo-terminal, status lines when piped), results (streamed to disk, merged, in request order) and
cancel, run in a subprocess against the emulator over real HTTP."""

from __future__ import annotations

import datetime
import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from claude_cli.batch import in_request_order
from claude_cli.batch_progress import remaining, status_line, times
from claude_emulator import Emulator
from cli_support import Cli, cli_fixture, emu_fixture  # noqa: F401

import claude_core
from claude_core.types.messages import MessageBatch

MODEL = "claude-sonnet-4-5"


def request(custom_id: str, text: str = "hello", **params: Any) -> Dict[str, Any]:
    params = {"model": MODEL, "max_tokens": 32, "messages": [{"role": "user", "content": text}], **params}
    return {"custom_id": custom_id, "params": params}


def write_requests(path: Path, requests: List[Dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(item) + "\n" for item in requests))
    return path


def created_bodies(emu: Emulator, since: int) -> List[Dict[str, Any]]:
    return [
        json.loads(r.body)
        for r in emu.requests[since:]
        if r.method == "POST" and r.path.rstrip("/") == "/v1/messages/batches"
    ]


def submit(cli: Cli, path: Path, *options: str) -> List[str]:
    done = cli("batch", "submit", str(path), *options)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def wait(cli: Cli, *ids: str) -> "subprocess.CompletedProcess[str]":
    done = cli("batch", "wait", *ids, "--interval", "0.01", "--max-interval", "0.02")
    assert done.returncode == 0, done.stderr
    return done


# -- submit ---------------------------------------------------------------------------------------


def test_submit_sends_the_file_as_one_batch_and_prints_its_id(cli: Cli, tmp_path: Path) -> None:
    requests = [request(f"q{i}", f"question {i}") for i in range(3)]
    before = len(cli.emu.requests)
    done = cli("batch", "submit", str(write_requests(tmp_path / "requests.jsonl", requests)))
    assert done.returncode == 0, done.stderr
    (batch_id,) = done.stdout.split()
    assert re.fullmatch(r"msgbatch_\w+", batch_id)
    assert created_bodies(cli.emu, before) == [{"requests": requests}]
    assert "batches" not in done.stderr


def test_submit_splits_over_the_request_limit_and_says_so(cli: Cli, tmp_path: Path) -> None:
    requests = [request(f"q{i}") for i in range(5)]
    before = len(cli.emu.requests)
    done = cli("batch", "submit", str(write_requests(tmp_path / "r.jsonl", requests)), "--max-requests", "2")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.split()) == 3
    assert f"{tmp_path / 'r.jsonl'}: 5 requests are over a batch's limits (2 requests or" in done.stderr
    assert "sending them as 3 batches" in done.stderr
    assert created_bodies(cli.emu, before) == [
        {"requests": requests[0:2]},
        {"requests": requests[2:4]},
        {"requests": requests[4:]},
    ]


def test_submit_splits_over_the_byte_limit(cli: Cli, tmp_path: Path) -> None:
    requests = [request(f"q{i}", "x" * 100) for i in range(6)]
    before = len(cli.emu.requests)
    limit = 700
    ids = submit(cli, write_requests(tmp_path / "r.jsonl", requests), "--max-bytes", str(limit))
    sent = [r.body for r in cli.emu.requests[before:] if r.method == "POST"]
    assert len(ids) == len(sent) > 1
    assert all(len(body) <= limit for body in sent)
    assert [item for body in sent for item in json.loads(body)["requests"]] == requests


def api_error(status: int = 400, message: str = "no more") -> Dict[str, Any]:
    return {"status": status, "json": {"type": "error", "error": {"type": "invalid_request_error", "message": message}}}


def test_a_submit_that_fails_midway_says_which_lines_are_in_which_batch_and_which_were_not_sent(
    cli: Cli, tmp_path: Path
) -> None:
    requests = [request(f"q{i}") for i in range(5)]
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps(item) + "\n" + ("\n" if i == 1 else "") for i, item in enumerate(requests)))
    before = len(cli.emu.requests)
    cli.emu.enqueue()  # the first create is answered as usual
    cli.emu.enqueue(**api_error())  # the second is refused
    done = cli("batch", "submit", str(path), "--max-requests", "2")
    assert done.returncode == 1
    (created,) = done.stdout.split()
    assert [body["requests"] for body in created_bodies(cli.emu, before)] == [requests[0:2], requests[2:4]]
    report = done.stderr.splitlines()[-4:]
    assert report == [
        f"{path}: 1 of 3 batches were created before the failure; do not send their lines again:",
        f"  {created}: lines 1-2 (2 requests, custom_id q0 to q1)",
        f"not sent: lines 4-6 (3 requests, custom_id q2 to q4); to send only them: tail -n +4 {path} > rest.jsonl"
        " && claude-core batch submit rest.jsonl",
        "Error: the API answered 400: invalid_request_error: no more",
    ]
    rest = tmp_path / "rest.jsonl"
    subprocess.run(f"tail -n +4 {path} > {rest}", shell=True, check=True)
    assert [json.loads(line) for line in rest.read_text().splitlines() if line] == requests[2:]


def test_a_submit_whose_create_got_no_answer_says_that_batch_may_exist(cli: Cli, tmp_path: Path) -> None:
    requests = [request(f"q{i}") for i in range(3)]
    path = write_requests(tmp_path / "r.jsonl", requests)
    cli.emu.enqueue()
    for _ in range(3):  # the first try and both retries lose their connection
        cli.emu.enqueue(drop=True)
    done = cli("batch", "submit", str(path), "--max-requests", "1")
    assert done.returncode == 1
    (created,) = done.stdout.split()
    assert done.stderr.splitlines()[-5:-1] == [
        f"{path}: 1 of 3 batches were created before the failure; do not send their lines again:",
        f"  {created}: line 1 (1 request, custom_id q0)",
        "unknown: line 2 (1 request, custom_id q1) may have become a batch whose answer was lost:"
        " look for it in `claude-core batch list` before sending it again",
        f"not sent: line 3 (1 request, custom_id q2); to send only them: tail -n +3 {path} > rest.jsonl"
        " && claude-core batch submit rest.jsonl",
    ]
    assert done.stderr.splitlines()[-1].startswith("Error: could not reach the API")


def test_a_bad_requests_file_is_a_usage_error_naming_the_line_and_nothing_is_sent(cli: Cli, tmp_path: Path) -> None:
    lines = [request("a"), request("b"), {"custom_id": "c"}]
    before = len(cli.emu.requests)
    done = cli("batch", "submit", str(write_requests(tmp_path / "r.jsonl", lines)))
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1].endswith("line 3: params should be an object of messages.create() parameters")
    assert "Traceback" not in done.stderr
    empty = cli("batch", "submit", str(write_requests(tmp_path / "empty.jsonl", [])))
    assert empty.returncode == 2 and "holds no request" in empty.stderr
    missing = cli("batch", "submit", str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    assert created_bodies(cli.emu, before) == []


# -- list, status, wait ------------------------------------------------------------------------


def test_list_and_status_show_the_batches(cli: Cli, tmp_path: Path) -> None:
    (batch_id,) = submit(cli, write_requests(tmp_path / "r.jsonl", [request("a"), request("b", max_tokens=0)]))
    listed = cli("batch", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = {row["id"]: row for row in json.loads(listed.stdout)}
    assert rows[batch_id]["processing_status"] == "in_progress"
    table = cli("batch", "list")
    assert table.returncode == 0 and batch_id in table.stdout and "in_progress" in table.stdout
    header, *lines = table.stdout.splitlines()
    assert header.split() == ["id", "status", "created", "(UTC)", "requests", "by", "outcome"]
    created = datetime.datetime.fromisoformat(rows[batch_id]["created_at"].replace("Z", "+00:00"))
    row = next(line for line in lines if line.startswith(batch_id))
    assert created.astimezone(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S") in row
    status = cli("batch", "status", batch_id)  # a poll: the first request finishes
    assert status.returncode == 0, status.stderr
    assert status.stdout.startswith(
        f"{batch_id}: in_progress 1/2 (processing 1, succeeded 1, errored 0, canceled 0, expired 0); "
    )
    ended = json.loads(cli("batch", "status", batch_id, "--json").stdout)
    assert ended["processing_status"] == "ended"
    assert ended["request_counts"] == {"processing": 0, "succeeded": 1, "errored": 1, "canceled": 0, "expired": 0}
    ended_status = cli("batch", "status", batch_id)  # only the status on stdout; the hint on stderr
    (only,) = ended_status.stdout.splitlines()
    assert only.startswith(f"{batch_id}: ended 2/2 (processing 0, succeeded 1, errored 1, canceled 0, expired 0)")
    assert ended_status.stderr == f"results: claude-core batch results {batch_id} -o results.jsonl\n"
    unknown = cli("batch", "status", "msgbatch_nope")
    assert unknown.returncode == 1 and unknown.stderr.splitlines()[-1].startswith("Error: the API answered 404")


def test_wait_polls_every_batch_until_ended_and_prints_status_lines_when_piped(cli: Cli, tmp_path: Path) -> None:
    ids = submit(cli, write_requests(tmp_path / "r.jsonl", [request(f"q{i}") for i in range(5)]), "--max-requests", "3")
    done = wait(cli, *ids)
    assert [line.split(":")[0] for line in done.stdout.splitlines()] == ids
    assert all(" ended " in line for line in done.stdout.splitlines())
    progress = [line for line in done.stderr.splitlines() if line.startswith("msgbatch")]
    assert f"{ids[0]}: in_progress 1/3 (processing 2, succeeded 1, errored 0, canceled 0, expired 0); " in "\n".join(
        progress
    )
    assert f"{ids[0]}: ended 3/3 (processing 0, succeeded 3, errored 0, canceled 0, expired 0); ended after " in (
        "\n".join(progress)
    )
    assert "\x1b" not in done.stderr + done.stdout and "━" not in done.stderr  # no bar, no colour


def test_wait_gives_up_after_its_timeout(cli: Cli, tmp_path: Path) -> None:
    (batch_id,) = submit(cli, write_requests(tmp_path / "r.jsonl", [request(f"q{i}") for i in range(50)]))
    done = cli("batch", "wait", batch_id, "--interval", "0.2", "--timeout", "0.3")
    assert done.returncode == 1
    last = done.stderr.splitlines()[-1]
    assert last.startswith(f"Error: Batch {batch_id} had not ended after 0.3 s")
    assert last.endswith(f"; it goes on: wait longer with --timeout, or run `claude-core batch wait {batch_id}`")


def run_on_a_terminal(
    cli: Cli, *args: str, interrupt_at: Optional[str] = None, env: Optional[Dict[str, str]] = None, timeout: float = 60
) -> Tuple[int, str]:
    """Run ``claude-core args`` with a real pseudo-terminal as its stdin, stdout and stderr; with
    ``interrupt_at``, press Ctrl-C (SIGINT) once that text is on the screen."""
    leader, follower = pty.openpty()
    env = {**cli.env, "TERM": "xterm-256color", "COLUMNS": "160", "LINES": "40", **(env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "claude_cli", *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        cwd=cli.home,
        close_fds=True,
    )
    os.close(follower)
    seen = bytearray()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the process has ended
                break
            if not chunk:
                break
            seen += chunk
            if interrupt_at is not None and interrupt_at.encode() in seen:
                process.send_signal(signal.SIGINT)
                interrupt_at = None
        elif process.poll() is not None:
            break
    os.close(leader)
    return process.wait(timeout=5), seen.decode("utf-8", "replace")


def test_wait_draws_a_progress_bar_per_batch_on_a_terminal(cli: Cli, tmp_path: Path) -> None:
    ids = submit(cli, write_requests(tmp_path / "r.jsonl", [request(f"q{i}") for i in range(8)]), "--max-requests", "4")
    status, screen = run_on_a_terminal(cli, "batch", "wait", *ids, "--interval", "0.15", "--max-interval", "0.15")
    assert status == 0, screen
    assert "\x1b[?25l" in screen  # the live display hides the cursor while it draws
    assert "\x1b[38;5;" in screen  # in colour
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)
    for batch_id in ids:
        assert re.search(re.escape(batch_id) + r" ━+╺━+ 2/4 processing 2, succeeded 2 \d:\d\d:\d\d elapsed, ~", text)
        assert re.search(re.escape(batch_id) + r" ━+ 4/4 succeeded 4 ended after \d:\d\d:\d\d", text)
    assert f"{ids[0]}: in_progress" not in text  # the plain status lines are for pipes only


def test_no_color_keeps_the_bar_and_drops_the_colour(cli: Cli, tmp_path: Path) -> None:
    (batch_id,) = submit(cli, write_requests(tmp_path / "r.jsonl", [request("a"), request("b")]))
    status, screen = run_on_a_terminal(cli, "batch", "wait", batch_id, "--interval", "0.05", env={"NO_COLOR": "1"})
    assert status == 0, screen
    assert "━" in screen and "2/2" in screen
    assert not re.search(r"\x1b\[[0-9;]*m", screen)


def test_ctrl_c_stops_waiting_with_status_130_and_the_cursor_back(cli: Cli, tmp_path: Path) -> None:
    (batch_id,) = submit(cli, write_requests(tmp_path / "r.jsonl", [request(f"q{i}") for i in range(20)]))
    status, screen = run_on_a_terminal(cli, "batch", "wait", batch_id, "--interval", "30", interrupt_at="━")
    assert status == 130, screen
    assert screen.rindex("\x1b[?25h") > screen.index("\x1b[?25l")  # the cursor is shown again
    assert screen.rstrip().endswith("Error: interrupted")
    assert "Traceback" not in screen


# -- results --------------------------------------------------------------------------------------


def test_results_of_several_batches_are_merged_to_disk(cli: Cli, tmp_path: Path) -> None:
    requests = [request(f"q{i}", f"question {i}") for i in range(4)] + [request("bad", max_tokens=0)]
    ids = submit(cli, write_requests(tmp_path / "r.jsonl", requests), "--max-requests", "2")
    wait(cli, *ids)
    done = cli("batch", "results", ids[2], ids[0], ids[1], "-o", "out.jsonl")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in (cli.home / "out.jsonl").read_text().splitlines()]
    assert [line["custom_id"] for line in lines] == ["bad", "q0", "q1", "q2", "q3"]
    assert lines[0]["result"]["type"] == "errored"
    assert lines[1]["result"]["type"] == "succeeded"
    assert "question 0" in lines[1]["result"]["message"]["content"][0]["text"]
    assert not [name for name in os.listdir(cli.home) if name.endswith(".part")]
    to_stdout = cli("batch", "results", ids[0])
    assert [json.loads(line)["custom_id"] for line in to_stdout.stdout.splitlines()] == ["q0", "q1"]


def test_results_in_request_order_follow_the_requests_file(cli: Cli, tmp_path: Path) -> None:
    requests = [request(name) for name in ("c", "a", "d", "b", "e")]
    path = write_requests(tmp_path / "r.jsonl", requests)
    ids = submit(cli, path, "--max-requests", "2")
    wait(cli, *ids)
    order = ["c", "a", "d", "b", "e"]
    done = cli("batch", "results", *reversed(ids), "-o", "ordered.jsonl", "--order", "--requests", str(path))
    assert done.returncode == 0, done.stderr
    written = [json.loads(line)["custom_id"] for line in (cli.home / "ordered.jsonl").read_text().splitlines()]
    assert written == order
    partial = cli("batch", "results", ids[0], "-o", "some.jsonl", "--order", "--requests", str(path))
    assert partial.returncode == 0
    assert "3 request(s) of" in partial.stderr and "have no result in these batches: d, b, e" in partial.stderr
    alone = cli("batch", "results", ids[0], "--order")
    assert alone.returncode == 2 and "--order and --requests go together" in alone.stderr


def test_results_of_a_batch_not_ended_is_one_error_line_naming_the_command_and_no_file(
    cli: Cli, tmp_path: Path
) -> None:
    ids = submit(cli, write_requests(tmp_path / "r.jsonl", [request(f"q{i}") for i in range(9)]), "--max-requests", "3")
    ended = ids[0]
    wait(cli, ended)
    done = cli("batch", "results", ended, ids[1], "-o", "out.jsonl")
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == (
        f"Error: batch {ids[1]} has not ended (in_progress): wait for it with `claude-core batch wait {ids[1]}`,"
        " then ask for the results again"
    )
    assert not (cli.home / "out.jsonl").exists()
    assert not [name for name in os.listdir(cli.home) if name.endswith(".part")]
    several = cli("batch", "results", *ids)
    assert several.returncode == 1 and several.stdout == ""  # nothing written before every batch is known to have ended
    assert several.stderr.splitlines()[-1] == (
        f"Error: batches {ids[1]}, {ids[2]} have not ended (in_progress, in_progress): wait for them with"
        f" `claude-core batch wait {ids[1]} {ids[2]}`, then ask for the results again"
    )


def test_an_empty_id_is_a_usage_error_naming_the_argument(cli: Cli) -> None:
    before = len(cli.emu.requests)
    for command in (["batch", "status"], ["batch", "cancel"], ["batch", "results"], ["batch", "wait"]):
        done = cli(*command, "")
        assert done.returncode == 2, (command, done.stderr)
        assert done.stderr.splitlines()[-1].endswith(
            "is empty: give a batch id, as `claude-core batch list` shows them"
        )
        assert "()" not in done.stderr and "ValueError" not in done.stderr
    assert len(cli.emu.requests) == before


def test_results_into_a_folder_that_does_not_exist_is_a_usage_error_and_nothing_is_fetched(
    cli: Cli, tmp_path: Path
) -> None:
    (batch_id,) = submit(cli, write_requests(tmp_path / "r.jsonl", [request("a")]))
    wait(cli, batch_id)
    before = len(cli.emu.requests)
    done = cli("batch", "results", batch_id, "-o", "missing/out.jsonl")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "Error: -o missing/out.jsonl: the folder missing does not exist: create it (mkdir -p missing)"
        " or write elsewhere"
    )
    assert ".part" not in done.stderr and "Usage:" not in done.stderr
    assert len(cli.emu.requests) == before
    (cli.home / "a-file").write_text("")
    inside_a_file = cli("batch", "results", batch_id, "-o", "a-file/out.jsonl")
    assert inside_a_file.returncode == 2
    assert (
        inside_a_file.stderr.splitlines()[-1]
        == "Error: -o a-file/out.jsonl: a-file is not a folder: give a path in a folder"
    )
    (cli.home / "a-folder").mkdir()
    a_folder = cli("batch", "results", batch_id, "-o", "a-folder")
    assert a_folder.returncode == 2
    assert a_folder.stderr.splitlines()[-1] == "Error: -o a-folder is a folder: give the path of a file in it"
    assert len(cli.emu.requests) == before


def test_results_stream_to_disk_without_being_held_in_memory(emu: Emulator, tmp_path: Path) -> None:
    client = claude_core.Anthropic(base_url=emu.base_url, api_key=emu.api_key)

    def peak_rss(copies: int) -> Tuple[int, int]:
        created = client.messages.batches.create(
            requests=[request("copy")],
            extra_headers={"x-emulator-batch-copies": str(copies), "x-emulator-batch-polls": "0"},
        )
        out = tmp_path / f"{copies}.jsonl"
        script = (
            "import resource, sys\n"
            "from claude_cli.main import main\n"
            "status = main(sys.argv[1:])\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
            "sys.exit(status)\n"
        )
        cli = Cli(emu, tmp_path)
        done = subprocess.run(
            [sys.executable, "-c", script, "batch", "results", created.id, "-o", str(out)],
            capture_output=True,
            text=True,
            env=cli.env,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        return int(done.stderr.splitlines()[-1]), out.stat().st_size

    small_rss, _ = peak_rss(2)
    big_rss, big_size = peak_rss(60_000)
    assert big_size > 20_000_000
    assert (big_rss - small_rss) * 1024 < big_size / 4, (small_rss, big_rss, big_size)


# -- cancel ---------------------------------------------------------------------------------------


def test_cancel_ends_a_batch_with_its_unprocessed_requests_canceled(cli: Cli, tmp_path: Path) -> None:
    (batch_id,) = submit(cli, write_requests(tmp_path / "r.jsonl", [request(f"q{i}") for i in range(6)]))
    assert cli("batch", "status", batch_id).returncode == 0  # one request finishes
    done = cli("batch", "cancel", batch_id)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{batch_id}: canceling\n"
    ended = wait(cli, batch_id)
    assert ended.stdout.startswith(
        f"{batch_id}: ended 6/6 (processing 0, succeeded 1, errored 0, canceled 5, expired 0)"
    )
    again = cli("batch", "cancel", batch_id)
    assert again.returncode == 1 and "has already ended" in again.stderr.splitlines()[-1]


# -- the decisions, without I/O -------------------------------------------------------------------


def batch_at(processing: int, succeeded: int, status: str = "in_progress", age: float = 60) -> MessageBatch:
    now = datetime.datetime(2026, 1, 1, 12, 0, tzinfo=datetime.timezone.utc)
    created = now - datetime.timedelta(seconds=age)
    return MessageBatch.model_validate(
        {
            "id": "msgbatch_1",
            "type": "message_batch",
            "processing_status": status,
            "request_counts": {
                "processing": processing,
                "succeeded": succeeded,
                "errored": 0,
                "canceled": 0,
                "expired": 0,
            },
            "created_at": created,
            "expires_at": created + datetime.timedelta(hours=24),
            "ended_at": now if status == "ended" else None,
        }
    )


NOW = datetime.datetime(2026, 1, 1, 12, 0, tzinfo=datetime.timezone.utc)


def test_the_time_left_is_estimated_from_the_pace_so_far() -> None:
    assert remaining(batch_at(30, 10), NOW) == datetime.timedelta(seconds=180)
    assert remaining(batch_at(40, 0), NOW) is None  # nothing finished yet: unknown
    assert remaining(batch_at(0, 40, "ended"), NOW) == datetime.timedelta(0)
    assert times(batch_at(30, 10), NOW) == "0:01:00 elapsed, ~0:03:00 left"
    assert times(batch_at(40, 0), NOW) == "0:01:00 elapsed, ~? left"
    assert times(batch_at(0, 40, "ended", age=3725), NOW) == "ended after 1:02:05"
    assert status_line(batch_at(30, 10), NOW) == (
        "msgbatch_1: in_progress 10/40 (processing 30, succeeded 10, errored 0, canceled 0, expired 0); "
        "0:01:00 elapsed, ~0:03:00 left"
    )


def test_results_are_put_in_request_order_and_the_rest_kept() -> None:
    places: Dict[str, List[Tuple[int, int]]] = {"b": [(0, 5), (12, 5)], "x": [(5, 3)], "a": [(8, 4)]}
    ordered, missing = in_request_order(places, ["a", "c", "b"])
    assert ordered == [(8, 4), (0, 5), (12, 5), (5, 3)]  # both results of a resubmitted request kept
    assert missing == ["c"]
    assert in_request_order({}, []) == ([], [])


def test_results_in_request_order_keep_every_batchs_result_of_a_resubmitted_request(cli: Cli, tmp_path: Path) -> None:
    path = write_requests(tmp_path / "r.jsonl", [request(name) for name in ("a", "b")])
    first, second = submit(cli, path)[0], submit(cli, path)[0]
    wait(cli, first, second)
    done = cli("batch", "results", first, second, "--order", "--requests", str(path))
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["custom_id"] for line in done.stdout.splitlines()] == ["a", "a", "b", "b"]
    assert "2 request(s) have a result in more than one batch, all written: a, b" in done.stderr


# -- submit: params checked, stdin ------------------------------------------------------------------


def test_a_line_whose_params_lack_a_required_key_is_refused_naming_line_and_key(cli: Cli, tmp_path: Path) -> None:
    lines = [request("a"), {"custom_id": "b", "params": {}}]
    before = len(cli.emu.requests)
    done = cli("batch", "submit", str(write_requests(tmp_path / "r.jsonl", lines)))
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1].endswith(
        "line 2: params lacks 'model', 'max_tokens' and 'messages', which messages.create() requires"
    )
    assert created_bodies(cli.emu, before) == []


def test_submit_dash_reads_the_requests_from_stdin(cli: Cli, tmp_path: Path) -> None:
    text = "".join(json.dumps(item) + "\n" for item in [request("a"), request("b"), request("c")])
    before = len(cli.emu.requests)
    done = cli("batch", "submit", "-", "--max-requests", "2", input=text)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.split()) == 2
    assert "stdin: 3 requests are over a batch's limits" in done.stderr
    sent = [[item["custom_id"] for item in body["requests"]] for body in created_bodies(cli.emu, before)]
    assert sent == [["a", "b"], ["c"]]
    bad = cli("batch", "submit", "-", input=json.dumps(request("a")) + "\n{nope\n")
    assert bad.returncode == 2 and bad.stderr.splitlines()[-1].split("stdin: ")[-1].startswith("line 2 is not JSON")
    empty = cli("batch", "submit", "-", input="")
    assert empty.returncode == 2 and "stdin holds no request" in empty.stderr
    assert len(created_bodies(cli.emu, before)) == 2


# -- results: --force, -o through links and into descriptors ----------------------------------------


def ended_batch(cli: Cli, tmp_path: Path) -> str:
    (batch_id,) = submit(cli, write_requests(tmp_path / "r.jsonl", [request("a"), request("b")]))
    wait(cli, batch_id)
    return batch_id


def test_results_refuse_to_overwrite_a_file_without_force(cli: Cli, tmp_path: Path) -> None:
    batch_id = ended_batch(cli, tmp_path)
    (cli.home / "results.jsonl").write_text("precious\n")
    before = len(cli.emu.requests)
    refused = cli("batch", "results", batch_id, "-o", "results.jsonl")
    assert refused.returncode == 2
    assert refused.stderr.splitlines()[-1] == (
        "Error: results.jsonl exists: pass --force to overwrite it, or -o another path"
    )
    assert (cli.home / "results.jsonl").read_text() == "precious\n"
    assert len(cli.emu.requests) == before
    forced = cli("batch", "results", batch_id, "-o", "results.jsonl", "--force")
    assert forced.returncode == 0, forced.stderr
    assert [json.loads(line)["custom_id"] for line in (cli.home / "results.jsonl").read_text().splitlines()] == [
        "a",
        "b",
    ]


def test_results_through_a_symlink_and_into_a_descriptor_write_into_the_target(cli: Cli, tmp_path: Path) -> None:
    batch_id = ended_batch(cli, tmp_path)
    (cli.home / "real").mkdir()
    (cli.home / "link.jsonl").symlink_to(cli.home / "real" / "results.jsonl")
    linked = cli("batch", "results", batch_id, "-o", "link.jsonl")
    assert linked.returncode == 0, linked.stderr
    assert (cli.home / "link.jsonl").is_symlink()
    assert len((cli.home / "real" / "results.jsonl").read_text().splitlines()) == 2
    command = [sys.executable, "-m", "claude_cli", "batch", "results", batch_id, "-o"]
    read_end, write_end = os.pipe()  # `-o >(gzip > results.jsonl.gz)`: /dev/fd/N, a pipe, no --force needed
    with subprocess.Popen(
        [*command, f"/dev/fd/{write_end}"], pass_fds=(write_end,), env=cli.env, cwd=cli.home, stderr=subprocess.PIPE
    ) as run:
        os.close(write_end)
        with os.fdopen(read_end, "rb") as pipe:
            received = pipe.read().decode()
        assert run.wait(timeout=60) == 0, run.stderr.read() if run.stderr else ""
    assert [json.loads(line)["custom_id"] for line in received.splitlines()] == ["a", "b"]
    to_stdout = subprocess.run(
        [*command, "/dev/stdout"], capture_output=True, text=True, env=cli.env, cwd=cli.home, timeout=60
    )
    assert to_stdout.returncode == 0, to_stdout.stderr
    assert [json.loads(line)["custom_id"] for line in to_stdout.stdout.splitlines()] == ["a", "b"]
    assert Path("/dev/stdout").is_symlink()


def test_the_batch_table_has_no_trailing_spaces_when_piped(cli: Cli, tmp_path: Path) -> None:
    submit(cli, write_requests(tmp_path / "r.jsonl", [request("a")]))
    ended_batch(cli, tmp_path)
    listed = cli("batch", "list")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert len(lines) >= 3
    assert [line for line in lines if line != line.rstrip()] == []
