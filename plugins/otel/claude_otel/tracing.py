"""The plugin: a span per call (and per tool call), retries and fallback hops as events, GenAI metrics.

:class:`Tracing` implements one hook of claude_core's contract, ``claude_call_observer``: a
span per call, opened when the call starts, ended when it ends, its observer told each event
of the call's stream (the time to the first chunk). Whether a client is traced is
decided once per client, on its first call: a client whose process has no OpenTelemetry
tracer provider configured (the API's default proxy or no-op one) gets ``NOT_THIS_CLIENT``
from the hook, so its calls do no observer work after that.
"""

from __future__ import annotations

import sys
import weakref
from typing import TYPE_CHECKING, Any, Dict, Optional, Tuple, Union

from claude_core import hookimpl
from claude_core.observers import NOT_THIS_CLIENT

if TYPE_CHECKING:
    from opentelemetry.metrics import MeterProvider
    from opentelemetry.trace import TracerProvider

    from claude_core.observers import CallInfo, CallObserver, NotThisClient

    from ._spans import Instruments

__all__ = ["Tracing", "OPTION"]

#: ``provider_options={"otel": False}`` turns tracing off for one client.
OPTION = "otel"


class Tracing:
    """OpenTelemetry GenAI tracing for claude_core clients: ``Anthropic(plugins=[Tracing()])``.

    :param tracer_provider: the provider spans are made with; default: the global one
        (``opentelemetry.trace.set_tracer_provider``). Without a configured provider,
        nothing is traced and a call costs nothing more than one check per client.
    :param meter_provider: the provider of the ``gen_ai.client.*`` histograms; default: the
        global one. Without a configured one, no metrics are recorded (spans still are).

    Installed, the distribution's entry point gives every client of the process one of
    these, using the global providers; ``disable_plugins=["otel"]`` or
    ``provider_options={"otel": False}`` turns it off for one client.
    """

    def __init__(
        self,
        tracer_provider: Optional[TracerProvider] = None,
        meter_provider: Optional[MeterProvider] = None,
    ) -> None:
        self._tracer_provider = tracer_provider
        self._meter_provider = meter_provider
        #: id(client options) -> (a weak reference to them, that client's instruments or None)
        self._clients: Dict[int, Tuple["weakref.ref[Any]", Optional[Instruments]]] = {}

    def __repr__(self) -> str:
        return "claude_otel.Tracing()"

    # -- hooks --------------------------------------------------------------------------

    @hookimpl
    def claude_call_observer(self, call: CallInfo) -> Optional[Union[CallObserver, NotThisClient]]:
        instruments = self._instruments(call)
        if instruments is None:
            return NOT_THIS_CLIENT  # the client never asks again: its calls cost nothing more
        from ._attributes import operation_of  # loaded already: instruments_for made the instruments
        from ._spans import CallSpan

        operation = operation_of(call.endpoint)
        if operation is None:
            return None

        return CallSpan(self, instruments, call, operation)

    # -- once per client ----------------------------------------------------------------

    def _instruments(self, call: CallInfo) -> Optional[Instruments]:
        """The client's instruments (None: not traced), decided on its first call and kept as
        long as its options live."""
        options = call.options
        key = id(options)
        entry = self._clients.get(key)
        if entry is not None and entry[0]() is options:
            return entry[1]
        instruments = self._make(call)
        forget = self._clients.pop
        self._clients[key] = (weakref.ref(options, lambda _ref: forget(key, None)), instruments)
        return instruments

    def _make(self, call: CallInfo) -> Optional[Instruments]:
        if call.options.extra.get(OPTION) is False:
            return None
        if self._tracer_provider is None and "opentelemetry.trace" not in sys.modules:
            return None  # nobody configured a tracer provider without importing the API: not loaded for nothing
        from ._spans import instruments_for  # imports opentelemetry-api

        return instruments_for(self._tracer_provider, self._meter_provider, call)
