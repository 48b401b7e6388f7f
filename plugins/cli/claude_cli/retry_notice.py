"""On a terminal, a request waiting to be retried says so on stderr (a rate-limited request may
wait a minute): an SDK plugin of the run's client, loaded only then."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Optional, Union

from claude_core import hookimpl
from claude_core.observers import CallObserver

if TYPE_CHECKING:
    from claude_core.observers import AttemptRecord, CallInfo, NotThisClient

__all__ = ["retry_line", "RetryNotice"]


def retry_line(status: Optional[int], error: Optional[BaseException], delay: float) -> str:
    """What a terminal is told while a request waits ``delay`` seconds to be sent again, after an
    answer of ``status`` or the ``error`` of a request that got no answer."""
    if status == 429:
        why = "rate limited (429)"
    elif status == 529:
        why = "the API is overloaded (529)"
    elif status is not None:
        why = f"the API answered {status}"
    else:
        why = f"could not reach the API ({type(error).__name__})"
    wait = f"{delay:.1f}" if delay < 10 else f"{delay:.0f}"
    return f"{why}: retrying in {wait} s; Ctrl-C stops"


class _Notice(CallObserver):
    def attempt(self, record: AttemptRecord) -> None:
        decision = record.decision
        if decision is not None and decision.retry and decision.delay > 0:  # not a 401's refresh, sent at once
            status = record.response.status_code if record.response is not None else None
            sys.stderr.write(retry_line(status, record.error, decision.delay) + "\n")
            sys.stderr.flush()


class RetryNotice:
    """An SDK plugin of the run's client, when stderr is a terminal: each retry's wait said on
    stderr as it starts (a rate-limited request may wait a minute)."""

    @hookimpl
    def claude_call_observer(self, call: CallInfo) -> Optional[Union[CallObserver, NotThisClient]]:
        return _Notice()
