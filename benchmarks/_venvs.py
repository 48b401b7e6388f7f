"""The benchmark's virtualenvs, each holding what a user would install and nothing else.

* ``core``: ``pip install <repo root>`` (not editable), so claude-core and its own
  dependencies;
* ``official``: ``pip install anthropic==0.79.0``;
* ``httpx``: httpx and its own dependencies, pinned to the versions the core env resolved;
* ``core-bedrock`` and ``official-bedrock``, for the Bedrock measurement only:
  ``pip install <repo root> <repo root>/provider_bedrock`` (with boto3, botocore) and
  ``pip install anthropic[bedrock]==0.79.0``. The plain envs stay without a provider plugin,
  as a user of the first-party API installs them.

They live under ``benchmarks/.venvs/`` and are kept between runs. An env is rebuilt from
scratch when what defines it changes (the ``pyproject.toml`` of claude-core or of
claude-provider-bedrock, the pins, the Python); when only their source changed, the two alone
are reinstalled.
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
from typing import Dict, List, Mapping, Sequence

ROOT = Path(__file__).resolve().parent.parent
VENVS = ROOT / "benchmarks" / ".venvs"
BEDROCK = ROOT / "provider_bedrock"
OFFICIAL = "anthropic==0.79.0"
OFFICIAL_BEDROCK = "anthropic[bedrock]==0.79.0"
_STAMP = "bench-stamp.json"

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

    def run(self, args: Sequence[str], timeout: float = 600) -> str:
        """Run this env's Python with ``args`` outside the repo, ignoring PYTHON* variables; return stdout."""
        result = subprocess.run(
            [str(self.python), "-E", *args],
            capture_output=True,
            text=True,
            cwd=self.path,
            timeout=timeout,
            env=_clean_environ(),
        )
        if result.returncode != 0:
            raise RuntimeError(f"{self.name} env: {' '.join(args)[:200]} failed:\n{result.stderr[-4000:]}")
        return result.stdout

    def packages(self) -> Dict[str, str]:
        """``{distribution: version}`` of everything installed here."""
        packages: Dict[str, str] = json.loads(self.run(["-c", PACKAGES_SNIPPET]))
        return packages


def _clean_environ() -> Dict[str, str]:
    return {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def _source_digest() -> str:
    files = [
        file
        for package in (ROOT / "claude_core", BEDROCK / "provider_bedrock")
        for pattern in ("*.py", "*.typed")
        for file in sorted(package.rglob(pattern))
    ]
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
    """Create or update the three envs; return them by name (``core``, ``official``, ``httpx``)."""
    python = f"{sys.version} {sys.base_prefix}"
    pyproject = (ROOT / "pyproject.toml").read_text()
    source = _source_digest()
    core = _ensure("core", _digest(python, pyproject), [str(ROOT)], source, local=1)
    pins = core.run(["-c", _HTTPX_CLOSURE_SNIPPET]).split()
    official = _ensure("official", _digest(python, OFFICIAL), [OFFICIAL])
    httpx = _ensure("httpx", _digest(python, *pins), pins)
    return {"core": core, "official": official, "httpx": httpx}


def prepare_bedrock() -> Dict[str, Venv]:
    """The Bedrock measurement's two envs, by contender (``core``: claude-core with
    claude-provider-bedrock; ``official``: ``anthropic[bedrock]``)."""
    python = f"{sys.version} {sys.base_prefix}"
    key = _digest(python, (ROOT / "pyproject.toml").read_text(), (BEDROCK / "pyproject.toml").read_text())
    core = _ensure("core-bedrock", key, [str(ROOT), str(BEDROCK)], _source_digest(), local=2)
    official = _ensure("official-bedrock", _digest(python, OFFICIAL_BEDROCK), [OFFICIAL_BEDROCK])
    return {"core": core, "official": official}
