"""One deployment as a client sends to it: where, with which headers, credentials and signer.

A client has one :class:`Deployment` for its own provider, and one more for each other
provider a retry decision reroutes to. Everything here is decided once per deployment,
not per request: the URL prefix, the fixed headers, the credentials (resolved on the
first request, off the event loop in the async client) and which signer answers.
A request about to go out with no authentication at all is refused here, with a
:class:`~claude_core.MissingCredentialsError` naming every place credentials were looked for.
"""

from __future__ import annotations

import inspect
import threading
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Mapping, Optional, Union

import httpx
from pluggy import HookImpl

from .._headers import merge_headers
from .._key_settings import empty_settings, explicit_credentials
from .._options import ClientOptions
from ..credentials import RefreshableCredentials
from ..errors import MissingCredentialsError, PluginError
from ..plugins import BUILTIN_SIGNER, ClientHooks, call_impl
from ..providers import Provider

if TYPE_CHECKING:
    import anyio

__all__ = ["Deployment"]

_UNRESOLVED: Any = object()
_SIGN = "claude_sign_request"


class Deployment:
    """A provider plus what the client resolved for it."""

    def __init__(
        self,
        provider: Provider,
        relay: ClientHooks,
        client_options: ClientOptions,
        base_headers: Mapping[str, str],
        is_async: bool,
    ) -> None:
        self.provider = provider
        self.relay = relay
        self.is_async = is_async
        self.url_prefix = provider.base_url().rstrip("/") + "/"
        headers = merge_headers(merge_headers(base_headers, provider.default_headers()), client_options.default_headers)
        if provider.options is not client_options:
            headers = merge_headers(headers, provider.options.default_headers)
        self.headers = headers
        self.credentials: Any = _UNRESOLVED
        self.refreshable = False
        #: Whether refreshes are awaited on the event loop (``arefresh``) rather than run in a thread.
        self.refreshes_on_loop = False
        #: Bumped by every refresh, so requests that failed with the old secret refresh once between them.
        self.generation = 0
        self._lock = threading.Lock()
        self._loop_lock: Optional[anyio.Lock] = None  # made by the first refresh on the loop
        signers = relay.implementations(_SIGN)
        only_builtin = len(signers) == 1 and signers[0].plugin_name == BUILTIN_SIGNER
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
        self.refreshes_on_loop = (
            self.is_async and self.refreshable and inspect.iscoroutinefunction(getattr(credentials, "arefresh", None))
        )
        self.credentials = credentials

    def needs_refresh(self) -> bool:
        return self.refreshable and self.credentials.needs_refresh()

    def refresher(self, generation: Optional[int]) -> Union[Callable[[], None], Callable[[], Awaitable[None]]]:
        """A step that refreshes the credentials: when due (``generation`` None), or after a 401
        unless another request refreshed since ``generation``. A coroutine function when the
        refresh is awaited on the event loop; concurrent requests share one refresh either way."""

        def refresh() -> None:
            with self._lock:
                if self._due(generation):
                    try:
                        self.credentials.refresh()
                    except Exception as exc:
                        raise self._failed(exc) from exc
                    self.generation += 1

        async def refresh_on_loop() -> None:
            import anyio  # loaded by async use only: a sync client does not need it

            if self._loop_lock is None:
                self._loop_lock = anyio.Lock()
            async with self._loop_lock:
                if self._due(generation):
                    try:
                        await self.credentials.arefresh()
                    except Exception as exc:
                        raise self._failed(exc) from exc
                    self.generation += 1

        return refresh_on_loop if self.refreshes_on_loop else refresh

    def _due(self, generation: Optional[int]) -> bool:
        if generation is None:
            return bool(self.credentials.needs_refresh())
        return generation == self.generation

    def _failed(self, exc: Exception) -> PluginError:
        return PluginError(type(self.credentials).__name__, "credentials.refresh", exc)

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
        self.builtin_signing = signer is not None and signer.plugin_name == BUILTIN_SIGNER
        if signed is not None:
            return signed  # type: ignore[no-any-return]
        self.check_authenticated(request.headers)
        return request

    def check_authenticated(self, headers: Mapping[str, str]) -> None:
        """Refuse a request no signer answered for when no credentials were found and it carries
        no ``x-api-key`` or ``Authorization`` header of its own (lower-case names)."""
        if self.credentials is None and "x-api-key" not in headers and "authorization" not in headers:
            raise MissingCredentialsError(self._missing_message())

    def _missing_message(self) -> str:
        provider = self.provider
        keyed = provider.api_key_auth
        places = (
            ["the api_key= and auth_token= arguments", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"] if keyed else []
        )
        places += self.relay.call("claude_credential_places", provider=provider, options=provider.options)
        looked = f"looked in: {'; '.join(places)}" if places else "no plugin looks for them"
        advice = "pass api_key= (or auth_token=) to the client, set ANTHROPIC_API_KEY, or " if keyed else ""
        empty = empty_settings(provider.options) if keyed else []
        found = f"; an empty key is no key: {', '.join(empty)}" if empty else ""
        return (
            f"no credentials for the {provider.name!r} provider ({looked}{found}): {advice}install a credentials plugin"
        )
