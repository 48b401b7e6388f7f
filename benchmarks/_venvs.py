"""The benchmark's virtualenvs, each holding what a user would install and nothing else.

* ``core``: ``pip install <repo root>`` (not editable), so claude-core and its own
  dependencies;
* ``official``: ``pip install anthropic==0.79.0``;
* ``httpx``: httpx and its own dependencies, pinned to the versions the core env resolved;
* ``core-all``: every distribution of the repo, ``pip install <repo root>
  <repo root>/provider_bedrock <repo root>/provider_vertex <repo root>/plugins/keyring
  <repo root>/plugins/emulator <repo root>/plugins/fallback <repo root>/plugins/ratelimit[redis]
  <repo root>/plugins/otel <repo root>/plugins/aiohttp <repo root>/plugins/cli`` (with boto3,
  botocore, google-auth, keyring, cryptography, redis, opentelemetry-api, aiohttp, click, rich);
* ``official-all``: ``pip install anthropic[bedrock,vertex]==0.79.0``.

The plain ``core`` and ``official`` envs hold no provider plugin, as a user of the first-party
API installs them; the ``-all`` ones are what a user of every provider has.

They live under ``benchmarks/.venvs/`` and are kept between runs. An env is rebuilt from
scratch when what defines it changes (the ``pyproject.toml`` of the repo's distributions it
holds, the pins, the Python); when only their source changed, they alone are reinstalled.
Each env also has ``bench-ca-bundle.pem``: its own certifi bundle plus the test CA the https
emulator's certificate is signed with, which https workers get as ``SSL_CERT_FILE``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Sequence

from _servers import TEST_CA

ROOT = Path(__file__).resolve().parent.parent
VENVS = ROOT / "benchmarks" / ".venvs"
#: The repo's distributions besides claude-core itself, as the ``core-all`` env installs them.
PLUGINS = [
    ROOT / path
    for path in (
        "provider_bedrock",
        "provider_vertex",
        "plugins/keyring",
        "plugins/emulator",
        "plugins/fallback",
        "plugins/ratelimit",
        "plugins/otel",
        "plugins/aiohttp",
        "plugins/cli",
    )
]
#: The import package of each distribution of :data:`PLUGINS`, in that order.
PLUGIN_MODULES = (
    "provider_bedrock",
    "provider_vertex",
    "claude_keyring",
    "claude_emulator",
    "claude_fallback",
    "claude_ratelimit",
    "claude_otel",
    "claude_aiohttp",
    "claude_cli",
)
#: Extras the ``core-all`` env installs a distribution with: what a user of every feature installs.
_EXTRAS = {"plugins/ratelimit": "[redis]"}
OFFICIAL = "anthropic==0.79.0"
OFFICIAL_ALL = "anthropic[bedrock,vertex]==0.79.0"
_STAMP = "bench-stamp.json"
_CA_BUNDLE = "bench-ca-bundle.pem"

#: Prints ``{distribution name: version}`` for everything installed in the interpreter running it.
PACKAGES_SNIPPET = (
    "import importlib.metadata as m, json; "
    "print(json.dumps({d.metadata['Name'].lower(): d.version for d in m.distributions()}))"
)

#: Prints ``name==version`` for httpx and its installed (non-extra) dependencies, recursively.
_HTTPX_CLOSURE_SNIPPET = """
import importlib.metadata as m, re
seen, todo = {}, ["httpx"]
while todo:
    name = todo.pop()
    if name in seen:
        continue
    try:
        dist = m.distribution(name)
    except m.PackageNotFoundError:  # its environment marker excludes it here
        continue
    seen[name] = dist.version
    for req in dist.requires or []:
        if "extra ==" not in req:
            todo.append(re.split(r"[^A-Za-z0-9._-]", req, maxsplit=1)[0].lower())
print(" ".join(f"{name}=={version}" for name, version in sorted(seen.items())))
"""


@dataclasses.dataclass(frozen=True)
class Venv:
    """One benchmark environment."""

    name: str
    path: Path

    @property
    def python(self) -> Path:
        return self.path / "bin" / "python"

    def run(
        self, args: Sequence[str], timeout: float = 600, *, https: bool = False, env: Optional[Dict[str, str]] = None
    ) -> str:
        """Run this env's Python with ``args`` outside the repo, ignoring PYTHON* variables; return stdout.

        With ``https`` the process trusts the test CA beside certifi's: ``SSL_CERT_FILE`` names
        :meth:`ca_bundle`, as a user's own CA bundle would be named. ``env`` adds variables.
        """
        environ = {**_clean_environ(), **(env or {})}
        if https:
            environ["SSL_CERT_FILE"] = str(self.ca_bundle())
        result = subprocess.run(
            [str(self.python), "-E", *args],
            capture_output=True,
            text=True,
            cwd=self.path,
            timeout=timeout,
            env=environ,
        )
        if result.returncode != 0:
            raise RuntimeError(f"{self.name} env: {' '.join(args)[:200]} failed:\n{result.stderr[-4000:]}")
        return result.stdout

    def packages(self) -> Dict[str, str]:
        """``{distribution: version}`` of everything installed here."""
        packages: Dict[str, str] = json.loads(self.run(["-c", PACKAGES_SNIPPET]))
        return packages

    def ca_bundle(self) -> Path:
        """This env's certifi bundle plus the test CA, in one file (written on first use)."""
        bundle = self.path / _CA_BUNDLE
        if not bundle.exists():
            certifi = Path(self.run(["-c", "import certifi; print(certifi.where())"]).strip())
            bundle.write_text(certifi.read_text() + "\n" + TEST_CA.read_text())
        return bundle


def _clean_environ() -> Dict[str, str]:
    return {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def _source_digest() -> str:
    packages = [ROOT / "claude_core"] + [plugin / module for plugin, module in zip(PLUGINS, PLUGIN_MODULES)]
    files = [file for package in packages for pattern in ("*.py", "*.typed") for file in sorted(package.rglob(pattern))]
    digest = hashlib.sha256()
    for file in files:
        digest.update(str(file.relative_to(ROOT)).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


def _pip(venv: Venv, args: List[str]) -> None:
    print(f"  [{venv.name}] pip install {' '.join(args)}", file=sys.stderr, flush=True)
    venv.run(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", *args])


def _stamp(venv: Venv) -> Mapping[str, str]:
    try:
        stamp: Dict[str, str] = json.loads((venv.path / _STAMP).read_text())
    except (OSError, ValueError):
        return {}
    return stamp if venv.python.exists() else {}


def _ensure(name: str, key: str, requirements: List[str], source: str = "", local: int = 0) -> Venv:
    """The env ``name``, (re)built when ``key`` changed.

    When only ``source`` changed, the first ``local`` requirements (the repo's own distributions) are reinstalled.
    """
    venv = Venv(name, VENVS / name)
    stamp = _stamp(venv)
    if stamp.get("key") != key:
        shutil.rmtree(venv.path, ignore_errors=True)
        print(f"  [{name}] creating {venv.path}", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv.path)], check=True, env=_clean_environ())
        _pip(venv, requirements)
    elif stamp.get("source") != source:
        _pip(venv, ["--no-deps", "--force-reinstall", *requirements[:local]])
    (venv.path / _STAMP).write_text(json.dumps({"key": key, "source": source}) + "\n")
    return venv


def prepare() -> Dict[str, Venv]:
    """Create or update the envs; return them by name (``core``, ``official``, ``httpx``, ``core-all``,
    ``official-all``)."""
    python = f"{sys.version} {sys.base_prefix}"
    pyproject = (ROOT / "pyproject.toml").read_text()
    source = _source_digest()
    core = _ensure("core", _digest(python, pyproject), [str(ROOT)], source, local=1)
    pins = core.run(["-c", _HTTPX_CLOSURE_SNIPPET]).split()
    official = _ensure("official", _digest(python, OFFICIAL), [OFFICIAL])
    httpx = _ensure("httpx", _digest(python, *pins), pins)
    every = [ROOT, *PLUGINS]
    key = _digest(python, *((path / "pyproject.toml").read_text() for path in every))
    requirements = [str(path) + _EXTRAS.get(path.relative_to(ROOT).as_posix(), "") for path in every]
    core_all = _ensure("core-all", key, requirements, source, local=len(every))
    official_all = _ensure("official-all", _digest(python, OFFICIAL_ALL), [OFFICIAL_ALL])
    return {"core": core, "official": official, "httpx": httpx, "core-all": core_all, "official-all": official_all}
