"""Installing and uninstalling ``claude-provider-vertex`` makes ``provider="vertex"`` appear and disappear
(a real wheel install, in a fresh interpreter: see :mod:`tests.provider_packaging`)."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest

from tests.compat import test_packaging as packaging
from tests.provider_packaging import Provider, Sites, build_sites, child

VERTEX = Provider(
    name="vertex",
    distribution="claude-provider-vertex",
    package="provider_vertex",
    source=packaging.ROOT / "provider_vertex",
    client="AnthropicVertex",
    setup="""
    options = {"region": "us-east5", "project_id": "packaging", "access_token": emu.vertex_access_token()}

    def create():  # an unknown provider fails at construction: made in here
        client = claude_core.Anthropic(provider="vertex", base_url=emu.base_url + "/v1", provider_options=options)
        return client.messages.create(
            model="claude-sonnet-4-5@20250929", max_tokens=16, messages=[{"role": "user", "content": "Hi"}]
        )
""",
    env_prefixes=("GOOGLE_", "CLOUDSDK_", "CLOUD_ML_"),
)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    return build_sites(VERTEX, tmp_path_factory.mktemp("vertex-packaging"))


def test_uninstalled_the_provider_is_missing_with_a_clear_error(sites: Sites) -> None:
    out = child(VERTEX, sites, None)
    assert out["version"] is None and out["module"] is None  # really not installed
    assert "vertex" not in out["providers"] and "vertex" not in out["plugins"]
    assert "anthropic" in out["providers"]
    assert out["client"] == (
        "ImportError: claude_core.AnthropicVertex needs the claude-provider-vertex distribution: python3 -m pip "
        'install "claude-provider-vertex @ git+https://github.com/claude-core/claude-core'
        '#subdirectory=provider_vertex" '
        "(from a clone of the repository: python3 -m pip install ./provider_vertex)"
    )
    assert out["create"].startswith("AnthropicError: unknown provider 'vertex'; installed providers: anthropic")
    assert 'python3 -m pip install "claude-provider-vertex @ git+' in out["create"]
    assert out["paths"] == []  # nothing was sent


def test_installed_from_its_wheel_the_provider_appears(sites: Sites) -> None:
    out = child(VERTEX, sites, sites.target)
    assert out["version"] == metadata.version(VERTEX.distribution)
    assert out["module"] == str(sites.target / "provider_vertex" / "__init__.py")  # the wheel's, not the source
    assert "vertex" in out["providers"] and "vertex" in out["plugins"]  # the provider and its credential hooks
    assert out["client"] == "provider_vertex._client"
    assert out["create"].startswith("provider_vertex.provider.VertexProvider: ")
    assert Path(out["provider_file"]).is_relative_to(sites.target)
    assert out["paths"] == [
        "/v1/projects/packaging/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict"
    ]  # with a token the emulator accepted
