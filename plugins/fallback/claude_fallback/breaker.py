"""Circuit breakers, one per deployment, shared by every client of the process.

A deployment's breaker is *closed* (calls go to it) until ``failures`` failures that fail
over happen within ``window`` seconds; it is then *open* for ``cooldown`` seconds, and calls
start at the next deployment of the chain. After the cool-down one request is let through
(*half-open*): its success closes the breaker, its failure opens it again for another
cool-down. A probe that never reports (a stream left unread) frees its place after another
cool-down. No I/O: the clock is injected (``time.monotonic`` by default).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Callable, Deque, Dict, Optional

__all__ = ["Breakers", "CLOSED", "OPEN", "HALF_OPEN", "DEFAULT_BREAKERS"]

CLOSED = "closed"
OPEN = "open"
HALF_OPEN = "half-open"


class _State:
    __slots__ = ("failures", "opened_at", "probe_at")

    def __init__(self) -> None:
        self.failures: Deque[float] = deque()
        self.opened_at: Optional[float] = None  # open (or half-open) since
        self.probe_at: Optional[float] = None  # when the half-open probe was let through


class Breakers:
    """The breakers of the deployments, by deployment name; thread-safe.

    :param failures: failures within ``window`` that open a deployment's breaker (at least 1).
    :param window: seconds over which failures are counted.
    :param cooldown: seconds an open breaker skips its deployment before one request probes it.
    :param clock: a monotonic clock in seconds (tests pass their own).
    """

    def __init__(
        self,
        *,
        failures: int = 5,
        window: float = 60.0,
        cooldown: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not isinstance(failures, int) or failures < 1:
            raise ValueError(f"Breakers(failures=...) must be an int of at least 1, got {failures!r}")
        for name, value in (("window", window), ("cooldown", cooldown)):
            if not isinstance(value, (int, float)) or value < 0:
                raise ValueError(f"Breakers({name}=...) must be a number of seconds >= 0, got {value!r}")
        self.failures = failures
        self.window = float(window)
        self.cooldown = float(cooldown)
        self.clock = clock
        self._lock = threading.Lock()
        self._states: Dict[str, _State] = {}

    def __repr__(self) -> str:
        return f"Breakers(failures={self.failures}, window={self.window:g}, cooldown={self.cooldown:g})"

    def _state(self, name: str) -> _State:
        state = self._states.get(name)
        if state is None:
            state = self._states[name] = _State()
        return state

    def state(self, name: str) -> str:
        """``"closed"``, ``"open"`` or ``"half-open"`` (open, its cool-down over)."""
        with self._lock:
            state = self._states.get(name)
            if state is None or state.opened_at is None:
                return CLOSED
            return HALF_OPEN if self.clock() >= state.opened_at + self.cooldown else OPEN

    def allow(self, name: str) -> bool:
        """Whether a call may go to ``name`` now; lets one probe through a half-open breaker
        (so ask only for the deployment you will use)."""
        with self._lock:
            state = self._states.get(name)
            if state is None or state.opened_at is None:
                return True
            now = self.clock()
            if now < state.opened_at + self.cooldown:
                return False
            if state.probe_at is not None and now < state.probe_at + self.cooldown:
                return False  # one probe at a time
            state.probe_at = now
            return True

    def failure(self, name: str) -> bool:
        """Count a failure of ``name``; whether this opened its breaker."""
        with self._lock:
            state = self._state(name)
            now = self.clock()
            if state.opened_at is not None:
                if state.probe_at is not None:  # the probe failed: another cool-down
                    state.opened_at, state.probe_at = now, None
                return False
            failures = state.failures
            failures.append(now)
            while failures and failures[0] < now - self.window:
                failures.popleft()
            if len(failures) >= self.failures:
                failures.clear()
                state.opened_at = now
                return True
            return False

    def success(self, name: str) -> bool:
        """Count a success of ``name``: closes its breaker; whether it was open."""
        with self._lock:
            state = self._states.get(name)
            if state is None:
                return False
            was_open = state.opened_at is not None
            state.failures.clear()
            state.opened_at = state.probe_at = None
            return was_open

    def reset(self) -> None:
        """Close every breaker and forget every failure."""
        with self._lock:
            self._states.clear()


#: The breakers every :class:`~claude_fallback.Fallback` uses unless given its own.
DEFAULT_BREAKERS = Breakers()
