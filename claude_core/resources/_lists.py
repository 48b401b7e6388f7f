"""The cursor-paginated ``list()`` methods (models, batches, files): one page of items per request.

A page body is ``{"data": [...], "has_more", "first_id", "last_id"}``; iterating a page walks
the following ones (see :mod:`claude_core.pagination`).
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, Type, TypeVar

import httpx
import pydantic

from .._engine.parsing import parse_response
from .._options import CallOptions
from .._types import RequestMode
from ..pagination import AsyncPage, AsyncPaginator, SyncPage
from ..providers import APIRequest
from ..types._base import BaseModel
from ._base import AsyncRequester, Requester

__all__ = ["list_call", "sync_list", "async_list"]

T = TypeVar("T", bound=BaseModel)
_BODIES: Dict[Any, Type[BaseModel]] = {}


def list_call(endpoint: str, path: str, query: Dict[str, Any], beta: bool) -> APIRequest:
    """The request of one page. A beta list has ``?beta=true`` only while it has no query
    parameters of its own: with them the official SDK's URL loses it, and so does this one
    (cassettes recorded with it match)."""
    call = APIRequest(endpoint, "GET", path, query=dict(query))
    if beta and not any(value is not None for value in query.values()):
        call.query["beta"] = "true"
    return call


def _page_body(item: Type[T]) -> Type[BaseModel]:
    body = _BODIES.get(item)
    if body is None:
        body = _BODIES[item] = pydantic.create_model(
            f"{item.__name__}Page",
            __base__=BaseModel,
            data=(List[item], ...),  # type: ignore[valid-type]
            has_more=(bool, False),
            first_id=(Optional[str], None),
            last_id=(Optional[str], None),
        )
    return body


def _page_fields(response: httpx.Response, item: Type[T]) -> Dict[str, Any]:
    body = parse_response(response, _page_body(item))
    return {
        "data": body.data,  # type: ignore[attr-defined]
        "has_more": body.has_more,  # type: ignore[attr-defined]
        "first_id": body.first_id,  # type: ignore[attr-defined]
        "last_id": body.last_id,  # type: ignore[attr-defined]
    }


def sync_list(
    client: Requester,
    mode: RequestMode,
    call_for: Callable[[Dict[str, Any]], APIRequest],
    query: Dict[str, Any],
    opts: CallOptions,
    item: Type[T],
) -> SyncPage[T]:
    """The first page (fetched now); pages after it are fetched as iteration reaches them."""

    def fetch(page_query: Dict[str, Any], page_mode: RequestMode = RequestMode.PARSE) -> SyncPage[T]:
        # pages after the first are pages, also when the first came through a response view
        return client._request(call_for(page_query), opts, parse, page_mode)  # type: ignore[no-any-return]

    def parse(response: httpx.Response) -> SyncPage[T]:
        return SyncPage(fetch=fetch, params=query, **_page_fields(response, item))

    return fetch(query, mode)


def async_list(
    client: AsyncRequester,
    mode: RequestMode,
    call_for: Callable[[Dict[str, Any]], APIRequest],
    query: Dict[str, Any],
    opts: CallOptions,
    item: Type[T],
) -> AsyncPaginator[T]:
    """``await`` it for the first page, or ``async for`` every item of every page."""

    async def fetch(page_query: Dict[str, Any], page_mode: RequestMode = RequestMode.PARSE) -> AsyncPage[T]:
        return await client._request(call_for(page_query), opts, parse, page_mode)  # type: ignore[no-any-return]

    def parse(response: httpx.Response) -> AsyncPage[T]:
        return AsyncPage(fetch=fetch, params=query, **_page_fields(response, item))

    return AsyncPaginator(lambda: fetch(query, mode))
