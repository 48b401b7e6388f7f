"""Pages like the official SDK's: has_next_page, get_next_page, next_page_info, iter_pages (sync and async)."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest

from claude_core import NOT_GIVEN
from claude_core.pagination import AsyncPage, PageInfo, SyncPage
from claude_core.types import ModelInfo
from tests.conftest import Api

NO_NEXT_PAGE = "this is the last page: check has_next_page() before get_next_page()"


def first_page(api: Api, **params: Any) -> Any:
    return api(lambda c: c.models.list(**params))


def every_model(api: Api) -> List[ModelInfo]:
    models = api.collect(api.client.models.list(limit=1000))
    api.emulator.reset()
    return models


def pages_of(api: Api, page: Any) -> List[Any]:
    """Every page ``page.iter_pages()`` yields, with ``for`` or ``async for``."""
    if api.is_async:

        async def gather() -> List[Any]:
            return [each async for each in page.iter_pages()]

        return api.run(gather())  # type: ignore[no-any-return]
    return list(page.iter_pages())


def model_page(*ids: str, has_more: Any = True, first_id: Any = "first", last_id: Any = "last") -> Dict[str, Any]:
    data = [{"type": "model", "id": i, "display_name": i, "created_at": "2025-01-01T00:00:00Z"} for i in ids]
    return {"data": data, "has_more": has_more, "first_id": first_id, "last_id": last_id}


def test_page_class_and_fields(api: Api) -> None:
    page = first_page(api, limit=2)
    assert isinstance(page, AsyncPage if api.is_async else SyncPage)
    assert len(page.data) == 2 and all(isinstance(model, ModelInfo) for model in page.data)
    assert page.has_more is True
    assert (page.first_id, page.last_id) == (page.data[0].id, page.data[-1].id)


def test_next_page_info_names_the_after_id_cursor(api: Api) -> None:
    page = first_page(api, limit=2)
    assert page.has_next_page() is True
    info = page.next_page_info()
    assert isinstance(info, PageInfo)
    assert info.params == {"after_id": page.last_id}
    assert info.url is NOT_GIVEN and info.json is NOT_GIVEN
    assert repr(info) == f"PageInfo(params={{'after_id': {page.last_id!r}}})"


def test_get_next_page_repeats_the_query_with_the_cursor(api: Api) -> None:
    everything = every_model(api)
    page = first_page(api, limit=2)
    second = api.run(page.get_next_page())
    assert isinstance(second, type(page))
    assert [m.id for m in second.data] == [m.id for m in everything[2:4]]
    assert [r.query for r in api.emulator.requests] == [{"limit": "2"}, {"limit": "2", "after_id": page.last_id}]


def test_the_last_page_has_no_next_page(api: Api) -> None:
    everything = every_model(api)
    page = first_page(api, after_id=everything[-3].id, limit=2)
    assert [m.id for m in page.data] == [m.id for m in everything[-2:]]
    assert page.has_more is False
    assert page.has_next_page() is False
    assert page.next_page_info() is None
    sent = len(api.emulator.requests)
    with pytest.raises(RuntimeError) as caught:
        api.run(page.get_next_page())
    assert str(caught.value) == NO_NEXT_PAGE
    assert len(api.emulator.requests) == sent  # nothing was sent


def test_an_empty_page_has_no_next_page(api: Api) -> None:
    everything = every_model(api)
    page = first_page(api, after_id=everything[-1].id)
    assert page.data == [] and page.has_next_page() is False and page.next_page_info() is None
    # even when the server says there is more
    api.emulator.enqueue(status=200, json=model_page(has_more=True, first_id=None, last_id=None))
    page = first_page(api)
    assert page.data == [] and page.has_next_page() is False
    with pytest.raises(RuntimeError, match="has_next_page"):
        api.run(page.get_next_page())


def test_a_missing_cursor_ends_the_listing(api: Api) -> None:
    api.emulator.enqueue(status=200, json=model_page("claude-a", has_more=True, last_id=None))
    page = first_page(api)
    assert page.has_more is True and page.has_next_page() is False and page.next_page_info() is None


def test_iter_pages_yields_this_page_then_each_following_one(api: Api) -> None:
    everything = every_model(api)
    page = first_page(api, limit=2)
    pages = pages_of(api, page)
    assert pages[0] is page
    assert len(pages) == -(-len(everything) // 2) and len(api.emulator.requests) == len(pages)
    assert [m.id for p in pages for m in p.data] == [m.id for m in everything]
    assert all(p.has_next_page() for p in pages[:-1]) and not pages[-1].has_next_page()


def test_iter_pages_from_a_later_page(api: Api) -> None:
    everything = every_model(api)
    second = api.run(first_page(api, limit=3).get_next_page())
    assert [m.id for p in pages_of(api, second) for m in p.data] == [m.id for m in everything[3:]]


def test_iterating_a_page_still_walks_every_item(api: Api) -> None:
    everything = every_model(api)
    page = first_page(api, limit=2)
    assert [m.id for m in api.collect(page)] == [m.id for m in everything]
    # and the async list() is still an async iterable of items before being awaited
    assert [m.id for m in api.collect(api.client.models.list(limit=3))] == [m.id for m in everything]


def test_paging_back_with_before_id_follows_first_id(api: Api) -> None:
    everything = every_model(api)
    page = first_page(api, before_id=everything[-1].id, limit=2)
    assert [m.id for m in page.data] == [m.id for m in everything[-3:-1]]
    info = page.next_page_info()
    assert info is not None and info.params == {"before_id": page.first_id}
    previous = api.run(page.get_next_page())
    assert [m.id for m in previous.data] == [m.id for m in everything[-5:-3]]
    assert api.emulator.requests[-1].query == {"limit": "2", "before_id": page.first_id}
    pages = pages_of(api, page)
    assert sorted(m.id for p in pages for m in p.data) == sorted(m.id for m in everything[:-1])
    assert pages[-1].has_more is False and pages[-1].next_page_info() is None


def test_next_page_is_the_older_name_of_get_next_page(api: Api) -> None:
    everything = every_model(api)
    page = first_page(api, limit=1)
    assert [m.id for m in api.run(page.next_page()).data] == [everything[1].id]
    assert api.emulator.requests[-1].query == {"limit": "1", "after_id": page.last_id}


def test_pages_of_a_raw_list_are_pages(api: Api) -> None:
    raw = api(lambda c: c.models.with_raw_response.list(limit=2))
    page = raw.parse()
    assert isinstance(page, AsyncPage if api.is_async else SyncPage)
    second = api.run(page.get_next_page())
    assert isinstance(second, type(page)) and len(second.data) == 2
