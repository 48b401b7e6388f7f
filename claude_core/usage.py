"""A built-in example plugin: tally the tokens of every call a client makes.

::

    tally = UsageTally()
    client = claude_core.Anthropic(plugins=[tally])
    ...  # any calls: plain, streamed, sync or async
    print(tally.input_tokens, tally.output_tokens)

Register it globally through an entry point of your own package, or per client as above.
It is a call observer (``claude_call_observer``): it reads the usage of each call's
message once, when the call ends, so it costs nothing per stream event.
"""

from __future__ import annotations

import threading
from typing import Optional

from .hookspecs import hookimpl
from .observers import CallInfo, CallObserver, CallResult

__all__ = ["UsageTally"]


class UsageTally(CallObserver):
    """Token counts summed over every call that returned a message; safe across threads.

    ``calls`` counts those calls (streams included, once each, even when retried).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.calls = 0
        self.input_tokens = 0
        self.output_tokens = 0
        self.cache_creation_input_tokens = 0
        self.cache_read_input_tokens = 0

    def __repr__(self) -> str:
        return (
            f"UsageTally(calls={self.calls}, input_tokens={self.input_tokens}, output_tokens={self.output_tokens}, "
            f"cache_creation_input_tokens={self.cache_creation_input_tokens}, "
            f"cache_read_input_tokens={self.cache_read_input_tokens})"
        )

    @hookimpl
    def claude_call_observer(self, call: CallInfo) -> Optional[CallObserver]:
        return self

    def end(self, result: CallResult) -> None:
        usage = result.usage
        if usage is None:
            return
        with self._lock:
            self.calls += 1
            self.input_tokens += usage.input_tokens or 0
            self.output_tokens += usage.output_tokens or 0
            self.cache_creation_input_tokens += usage.cache_creation_input_tokens or 0
            self.cache_read_input_tokens += usage.cache_read_input_tokens or 0
