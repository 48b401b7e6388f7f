"""Raw responses: ``with_raw_response`` and ``with_streaming_response``.

``with_raw_response`` returns a :class:`LegacyAPIResponse` from the sync and the async
client alike: the body is already read, so ``content``, ``text`` and ``parse()`` need no
``await``. ``with_streaming_response`` returns an :class:`APIResponse` (or
:class:`AsyncAPIResponse`) whose body is read only when asked for.
"""

from __future__ import annotations

import datetime
import os
from types import TracebackType
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncIterator,
    Callable,
    Dict,
    Generic,
    Iterator,
    Optional,
    Type,
    TypeVar,
    Union,
    overload,
)

import httpx
import pydantic

from .._types import RequestMode
from ..errors import APIResponseValidationError
from .parsing import parse_response, stamp

if TYPE_CHECKING:
    from ..providers import Provider
    from ..streaming.stream import AsyncStream, Stream

__all__ = [
    "LegacyAPIResponse",
    "APIResponse",
    "AsyncAPIResponse",
    "BinaryAPIResponse",
    "AsyncBinaryAPIResponse",
    "stream_response",
]

T = TypeVar("T")
_T = TypeVar("_T")

_DEFAULT: Any = object()  # the cache key of parse() without ``to``


class _ResponseBase(Generic[T]):
    """What every raw response has: the HTTP exchange, and ``parse()``'s cache."""

    def __init__(
        self,
        response: httpx.Response,
        parse: Callable[[httpx.Response], Any],
        *,
        provider: Provider,
        streamed: bool = False,
        retries_taken: int = 0,
    ) -> None:
        self.http_response = response
        self._parse = parse
        self._streamed = streamed  # parse() hands out a stream: never read the body for it
        self._parsed_by_type: Dict[Any, Any] = {}
        self.provider = provider
        """The deployment that answered (another than the client's after a rerouting retry)."""
        self.retries_taken = retries_taken
        """How many requests were sent before the one that answered: 0 without a retry."""

    def _parsed(self, to: Any) -> Any:
        key = _DEFAULT if to is None else to
        if key in self._parsed_by_type:
            return self._parsed_by_type[key]
        if to is None:
            value = self._parse(self.http_response)
        elif self._streamed:
            raise TypeError("parse(to=...) is not available for a streamed call: parse() returns its stream")
        else:
            value = _parse_as(self.http_response, to)
        value = stamp(value, self.http_response, self.provider)
        self._parsed_by_type[key] = value
        return value

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def http_request(self) -> httpx.Request:
        """The ``httpx.Request`` that got this response (the last attempt's)."""
        return self.http_response.request

    @property
    def url(self) -> httpx.URL:
        return self.http_response.url

    @property
    def method(self) -> str:
        return self.http_request.method

    @property
    def http_version(self) -> str:
        return self.http_response.http_version

    @property
    def elapsed(self) -> datetime.timedelta:
        """From sending the request to the end of the body; read it once the body is read or closed."""
        return self.http_response.elapsed

    @property
    def is_closed(self) -> bool:
        """Whether the body is read or closed; until then the response holds its connection."""
        return self.http_response.is_closed

    @property
    def request_id(self) -> Optional[str]:
        return self.provider.request_id(self.http_response)

    def __repr__(self) -> str:
        response = self.http_response
        return f"<{type(self).__name__} [{response.status_code} {response.reason_phrase}] {self.method} {self.url}>"


class LegacyAPIResponse(_ResponseBase[T]):
    """The response of a ``with_raw_response`` call, its body already read (sync and async client).

    ``parse()`` gives the object the call returns (the same object each time); ``parse(to=X)``
    reads the body as ``X`` instead (a model class, ``dict``, ``str``, ``httpx.Response``, ...).
    """

    @overload
    def parse(self, *, to: Type[_T]) -> _T: ...
    @overload
    def parse(self) -> T: ...
    def parse(self, *, to: Optional[Type[_T]] = None) -> Union[T, _T]:
        return self._parsed(to)  # type: ignore[no-any-return]

    @property
    def content(self) -> bytes:
        """The body as bytes."""
        return self.http_response.content

    @property
    def text(self) -> str:
        """The body decoded to text."""
        return self.http_response.text

    def read(self) -> bytes:
        """The body as bytes (the same as :attr:`content`)."""
        return self.http_response.read()

    def json(self, **kwargs: Any) -> Any:
        """The body decoded from JSON; ``kwargs`` go to ``json.loads``."""
        return self.http_response.json(**kwargs)


class APIResponse(_ResponseBase[T]):
    """The response of a ``with_streaming_response`` call: the body is read when asked for.

    Use it as a context manager, or ``close()`` it, so the connection is released.
    """

    @overload
    def parse(self, *, to: Type[_T]) -> _T: ...
    @overload
    def parse(self) -> T: ...
    def parse(self, *, to: Optional[Type[_T]] = None) -> Union[T, _T]:
        """Read the body (unless the call streams) and give the object the call returns, or ``to``."""
        if not self._streamed:
            self.http_response.read()
        return self._parsed(to)  # type: ignore[no-any-return]

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

    @overload
    async def parse(self, *, to: Type[_T]) -> _T: ...
    @overload
    async def parse(self) -> T: ...
    async def parse(self, *, to: Optional[Type[_T]] = None) -> Union[T, _T]:
        """Read the body (unless the call streams) and give the object the call returns, or ``to``."""
        if not self._streamed:
            await self.http_response.aread()
        return self._parsed(to)  # type: ignore[no-any-return]

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


class BinaryAPIResponse(APIResponse[bytes]):
    """A binary body (a downloaded file), read as you ask for it: ``read()``, ``text()``,
    ``iter_bytes()``, or ``write_to_file(path)``, which streams it to disk chunk by chunk.
    The connection is released once the body was read; ``close()`` (or ``with``) otherwise."""

    def write_to_file(self, file: Union[str, os.PathLike[str]]) -> None:
        """Stream the body into ``file`` (created or truncated), never holding more than a chunk."""
        try:
            with open(file, "wb") as out:
                for chunk in self.http_response.iter_bytes():
                    out.write(chunk)
        finally:
            self.close()

    stream_to_file = write_to_file  # the official name of the streaming variant


class AsyncBinaryAPIResponse(AsyncAPIResponse[bytes]):
    """The async twin of :class:`BinaryAPIResponse`; the file is written from a worker thread."""

    async def write_to_file(self, file: Union[str, os.PathLike[str]]) -> None:
        import anyio  # loaded by async use only: a sync raw response does not need it

        try:
            async with await anyio.open_file(file, "wb") as out:
                async for chunk in self.http_response.aiter_bytes():
                    await out.write(chunk)
        finally:
            await self.close()

    stream_to_file = write_to_file


def stream_response(stream: Union[Stream[Any], AsyncStream[Any]], mode: RequestMode) -> _ResponseBase[Any]:
    """The response of a streamed call (``stream=True``) made through a response view.

    ``parse()`` hands out ``stream`` itself. ``mode`` is the view's: :class:`LegacyAPIResponse`
    for ``with_raw_response``, else the (async) :class:`APIResponse`.
    """
    from ..streaming.stream import AsyncStream  # here: a raw call that is not a stream does not load it

    cls: Type[_ResponseBase[Any]]
    if mode is RequestMode.RAW:
        cls = LegacyAPIResponse
    else:
        cls = AsyncAPIResponse if isinstance(stream, AsyncStream) else APIResponse
    retries = max(stream._reader.call.attempts - 1, 0)
    return cls(stream.response, lambda _: stream, provider=stream.provider, streamed=True, retries_taken=retries)


def _parse_as(response: httpx.Response, to: Any) -> Any:
    """The read body as ``to``, for ``parse(to=...)``."""
    if to is httpx.Response:
        return response
    if to is str:
        return response.text
    if to is bytes:
        return response.content
    if to is int or to is float:
        return to(response.text)
    if to is bool:
        return response.text.lower() == "true"
    if to is type(None):
        return None
    if isinstance(to, type) and issubclass(to, pydantic.BaseModel):
        return parse_response(response, to)  # type: ignore[type-var]
    try:
        return pydantic.TypeAdapter(to).validate_json(response.content)
    except ValueError as exc:
        message = f"Response did not match {to!r}: {exc}"
        raise APIResponseValidationError(response, response.text, message=message) from exc
