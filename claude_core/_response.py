"""Raw responses: ``with_raw_response`` and ``with_streaming_response``."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Any, AsyncIterator, Generic, Iterator, Optional, Type, TypeVar

import httpx

from ._call import stamp

if TYPE_CHECKING:
    from .providers import Provider

__all__ = ["APIResponse", "AsyncAPIResponse"]

T = TypeVar("T")


class _ResponseBase(Generic[T]):
    def __init__(self, response: httpx.Response, parse: Any, *, provider: Provider, streamed: bool = False) -> None:
        self.http_response = response
        self._parse = parse
        self._streamed = streamed  # read lazily (with_streaming_response), or parse() hands out a stream
        self.provider = provider
        """The deployment that answered (another than the client's after a rerouting retry)."""

    def _parsed(self) -> T:
        return stamp(self._parse(self.http_response), self.http_response, self.provider)  # type: ignore[no-any-return]

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def http_request(self) -> httpx.Request:
        return self.http_response.request

    @property
    def url(self) -> httpx.URL:
        return self.http_response.url

    @property
    def request_id(self) -> Optional[str]:
        return self.provider.request_id(self.http_response)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} [{self.status_code}] {self.http_request.method} {self.url}>"


class APIResponse(_ResponseBase[T]):
    """The HTTP response of a call, and ``parse()`` for the object the call returns.

    From ``with_streaming_response`` the body is not read until asked for; use the
    response as a context manager so the connection is released.
    """

    def parse(self) -> T:
        if not self._streamed:
            self.http_response.read()
        return self._parsed()

    def read(self) -> bytes:
        return self.http_response.read()

    def text(self) -> str:
        self.http_response.read()
        return self.http_response.text

    def json(self) -> Any:
        self.http_response.read()
        return self.http_response.json()

    def iter_bytes(self, chunk_size: Optional[int] = None) -> Iterator[bytes]:
        return self.http_response.iter_bytes(chunk_size)

    def iter_text(self, chunk_size: Optional[int] = None) -> Iterator[str]:
        return self.http_response.iter_text(chunk_size)

    def iter_lines(self) -> Iterator[str]:
        return self.http_response.iter_lines()

    def close(self) -> None:
        self.http_response.close()

    def __enter__(self) -> "APIResponse[T]":
        return self

    def __exit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        self.close()


class AsyncAPIResponse(_ResponseBase[T]):
    """The async twin of :class:`APIResponse`."""

    async def parse(self) -> T:
        if not self._streamed:
            await self.http_response.aread()
        return self._parsed()

    async def read(self) -> bytes:
        return await self.http_response.aread()

    async def text(self) -> str:
        await self.http_response.aread()
        return self.http_response.text

    async def json(self) -> Any:
        await self.http_response.aread()
        return self.http_response.json()

    def iter_bytes(self, chunk_size: Optional[int] = None) -> AsyncIterator[bytes]:
        return self.http_response.aiter_bytes(chunk_size)

    def iter_text(self, chunk_size: Optional[int] = None) -> AsyncIterator[str]:
        return self.http_response.aiter_text(chunk_size)

    def iter_lines(self) -> AsyncIterator[str]:
        return self.http_response.aiter_lines()

    async def close(self) -> None:
        await self.http_response.aclose()

    async def __aenter__(self) -> "AsyncAPIResponse[T]":
        return self

    async def __aexit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        await self.close()
