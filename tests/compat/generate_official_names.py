"""Write the (module, name) pairs of the official ``anthropic`` package, read from its source.

Run once per official release the project follows, from the unpacked wheel::

    python tests/compat/generate_official_names.py /path/to/site-packages/anthropic > tests/compat/official_names.txt

The modules are every public module (no path part starting with ``_``) and the private paths
published packages import or patch (:data:`PRIVATE_MODULES`). A module's names are its
``__all__``, the public classes, functions and aliases it defines at top level, its
``from x import Y as Y`` re-exports and what its ``import *`` lines bring in. The source is
read with :mod:`ast`, never imported, so no optional dependency (botocore, google-auth) is needed.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Set

#: Private modules code outside the SDK uses: the issue's and COMPAT_SURFACE.md's paths,
#: those claude_core has at the same path, and the provider and helper modules under lib/.
PRIVATE_MODULES = (
    "_base_client",
    "_client",
    "_exceptions",
    "_legacy_response",
    "_response",
    "_streaming",
    "_types",
    "_version",
    "lib.bedrock._beta",
    "lib.bedrock._beta_messages",
    "lib.bedrock._client",
    "lib.bedrock._stream",
    "lib.bedrock._stream_decoder",
    "lib.streaming._beta_messages",
    "lib.streaming._beta_types",
    "lib.streaming._messages",
    "lib.streaming._types",
    "lib.tools._beta_builtin_memory_tool",
    "lib.tools._beta_compaction_control",
    "lib.tools._beta_functions",
    "lib.tools._beta_runner",
    "lib.vertex._beta",
    "lib.vertex._beta_messages",
    "lib.vertex._client",
)
#: Top-level assignments that are machinery, not API: loggers and type variables.
_MACHINERY_CALLS = {"TypeVar", "ParamSpec", "getLogger"}


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([root.name, *parts])


def is_listed(root: Path, name: str) -> bool:
    relative = name[len(root.name) + 1 :]
    return not any(part.startswith("_") for part in relative.split(".") if relative) or relative in PRIVATE_MODULES


def _statements(body: List[ast.stmt]) -> Iterator[ast.stmt]:
    """Top-level statements, including those inside top-level ``if``/``try`` blocks."""
    for node in body:
        if isinstance(node, ast.If):
            yield from _statements(node.body)
            yield from _statements(node.orelse)
        elif isinstance(node, ast.Try):
            yield from _statements(node.body)
            for handler in node.handlers:
                yield from _statements(handler.body)
            yield from _statements(node.orelse)
        else:
            yield node


def _is_machinery(value: ast.expr) -> bool:
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return called in _MACHINERY_CALLS


def _resolve(package: str, level: int, module: str) -> str:
    base = package.split(".")
    if level:
        base = base[: len(base) - level + 1]
    return ".".join([*base, *([module] if module else [])])


def names_of(root: Path, name: str, sources: Dict[str, Path], seen: Set[str]) -> Set[str]:
    """The public names module ``name`` defines or re-exports."""
    seen = seen | {name}
    path = sources[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: Set[str] = set()
    for node in _statements(tree.body):
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign) and not _is_machinery(node.value):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id == "__all__":
                    names.update(ast.literal_eval(node.value))
                elif isinstance(target, ast.Name):
                    names.add(target.id)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            if node.value is None or not _is_machinery(node.value):
                names.add(node.target.id)
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name == "*":
                    target = _resolve(package, node.level, node.module or "")
                    if target in sources and target not in seen:
                        names.update(names_of(root, target, sources, seen))
                elif alias.asname == alias.name:
                    names.add(alias.name)
    return {n for n in names if not n.startswith("_") or n in ("__version__", "__title__")} - {"log"}


def main(root: Path) -> None:
    sources = {module_name(root, path): path for path in sorted(root.rglob("*.py"))}
    print(f"# (module, name) pairs of the official {root.name} package; generated by {Path(__file__).name}")
    for name in sorted(sources):
        if not is_listed(root, name):
            continue
        names = sorted(names_of(root, name, sources, set()))
        print(name if not names else "\n".join(f"{name} {n}" for n in names))


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve())
