"""Watching calls: what the ``claude_call_observer`` hook's observers are told.

A plugin's ``claude_call_observer(call)`` runs when a call starts and may return a
:class:`CallObserver`. The observer then hears about every attempt (:meth:`CallObserver.attempt`)
and, exactly once, about the end of the call (:meth:`CallObserver.end`), whether it
returned, failed, or was a stream that ended or was closed early. Sync and async calls,
streamed or not, are observed alike. Observers run on the caller's thread (or event
loop) and must not block.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any, ContextManager, Iterator, Optional, Sequence

from ._records import record
from .errors import AnthropicError, PluginError

if TYPE_CHECKING:
    import httpx

    from ._options import ClientOptions
    from .providers import Provider
    from .retries import RetryDecision
    from .types import Usage

__all__ = [
    "CallInfo",
    "AttemptRecord",
    "CallResult",
    "CallObserver",
    "NotThisClient",
    "NOT_THIS_CLIENT",
    "tell",
    "watches_events",
    "scope",
]


@record
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


@record
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


@record
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

    So is a tool runner's whole run, of endpoint ``"tools.run"``: it starts at the runner's
    first turn (``CallInfo.model`` the runner's model, ``body`` the ``tools`` names and
    ``max_iterations``) and ends when the run does, or when the caller stops iterating
    (``completed`` False); ``value`` is the last message, ``attempts`` the turns made (no
    usage: each turn's call has its own). Its turns and tool calls start inside its
    :meth:`CallObserver.active` context, each tool's function inside that tool call's.
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

    def active(self) -> ContextManager[None]:
        """A context the call's own work runs in: its attempts (the requests sent and the
        waits between them, not the reading of a stream's body afterwards), a tool's function,
        a tool runner's turns and tool calls. Entered and left on the same thread or task, once
        per stretch of work. A tracer makes the call's span the current one here, so that
        spans of the HTTP client, of a tool's own code or of a runner's turns nest under it.
        Only observers that override this method are entered; the default does nothing.
        """
        return _NOTHING

    def end(self, result: CallResult) -> None:
        """The call ended; called exactly once."""


_NOTHING: ContextManager[None] = contextlib.nullcontext()


class NotThisClient:
    """The type of :data:`NOT_THIS_CLIENT`."""

    def __repr__(self) -> str:
        return "claude_core.observers.NOT_THIS_CLIENT"


NOT_THIS_CLIENT = NotThisClient()
"""What ``claude_call_observer`` returns to watch none of a client's calls: the client stops
asking that implementation, and a client nobody watches any more does no observer work per
call. For a decision made once per client (a tracer finding no tracer provider configured)."""


def watches_events(observer: CallObserver) -> bool:
    """Whether ``observer`` overrides :meth:`CallObserver.event`."""
    return getattr(type(observer), "event", CallObserver.event) is not CallObserver.event


def scope(observers: Sequence[CallObserver]) -> ContextManager[None]:
    """The :meth:`CallObserver.active` contexts of ``observers`` that have one, entered in order
    (a shared context that does nothing when none has)."""
    base = CallObserver.active  # an observer need not subclass CallObserver, nor have this method
    active = [observer for observer in observers if getattr(type(observer), "active", base) is not base]
    return _entered(active) if active else _NOTHING


@contextlib.contextmanager
def _entered(observers: Sequence[CallObserver]) -> Iterator[None]:
    with contextlib.ExitStack() as stack:
        for observer in observers:
            try:
                stack.enter_context(observer.active())
            except AnthropicError:
                raise
            except Exception as exc:
                raise PluginError(type(observer).__name__, "CallObserver.active", exc) from exc
        yield


def tell(observers: Sequence[CallObserver], method: str, *news: Any) -> None:
    """Call ``method`` of every observer; a failure is raised naming the observer."""
    for observer in observers:
        try:
            getattr(observer, method)(*news)
        except AnthropicError:
            raise
        except Exception as exc:
            raise PluginError(type(observer).__name__, f"CallObserver.{method}", exc) from exc
