"""JSON Lines bodies (a batch's results file), decoded line by line as the body arrives.

:class:`LineSplitter` holds every decision and no I/O: it cuts chunks into lines however
they were split (``\\r\\n`` across two chunks, a last line without a newline), skips blank
lines and numbers the others as they stand in the body. :class:`JSONLDecoder` and
:class:`AsyncJSONLDecoder` only read the response, so memory stays that of one chunk and
one line, whatever the number of lines.

:func:`line_builder` makes each line's entry as every other response is made: leniently, as the
official SDK builds it (a line whose message lacks fields is built as it came, see
:mod:`~claude_core.types._construct`), or validated by pydantic for a client made with
``_strict_response_validation=True``; a beta call's objects dump as the official ``Beta*`` ones.
A line that is not a JSON object (or, strictly, does not validate) raises
:class:`~claude_core.APIResponseValidationError` naming its line number, after every line
before it was handed out; the response is closed at the end, on an error, and when the
caller stops early (``close()``, or leaving a ``with`` block).
"""

from __future__ import annotations

import json
from types import TracebackType
from typing import (
    AsyncGenerator,
    AsyncIterator,
    Callable,
    Generator,
    Generic,
    Iterator,
    List,
    Optional,
    Tuple,
    Type,
    TypeVar,
)

import httpx
import pydantic

from .._transport.errors import connection_error
from ..errors import APIResponseValidationError
from ..types._construct import construct, mark_beta

__all__ = ["LineSplitter", "line_builder", "JSONLDecoder", "AsyncJSONLDecoder"]

T = TypeVar("T")
Line = Tuple[int, bytes]  # (line number, from 1; the line without its end)


class LineSplitter:
    """Lines of a body fed in chunks: ``feed(chunk)`` gives the lines it completed, ``close()`` the last."""

    def __init__(self) -> None:
        self._partial: List[bytes] = []  # pieces of the line not ended yet (a long line: many chunks)
        self._number = 0

    def feed(self, chunk: bytes) -> List[Line]:
        if b"\n" not in chunk:
            if chunk:
                self._partial.append(chunk)
            return []
        pieces = chunk.split(b"\n")
        if self._partial:
            self._partial.append(pieces[0])
            pieces[0] = b"".join(self._partial)
        last = pieces.pop()
        self._partial = [last] if last else []
        return self._numbered(pieces)

    def close(self) -> List[Line]:
        rest, self._partial = b"".join(self._partial), []
        return self._numbered([rest]) if rest else []

    def _numbered(self, lines: List[bytes]) -> List[Line]:
        first = self._number + 1
        self._number += len(lines)
        out: List[Line] = []
        for offset, line in enumerate(lines):
            if line.endswith(b"\r"):
                line = line[:-1]
            if line.strip():
                out.append((first + offset, line))
        return out


def line_builder(line_type: Type[T], *, strict: bool, beta: bool) -> Callable[[bytes], T]:
    """How one line (JSON bytes) becomes an entry of ``line_type``; raises ``ValueError`` for a bad line.

    ``strict``: validated by pydantic. Else a line that validates is taken from pydantic's
    validator (the fast path: twice as fast as building it), and one that does not, built from
    what arrived; both give equal objects for a valid line, fields set included. ``beta``: the
    objects of a beta call, which dump as the official ``Beta*`` models.
    """
    validate: Callable[[bytes], T] = pydantic.TypeAdapter(line_type).validate_json
    if strict:
        return (lambda line: mark_beta(validate(line))) if beta else validate

    def build(line: bytes) -> T:
        try:
            entry = validate(line)
        except pydantic.ValidationError:
            return construct(line_type, json.loads(line), beta=beta)  # type: ignore[no-any-return]
        return mark_beta(entry) if beta else entry

    return build


class _Decoding(Generic[T]):
    """What both decoders share: the splitter, the line builder, and the error for a bad line."""

    def __init__(self, response: httpx.Response, line_type: Type[T], *, strict: bool, beta: bool) -> None:
        self.http_response = response
        self._build = line_builder(line_type, strict=strict, beta=beta)
        self._splitter = LineSplitter()

    def _each(self, lines: List[Line]) -> Iterator[T]:
        """The lines' entries, one by one: those before a bad line come out before its error."""
        build = self._build
        for number, line in lines:
            try:
                entry = build(line)
            except ValueError as exc:  # pydantic's ValidationError, a JSON error, ResponseShapeError
                raise self._bad_line(number, line, exc) from exc
            yield entry

    def _bad_line(self, number: int, line: bytes, exc: ValueError) -> APIResponseValidationError:
        shown = line[:200].decode("utf-8", "replace")
        if isinstance(exc, pydantic.ValidationError):
            problem = f"{exc.error_count()} error(s): {exc.errors()[0]['msg']}"
        else:
            problem = str(exc)
        return APIResponseValidationError(
            self.http_response,
            line,
            message=f"Line {number} of the JSON Lines body is not a valid entry ({problem}): {shown!r}",
        )


class JSONLDecoder(_Decoding[T]):
    """Iterate the entries of a JSON Lines response; ``close()`` (or ``with``) to stop early."""

    def __init__(
        self, response: httpx.Response, line_type: Type[T], *, strict: bool = False, beta: bool = False
    ) -> None:
        super().__init__(response, line_type, strict=strict, beta=beta)
        self._iterator = self._entries()

    def _entries(self) -> Generator[T, None, None]:
        try:
            for chunk in self._chunks():
                yield from self._each(self._splitter.feed(chunk))
            yield from self._each(self._splitter.close())
        finally:
            self.http_response.close()

    def _chunks(self) -> Iterator[bytes]:
        try:
            yield from self.http_response.iter_bytes()
        except httpx.TransportError as exc:
            raise connection_error(self.http_response.request, exc) from exc

    def __iter__(self) -> Iterator[T]:
        return self._iterator

    def __next__(self) -> T:
        return next(self._iterator)

    def close(self) -> None:
        self._iterator.close()
        self.http_response.close()

    def __enter__(self) -> JSONLDecoder[T]:
        return self

    def __exit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        self.close()


class AsyncJSONLDecoder(_Decoding[T]):
    """``async for`` the entries of a JSON Lines response; ``await close()`` (or ``async with``) to stop early."""

    def __init__(
        self, response: httpx.Response, line_type: Type[T], *, strict: bool = False, beta: bool = False
    ) -> None:
        super().__init__(response, line_type, strict=strict, beta=beta)
        self._iterator = self._entries()

    async def _entries(self) -> AsyncGenerator[T, None]:
        try:
            async for chunk in self._chunks():
                for entry in self._each(self._splitter.feed(chunk)):
                    yield entry
            for entry in self._each(self._splitter.close()):
                yield entry
        finally:
            await self.http_response.aclose()

    async def _chunks(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self.http_response.aiter_bytes():
                yield chunk
        except httpx.TransportError as exc:
            raise connection_error(self.http_response.request, exc) from exc

    def __aiter__(self) -> AsyncIterator[T]:
        return self._iterator

    async def __anext__(self) -> T:
        return await self._iterator.__anext__()

    async def close(self) -> None:
        await self._iterator.aclose()
        await self.http_response.aclose()

    async def __aenter__(self) -> AsyncJSONLDecoder[T]:
        return self

    async def __aexit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        await self.close()
