"""Credentials of the first-party API: an API key and/or an OAuth bearer token."""

from __future__ import annotations

import dataclasses
from typing import Optional

__all__ = ["APIKeyCredentials"]


@dataclasses.dataclass(frozen=True)
class APIKeyCredentials:
    """Sent as ``X-Api-Key`` and/or ``Authorization: Bearer``. Never printed."""

    api_key: Optional[str] = None
    auth_token: Optional[str] = None

    def __repr__(self) -> str:
        key = "<redacted>" if self.api_key else None
        token = "<redacted>" if self.auth_token else None
        return f"APIKeyCredentials(api_key={key!r}, auth_token={token!r})"
