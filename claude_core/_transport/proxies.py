"""Which proxy, if any, a request URL goes through, as an ``httpx.Client`` mounts its proxies.

The patterns are those of httpx's ``get_environment_proxies()`` (see
:func:`claude_core._transport.default.environment_proxies`): ``http://``, ``https://``, ``all://`` for
``HTTP_PROXY``, ``HTTPS_PROXY``, ``ALL_PROXY``, and ``all://*example.com`` and the like, with
no proxy, for the hosts of ``NO_PROXY``. They are matched most specific first, as httpx
matches its mounts. Loaded only by a client whose environment names a proxy.
"""

from __future__ import annotations

from typing import List, Mapping, Optional, Tuple

import httpx
from httpx._utils import URLPattern

from ..errors import AnthropicError

__all__ = ["ProxyRoutes"]


class ProxyRoutes:
    """Which proxy, if any, a request URL goes through, for mount patterns (pattern -> proxy URL,
    or None to connect directly)."""

    __slots__ = ("_routes",)

    def __init__(self, mounts: Mapping[str, Optional[str]]) -> None:
        routes: List[Tuple[URLPattern, Optional[httpx.Proxy]]] = []
        for pattern, url in mounts.items():
            try:
                routes.append((URLPattern(pattern), None if url is None else httpx.Proxy(url)))
            except ValueError as exc:  # httpx's message shows no password
                raise AnthropicError(
                    f"the proxy settings of the environment (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, NO_PROXY) "
                    f"are not usable: {exc}"
                ) from exc
        routes.sort(key=lambda route: route[0])  # most specific first, as httpx sorts its mounts
        self._routes = routes

    def proxy_for(self, url: httpx.URL) -> Optional[httpx.Proxy]:
        """The proxy ``url`` goes through; None to connect directly."""
        for pattern, proxy in self._routes:
            if pattern.matches(url):
                return proxy
        return None
