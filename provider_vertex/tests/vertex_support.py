"""What the Vertex provider's tests share: constants, helpers, and fixtures (a clean Google
environment per test, an emulator per module, a service-account key file).

Not a ``conftest.py``: pytest imports each ``conftest.py`` of a folder that is not a package
as the one module ``conftest``, and ``provider_bedrock/tests`` imports its constants from
``conftest``; a second one would replace it in a run over both folders. Test modules import
the fixtures they use from here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest
from claude_emulator import Emulator

try:
    from google.auth.compute_engine import _metadata
except ImportError:  # google-auth's metadata client needs requests; without it ADC never asks a metadata server
    _metadata = None

#: A Vertex AI model id, and the first-party model the emulator answers for it.
MODEL = "claude-sonnet-4-5@20250929"
FIRST_PARTY_MODEL = "claude-sonnet-4-5-20250929"
MESSAGES: Any = [{"role": "user", "content": "Hello there, Claude"}]
REGION = "us-east5"
PROJECT = "emulator-project"

_GOOGLE_ENV = (
    "GOOGLE_APPLICATION_CREDENTIALS",
    "GOOGLE_CLOUD_PROJECT",
    "GCLOUD_PROJECT",
    "GOOGLE_CLOUD_QUOTA_PROJECT",
    "CLOUDSDK_CONFIG",
    "CLOUDSDK_CORE_PROJECT",
    "CLOUD_ML_REGION",
    "ANTHROPIC_VERTEX_PROJECT_ID",
    "ANTHROPIC_VERTEX_BASE_URL",
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_AUTH_TOKEN",
    "ANTHROPIC_BASE_URL",
    "CLAUDE_CORE_DISABLE_PLUGINS",
)


@pytest.fixture(name="google_env", autouse=True)
def google_env_fixture(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No Google setting of the machine leaks in: an empty gcloud config, no metadata server."""
    for name in _GOOGLE_ENV:
        monkeypatch.delenv(name, raising=False)
    gcloud = tmp_path / "gcloud"
    gcloud.mkdir()
    monkeypatch.setenv("CLOUDSDK_CONFIG", str(gcloud))
    # google-auth reads NO_GCE_CHECK once, at import: set what it read
    if _metadata is not None:
        monkeypatch.setattr(_metadata, "_NO_GCE_CHECK", True)
    return tmp_path


@pytest.fixture(name="emulator_server", scope="module")
def emulator_server_fixture() -> Iterator[Emulator]:
    with Emulator() as emu:
        yield emu


@pytest.fixture(name="emulator")
def emulator_fixture(emulator_server: Emulator) -> Iterator[Emulator]:
    emulator_server.reset()
    yield emulator_server
    emulator_server.reset()


@pytest.fixture(name="key_file")
def key_file_fixture(emulator: Emulator, tmp_path: Path) -> Path:
    """A service-account key file whose tokens come from the emulator's token endpoint."""
    return emulator.vertex_service_account(tmp_path / "service-account.json", project_id=PROJECT)


def vertex_url(emulator: Emulator) -> str:
    """The emulator as the Vertex AI base URL (the official ones end in ``/v1``)."""
    return f"{emulator.base_url}/v1"


def model_path(model: str = MODEL, method: str = "rawPredict", project: str = PROJECT, region: str = REGION) -> str:
    return f"/v1/projects/{project}/locations/{region}/publishers/anthropic/models/{model}:{method}"
