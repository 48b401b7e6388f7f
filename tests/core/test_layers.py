"""The core's layers (``.importlinter``, docs/architecture.md) name every module, and the check
that ``tox -e lint`` runs catches an import that flows up, even one made only for type checkers."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / ".importlinter"
#: Packages whose modules stand on different layers: their ``__init__`` only hands names on, lazily.
SPLIT_PACKAGES = {"claude_core", "claude_core.tools", "claude_core.streaming"}


def _lint_imports() -> List[str]:
    script = Path(sys.executable).with_name("lint-imports")
    return [str(script)] if script.exists() else [sys.executable, "-m", "importlinter.cli"]


def _modules() -> List[str]:
    names = []
    for path in (ROOT / "claude_core").rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return sorted(names)


def _layered() -> List[str]:
    parser = configparser.ConfigParser()
    parser.read(CONFIG)
    contract = parser["importlinter:contract:core-layers"]
    return [name.strip() for line in contract["layers"].split("\n") for name in line.split("|") if name.strip()]


def test_every_module_of_the_core_stands_on_a_layer() -> None:
    layered = _layered()
    unplaced = [
        module
        for module in _modules()
        if module not in SPLIT_PACKAGES
        and not any(module == layer or module.startswith(layer + ".") for layer in layered)
    ]
    assert not unplaced, f"add these modules to a layer in .importlinter: {unplaced}"


def test_no_module_is_named_twice() -> None:
    layered = _layered()
    assert len(layered) == len(set(layered))
    nested = [(a, b) for a in layered for b in layered if b.startswith(a + ".")]
    assert not nested, f"a layer inside another: {nested}"


def _check(tree: Path) -> "subprocess.CompletedProcess[str]":
    env = {**os.environ, "PYTHONPATH": str(tree), "NO_COLOR": "1"}
    return subprocess.run(
        [*_lint_imports(), "--no-cache"], cwd=tree, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the core and its contracts, to break on purpose."""
    copy = tmp_path_factory.mktemp("layers")
    shutil.copytree(ROOT / "claude_core", copy / "claude_core", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(CONFIG, copy / ".importlinter")
    return copy


def test_the_layers_hold_today(tree: Path) -> None:
    result = _check(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "culprit"),
    [
        # the transport asking the engine (an import only type checkers run)
        (
            "_transport/errors.py",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..resources.messages import Messages\n",
            "claude_core._transport.errors -> claude_core.resources.messages",
        ),
        # the engine reaching for a built-in plugin, inside a function
        (
            "_engine/deployment.py",
            "def _signer() -> object:\n    from ..default_plugins import signing\n\n    return signing\n",
            "claude_core._engine.deployment -> claude_core.default_plugins.signing",
        ),
        # a stream class driving the engine
        (
            "streaming/stream.py",
            "from .._engine import send\n",
            "claude_core.streaming.stream -> claude_core._engine.send",
        ),
    ],
)
def test_an_upward_import_breaks_the_check(tree: Path, module: str, line: str, culprit: str) -> None:
    path = tree / "claude_core" / module
    original = path.read_text()
    try:
        path.write_text(original + "\n" + line)
        result = _check(tree)
    finally:
        path.write_text(original)
    assert result.returncode == 1, result.stdout
    assert "BROKEN" in result.stdout
    assert culprit in result.stdout
