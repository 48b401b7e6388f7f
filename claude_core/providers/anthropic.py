"""The first-party provider: the Claude API at api.anthropic.com."""

from __future__ import annotations

import os
from typing import Mapping

from .._options import DEFAULT_BASE_URL
from ._base import Provider

__all__ = ["AnthropicProvider", "API_VERSION"]

API_VERSION = "2023-06-01"


class AnthropicProvider(Provider):
    """``base_url=`` or ``ANTHROPIC_BASE_URL`` or https://api.anthropic.com, API version 2023-06-01."""

    name = "anthropic"

    def base_url(self) -> str:
        return self.options.base_url or os.environ.get("ANTHROPIC_BASE_URL") or DEFAULT_BASE_URL

    def default_headers(self) -> Mapping[str, str]:
        return {"anthropic-version": API_VERSION}
