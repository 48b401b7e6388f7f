"""Run code written for the official SDK unchanged: ``import anthropic`` gives claude-core.

For packages you cannot edit (an integration library, a tracing instrumentation), install
the alias before they are imported::

    import claude_core.alias

    claude_core.alias.install()
    import some_package_built_on_anthropic  # its `import anthropic` is claude_core

Every ``anthropic.X`` module then *is* ``claude_core.X`` (the same module object), so
names, ``isinstance`` checks and patches at ``anthropic`` paths act on what claude-core
runs. A path that has no claude-core counterpart fails to import as it would without the
package.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from types import ModuleType
from typing import Optional, Sequence

__all__ = ["install", "uninstall", "installed"]

_ALIAS = "anthropic"
_TARGET = "claude_core"


class _Loader(importlib.abc.Loader):
    def __init__(self, target: str) -> None:
        self.target = target

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        module = importlib.import_module(self.target)
        self.spec, self.loader = module.__spec__, getattr(module, "__loader__", None)
        return module

    def exec_module(self, module: ModuleType) -> None:
        """Nothing to run: the module is claude-core's, already imported. The import system
        stamped the alias's spec on it; it gets its own back."""
        module.__spec__ = self.spec
        module.__loader__ = self.loader


class _AliasFinder(importlib.abc.MetaPathFinder):
    """Finds ``anthropic`` and ``anthropic.*`` as the claude_core modules of the same path."""

    def find_spec(
        self, fullname: str, path: Optional[Sequence[str]], target: Optional[ModuleType] = None
    ) -> Optional[importlib.machinery.ModuleSpec]:
        if fullname != _ALIAS and not fullname.startswith(_ALIAS + "."):
            return None
        real = _TARGET + fullname[len(_ALIAS) :]
        if importlib.util.find_spec(real) is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, _Loader(real), is_package=True)


_FINDER = _AliasFinder()


def install() -> None:
    """Make ``import anthropic`` (and its submodules) import claude-core. Idempotent."""
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)


def uninstall() -> None:
    """Undo :func:`install`; modules already imported under ``anthropic`` are forgotten."""
    if _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)
    for name in [name for name in sys.modules if name == _ALIAS or name.startswith(_ALIAS + ".")]:
        del sys.modules[name]


def installed() -> bool:
    """Whether :func:`install` is in effect."""
    return _FINDER in sys.meta_path
