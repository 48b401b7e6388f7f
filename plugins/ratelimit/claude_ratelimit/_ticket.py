"""What one Messages request reserves, and what its response tells the budget: no I/O here."""

from __future__ import annotations

import hashlib
import json
import math
from typing import Any, Dict, Mapping, Optional, Tuple

import httpx

from ._model import HeaderLimits, Needs, Presets, read_headers

__all__ = [
    "Ticket",
    "budget_key",
    "is_limited",
    "count_tokens_request",
    "counted_tokens",
    "EXTENSION",
]

#: Where a request carries its ticket (``request.extensions``), for the call observer.
EXTENSION = "claude_ratelimit"
#: The fields of a Messages body that count_tokens takes.
_COUNTED = ("model", "messages", "system", "tools", "tool_choice", "thinking", "mcp_servers")


def is_limited(request: httpx.Request) -> bool:
    """Whether the request creates a message (the endpoint the API's limits count); others pass through."""
    return request.method == "POST" and request.url.path.rstrip("/").endswith("/v1/messages")


def budget_key(request: httpx.Request, name: Optional[str]) -> str:
    """The budget a request draws on: ``name``, else a hash of its host and credentials (never the key itself)."""
    if name is not None:
        return name
    secret = request.headers.get("x-api-key") or request.headers.get("authorization") or ""
    digest = hashlib.sha256(f"{request.url.host}:{request.url.port}\n{secret}".encode()).hexdigest()
    return digest[:32]


def _body(request: httpx.Request) -> Dict[str, Any]:
    try:
        body = json.loads(request.content)
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


class Ticket:
    """One attempt's reservation, from before it is sent until its usage is known."""

    __slots__ = ("body", "corrections", "key", "needs", "store", "stream")

    def __init__(self, request: httpx.Request, key: str, chars_per_token: float) -> None:
        self.body = _body(request)
        max_tokens = self.body.get("max_tokens")
        output = float(max_tokens) if isinstance(max_tokens, int) and max_tokens > 0 else 0.0
        self.key = key
        self.needs: Needs = (1.0, float(math.ceil(len(request.content) / chars_per_token)), output)
        self.stream = self.body.get("stream") is True
        self.store: Any = None
        #: Per dimension: whether the reservation still stands in for usage the final usage corrects.
        self.corrections: Tuple[bool, ...] = (False, False, False)

    def exact_input(self, tokens: int) -> None:
        self.needs = (self.needs[0], float(tokens), self.needs[2])

    def answered(self, response: httpx.Response, presets: Presets) -> Tuple[Needs, HeaderLimits, Needs]:
        """What the response does to the budget: (release, header limits, charge)."""
        limits = read_headers(response.headers)
        if response.status_code >= 400:  # refused: the server took nothing
            return self.needs, limits, (0.0, 0.0, 0.0)
        charge = tuple(0.0 if found is not None else need for found, need in zip(limits, self.needs))
        # Without headers the estimate is charged, and corrected to the usage at the end; a stream's
        # headers count max_tokens (they come before the reply), the end gives back what it did not use.
        self.corrections = (
            False,
            limits[1] is None and presets[1] is not None,
            (limits[2] is None and presets[2] is not None) or (limits[2] is not None and self.stream),
        )
        return self.needs, limits, charge  # type: ignore[return-value]

    def deltas(self, usage: Any) -> Optional[Needs]:
        """What to give back (or take) once the reply's usage is known; None when nothing changes."""
        if usage is None or not any(self.corrections):
            return None
        spent = (
            1.0,
            float((getattr(usage, "input_tokens", 0) or 0) + (getattr(usage, "cache_creation_input_tokens", 0) or 0)),
            float(getattr(usage, "output_tokens", 0) or 0),
        )
        deltas = tuple(need - used if fix else 0.0 for need, used, fix in zip(self.needs, spent, self.corrections))
        return deltas if any(deltas) else None  # type: ignore[return-value]


def count_tokens_request(request: httpx.Request, body: Mapping[str, Any]) -> httpx.Request:
    """The count_tokens request for a Messages request, with its headers (credentials included)."""
    content = json.dumps({k: body[k] for k in _COUNTED if k in body}).encode()
    headers = httpx.Headers(request.headers)
    headers["content-length"] = str(len(content))
    url = request.url.copy_with(path=request.url.path.rstrip("/") + "/count_tokens")
    return httpx.Request("POST", url, headers=headers, content=content, extensions=dict(request.extensions))


def counted_tokens(response: httpx.Response) -> Optional[int]:
    """``input_tokens`` of a count_tokens answer whose body was read, None when it failed."""
    if response.status_code != 200:
        return None
    try:
        value = json.loads(response.content).get("input_tokens")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, int) else None
