"""The budgets of this process, shared by every client, thread and task in it."""

from __future__ import annotations

import threading
from typing import Dict, Tuple

from . import _model
from ._model import HeaderLimits, Needs, Presets

__all__ = ["LocalStore", "LOCAL"]


class LocalStore:
    """Budgets by key in process memory, behind one lock (each operation is a few float updates)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._states: Dict[str, Dict[str, float]] = {}

    def _state(self, key: str) -> Dict[str, float]:
        state = self._states.get(key)
        if state is None:
            state = self._states[key] = {}
        return state

    def reserve(self, key: str, now: float, needs: Needs, preset: Presets, minute: float) -> Tuple[bool, float]:
        with self._lock:
            return _model.reserve(self._state(key), now, needs, preset, minute)

    def update(
        self, key: str, now: float, release: Needs, limits: HeaderLimits, charge: Needs, gate: float, minute: float
    ) -> None:
        with self._lock:
            _model.update(self._state(key), now, release, limits, charge, gate, minute)

    def adjust(self, key: str, now: float, deltas: Needs) -> None:
        with self._lock:
            _model.adjust(self._state(key), now, deltas)

    def state(self, key: str) -> Dict[str, float]:
        with self._lock:
            return dict(self._state(key))


#: The one in-process store: a budget belongs to an API key, not to a client or a limiter.
LOCAL = LocalStore()
