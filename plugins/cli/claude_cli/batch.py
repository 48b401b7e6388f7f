"""``claude-core batch``: submit a requests file as Message Batches, follow them, fetch their results.

The commands are thin: the requests file is checked and split by :mod:`.batch_split`, the
progress is drawn by :mod:`.batch_progress`, and when to poll each batch is the SDK's
:class:`~claude_core.resources.batches.BatchWaiter`.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sys
import tempfile
import time
from typing import IO, Any, Dict, Iterable, Iterator, List, Optional, Tuple

import click

import claude_core

from .batch_split import (
    MAX_BYTES,
    MAX_REQUESTS,
    BatchRequest,
    RequestsFileError,
    Span,
    Splitter,
    read_requests,
    split,
    unsent_report,
)
from .errors import no_empty_id
from .hookspecs import hookimpl
from .output import check_output, json_flag, print_table, table, utc_now, utc_time, whole_file
from .state import State

__all__ = ["claude_register_commands", "batch", "in_request_order"]

#: An id argument, refused when empty.
_ID = no_empty_id("batch", "claude-core batch list")


#: Where a result line is in the spool file ``--order`` writes first: (offset, length).
Place = Tuple[int, int]


def _lines(path: str) -> Iterator[bytes]:
    with open(path, "rb") as lines:
        yield from lines


def in_request_order(places: Dict[str, List[Place]], custom_ids: Iterable[str]) -> Tuple[List[Place], List[str]]:
    """Where each result is, in the order of ``custom_ids`` (then those no request names, as they came),
    and the custom_ids that have no result. ``places`` maps a custom_id to its lines in the spool:
    more than one when merged batches answered the same request (a resubmission), all kept."""
    ordered: List[Place] = []
    missing: List[str] = []
    used = set()
    for custom_id in custom_ids:
        found = places.get(custom_id)
        if found is None:
            missing.append(custom_id)
        elif custom_id not in used:
            ordered.extend(found)
            used.add(custom_id)
    for custom_id, found in places.items():
        if custom_id not in used:
            ordered.extend(found)
    return ordered, missing


def _write_results(
    client: claude_core.Anthropic, batch_ids: Iterable[str], out: IO[bytes]
) -> Iterator[Tuple[str, int]]:
    """Write every result of the batches to ``out`` as it arrives; yield (custom_id, bytes written) each."""
    for batch_id in batch_ids:
        with client.messages.batches.results(batch_id) as entries:
            for entry in entries:
                line = (entry.to_json(indent=None) + "\n").encode("utf-8")
                out.write(line)
                yield entry.custom_id, len(line)


def _table(batches: Iterable[Any]) -> Any:
    from .batch_progress import counts_text, total

    rows = (
        (item.id, item.processing_status, utc_time(item.created_at), str(total(item)), counts_text(item, every=False))
        for item in batches
    )
    return table(("id", "status", "created (UTC)", "requests", "by outcome"), rows)


def _not_ended(client: claude_core.Anthropic, batch_ids: List[str]) -> Optional[str]:
    """Why the results of ``batch_ids`` cannot be fetched yet (some have not ended), or None."""
    waiting = [found for found in map(client.messages.batches.retrieve, batch_ids) if not found.results_url]
    if not waiting:
        return None
    named = ", ".join(found.id for found in waiting)
    states = ", ".join(found.processing_status for found in waiting)
    what, them = (f"batch {named} has", "it") if len(waiting) == 1 else (f"batches {named} have", "them")
    command = "claude-core batch wait " + " ".join(found.id for found in waiting)
    return f"{what} not ended ({states}): wait for {them} with `{command}`, then ask for the results again"


@click.group(name="batch")
def batch() -> None:
    """Message Batches: many requests processed asynchronously, at half the price."""


@contextlib.contextmanager
def _requests_source(requests: str) -> Iterator[IO[bytes]]:
    """The requests file opened to be read twice (``-``: stdin, copied to a temporary file first)."""
    if requests != "-":
        with open(requests, "rb") as source:
            yield source
        return
    with tempfile.TemporaryFile() as spool:
        shutil.copyfileobj(sys.stdin.buffer, spool)
        spool.seek(0)
        yield spool


@batch.command()
@click.argument("requests", type=click.Path(exists=True, dir_okay=False, readable=True, allow_dash=True))
@click.option("--max-requests", type=click.IntRange(min=1), default=MAX_REQUESTS, hidden=True)
@click.option("--max-bytes", type=click.IntRange(min=16), default=MAX_BYTES, hidden=True)
@click.pass_obj
def submit(state: State, requests: str, max_requests: int, max_bytes: int) -> None:
    """Send REQUESTS (JSON Lines, one {"custom_id": ..., "params": {...}} a line; -: stdin) as batches;
    print their ids.

    A file over the API's limits (100,000 requests or 256 MB a batch) is sent as several
    batches, in order.
    """
    name = "stdin" if requests == "-" else requests
    with _requests_source(requests) as source:
        try:
            counting = Splitter(max_requests, max_bytes)
            count = 0
            for request in read_requests(source):  # a first pass checks every line before any is sent
                counting.starts_batch(request)
                count += 1
            if not count:
                raise click.BadParameter(f"{name} holds no request", param_hint="REQUESTS")
            if counting.batches > 1:
                click.echo(
                    f"{name}: {count:,} requests are over a batch's limits ({max_requests:,} requests or "
                    f"{max_bytes:,} bytes): sending them as {counting.batches} batches",
                    err=True,
                )
            source.seek(0)
            groups = split(read_requests(source), Splitter(max_requests, max_bytes))
            _create(state.client(), requests, groups, counting.batches)
        except RequestsFileError as exc:
            raise click.BadParameter(f"{name}: {exc}", param_hint="REQUESTS") from exc


def _create(client: claude_core.Anthropic, path: str, groups: Iterator[List[BatchRequest]], batches: int) -> None:
    """Create a batch of each group in turn, printing its id. When one fails, say on stderr which
    lines are in the batches created, and which are in none, so that a new run sends only those."""
    created: List[Tuple[str, Span]] = []
    for group in groups:
        items: List[Any] = [request.request for request in group]  # checked dicts: the API's Request shape
        try:
            batch_id = client.messages.batches.create(requests=items).id
        except BaseException as exc:
            lost = isinstance(exc, (claude_core.APIConnectionError, KeyboardInterrupt))  # no answer: it may exist
            for line in unsent_report(path, batches, created, Span.of(group), lost, Span.over(groups)):
                click.echo(line, err=True)
            raise
        click.echo(batch_id)
        created.append((batch_id, Span.of(group)))


@batch.command(name="list")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most this many batches.")
@json_flag("Print JSON instead of a table.")
@click.pass_obj
def list_batches(state: State, limit: int, as_json: bool) -> None:
    """The batches, newest first."""
    import itertools

    found = list(itertools.islice(state.client().messages.batches.list(limit=min(limit, 1000)), limit))
    if as_json:
        click.echo(json.dumps([item.to_dict(mode="json") for item in found], indent=2))
        return
    print_table(_table(found))


@batch.command()
@click.argument("batch_id", callback=_ID)
@json_flag("Print the batch as JSON.")
@click.pass_obj
def status(state: State, batch_id: str, as_json: bool) -> None:
    """The state of batch BATCH_ID."""
    found = state.client().messages.batches.retrieve(batch_id)
    if as_json:
        click.echo(found.to_json())
        return
    from .batch_progress import status_line

    click.echo(status_line(found, utc_now()))
    if found.results_url:  # a hint for the reader: stdout keeps the one status line
        click.echo(f"results: claude-core batch results {found.id} -o results.jsonl", err=True)


@batch.command()
@click.argument("batch_ids", nargs=-1, required=True, callback=_ID)
@click.option(
    "--interval",
    type=click.FloatRange(min=0, min_open=True),
    default=2.0,
    show_default=True,
    help="Seconds before the first poll of each batch; the wait grows by half each poll.",
)
@click.option(
    "--max-interval",
    type=click.FloatRange(min=0, min_open=True),
    default=60.0,
    show_default=True,
    help="Seconds between polls at most.",
)
@click.option("--timeout", type=click.FloatRange(min=0), default=None, help="Give up (exit 1) after this many seconds.")
@click.pass_obj
def wait(
    state: State, batch_ids: Tuple[str, ...], interval: float, max_interval: float, timeout: Optional[float]
) -> None:
    """Poll BATCH_IDS until every one has ended, with a progress bar per batch on a terminal."""
    from claude_core.resources.batches import BatchWaiter, BatchWaitTimeout

    from .batch_progress import BatchProgress, status_line
    from .output import stderr

    client = state.client()
    ids = list(dict.fromkeys(batch_ids))
    waiters = {batch_id: BatchWaiter(interval, max(interval, max_interval), 1.5, timeout) for batch_id in ids}
    due = {batch_id: time.monotonic() for batch_id in ids}
    ended = {}
    with BatchProgress(stderr()) as progress:
        while due:
            batch_id = min(due, key=due.__getitem__)
            time.sleep(max(0.0, due[batch_id] - time.monotonic()))
            found = client.messages.batches.retrieve(batch_id)
            progress.update(found)
            try:
                delay = waiters[batch_id].delay(found)
            except BatchWaitTimeout as exc:  # the SDK's message names no fix a shell can use
                again = "claude-core batch wait " + " ".join(due)
                raise click.ClickException(f"{exc}; it goes on: wait longer with --timeout, or run `{again}`") from exc
            if delay is None:
                ended[batch_id] = found
                del due[batch_id]
            else:
                due[batch_id] = time.monotonic() + delay
    for batch_id in ids:
        click.echo(status_line(ended[batch_id], utc_now()))


@batch.command()
@click.argument("batch_ids", nargs=-1, required=True, callback=_ID)
@click.option("-o", "--output", default="-", show_default=True, help="The JSON Lines file to write (-: stdout).")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.option("--order", is_flag=True, help="Write the results in the order of the requests in --requests.")
@click.option(
    "--requests",
    "requests_file",
    type=click.Path(exists=True, dir_okay=False),
    help="The requests file the batches were submitted from (for --order).",
)
@click.pass_obj
def results(
    state: State, batch_ids: Tuple[str, ...], output: str, force: bool, order: bool, requests_file: Optional[str]
) -> None:
    """Write the results of ended batches BATCH_IDS, merged, one JSON line per request, as they arrive."""
    if order != (requests_file is not None):
        raise click.UsageError("--order and --requests go together: --order --requests requests.jsonl")
    check_output(output, force)
    client = state.client()
    ids = list(dict.fromkeys(batch_ids))
    waiting = _not_ended(client, ids)  # before anything is written: all the results, or none
    if waiting:
        raise click.ClickException(waiting)
    if requests_file is None:
        with whole_file(output) as out:
            for _ in _write_results(client, ids, out):
                pass
        return
    try:
        wanted = [request.custom_id for request in read_requests(_lines(requests_file))]
    except RequestsFileError as exc:
        raise click.BadParameter(f"{requests_file}: {exc}", param_hint="--requests") from exc
    with whole_file(output) as out, tempfile.TemporaryFile() as spool:
        places: Dict[str, List[Place]] = {}
        offset = 0
        for custom_id, length in _write_results(client, ids, spool):
            places.setdefault(custom_id, []).append((offset, length))
            offset += length
        ordered, missing = in_request_order(places, wanted)
        repeated = [custom_id for custom_id, found in places.items() if len(found) > 1]
        for start, length in ordered:
            spool.seek(start)
            out.write(spool.read(length))
    if missing:
        shown = ", ".join(missing[:5]) + (", ..." if len(missing) > 5 else "")
        click.echo(f"{len(missing)} request(s) of {requests_file} have no result in these batches: {shown}", err=True)
    if repeated:
        shown = ", ".join(repeated[:5]) + (", ..." if len(repeated) > 5 else "")
        click.echo(f"{len(repeated)} request(s) have a result in more than one batch, all written: {shown}", err=True)


@batch.command()
@click.argument("batch_ids", nargs=-1, required=True, callback=_ID)
@click.pass_obj
def cancel(state: State, batch_ids: Tuple[str, ...]) -> None:
    """Ask to cancel BATCH_IDS: each goes canceling, then ends with its unprocessed requests canceled."""
    client = state.client()
    for batch_id in dict.fromkeys(batch_ids):
        found = client.messages.batches.cancel(batch_id)
        click.echo(f"{found.id}: {found.processing_status}")


@hookimpl
def claude_register_commands(cli: click.Group) -> None:
    cli.add_command(batch)
