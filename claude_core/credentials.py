"""Credentials: the first-party API key / bearer token, and the refresh contract.

Whatever ``claude_credentials`` returns is handed to ``claude_sign_request``. A
credentials object that expires implements :class:`RefreshableCredentials`: the pipeline
asks ``needs_refresh()`` before every attempt and calls ``refresh()`` when it answers
True, and once more (forced) when a request is refused for its credentials (a 401
first-party; :meth:`~claude_core.providers.Provider.credentials_rejected` decides).
``refresh()`` must then fetch a fresh secret even if the old one looks valid. It may block:
the async client runs it in a worker thread, and concurrent requests share one refresh.
"""

from __future__ import annotations

import dataclasses
from typing import Optional

from typing_extensions import Protocol, runtime_checkable

__all__ = ["APIKeyCredentials", "RefreshableCredentials"]


@dataclasses.dataclass(frozen=True)
class APIKeyCredentials:
    """Sent as ``X-Api-Key`` and/or ``Authorization: Bearer``. Never printed."""

    api_key: Optional[str] = None
    auth_token: Optional[str] = None

    def __repr__(self) -> str:
        key = "<redacted>" if self.api_key else None
        token = "<redacted>" if self.auth_token else None
        return f"APIKeyCredentials(api_key={key!r}, auth_token={token!r})"


@runtime_checkable
class RefreshableCredentials(Protocol):
    """Credentials that expire: cloud tokens, rotating keys."""

    def needs_refresh(self) -> bool:
        """Whether the secret is missing or about to expire; cheap and non-blocking."""
        ...

    def refresh(self) -> None:
        """Fetch a fresh secret; may block (it runs off the event loop in the async client)."""
        ...
