"""models.list (auto-paginating) and models.retrieve."""

from __future__ import annotations

import pytest

import claude_core
from claude_core.types import ModelInfo
from tests.conftest import Api


def test_list_walks_every_page(api: Api) -> None:
    everything = api.collect(api.client.models.list(limit=2))
    assert len(everything) >= 7
    assert all(isinstance(model, ModelInfo) for model in everything)
    assert len({model.id for model in everything}) == len(everything)
    requests = api.emulator.requests
    assert len(requests) == -(-len(everything) // 2)
    assert requests[0].query == {"limit": "2"}
    assert requests[1].query == {"limit": "2", "after_id": everything[1].id}


def test_first_page_and_next_page(api: Api) -> None:
    page = api(lambda c: c.models.list(limit=3))
    assert len(page.data) == 3 and page.has_more and page.has_next_page()
    assert page.first_id == page.data[0].id and page.last_id == page.data[-1].id
    second = api.run(page.next_page())
    assert second.data[0].id not in {m.id for m in page.data}


def test_paging_backwards_with_before_id(api: Api) -> None:
    everything = api.collect(api.client.models.list())
    last = everything[-1].id
    backwards = api.collect(api.client.models.list(before_id=last, limit=2))
    assert [m.id for m in backwards] == [m.id for m in everything[:-1]][::-1][: len(backwards)] or {
        m.id for m in backwards
    } == {m.id for m in everything[:-1]}
    assert {m.id for m in backwards} == {m.id for m in everything[:-1]}


def test_retrieve_and_not_found(api: Api) -> None:
    first = api.collect(api.client.models.list())[0]
    model = api(lambda c: c.models.retrieve(first.id))
    assert model.id == first.id and model.display_name == first.display_name
    assert model._request_id
    with pytest.raises(claude_core.NotFoundError):
        api(lambda c: c.models.retrieve("claude-does-not-exist-1"))
    with pytest.raises(ValueError, match="model_id"):
        api(lambda c: c.models.retrieve(""))


def test_list_with_raw_response(api: Api) -> None:
    raw = api(lambda c: c.models.with_raw_response.list(limit=1))
    assert raw.status_code == 200
    page = api.run(raw.parse())
    assert len(page.data) == 1
