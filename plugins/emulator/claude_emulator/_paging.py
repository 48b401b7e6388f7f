"""Cursor paging as the API's list endpoints do it: ``limit``, ``after_id``, ``before_id``.

A page is ``{"data": [...], "has_more", "first_id", "last_id"}``. GET /v1/models, GET
/v1/messages/batches and GET /v1/files all page this way, each over its items in list order.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, TypeVar

from ._wire import APIErrorReply

__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "parse_limit", "select", "page"]

DEFAULT_LIMIT = 20
MAX_LIMIT = 1000

T = TypeVar("T")


def parse_limit(raw: Optional[str]) -> int:
    """``limit``: an integer from 1 to :data:`MAX_LIMIT`, :data:`DEFAULT_LIMIT` when absent."""
    if raw is None:
        return DEFAULT_LIMIT
    try:
        limit = int(raw)
    except ValueError:
        message = "limit: Input should be a valid integer, unable to parse string as an integer"
        raise APIErrorReply(400, message) from None
    if limit < 1:
        raise APIErrorReply(400, "limit: Input should be greater than or equal to 1")
    if limit > MAX_LIMIT:
        raise APIErrorReply(400, f"limit: Input should be less than or equal to {MAX_LIMIT}")
    return limit


def _cursor_index(ids: Sequence[str], name: str, value: str, noun: str) -> int:
    for index, item_id in enumerate(ids):
        if item_id == value:
            return index
    raise APIErrorReply(400, f"{name}: unknown {noun} id {value!r}")


def select(ids: Sequence[str], query: Mapping[str, str], noun: str) -> Tuple[int, int, bool]:
    """The ``[start, end)`` slice of ``ids`` a query asks for, and whether more lie beyond it.

    No cursor: the first ``limit`` items. ``after_id``: the ``limit`` items after it.
    ``before_id``: the ``limit`` items immediately before it. ``has_more`` says whether more
    items lie beyond the page in the paging direction. ``noun`` names the items in errors.
    """
    limit = parse_limit(query.get("limit"))
    after_id, before_id = query.get("after_id"), query.get("before_id")
    if after_id is not None and before_id is not None:
        raise APIErrorReply(400, "after_id: cannot be used together with before_id")
    if before_id is not None:
        end = _cursor_index(ids, "before_id", before_id, noun)
        start = max(0, end - limit)
        return start, end, start > 0
    start = 0 if after_id is None else _cursor_index(ids, "after_id", after_id, noun) + 1
    end = min(len(ids), start + limit)
    return start, end, end < len(ids)


def page(
    items: Sequence[T], item_id: Callable[[T], str], query: Mapping[str, str], noun: str, render: Callable[[T], Any]
) -> Dict[str, Any]:
    """One page of ``items`` (in list order), each rendered by ``render``; see :func:`select`."""
    ids = [item_id(item) for item in items]
    start, end, has_more = select(ids, query, noun)
    data: List[Any] = [render(item) for item in items[start:end]]
    return {
        "data": data,
        "has_more": has_more,
        "first_id": ids[start] if data else None,
        "last_id": ids[end - 1] if data else None,
    }
