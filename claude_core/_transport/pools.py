"""A transport of several small httpx connection pools, filled one after the other.

httpcore's pool does work proportional to the square of its connection count on every
request start and end (each connection is checked for expiry, with a socket poll, and
the idle ones are counted once per connection). At 64 requests in flight that costs
more than the request itself. Here each request goes to the first pool with fewer than
:data:`PER_SHARD` requests in flight, so a client with little concurrency uses one pool
and one connection as before, and a busy one spreads over small pools.

http and https requests have pools of their own, and so has each proxy a request may go through
(``route``: the environment's proxies, see :mod:`claude_core._transport.proxies`); a pool is made at
the first request it serves: so a client that only talks http:// (an emulator, a local gateway)
never creates a TLS context, which costs half a MiB of OpenSSL's memory.
"""

from __future__ import annotations

import threading
from typing import Any, AsyncIterator, Callable, Dict, Iterator, List, Optional, Tuple, Union

import httpx

__all__ = ["ShardedTransport", "PER_SHARD"]

#: Requests in flight on one pool before the next pool takes new ones.
PER_SHARD = 8

Inner = Union[httpx.BaseTransport, httpx.AsyncBaseTransport]
#: What a pool serves: https (or http) requests, sent through this proxy (or directly).
PoolKey = Tuple[bool, Optional[httpx.Proxy]]


class _Shard:
    __slots__ = ("in_flight", "lock", "transport")

    def __init__(self, transport: Inner, lock: threading.Lock) -> None:
        self.transport = transport
        self.lock = lock  # the transport's: sync clients count from many threads
        self.in_flight = 0


class _Released(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body that gives its shard's slot back when it is closed."""

    def __init__(self, stream: Any, shard: _Shard) -> None:
        self._stream = stream
        self._shard: Any = shard

    def _release(self) -> None:
        shard, self._shard = self._shard, None
        if shard is not None:
            with shard.lock:
                shard.in_flight -= 1

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._stream)

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self._stream.__aiter__()  # type: ignore[no-any-return]

    def close(self) -> None:
        try:
            self._stream.close()
        finally:
            self._release()

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        finally:
            self._release()


class ShardedTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Up to ``shards`` pools per scheme and proxy, made by ``make(tls, proxy)`` as they are
    needed; sync or async, as the pools are. ``make(False, None)`` pools serve http requests sent
    directly, ``make(True, proxy)`` ones https requests tunnelled through ``proxy``.

    ``route(url)``, if given, names the proxy a request goes through (None: directly).
    ``before_https()``, if given, is called before the first pool for https requests is made.
    """

    def __init__(
        self,
        make: Callable[[bool, Optional[httpx.Proxy]], Inner],
        shards: int,
        before_https: Optional[Callable[[], None]] = None,
        route: Optional[Callable[[httpx.URL], Optional[httpx.Proxy]]] = None,
    ) -> None:
        self._make = make
        self._most = shards
        self._lock = threading.Lock()
        self._pools: Dict[PoolKey, List[_Shard]] = {}
        self._before_https = before_https
        self._route = route

    def _pick(self, request: httpx.Request) -> _Shard:
        url = request.url
        key = (url.scheme == "https", None if self._route is None else self._route(url))
        if key[0] and key not in self._pools and self._before_https is not None:
            self._before_https()  # outside the lock: it may read files
        with self._lock:
            shards = self._pools.get(key)
            if shards is None:
                shards = self._pools[key] = []
            for shard in shards:
                if shard.in_flight < PER_SHARD:
                    break
            else:
                if len(shards) < self._most:  # pools are made when the ones there are busy
                    shard = _Shard(self._make(*key), self._lock)
                    shards.append(shard)
                else:
                    shard = min(shards, key=lambda candidate: candidate.in_flight)
            shard.in_flight += 1
        return shard

    def _failed(self, shard: _Shard) -> None:
        with self._lock:
            shard.in_flight -= 1

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        shard = self._pick(request)
        try:
            response = shard.transport.handle_request(request)  # type: ignore[union-attr]
        except BaseException:
            self._failed(shard)
            raise
        response.stream = _Released(response.stream, shard)
        return response

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        shard = self._pick(request)
        try:
            response = await shard.transport.handle_async_request(request)  # type: ignore[union-attr]
        except BaseException:
            self._failed(shard)
            raise
        response.stream = _Released(response.stream, shard)
        return response

    def _all(self) -> List[_Shard]:
        with self._lock:
            return [shard for shards in self._pools.values() for shard in shards]

    def close(self) -> None:
        for shard in self._all():
            shard.transport.close()  # type: ignore[union-attr]

    async def aclose(self) -> None:
        for shard in self._all():
            await shard.transport.aclose()  # type: ignore[union-attr]
