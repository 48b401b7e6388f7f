"""Every distribution of the repository says what it is: license, project URLs, classifiers,
and no extras that name distributions published nowhere."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: distribution name -> its directory in the repository
DISTRIBUTIONS = {
    "claude-core": ROOT,
    "claude-emulator": ROOT / "plugins" / "emulator",
    "claude-provider-bedrock": ROOT / "provider_bedrock",
    "claude-provider-vertex": ROOT / "provider_vertex",
    "claude-keyring": ROOT / "plugins" / "keyring",
    "claude-test-thirdparty": ROOT / "tests" / "fixtures" / "thirdparty",
    "claude-test-observer": ROOT / "tests" / "fixtures" / "observer",
}
PUBLISHED = {"claude-core", "claude-emulator", "claude-provider-bedrock", "claude-provider-vertex", "claude-keyring"}


@pytest.mark.parametrize("name", sorted(DISTRIBUTIONS))
def test_metadata_names_license_urls_and_classifiers(name: str) -> None:
    meta = metadata.metadata(name)
    assert meta["License-Expression"] == "MIT"
    urls = dict(url.split(", ", 1) for url in meta.get_all("Project-URL") or [])
    assert {"Homepage", "Source", "Issues"} <= set(urls)
    classifiers = meta.get_all("Classifier") or []
    assert "Programming Language :: Python :: 3" in classifiers
    if name in PUBLISHED:
        assert "Typing :: Typed" in classifiers
        assert (DISTRIBUTIONS[name] / "LICENSE").read_text().startswith("MIT License")
    else:
        assert "Private :: Do Not Upload" in classifiers


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_no_extras_name_unpublished_distributions(name: str) -> None:
    assert metadata.metadata(name).get_all("Provides-Extra") is None
