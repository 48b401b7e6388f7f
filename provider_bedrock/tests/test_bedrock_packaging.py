"""Installing and uninstalling ``claude-provider-bedrock`` makes ``provider="bedrock"`` appear and disappear
(a real wheel install, in a fresh interpreter: see :mod:`tests.provider_packaging`)."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest

from tests.compat import test_packaging as packaging
from tests.provider_packaging import Provider, Sites, build_sites, child

BEDROCK = Provider(
    name="bedrock",
    distribution="claude-provider-bedrock",
    package="provider_bedrock",
    source=packaging.ROOT / "provider_bedrock",
    client="AnthropicBedrock",
    setup="""
    from claude_emulator import EMULATOR_AWS_ACCESS_KEY_ID, EMULATOR_AWS_SECRET_ACCESS_KEY

    options = {
        "aws_access_key": EMULATOR_AWS_ACCESS_KEY_ID,
        "aws_secret_key": EMULATOR_AWS_SECRET_ACCESS_KEY,
        "aws_region": "us-east-1",
    }

    def create():  # an unknown provider fails at construction: made in here
        client = claude_core.Anthropic(provider="bedrock", base_url=emu.base_url, provider_options=options)
        model = "anthropic.claude-sonnet-4-5-20250929-v1:0"
        return client.messages.create(model=model, max_tokens=16, messages=[{"role": "user", "content": "Hi"}])
""",
    env_prefixes=("AWS_",),
)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    return build_sites(BEDROCK, tmp_path_factory.mktemp("bedrock-packaging"))


def test_uninstalled_the_provider_is_missing_with_a_clear_error(sites: Sites) -> None:
    out = child(BEDROCK, sites, None)
    assert out["version"] is None and out["module"] is None  # really not installed
    assert "bedrock" not in out["providers"] and "bedrock" not in out["plugins"]
    assert "anthropic" in out["providers"]
    assert out["client"] == (
        "ImportError: claude_core.AnthropicBedrock needs the claude-provider-bedrock distribution: python3 -m pip "
        'install "claude-provider-bedrock @ git+https://github.com/claude-core/claude-core'
        '#subdirectory=provider_bedrock" '
        "(from a clone of the repository: python3 -m pip install ./provider_bedrock)"
    )
    assert out["create"].startswith("AnthropicError: unknown provider 'bedrock'; installed providers: anthropic")
    assert 'python3 -m pip install "claude-provider-bedrock @ git+' in out["create"]
    assert out["paths"] == []  # nothing was sent


def test_installed_from_its_wheel_the_provider_appears(sites: Sites) -> None:
    out = child(BEDROCK, sites, sites.target)
    assert out["version"] == metadata.version(BEDROCK.distribution)
    assert out["module"] == str(sites.target / "provider_bedrock" / "__init__.py")  # the wheel's, not the source
    assert "bedrock" in out["providers"] and "bedrock" in out["plugins"]  # the provider and its signing hooks
    assert out["client"] == "provider_bedrock._client"
    assert out["create"].startswith("provider_bedrock.provider.BedrockProvider: ")
    assert Path(out["provider_file"]).is_relative_to(sites.target)
    assert out["paths"] == ["/model/anthropic.claude-sonnet-4-5-20250929-v1:0/invoke"]  # signed and verified
