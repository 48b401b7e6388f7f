"""One deployment as a client sends to it: where, with which headers, credentials and signer.

A client has one :class:`Deployment` for its own provider, and one more for each other
provider a retry decision reroutes to. Everything here is decided once per deployment,
not per request: the URL prefix, the fixed headers, the credentials (resolved on the
first request, off the event loop in the async client) and which signer answers.
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Mapping, Optional

import httpx
from pluggy import HookImpl

from ._headers import merge_headers
from ._options import ClientOptions
from .credentials import RefreshableCredentials
from .default_plugins import signing
from .default_plugins.credentials import explicit_credentials
from .errors import PluginError
from .plugins import HookRelay, call_impl
from .providers import Provider

__all__ = ["Deployment"]

_UNRESOLVED: Any = object()
_SIGN = "claude_sign_request"


class Deployment:
    """A provider plus what the client resolved for it."""

    def __init__(
        self, provider: Provider, relay: HookRelay, client_options: ClientOptions, base_headers: Mapping[str, str]
    ) -> None:
        self.provider = provider
        self.relay = relay
        self.url_prefix = provider.base_url().rstrip("/") + "/"
        headers = merge_headers(merge_headers(base_headers, provider.default_headers()), client_options.default_headers)
        if provider.options is not client_options:
            headers = merge_headers(headers, provider.options.default_headers)
        self.headers = headers
        self.credentials: Any = _UNRESOLVED
        self.refreshable = False
        #: Bumped by every refresh, so requests that failed with the old secret refresh once between them.
        self.generation = 0
        self._lock = threading.Lock()
        signers = relay.implementations(_SIGN)
        only_builtin = len(signers) == 1 and signers[0].plugin_name == signing.__name__
        #: True once the built-in signer is known to answer: its headers are then added while building.
        self.builtin_signing: bool = only_builtin
        self._signer: Optional[HookImpl] = signers[0] if only_builtin else None
        explicit = explicit_credentials(provider, provider.options)
        if explicit is not None:
            self._use(explicit)

    def __repr__(self) -> str:
        return f"Deployment({self.provider!r})"

    # -- credentials ------------------------------------------------------------------

    @property
    def resolved(self) -> bool:
        return self.credentials is not _UNRESOLVED

    def resolve(self) -> None:
        """Ask the ``claude_credentials`` hook, once; may block (plugins can do I/O)."""
        with self._lock:
            if self.credentials is _UNRESOLVED:
                self._use(self.relay.call("claude_credentials", provider=self.provider, options=self.provider.options))

    def _use(self, credentials: Any) -> None:
        self.refreshable = isinstance(credentials, RefreshableCredentials)
        self.credentials = credentials

    def needs_refresh(self) -> bool:
        return self.refreshable and self.credentials.needs_refresh()

    def refresher(self, generation: Optional[int]) -> Callable[[], None]:
        """A step that refreshes the credentials: when due (``generation`` None), or after a 401
        unless another request refreshed since ``generation``."""

        def refresh() -> None:
            with self._lock:
                if generation is None and not self.credentials.needs_refresh():
                    return
                if generation is not None and generation != self.generation:
                    return
                try:
                    self.credentials.refresh()
                except Exception as exc:
                    raise PluginError(type(self.credentials).__name__, "credentials.refresh", exc) from exc
                self.generation += 1

        return refresh

    # -- signing ----------------------------------------------------------------------

    def sign(self, request: httpx.Request) -> httpx.Request:
        """Put authentication on ``request`` (unless the built-in signer did it while building).

        The first time, every implementation is asked in order; the one that answers is
        remembered and asked alone afterwards (all of them again if it ever declines).
        When that is the built-in signer, later requests take the fast path.
        """
        kwargs = {"request": request, "credentials": self.credentials, "provider": self.provider}
        signer = self._signer
        if signer is not None:
            signed = call_impl(signer, _SIGN, kwargs)
            if signed is not None:
                return signed  # type: ignore[no-any-return]
        signer, signed = self.relay.first_answer(_SIGN, **kwargs)
        self._signer = signer
        self.builtin_signing = signer is not None and signer.plugin_name == signing.__name__
        return signed if signed is not None else request
