"""A provider distribution really installed and really missing, for its packaging tests.

The distribution is built into a wheel (``pip wheel --no-deps``) and installed with ``pip
install --no-deps --target`` into a temporary directory. Each case runs in a fresh
interpreter started with ``-S`` (no site-packages of this environment), whose only site
directory is a copy of this environment's site-packages made of symlinks, without the files
of the installed distribution. A venv with ``--system-site-packages`` would not do: it still
sees this environment's (editable) install. ``claude_core`` comes in as a symlink to its
package, as a wheel installs it: the editable install puts the repository root on
``sys.path``, where a provider's source folder is a namespace package.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import claude_core

__all__ = ["Provider", "Sites", "build_sites", "site_without", "child"]

#: Run in the child: what the environment shows of the provider, as JSON on stdout. The
#: provider's own ``setup`` makes ``client`` and ``create()`` inside ``with Emulator() as emu``.
_CHILD = r"""
import json, site, sys, warnings
warnings.simplefilter("ignore")
site.addsitedir(sys.argv[1])
from importlib import metadata, util

import claude_core
from claude_core.plugins import describe, load_provider
from claude_emulator import Emulator

out = {}
try:
    out["version"] = metadata.version(%(distribution)r)
except metadata.PackageNotFoundError:
    out["version"] = None
spec = util.find_spec(%(package)r)
out["module"] = spec.origin if spec is not None else None
out["providers"] = sorted(row["name"] for row in describe() if row["kind"] == "provider")
out["plugins"] = sorted(row["name"] for row in describe() if row["kind"] == "plugin")
try:
    out["client"] = getattr(claude_core, %(client)r).__module__
except ImportError as exc:
    out["client"] = f"ImportError: {exc}"
with Emulator() as emu:
%(setup)s
    try:
        message = create()
        cls = load_provider(%(name)r)
        out["create"] = f"{cls.__module__}.{cls.__qualname__}: {message.content[0].text}"
        out["provider_file"] = sys.modules[cls.__module__].__file__
    except Exception as exc:
        out["create"] = f"{type(exc).__name__}: {exc}"
    out["paths"] = [request.path for request in emu.requests]
print(json.dumps(out))
"""


@dataclasses.dataclass(frozen=True)
class Provider:
    """What a provider distribution's packaging tests need to know of it."""

    name: str  # the provider's entry-point name
    distribution: str
    package: str
    source: Path
    client: str  # the client class claude_core exports lazily
    setup: str  # child code, indented four spaces: defines create() with the emulator ``emu``
    env_prefixes: Tuple[str, ...]  # environment variables kept out of the child


@dataclasses.dataclass(frozen=True)
class Sites:
    root: Path
    without: Path  # this environment's site-packages minus the distribution
    target: Path  # a real install of the distribution from its wheel


def _top_level(name: str) -> List[str]:
    return sorted({file.parts[0] for file in metadata.distribution(name).files or [] if ".." not in file.parts})


def site_without(distribution: str, root: Path) -> Path:
    """A copy of this environment's site-packages (symlinks) without ``distribution``'s files."""
    files = metadata.distribution(distribution).files or []
    record = next(file for file in files if file.name == "RECORD")
    site_packages = Path(str(record.locate())).parents[1]
    without = root / "site-without"
    without.mkdir()
    hidden = set(_top_level(distribution))
    core_pth = {entry for entry in _top_level("claude-core") if entry.endswith(".pth")}
    for entry in site_packages.iterdir():
        if entry.name not in hidden and entry.name not in core_pth:
            (without / entry.name).symlink_to(entry)
    if core_pth:  # an editable claude-core: its package alone, as a wheel installs it
        (without / "claude_core").symlink_to(Path(claude_core.__file__).parent, target_is_directory=True)
    return without


def build_sites(provider: Provider, root: Path) -> Sites:
    without = site_without(provider.distribution, root)
    wheels, target = root / "wheels", root / "target"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "-w", str(wheels), str(provider.source)], check=True, capture_output=True
    )
    (wheel,) = wheels.glob(provider.distribution.replace("-", "_") + "-*.whl")
    subprocess.run(
        [*pip, "install", "--no-deps", "--no-index", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    return Sites(root, without, target)


def child(provider: Provider, sites: Sites, pythonpath: Optional[Path]) -> Dict[str, Any]:
    """What a fresh interpreter sees of ``provider``, with ``pythonpath`` (the install) or without it."""
    prefixes = ("PYTHON", "ANTHROPIC_", *provider.env_prefixes)
    env = {key: value for key, value in os.environ.items() if not key.startswith(prefixes)}
    env["XDG_CACHE_HOME"] = str(sites.root / "cache")  # stevedore's entry-point cache
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    fields = dataclasses.asdict(provider)
    code = _CHILD % {key: fields[key] for key in ("distribution", "package", "client", "setup", "name")}
    done = subprocess.run(
        [sys.executable, "-S", "-c", code, str(sites.without)],
        cwd=sites.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    result: Dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result
