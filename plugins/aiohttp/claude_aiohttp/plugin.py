"""The plugin, and claude-aiohttp's entry point (group ``claude_core.plugins``, name ``aiohttp``).

An async client's requests go over aiohttp when

* it was given the plugin: ``AsyncAnthropic(plugins=[AiohttpTransport()])``;
* or ``provider_options={"transport": "aiohttp"}``;
* or the environment says ``CLAUDE_CORE_TRANSPORT=aiohttp`` (read once, when claude_core
  loads its plugins), unless the client says ``provider_options={"transport": "httpx"}``.

Sync clients keep httpx's transport. Installed but chosen by none of these, the plugin
answers None once per client and never imports aiohttp.
"""

from __future__ import annotations

import os
import ssl
from typing import TYPE_CHECKING, Optional, Union

from claude_core.hookspecs import hookimpl

if TYPE_CHECKING:
    import httpx

    from claude_core import ClientOptions

__all__ = ["ENV", "OPTION", "AiohttpTransport", "PLUGIN"]

#: The environment variable that chooses a transport for every async client.
ENV = "CLAUDE_CORE_TRANSPORT"
#: The ``provider_options`` key that chooses one client's transport.
OPTION = "transport"
NAME = "aiohttp"


class AiohttpTransport:
    """The plugin: async clients given it send over one aiohttp session per connection pool.

    :param limit: connections open at once, to all hosts (httpx's default transport: 1000).
    :param limit_per_host: connections open at once to one host; 0 for no limit.
    :param keepalive_expiry: seconds an idle connection is kept for reuse.
    :param verify: True to verify https servers with the CA certificates ``SSL_CERT_FILE`` or
        ``SSL_CERT_DIR`` name, else certifi's (as claude_core does); an ``ssl.SSLContext``
        to use that one; False not to verify.
    :param trust_env: send through the proxies ``HTTP_PROXY``, ``HTTPS_PROXY``, ``ALL_PROXY``
        and ``NO_PROXY`` name (read when the client makes its transport).
    """

    def __init__(
        self,
        *,
        limit: int = 1000,
        limit_per_host: int = 0,
        keepalive_expiry: float = 15.0,
        verify: Union[bool, ssl.SSLContext] = True,
        trust_env: bool = True,
    ) -> None:
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
            raise ValueError(f"limit should be a number of connections (0 for no limit), not {limit!r}")
        if not isinstance(limit_per_host, int) or isinstance(limit_per_host, bool) or limit_per_host < 0:
            raise ValueError(
                f"limit_per_host should be a number of connections (0 for no limit), not {limit_per_host!r}"
            )
        if not isinstance(verify, (bool, ssl.SSLContext)):
            raise TypeError(f"verify should be True, False or an ssl.SSLContext, not {verify!r}")
        self.limit = limit
        self.limit_per_host = limit_per_host
        self.keepalive_expiry = keepalive_expiry
        self.verify = verify
        self.trust_env = trust_env

    def __repr__(self) -> str:
        return f"AiohttpTransport(limit={self.limit}, limit_per_host={self.limit_per_host})"

    @hookimpl
    def claude_transport(self, options: ClientOptions, is_async: bool) -> Optional[httpx.AsyncBaseTransport]:
        if not is_async or options.extra.get(OPTION) == "httpx":
            return None
        return self.make()

    def make(self) -> httpx.AsyncBaseTransport:
        """A new :class:`~claude_aiohttp.AiohttpAsyncTransport` with these settings."""
        from .transport import AiohttpAsyncTransport  # here: only a client that chose aiohttp loads it

        return AiohttpAsyncTransport(
            limit=self.limit,
            limit_per_host=self.limit_per_host,
            keepalive_expiry=self.keepalive_expiry,
            verify=self.verify,
            trust_env=self.trust_env,
        )


class EntryPoint:
    """What claude_core registers for every client: aiohttp for the async clients that choose it."""

    def __init__(self, default: bool) -> None:
        self.default = default
        self.transport = AiohttpTransport()

    def __repr__(self) -> str:
        state = f"every async client ({ENV}={NAME})" if self.default else f'provider_options={{"{OPTION}": "{NAME}"}}'
        return f"claude_aiohttp: {state}"

    @hookimpl
    def claude_transport(self, options: ClientOptions, is_async: bool) -> Optional[httpx.AsyncBaseTransport]:
        if not is_async:
            return None
        chosen = options.extra.get(OPTION)
        if chosen == NAME or (chosen is None and self.default):
            return self.transport.make()
        return None


PLUGIN = EntryPoint(default=os.environ.get(ENV, "").strip().lower() == NAME)
