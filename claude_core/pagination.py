"""Cursor pages (``after_id``/``before_id``) that fetch the next page on demand.

A page knows the query it was listed with. The next page repeats that query with one
cursor changed: ``after_id=last_id`` going forwards, or ``before_id=first_id`` when the
listing pages backwards (it was started with ``before_id``). There is no next page when
``has_more`` is false, the page is empty or that cursor is missing.
"""

from __future__ import annotations

from typing import (
    Any,
    AsyncIterator,
    Awaitable,
    Callable,
    Dict,
    Generator,
    Generic,
    Iterator,
    List,
    Optional,
    TypeVar,
    Union,
)

import httpx

from ._types import NOT_GIVEN, Body, NotGiven, Query

__all__ = ["PageInfo", "SyncPage", "AsyncPage", "AsyncPaginator", "SyncCursorPage", "AsyncCursorPage"]

T = TypeVar("T")

_NO_NEXT_PAGE = "this is the last page: check has_next_page() before get_next_page()"


class PageInfo:
    """What the request for the next page changes, as :meth:`SyncPage.next_page_info` returns it.

    Our pages set only ``params``: the query parameters that replace this page's
    (``{"after_id": ...}`` or ``{"before_id": ...}``); ``url`` and ``json`` stay ``NOT_GIVEN``.
    """

    __slots__ = ("json", "params", "url")

    def __init__(
        self,
        *,
        url: Union[httpx.URL, NotGiven] = NOT_GIVEN,
        params: Union[Query, NotGiven] = NOT_GIVEN,
        json: Union[Body, NotGiven] = NOT_GIVEN,
    ) -> None:
        self.url = url
        self.params = params
        self.json = json

    def __repr__(self) -> str:
        if not isinstance(self.url, NotGiven):
            return f"PageInfo(url={self.url})"
        if not isinstance(self.json, NotGiven):
            return f"PageInfo(json={self.json})"
        return f"PageInfo(params={self.params})"


class _PageBase(Generic[T]):
    def __init__(
        self,
        *,
        data: List[T],
        has_more: Optional[bool],
        first_id: Optional[str],
        last_id: Optional[str],
        params: Dict[str, Any],
    ) -> None:
        self.data = data
        self.has_more = has_more
        self.first_id = first_id
        self.last_id = last_id
        self._params = params

    def __repr__(self) -> str:
        return f"{type(self).__name__}(items={len(self.data)}, has_more={self.has_more}, last_id={self.last_id!r})"

    def next_page_info(self) -> Optional[PageInfo]:
        """The cursor of the next page, or None when this is the last one.

        ``PageInfo(params={"before_id": first_id})`` when the listing pages backwards
        (it was started with ``before_id``), else ``PageInfo(params={"after_id": last_id})``.
        """
        if self.has_more is False or not self.data:
            return None
        if self._params.get("before_id"):
            return PageInfo(params={"before_id": self.first_id}) if self.first_id else None
        return PageInfo(params={"after_id": self.last_id}) if self.last_id else None

    def has_next_page(self) -> bool:
        """Whether another page follows: ``has_more`` is not false, this page has items and a cursor."""
        return self.next_page_info() is not None

    def _next_query(self) -> Dict[str, Any]:
        info = self.next_page_info()
        if info is None:
            raise RuntimeError(_NO_NEXT_PAGE)
        assert not isinstance(info.params, NotGiven)
        return {**self._params, **info.params}


class SyncPage(_PageBase[T]):
    """One page; iterating it walks every item of this and the following pages."""

    def __init__(self, *, fetch: Callable[[Dict[str, Any]], "SyncPage[T]"], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._fetch = fetch

    def get_next_page(self) -> "SyncPage[T]":
        """Fetch the next page; raises ``RuntimeError`` when :meth:`has_next_page` is false."""
        return self._fetch(self._next_query())

    next_page = get_next_page  # an older name, kept for existing code

    def iter_pages(self) -> Iterator["SyncPage[T]"]:
        """This page, then each following page, each fetched when the loop reaches it."""
        page: SyncPage[T] = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = page.get_next_page()

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.data


class AsyncPage(_PageBase[T]):
    """The async twin of :class:`SyncPage`; ``async for`` walks every item."""

    def __init__(self, *, fetch: Callable[[Dict[str, Any]], Awaitable["AsyncPage[T]"]], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._fetch = fetch

    async def get_next_page(self) -> "AsyncPage[T]":
        """Fetch the next page; raises ``RuntimeError`` when :meth:`has_next_page` is false."""
        return await self._fetch(self._next_query())

    next_page = get_next_page  # an older name, kept for existing code

    async def iter_pages(self) -> AsyncIterator["AsyncPage[T]"]:
        """This page, then each following page: ``async for page in page.iter_pages()``."""
        page: AsyncPage[T] = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.get_next_page()

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item


class AsyncPaginator(Generic[T]):
    """What async ``list()`` returns: ``await`` it for the first page, or ``async for`` every item."""

    def __init__(self, first: Callable[[], Awaitable[AsyncPage[T]]]) -> None:
        self._first = first

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return self._first().__await__()

    async def __aiter__(self) -> AsyncIterator[T]:
        page = await self._first()
        async for item in page:
            yield item


SyncCursorPage = SyncPage
AsyncCursorPage = AsyncPage
