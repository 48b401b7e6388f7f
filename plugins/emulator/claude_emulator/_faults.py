"""Queued faults: what ``EmulatorApp.enqueue`` stores, and how a first-party reply takes one on.

A fault either replaces the reply (a ``status``, ``json=`` or ``body=``), or leaves it to the
endpoint and only adds ``headers``, a ``delay`` or a ``drop``; its :class:`StreamScript`
scripts the reply if it streams. The Bedrock routes answer a replacing fault in Bedrock's
shape instead (see :mod:`._cloud_routes`).
"""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, Optional, Tuple

from ._stream import StreamScript
from ._wire import MISSING, APIErrorReply, Reply, dumps, error_body

__all__ = ["Fault", "NO_SCRIPT", "with_fault", "fault_reply"]

#: The script of a reply without a queued fault: nothing scripted.
NO_SCRIPT = StreamScript()

_FAULT_MESSAGES: Dict[int, str] = {
    429: "Number of request tokens has exceeded your per-minute rate limit",
    500: "Internal server error",
    529: "Overloaded",
}


@dataclasses.dataclass(frozen=True)
class Fault:
    """One queued fault, served to the next request whatever its endpoint."""

    status: Optional[int]
    headers: Tuple[Tuple[str, str], ...]
    json: Any
    body: Optional[bytes]
    delay: float
    drop: bool
    script: StreamScript
    sse: Optional[bytes]

    @property
    def replaces_reply(self) -> bool:
        return self.status is not None or self.json is not MISSING or self.body is not None


def with_fault(reply: Reply, fault: Fault) -> Reply:
    """``reply`` with the fault's headers (replacing any of the same name), delay and drop."""
    names = {name.lower() for name, _ in fault.headers}
    reply.headers = [(name, value) for name, value in reply.headers if name.lower() not in names]
    reply.headers.extend(fault.headers)
    reply.delay, reply.drop = fault.delay, fault.drop
    return reply


def fault_reply(fault: Fault, request_id: str) -> Reply:
    """The first-party reply a replacing fault stands for: its body, else the API's error body for its status."""
    status = fault.status if fault.status is not None else 200
    if fault.body is not None:
        content = fault.body
    elif fault.json is not MISSING:
        content = dumps(fault.json)
    elif status >= 400:
        exc = APIErrorReply(status, _FAULT_MESSAGES.get(status, f"Emulated error {status}"))
        content = dumps(error_body(exc.error_type, exc.message, request_id))
    else:
        content = b"{}"
    headers = [("content-type", "application/json"), ("request-id", request_id)]
    names = {name.lower() for name, _ in fault.headers}
    headers = [(name, value) for name, value in headers if name not in names] + list(fault.headers)
    return Reply(status, headers, [content], delay=fault.delay, drop=fault.drop)
