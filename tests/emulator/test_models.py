"""GET /v1/models (cursor paging like the real API) and GET /v1/models/{id}."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import httpx
import pytest


def _page(client: httpx.Client, **params: Any) -> Dict[str, Any]:
    response = client.get("/v1/models", params=params)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def _all_ids(client: httpx.Client) -> List[str]:
    return [m["id"] for m in _page(client, limit=1000)["data"]]


def test_default_page(client: httpx.Client) -> None:
    page = _page(client)
    assert len(page["data"]) >= 7
    assert page["has_more"] is False
    assert page["first_id"] == page["data"][0]["id"]
    assert page["last_id"] == page["data"][-1]["id"]
    for model in page["data"]:
        assert set(model) == {"type", "id", "display_name", "created_at"}
        assert model["type"] == "model" and model["id"].startswith("claude-")
        assert model["created_at"].endswith("Z")
    created = [m["created_at"] for m in page["data"]]
    assert created == sorted(created, reverse=True)


@pytest.mark.parametrize("limit", [1, 2, 3, 4])
def test_walk_forward_and_backward(client: httpx.Client, limit: int) -> None:
    everything = _all_ids(client)
    forward: List[str] = []
    after: Optional[str] = None
    while True:
        page = _page(client, limit=limit, **({"after_id": after} if after else {}))
        assert len(page["data"]) <= limit
        forward += [m["id"] for m in page["data"]]
        if not page["has_more"]:
            break
        after = page["last_id"]
    assert forward == everything

    backward: List[str] = []
    before = everything[-1]
    backward.append(before)
    while True:
        page = _page(client, limit=limit, before_id=before)
        backward = [m["id"] for m in page["data"]] + backward
        if not page["has_more"]:
            break
        before = page["first_id"]
    assert backward == everything


def test_empty_page_after_last(client: httpx.Client) -> None:
    last = _all_ids(client)[-1]
    assert _page(client, after_id=last) == {"data": [], "has_more": False, "first_id": None, "last_id": None}


@pytest.mark.parametrize("limit", ["0", "1001", "ten"])
def test_bad_limit(client: httpx.Client, limit: str) -> None:
    response = client.get("/v1/models", params={"limit": limit})
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "invalid_request_error"
    assert response.json()["error"]["message"].startswith("limit: ")


def test_retrieve(client: httpx.Client) -> None:
    for model_id in _all_ids(client):
        response = client.get(f"/v1/models/{model_id}")
        assert response.status_code == 200
        assert response.json()["id"] == model_id
    assert client.get("/v1/models/claude-sonnet-4-5").json()["id"] == "claude-sonnet-4-5-20250929"


def test_retrieve_unknown(client: httpx.Client) -> None:
    response = client.get("/v1/models/claude-nope")
    assert response.status_code == 404
    assert response.json()["error"] == {"type": "not_found_error", "message": "model: claude-nope"}
