"""The transport wrappers that wait for the budget: sleeping in the sync client, awaiting in the async one.

Each Messages request reserves its cost, waits its turn, goes out, and its response's
headers update the budget before the response is handed up; the response itself (its
body, a stream) passes through untouched. Every other request passes through at once,
and only its headers, if it has any, are read.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Optional

import httpx

from ._ticket import Ticket, count_tokens_request, counted_tokens

if TYPE_CHECKING:
    from .limiter import RateLimiter

__all__ = ["LimitedTransport", "AsyncLimitedTransport"]


class LimitedTransport(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport, limiter: RateLimiter) -> None:
        self._limited_inner = inner
        self.limiter = limiter

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        limiter = self.limiter
        inner = self._limited_inner
        ticket = limiter.ticket(request)
        if ticket is None:
            response = inner.handle_request(request)
            update = limiter.observe(request, response)
            if update is not None:
                limiter.apply(update)
            return response
        if limiter.count_tokens:
            self._count(request, ticket)
        while True:
            granted, wait = limiter.reserve(ticket)
            if wait > 0:
                try:
                    time.sleep(wait)
                except BaseException:
                    if granted:
                        limiter.apply(limiter.release(ticket))
                    raise
            if granted:
                break
        try:
            response = inner.handle_request(request)
        except BaseException:
            limiter.apply(limiter.release(ticket))
            raise
        limiter.apply(limiter.settle(ticket, request, response))
        return response

    def _count(self, request: httpx.Request, ticket: Ticket) -> None:
        response: Optional[httpx.Response] = None
        try:
            response = self._limited_inner.handle_request(count_tokens_request(request, ticket.body))
            response.read()
        except httpx.HTTPError:
            return  # the estimate stands
        finally:
            if response is not None:
                response.close()
        tokens = counted_tokens(response)
        if tokens is not None:
            ticket.exact_input(tokens)

    def close(self) -> None:
        self._limited_inner.close()


class AsyncLimitedTransport(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport, limiter: RateLimiter) -> None:
        self._limited_inner = inner
        self.limiter = limiter

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        limiter = self.limiter
        inner = self._limited_inner
        ticket = limiter.ticket(request)
        if ticket is None:
            response = await inner.handle_async_request(request)
            update = limiter.observe(request, response)
            if update is not None:
                await limiter.aapply(update)
            return response
        import anyio  # the async client loaded it already

        if limiter.count_tokens:
            await self._count(request, ticket)
        while True:
            granted, wait = await limiter.areserve(ticket)
            if wait > 0:
                try:
                    await anyio.sleep(wait)
                except BaseException:  # cancelled while waiting its turn: the turn goes back
                    if granted:
                        await _shielded_release(limiter, ticket)
                    raise
            if granted:
                break
        try:
            response = await inner.handle_async_request(request)
        except BaseException:
            await _shielded_release(limiter, ticket)
            raise
        await limiter.aapply(limiter.settle(ticket, request, response))
        return response

    async def _count(self, request: httpx.Request, ticket: Ticket) -> None:
        response: Optional[httpx.Response] = None
        try:
            response = await self._limited_inner.handle_async_request(count_tokens_request(request, ticket.body))
            await response.aread()
        except httpx.HTTPError:
            return  # the estimate stands
        finally:
            if response is not None:
                await response.aclose()
        tokens = counted_tokens(response)
        if tokens is not None:
            ticket.exact_input(tokens)

    async def aclose(self) -> None:
        await self._limited_inner.aclose()


async def _shielded_release(limiter: RateLimiter, ticket: Ticket) -> None:
    import anyio

    with anyio.CancelScope(shield=True):
        await limiter.aapply(limiter.release(ticket))
