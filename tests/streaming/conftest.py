"""The streaming suite runs its ``api`` tests over httpx's transport (sync and async) and over aiohttp's (async)."""

from __future__ import annotations

from typing import Iterator

import pytest

from ..conftest import Api


@pytest.fixture
def api(api_over_transports: Api) -> Iterator[Api]:
    yield api_over_transports
