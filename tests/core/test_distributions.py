"""The repository's distributions build on claude_core's public modules only: the hook contract,
``claude_core.cloud_clients`` and ``claude_core.distributions``, never a private module."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterator, List

import claude_core._install
import claude_core._lazy
import claude_core.distributions

ROOT = Path(__file__).resolve().parents[2]


def _package_sources() -> Iterator[Path]:
    """Every source file of every distribution in the repository but the core's, tests left out."""
    for pyproject in sorted(ROOT.glob("*/pyproject.toml")) + sorted(ROOT.glob("plugins/*/pyproject.toml")):
        folder = pyproject.parent
        if folder == ROOT:
            continue
        for path in sorted(folder.rglob("*.py")):
            if "tests" not in path.relative_to(folder).parts:
                yield path


def _private_imports(path: Path) -> List[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "claude_core" and any(part.startswith("_") and part != "__version__" for part in parts[1:]):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}")
    return found


def test_no_distribution_imports_a_private_module_of_the_core() -> None:
    sources = list(_package_sources())
    assert len({path.relative_to(ROOT).parts[0] for path in sources}) >= 3  # provider_*, plugins
    assert [line for path in sources for line in _private_imports(path)] == []


def test_the_helpers_for_distributions_are_the_core_s_own() -> None:
    assert claude_core.distributions.lazy_exports is claude_core._lazy.lazy_exports
    assert claude_core.distributions.install_hint is claude_core._install.install_hint
