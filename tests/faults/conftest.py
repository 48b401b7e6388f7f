"""Fixtures for the fault tests: a fresh fault server per test, and the SDK caller: sync, async, async over aiohttp."""

from __future__ import annotations

from typing import Iterator

import pytest

from ..conftest import TRANSPORT_MODES
from .calls import Caller
from .server import FaultServer


@pytest.fixture
def fault_server() -> Iterator[FaultServer]:
    with FaultServer() as server:
        yield server


@pytest.fixture(params=TRANSPORT_MODES)
def call(request: pytest.FixtureRequest, fault_server: FaultServer) -> Caller:
    return Caller(request.param, fault_server.base_url)
