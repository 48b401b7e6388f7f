"""How far batches have got: a live progress bar per batch on a terminal, one status line per change when piped.

What is shown is decided by the I/O-free functions at the top (counts by outcome, elapsed
time since the batch was created, an estimate of the time left from the pace so far); the
:class:`BatchProgress` display only draws them, on stderr.
"""

from __future__ import annotations

import datetime
from types import TracebackType
from typing import Dict, Optional, Type

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TaskID, TextColumn
from rich.text import Text

from claude_core.types.messages import MessageBatch

from .output import utc_now

__all__ = [
    "OUTCOMES",
    "counts",
    "counts_text",
    "total",
    "elapsed",
    "remaining",
    "times",
    "status_line",
    "BatchProgress",
]

#: The outcomes a batch's requests are counted by, in the order they are shown.
OUTCOMES = ("processing", "succeeded", "errored", "canceled", "expired")


def counts(batch: MessageBatch) -> Dict[str, int]:
    """The batch's requests by outcome."""
    return {outcome: int(getattr(batch.request_counts, outcome)) for outcome in OUTCOMES}


def total(batch: MessageBatch) -> int:
    return sum(counts(batch).values())


def elapsed(batch: MessageBatch, now: datetime.datetime) -> datetime.timedelta:
    """Time since the batch was created, until it ended (or ``now``)."""
    end = batch.ended_at or now
    return max(end - batch.created_at, datetime.timedelta(0))


def remaining(batch: MessageBatch, now: datetime.datetime) -> Optional[datetime.timedelta]:
    """The time left at the pace so far: zero once ended, None before any request finished."""
    if batch.processing_status == "ended":
        return datetime.timedelta(0)
    left = batch.request_counts.processing
    finished = total(batch) - left
    if finished <= 0:
        return None
    return elapsed(batch, now) * left / finished


def _clock(span: Optional[datetime.timedelta]) -> str:
    if span is None:
        return "?"
    seconds = int(span.total_seconds())
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def times(batch: MessageBatch, now: datetime.datetime) -> str:
    """``0:01:05 elapsed, ~0:00:12 left`` (``ended after 0:01:17`` once ended; ``?`` when unknown)."""
    if batch.processing_status == "ended":
        return f"ended after {_clock(elapsed(batch, now))}"
    return f"{_clock(elapsed(batch, now))} elapsed, ~{_clock(remaining(batch, now))} left"


def counts_text(batch: MessageBatch, every: bool = True) -> str:
    """``processing 7, succeeded 3, ...``: every outcome, or (``every=False``) those with requests."""
    return ", ".join(f"{outcome} {count}" for outcome, count in counts(batch).items() if every or count)


def status_line(batch: MessageBatch, now: datetime.datetime) -> str:
    """One line for a batch's state, as ``batch wait`` prints it when not on a terminal."""
    done = total(batch) - batch.request_counts.processing
    return f"{batch.id}: {batch.processing_status} {done}/{total(batch)} ({counts_text(batch)}); {times(batch, now)}"


class BatchProgress:
    """Shows each batch as :meth:`update` is told of it: a rich progress bar per batch when
    ``console`` is a terminal, else a status line on stderr whenever a batch's state changed."""

    def __init__(self, console: Console) -> None:
        self.live = console.is_terminal
        self._console = console
        self._progress: Optional[Progress] = None
        self._tasks: Dict[str, TaskID] = {}
        self._shown: Dict[str, str] = {}

    def __enter__(self) -> BatchProgress:
        if self.live:
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(bar_width=24),
                MofNCompleteColumn(),
                TextColumn("{task.fields[counts]}"),
                _TimesColumn(),
                console=self._console,
                refresh_per_second=4,
            )
            self._progress.start()
        return self

    def __exit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def update(self, batch: MessageBatch) -> None:
        if self._progress is None:
            line = status_line(batch, utc_now())
            state = f"{batch.processing_status} {counts_text(batch)}"
            if self._shown.get(batch.id) != state:
                self._shown[batch.id] = state
                click.echo(line, err=True)
            return
        done = total(batch) - batch.request_counts.processing
        shown = counts_text(batch, every=False)
        task = self._tasks.get(batch.id)
        if task is None:
            self._tasks[batch.id] = self._progress.add_task(
                batch.id, total=total(batch), completed=done, counts=shown, batch=batch
            )
        else:
            self._progress.update(task, total=total(batch), completed=done, counts=shown, batch=batch)
        self._progress.refresh()  # every state seen is drawn, however quick the polls


class _TimesColumn(ProgressColumn):
    """Elapsed and estimated remaining time of the task's batch, redrawn at every refresh."""

    def render(self, task: Task) -> Text:
        return Text(times(task.fields["batch"], utc_now()), style="progress.elapsed")
