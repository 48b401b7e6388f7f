"""What every resource shares: splitting call options from API parameters, and response views."""

from __future__ import annotations

from types import TracebackType
from typing import (
    TYPE_CHECKING,
    Any,
    Awaitable,
    Callable,
    Generator,
    Generic,
    Optional,
    Type,
    TypeVar,
)

import httpx
from typing_extensions import Protocol

from .._types import RequestMode, StreamOptions

if TYPE_CHECKING:
    from .._options import CallOptions, ClientOptions
    from ..providers import APIRequest
    from ..streaming.stream import AsyncStream, Stream

__all__ = ["Resource", "Requester", "AsyncRequester", "stream_result"]

ClientT = TypeVar("ClientT")
T = TypeVar("T")
Parse = Callable[[httpx.Response], Any]


class Requester(Protocol):
    """What a resource of a sync client asks of it: :class:`~claude_core.Anthropic` and the
    provider clients built on it. Resources know their client by this and nothing more."""

    @property
    def options(self) -> ClientOptions: ...

    @property
    def _strict_response_validation(self) -> bool: ...

    def _request(self, call: APIRequest, opts: CallOptions, parse: Parse, mode: RequestMode = ...) -> Any:
        """Send ``call``; return what ``mode`` asks for (the parsed object, or a raw response)."""

    def _stream(
        self, call: APIRequest, opts: CallOptions, stream_options: StreamOptions, accumulator: Any = None
    ) -> Stream[Any]:
        """Send ``call`` as a stream; return its events once the response headers arrived."""


class AsyncRequester(Protocol):
    """:class:`Requester` for async clients: the same, awaited."""

    @property
    def options(self) -> ClientOptions: ...

    @property
    def _strict_response_validation(self) -> bool: ...

    async def _request(self, call: APIRequest, opts: CallOptions, parse: Parse, mode: RequestMode = ...) -> Any: ...

    async def _stream(
        self, call: APIRequest, opts: CallOptions, stream_options: StreamOptions, accumulator: Any = None
    ) -> AsyncStream[Any]: ...


def stream_result(raw: Any, mode: RequestMode) -> Any:
    """A stream as a method returns it: itself, or through a response view a response whose
    ``parse()`` hands it out."""
    if mode is RequestMode.PARSE:
        return raw
    from .._engine.responses import stream_response  # here: only a response view needs it

    return stream_response(raw, mode)


class Resource(Generic[ClientT]):
    """A group of API methods bound to a client.

    ``with_raw_response`` and ``with_streaming_response`` return views of the same
    resource whose methods return an ``APIResponse`` instead of the parsed object.
    """

    def __init__(self, client: ClientT, mode: RequestMode = RequestMode.PARSE) -> None:
        self._client = client
        self._mode = mode

    @property
    def with_raw_response(self) -> Any:
        """Methods return an ``APIResponse`` (status, headers, ``parse()``), body read."""
        return _ResponseView(type(self)(self._client, RequestMode.RAW))

    @property
    def with_streaming_response(self) -> Any:
        """Methods return an ``APIResponse`` whose body is read lazily; use it in ``with``."""
        return _ResponseView(type(self)(self._client, RequestMode.STREAM_RESPONSE))


class _ResponseView:
    def __init__(self, resource: Any) -> None:
        self._resource = resource

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._resource, name)
        if isinstance(method, Resource):  # a nested resource (client.beta.messages): same mode
            return _ResponseView(method)
        if not callable(method) or name.startswith("_"):
            return method

        def call(*args: Any, **kwargs: Any) -> Any:
            result = method(*args, **kwargs)
            if self._resource._mode is RequestMode.STREAM_RESPONSE and isinstance(result, Awaitable):
                return _AwaitableContext(result)
            return result

        return call


class _AwaitableContext(Generic[T]):
    """Lets ``async with client.x.with_streaming_response.m(...) as response`` work, and ``await``."""

    def __init__(self, awaitable: Awaitable[T]) -> None:
        self._awaitable = awaitable
        self._response: Optional[T] = None

    def __await__(self) -> Generator[Any, None, T]:
        return self._awaitable.__await__()

    async def __aenter__(self) -> T:
        response = self._response = await self._awaitable
        return response

    async def __aexit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        close = getattr(self._response, "close", None)
        if close is not None:
            await close()
