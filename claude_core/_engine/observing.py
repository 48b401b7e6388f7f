"""Which plugins watch one client's calls: each ``claude_call_observer`` implementation is asked
per call, until it answers :data:`~claude_core.observers.NOT_THIS_CLIENT` for this client."""

from __future__ import annotations

from typing import TYPE_CHECKING, List

from ..plugins import call_impl

if TYPE_CHECKING:
    from pluggy import HookImpl

    from ..observers import CallInfo, CallObserver
    from ..plugins import ClientHooks

__all__ = ["Observing"]

_HOOK = "claude_call_observer"


class Observing:
    """The observer hook's implementations one client still asks; false once there are none."""

    def __init__(self, relay: ClientHooks) -> None:
        self._relay = relay
        self._impls: List[HookImpl] = relay.implementations(_HOOK)
        # a wrapper sees the whole hook call: then pluggy makes it, and nobody is dropped
        self._wrapped = any(impl.hookwrapper or impl.wrapper for impl in self._impls)

    def __bool__(self) -> bool:
        return bool(self._impls)

    def observers(self, call: CallInfo) -> List[CallObserver]:
        """The observers of one call; an implementation that declines the client is not asked again."""
        from ..observers import NOT_THIS_CLIENT  # only a client some plugin watches loads the observers

        if self._wrapped:
            found = self._relay.call(_HOOK, call=call)
            return [observer for observer in found if observer is not None and observer is not NOT_THIS_CLIENT]
        kept: List[CallObserver] = []
        declined: List[HookImpl] = []
        for impl in self._impls:
            observer = call_impl(impl, _HOOK, {"call": call})
            if observer is NOT_THIS_CLIENT:
                declined.append(impl)
            elif observer is not None:
                kept.append(observer)
        if declined:
            self._impls = [impl for impl in self._impls if impl not in declined]
        return kept
