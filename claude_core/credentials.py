"""Credentials: secrets, the first-party API key / bearer token, rotating keys, and the refresh contract.

Whatever ``claude_credentials`` returns is handed to ``claude_sign_request``. A
credentials object that expires implements :class:`RefreshableCredentials`: the pipeline
asks ``needs_refresh()`` before every attempt and calls ``refresh()`` when it answers
True, and once more (forced) when a request is refused for its credentials (a 401
first-party; :meth:`~claude_core.providers.Provider.credentials_rejected` decides).
``refresh()`` must then fetch a fresh secret even if the old one looks valid. It may block:
the async client runs it in a worker thread, and concurrent requests share one refresh.

Secrets are held in a :class:`Secret`, which never prints its value.
"""

from __future__ import annotations

import dataclasses
import hmac
import inspect
import time
from typing import Any, Awaitable, Callable, Dict, MutableMapping, Optional, Union

from typing_extensions import Protocol, runtime_checkable

from ._records import record

__all__ = ["Secret", "Expiring", "KeySource", "APIKeyCredentials", "RotatingCredentials", "RefreshableCredentials"]

_REDACTED = "<redacted>"


class Secret:
    """One secret, such as an API key: ``repr()`` and ``str()`` show ``<redacted>``, never the value.

    Read the value with :meth:`get_secret_value` where it goes on the wire, nowhere else.
    Two secrets compare equal when their values are equal; a secret never equals a str.
    A secret is not pickled (the pickle would hold it in the clear).
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError(f"Secret takes a str, got {type(value).__name__}")
        self._value = value

    def get_secret_value(self) -> str:
        """The secret itself."""
        return self._value

    def __repr__(self) -> str:
        return f"Secret({_REDACTED!r})"

    def __str__(self) -> str:
        return _REDACTED

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return hmac.compare_digest(self._value.encode(), other._value.encode())

    def __hash__(self) -> int:
        return hash(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)

    def __reduce__(self) -> Any:
        raise TypeError("a Secret is not pickled: the pickle would hold it in the clear")

    def __copy__(self) -> Secret:
        return self

    def __deepcopy__(self, memo: Dict[int, Any]) -> Secret:
        return self


def _secret(value: Union[str, Secret, None]) -> Optional[Secret]:
    return value if value is None or isinstance(value, Secret) else Secret(value)


@record
class Expiring:
    """A key together with the lifetime it states: a rotating-key callable may return one.

    The key is used for ``expires_in`` seconds from when the callable returned it, then
    fetched again (and sooner after a 401).
    """

    value: str = dataclasses.field(repr=False)
    expires_in: float


#: What ``api_key=`` / ``auth_token=`` take besides a str: a callable, sync or async,
#: returning the key or an :class:`Expiring`.
KeySource = Union[Callable[[], Union[str, Expiring]], Callable[[], Awaitable[Union[str, Expiring]]]]


class APIKeyCredentials:
    """Sent as ``X-Api-Key`` and/or ``Authorization: Bearer``. Never printed.

    Takes each secret as a str or a :class:`Secret`; ``api_key`` and ``auth_token`` read
    them back as :class:`Secret` (or None). Equal when both secrets are.
    """

    __slots__ = ("_api_key", "_auth_token")

    def __init__(self, api_key: Union[str, Secret, None] = None, auth_token: Union[str, Secret, None] = None) -> None:
        self._api_key = _secret(api_key)
        self._auth_token = _secret(auth_token)

    @property
    def api_key(self) -> Optional[Secret]:
        return self._api_key

    @property
    def auth_token(self) -> Optional[Secret]:
        return self._auth_token

    def add_headers(self, headers: MutableMapping[str, str]) -> None:
        """Add ``x-api-key`` / ``authorization: Bearer`` unless ``headers`` (an ``httpx.Headers``,
        or a dict with lower-case keys) has them: the one place the secrets are read out."""
        api_key, auth_token = self.api_key, self.auth_token
        if api_key is not None and "x-api-key" not in headers:
            headers["x-api-key"] = api_key.get_secret_value()
        if auth_token is not None and "authorization" not in headers:
            headers["authorization"] = f"Bearer {auth_token.get_secret_value()}"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, APIKeyCredentials) or type(other) is not type(self):
            return NotImplemented
        return (self.api_key, self.auth_token) == (other.api_key, other.auth_token)

    def __hash__(self) -> int:
        return hash((self.api_key, self.auth_token))

    def __repr__(self) -> str:
        key = _REDACTED if self.api_key is not None else None
        token = _REDACTED if self.auth_token is not None else None
        return f"{type(self).__name__}(api_key={key!r}, auth_token={token!r})"


class RotatingCredentials(APIKeyCredentials):
    """:class:`APIKeyCredentials` whose key and/or token come from callables: rotating keys.

    What ``api_key=``/``auth_token=`` callables become; a plugin may return one too. Each
    callable, sync or async, returns the secret (a str) or an :class:`Expiring`. It is
    called for the first request, and again once the lifetime it stated has passed or
    when a request is refused for its credentials (a 401); in between the secret is kept.
    Implements :class:`RefreshableCredentials`. The sync client calls the callables in
    ``refresh()``; the async client uses :meth:`arefresh`, which awaits async callables on
    the event loop and runs sync ones in a worker thread. ``api_key`` and ``auth_token``
    are the secrets last fetched (None before the first fetch). Equal only to itself.
    """

    __slots__ = ("_expires_at", "_sources")

    def __init__(
        self,
        api_key: Union[str, Secret, KeySource, None] = None,
        auth_token: Union[str, Secret, KeySource, None] = None,
    ) -> None:
        super().__init__(None if callable(api_key) else api_key, None if callable(auth_token) else auth_token)
        self._sources: Dict[str, KeySource] = {
            name: source for name, source in (("api_key", api_key), ("auth_token", auth_token)) if callable(source)
        }
        #: When each fetched secret expires (``time.monotonic()``), None for never; absent until fetched.
        self._expires_at: Dict[str, Optional[float]] = {}

    __eq__ = object.__eq__
    __hash__ = object.__hash__

    def needs_refresh(self) -> bool:
        """Whether a secret was never fetched or its stated lifetime has passed; cheap."""
        if len(self._expires_at) < len(self._sources):
            return True
        now = time.monotonic()
        return any(deadline is not None and now >= deadline for deadline in self._expires_at.values())

    def refresh(self) -> None:
        """Call every callable for a fresh secret; may block. Async callables need :meth:`arefresh`."""
        for name, source in self._sources.items():
            value = source()
            if inspect.isawaitable(value):
                if inspect.iscoroutine(value):
                    value.close()
                raise TypeError(f"the {name} callable is async: it needs the async client (AsyncAnthropic)")
            self._keep(name, value)

    async def arefresh(self) -> None:
        """:meth:`refresh` in the async client: async callables are awaited, sync ones run in a worker thread."""
        import anyio  # loaded by async use only: a sync client does not need it

        for name, source in self._sources.items():
            value: Any = source() if _is_async(source) else await anyio.to_thread.run_sync(source)
            if inspect.isawaitable(value):
                value = await value
            self._keep(name, value)

    def _keep(self, name: str, value: object) -> None:
        lifetime: Optional[float] = None
        if isinstance(value, Expiring):
            lifetime = value.expires_in
            value = value.value
        if not isinstance(value, str):
            raise TypeError(f"the {name} callable returned a {type(value).__name__}, not a str or an Expiring")
        if not value:
            raise ValueError(f"the {name} callable returned an empty string: it must return the key itself")
        setattr(self, f"_{name}", Secret(value))
        self._expires_at[name] = None if lifetime is None else time.monotonic() + lifetime


def _is_async(source: object) -> bool:
    """Whether calling ``source`` makes a coroutine: an ``async def`` function, or an object
    whose ``__call__`` is one."""
    return inspect.iscoroutinefunction(source) or inspect.iscoroutinefunction(type(source).__call__)


@runtime_checkable
class RefreshableCredentials(Protocol):
    """Credentials that expire: cloud tokens, rotating keys.

    Credentials that must be refreshed on the event loop may also define
    ``async def arefresh(self) -> None``: the async client then awaits it instead of
    running ``refresh()`` in a worker thread (:class:`RotatingCredentials` does).
    """

    def needs_refresh(self) -> bool:
        """Whether the secret is missing or about to expire; cheap and non-blocking."""
        ...

    def refresh(self) -> None:
        """Fetch a fresh secret; may block (it runs off the event loop in the async client)."""
        ...
