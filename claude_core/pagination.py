"""Cursor pages (``after_id``/``before_id``) that fetch the next page on demand."""

from __future__ import annotations

from typing import Any, AsyncIterator, Awaitable, Callable, Dict, Generator, Generic, Iterator, List, Optional, TypeVar

__all__ = ["SyncPage", "AsyncPage", "AsyncPaginator", "SyncCursorPage", "AsyncCursorPage"]

T = TypeVar("T")


class _PageBase(Generic[T]):
    def __init__(
        self, *, data: List[T], has_more: bool, first_id: Optional[str], last_id: Optional[str], params: Dict[str, Any]
    ) -> None:
        self.data = data
        self.has_more = has_more
        self.first_id = first_id
        self.last_id = last_id
        self._params = params

    def __repr__(self) -> str:
        return f"{type(self).__name__}(items={len(self.data)}, has_more={self.has_more}, last_id={self.last_id!r})"

    def _backwards(self) -> bool:
        return self._params.get("before_id") is not None and self._params.get("after_id") is None

    def next_page_info(self) -> Optional[Dict[str, Any]]:
        """The parameters of the next page, or None when this is the last one."""
        if not self.has_more or not self.data:
            return None
        params = {k: v for k, v in self._params.items() if k not in ("after_id", "before_id")}
        if self._backwards():
            if self.first_id is None:
                return None
            params["before_id"] = self.first_id
        else:
            if self.last_id is None:
                return None
            params["after_id"] = self.last_id
        return params

    def has_next_page(self) -> bool:
        return self.next_page_info() is not None


class SyncPage(_PageBase[T]):
    """One page; iterating it walks every item of this and the following pages."""

    def __init__(self, *, fetch: Callable[[Dict[str, Any]], "SyncPage[T]"], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._fetch = fetch

    def next_page(self) -> "SyncPage[T]":
        info = self.next_page_info()
        if info is None:
            raise RuntimeError("No more pages: check has_next_page() first")
        return self._fetch(info)

    def iter_pages(self) -> Iterator["SyncPage[T]"]:
        page: SyncPage[T] = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = page.next_page()

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.data


class AsyncPage(_PageBase[T]):
    """The async twin of :class:`SyncPage`; ``async for`` walks every item."""

    def __init__(self, *, fetch: Callable[[Dict[str, Any]], Awaitable["AsyncPage[T]"]], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._fetch = fetch

    async def next_page(self) -> "AsyncPage[T]":
        info = self.next_page_info()
        if info is None:
            raise RuntimeError("No more pages: check has_next_page() first")
        return await self._fetch(info)

    async def iter_pages(self) -> AsyncIterator["AsyncPage[T]"]:
        page: AsyncPage[T] = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.next_page()

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
