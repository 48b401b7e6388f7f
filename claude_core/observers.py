"""Watching calls: what the ``claude_call_observer`` hook's observers are told.

A plugin's ``claude_call_observer(call)`` runs when a call starts and may return a
:class:`CallObserver`. The observer then hears about every attempt (:meth:`CallObserver.attempt`)
and, exactly once, about the end of the call (:meth:`CallObserver.end`), whether it
returned, failed, or was a stream that ended or was closed early. Sync and async calls,
streamed or not, are observed alike. Observers run on the caller's thread (or event
loop) and must not block.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Optional, Sequence

from .errors import AnthropicError, PluginError

if TYPE_CHECKING:
    import httpx

    from ._options import ClientOptions
    from .providers import Provider
    from .retries import RetryDecision
    from .types import Usage

__all__ = ["CallInfo", "AttemptRecord", "CallResult", "CallObserver", "tell", "watches_events"]


@dataclasses.dataclass(frozen=True)
class CallInfo:
    """A call that is starting.

    ``endpoint`` names the operation (``"messages.create"``, ``"messages.count_tokens"``,
    ``"models.list"``...); ``provider`` is the client's deployment; ``model`` is the
    request's model, if it has one; ``options`` are the client's (a plugin's settings can
    live in ``options.extra``); ``body`` is the JSON body as the caller built it (read it,
    never change it).
    """

    endpoint: str
    provider: Provider
    model: Optional[str]
    stream: bool
    is_async: bool
    options: ClientOptions
    body: Optional[Any] = None


@dataclasses.dataclass(frozen=True)
class AttemptRecord:
    """One finished attempt: exactly one of ``response`` and ``error`` is set.

    ``number`` counts the requests sent from 0 (retries, and the repeat after a
    credentials refresh for a 401). ``request`` is the very object the client's transport
    was handed, so a transport wrapper (:func:`~claude_core.hookspecs.claude_wrap_transport`)
    can leave a note for the call's observer in ``request.extensions``. ``provider`` is the deployment the attempt went
    to (it differs from the client's when a retry rerouted the call). ``decision`` is
    the retry policy's answer after a failed attempt, None after a successful one. A
    stream that failed before any content reached the caller is recorded as a second
    record for the same attempt number, with the stream's ``error``.
    """

    number: int
    provider: Provider
    request: httpx.Request
    response: Optional[httpx.Response] = None
    error: Optional[BaseException] = None
    decision: Optional[RetryDecision] = None


@dataclasses.dataclass(frozen=True)
class CallResult:
    """How a call ended.

    ``value`` is what the call returned (a Message, a token count, a page; None for raw
    responses and for streams that did not finish); ``error`` the exception it raised.
    ``completed`` is False for a stream the caller closed before its end. ``usage`` and
    ``stop_reason`` come from the message when there is one (also for a stream closed
    early whose body had all arrived); ``attempts`` counts the requests sent;
    ``provider`` is the deployment that answered last; ``duration`` is the seconds from the
    call's start (when the observers were asked for) to its end.

    A tool the tool runner ran is a call too, of endpoint ``"tools.call"``: its
    ``CallInfo.body`` holds the ``tool_use`` block's ``id``, ``name`` and ``input``, and
    the result's ``value`` is the ``tool_result`` content or ``error`` the tool's exception
    (``attempts`` 0, no usage).
    """

    endpoint: str
    provider: Provider
    attempts: int
    value: Any = None
    error: Optional[BaseException] = None
    response: Optional[httpx.Response] = None
    request_id: Optional[str] = None
    usage: Optional[Usage] = None
    stop_reason: Optional[str] = None
    completed: bool = True
    duration: Optional[float] = None


class CallObserver:
    """Base class of observers; override what you need. Every method does nothing here."""

    def attempt(self, record: AttemptRecord) -> None:
        """An attempt finished (a response arrived, or the send failed)."""

    def event(self, event: Any, snapshot: Any) -> None:
        """An event of the call's streamed Messages response is handed to the caller.

        ``snapshot`` is the :class:`~claude_core.streaming.accumulator.MessageAccumulator`
        of the message so far, this event included. Only observers that override this
        method are told, so a call whose observers do not pays nothing per event; unlike
        the process-wide :func:`~claude_core.hookspecs.claude_stream_event` hook, it
        reaches only the calls this observer watches (time to first chunk, per-call
        stream metrics).
        """

    def end(self, result: CallResult) -> None:
        """The call ended; called exactly once."""


def watches_events(observer: CallObserver) -> bool:
    """Whether ``observer`` overrides :meth:`CallObserver.event`."""
    return type(observer).event is not CallObserver.event


def tell(observers: Sequence[CallObserver], method: str, *news: Any) -> None:
    """Call ``method`` of every observer; a failure is raised naming the observer."""
    for observer in observers:
        try:
            getattr(observer, method)(*news)
        except AnthropicError:
            raise
        except Exception as exc:
            raise PluginError(type(observer).__name__, f"CallObserver.{method}", exc) from exc
