"""Installing and uninstalling ``claude-provider-vertex`` makes ``provider="vertex"`` appear and disappear.

A real install: the distribution is built into a wheel (``pip wheel --no-deps``) and
installed with ``pip install --no-deps --target`` into a temporary directory. Each case runs
in a fresh interpreter started with ``-S`` (no site-packages of this environment), whose only
site directory is a copy of this environment's site-packages made of symlinks, without the
files of the installed ``claude-provider-vertex``. A venv with ``--system-site-packages``
would not do: it still sees this environment's (editable) install. ``claude_core`` comes in
as a symlink to its package, as a wheel installs it: the editable install puts the
repository root on ``sys.path``, where the ``provider_vertex/`` folder is a namespace package.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

import claude_core
from tests.compat import test_packaging as packaging

DISTRIBUTION = "claude-provider-vertex"
SOURCE = packaging.ROOT / "provider_vertex"

#: Run in the child: what the environment shows of the provider, as JSON on stdout.
CHILD = r"""
import json, site, sys, warnings
warnings.simplefilter("ignore")
site.addsitedir(sys.argv[1])
from importlib import metadata, util

import claude_core
from claude_core.plugins import describe, load_provider
from claude_emulator import Emulator

out = {}
try:
    out["version"] = metadata.version("claude-provider-vertex")
except metadata.PackageNotFoundError:
    out["version"] = None
spec = util.find_spec("provider_vertex")
out["module"] = spec.origin if spec is not None else None
out["providers"] = sorted(row["name"] for row in describe() if row["kind"] == "provider")
out["plugins"] = sorted(row["name"] for row in describe() if row["kind"] == "plugin")
try:
    out["client"] = claude_core.AnthropicVertex.__module__
except ImportError as exc:
    out["client"] = f"ImportError: {exc}"
with Emulator() as emu:
    options = {"region": "us-east5", "project_id": "packaging", "access_token": emu.vertex_access_token()}
    client = claude_core.Anthropic(provider="vertex", base_url=emu.base_url + "/v1", provider_options=options)
    try:
        message = client.messages.create(model="claude-sonnet-4-5@20250929", max_tokens=16,
                                         messages=[{"role": "user", "content": "Hi"}])
        cls = load_provider("vertex")
        out["create"] = f"{cls.__module__}.{cls.__qualname__}: {message.content[0].text}"
        out["provider_file"] = sys.modules[cls.__module__].__file__
        out["paths"] = [request.path for request in emu.requests]
    except Exception as exc:
        out["create"] = f"{type(exc).__name__}: {exc}"
        out["paths"] = [request.path for request in emu.requests]
print(json.dumps(out))
"""


def _site_packages() -> Path:
    """The directory this environment's ``claude-provider-vertex`` is installed in."""
    files = metadata.distribution(DISTRIBUTION).files or []
    record = next(file for file in files if file.name == "RECORD")
    return Path(str(record.locate())).parents[1]


def _top_level(name: str) -> List[str]:
    return sorted({file.parts[0] for file in metadata.distribution(name).files or [] if ".." not in file.parts})


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Path]:
    """``without``: this environment's site-packages minus the distribution; ``target``: a real install of it."""
    root = tmp_path_factory.mktemp("vertex-packaging")
    without = root / "site-without"
    without.mkdir()
    hidden = set(_top_level(DISTRIBUTION))
    core_pth = {entry for entry in _top_level("claude-core") if entry.endswith(".pth")}
    site_packages = _site_packages()
    for entry in site_packages.iterdir():
        if entry.name not in hidden and entry.name not in core_pth:
            (without / entry.name).symlink_to(entry)
    if core_pth:  # an editable claude-core: its package alone, as a wheel installs it
        (without / "claude_core").symlink_to(Path(claude_core.__file__).parent, target_is_directory=True)
    wheels, target = root / "wheels", root / "target"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(wheels), str(SOURCE)], check=True, capture_output=True)
    (wheel,) = wheels.glob("claude_provider_vertex-*.whl")
    subprocess.run(
        [*pip, "install", "--no-deps", "--no-index", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    return {"root": root, "without": without, "target": target}


def _child(sites: Dict[str, Path], pythonpath: Optional[Path]) -> Dict[str, Any]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "GOOGLE_", "CLOUDSDK_", "CLOUD_ML_", "ANTHROPIC_"))
    }
    env["XDG_CACHE_HOME"] = str(sites["root"] / "cache")  # stevedore's entry-point cache
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    done = subprocess.run(
        [sys.executable, "-S", "-c", CHILD, str(sites["without"])],
        cwd=sites["root"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    result: Dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_uninstalled_the_provider_is_missing_with_a_clear_error(sites: Dict[str, Path]) -> None:
    out = _child(sites, None)
    assert out["version"] is None and out["module"] is None  # really not installed
    assert "vertex" not in out["providers"] and "vertex" not in out["plugins"]
    assert "anthropic" in out["providers"]
    assert out["client"] == (
        "ImportError: claude_core.AnthropicVertex needs the claude-provider-vertex distribution: "
        "pip install claude-provider-vertex"
    )
    assert out["create"].startswith("AnthropicError: unknown provider 'vertex'; installed providers: anthropic")
    assert "pip install claude-provider-vertex" in out["create"]
    assert out["paths"] == []  # nothing was sent


def test_installed_from_its_wheel_the_provider_appears(sites: Dict[str, Path]) -> None:
    out = _child(sites, sites["target"])
    assert out["version"] == metadata.version(DISTRIBUTION)
    assert out["module"] == str(sites["target"] / "provider_vertex" / "__init__.py")  # the wheel's, not the source
    assert "vertex" in out["providers"] and "vertex" in out["plugins"]  # the provider and its credential hooks
    assert out["client"] == "provider_vertex._client"
    assert out["create"].startswith("provider_vertex.provider.VertexProvider: ")
    assert Path(out["provider_file"]).is_relative_to(sites["target"])
    assert out["paths"] == [
        "/v1/projects/packaging/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict"
    ]  # with a token the emulator accepted
