"""The official SDK's module paths (``anthropic.types.message_create_params``, ``anthropic.lib.bedrock``, ...)
that claude-core has no file for, made importable by a finder at the end of ``sys.meta_path``.

The official ``anthropic`` 0.79 has one module per type; claude-core keeps its types in a few
modules. :data:`FINDER` answers only for a ``claude_core.*`` module that no real file provides
and that :mod:`claude_core._compat.paths_table` lists; the table loads on the first such
import, so ``import claude_core`` pays for neither. Each name of such a module is the very
object claude-core runs (found by the rules in :func:`_homes`, or in
:mod:`claude_core._compat.homes`), so an ``isinstance`` check or a patch at the official path acts on
what the client uses. A name with no claude-core counterpart is missing from its module, and
importing it raises ``ImportError`` as for any missing name.

``lib.bedrock*`` and ``lib.vertex*`` hold the objects of the provider distributions; without
the distribution, importing them raises ``ModuleNotFoundError`` (an ``ImportError``) naming it
and how to install it.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any, Callable, Dict, Optional, Sequence, Tuple, cast

if TYPE_CHECKING:
    from importlib.abc import Loader

__all__ = ["FINDER", "install", "resolve", "fallback_getattr", "require_provider", "PROVIDER_PATHS"]

_PACKAGE = "claude_core"
#: Official module paths served by a provider distribution: path prefix -> the provider's name
#: (its distribution and folder are in :data:`claude_core._install.PROJECT_PROVIDERS`).
PROVIDER_PATHS: Dict[str, str] = {"lib.bedrock": "bedrock", "lib.vertex": "vertex"}
#: Where a name of an official module is looked up, by the module's path prefix (first match wins).
_RULES: Tuple[Tuple[str, Tuple[str, ...]], ...] = (
    (
        "types.beta.messages.",
        ("claude_core.types.beta.messages", "claude_core.types.messages", "claude_core.types.beta"),
    ),
    ("types.beta.", ("claude_core.types.beta", "claude_core.types")),
    ("types.messages.", ("claude_core.types.messages",)),
    ("types.shared.", ("claude_core.types.error_bodies",)),
    ("types.", ("claude_core.types",)),
    ("lib.streaming.", ("claude_core.lib.streaming",)),
    ("resources.", ("claude_core.resources",)),
    ("_exceptions.", ("claude_core.errors",)),
)


def _homes(path: str) -> Tuple[str, ...]:
    for prefix, homes in _RULES:
        if path.startswith(prefix) or path == prefix[:-1]:
            return homes
    return ()


def _provider(path: str) -> Optional[Tuple[str, str, str]]:
    """(import name, distribution, folder) of the provider distribution behind ``path``, if any."""
    for prefix, name in PROVIDER_PATHS.items():
        if path == prefix or path.startswith(prefix + "."):
            from .._install import PROJECT_PROVIDERS  # here: only the provider paths need it

            distribution, folder = PROJECT_PROVIDERS[name]
            return folder, distribution, folder  # a provider's folder is named as its package
    return None


def require_provider(path: str) -> None:
    """Import the provider distribution behind official path ``path``, or raise a clear ``ModuleNotFoundError``."""
    provider = _provider(path)
    if provider is None:
        return
    module_name, distribution, folder = provider
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        if exc.name != module_name:
            raise
        module = None
    if module is None or not hasattr(module, "__version__"):  # absent, or a bare folder of that name on sys.path
        from .._install import install_hint  # here: only the missing distribution's error needs it

        raise ModuleNotFoundError(  # what instrumentations catch to skip a path (ImportError catches it too)
            f"{_PACKAGE}.{path} needs the {distribution} distribution: {install_hint(distribution, folder)}",
            name=f"{_PACKAGE}.{path}",
        )


def _lookup(target: str) -> Any:
    module_name, _, attribute = target.partition(":")
    value: Any = importlib.import_module(module_name)
    for part in attribute.split("."):
        value = getattr(value, part)
    return value


def resolve(path: str, name: str) -> Any:
    """The claude-core object for ``name`` of official module ``path``; AttributeError if there is none.

    Looked up in the table's ``ELSEWHERE``, then in the claude-core modules the rules name for
    ``path`` (never ``path``'s own module), then, for a ``Beta*`` name under ``types.beta``, as the
    non-beta name in ``claude_core.types`` (beta and non-beta models are the same objects).
    """
    from .homes import ELSEWHERE  # here: loaded by the first official path resolved, not by import claude_core

    target = ELSEWHERE.get(f"{path} {name}")
    if target is not None:
        return _lookup(target)
    own = f"{_PACKAGE}.{path}"
    for home in _homes(path):
        if home != own:
            value = getattr(importlib.import_module(home), name, None)
            if value is not None:
                return value
    if (path == "types.beta" or path.startswith("types.beta.")) and name.startswith("Beta"):
        value = getattr(importlib.import_module(f"{_PACKAGE}.types"), name[4:], None)
        if value is not None:
            return value
    raise AttributeError(name)


def fallback_getattr(module: str, first: Optional[Callable[[str], Any]] = None) -> Callable[[str], Any]:
    """A module ``__getattr__`` for real module ``module`` that finds the official names it lacks.

    ``first`` is the module's own lazy ``__getattr__``, tried before. Private names are never
    looked up, so probes such as ``hasattr(module, "__wrapped__")`` do not load the table.
    """
    namespace = sys.modules[module].__dict__
    path = module[len(_PACKAGE) + 1 :]

    def __getattr__(name: str) -> Any:
        if first is not None:
            try:
                return first(name)
            except AttributeError:
                pass
        if name.startswith("_"):
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        try:
            value = resolve(path, name)
        except AttributeError:
            value = _submodule(module, name)
        if isinstance(value, ModuleType) and value.__name__ != f"{module}.{name}":  # another home's submodule
            value = _submodule(module, name)
        namespace[name] = value
        return value

    return __getattr__


def _submodule(package: str, name: str) -> ModuleType:
    """Submodule ``name`` of ``package`` (a file, or an official path the finder serves), imported:
    after ``import anthropic`` the official package has its submodules as attributes, so code may
    read ``anthropic.lib.streaming.MessageStream`` without importing it. AttributeError if there
    is none, or if it cannot load (a provider path without its distribution: the error says what
    to install), so that ``hasattr`` and ``dir()`` walkers still work."""
    from importlib.util import find_spec  # here: only a name a package lacks needs it

    full = f"{package}.{name}"
    try:
        if find_spec(full) is not None:
            return importlib.import_module(full)
    except ImportError as exc:
        raise AttributeError(f"module {package!r} has no attribute {name!r}: {exc}") from exc
    raise AttributeError(f"module {package!r} has no attribute {name!r}")


class _Loader:
    """Fills a module of an official path with the claude-core objects of its names (an import loader;
    not an ``importlib.abc.Loader`` subclass, whose import costs ``import claude_core`` 20 ms)."""

    def __init__(self, path: str, names: Sequence[str]) -> None:
        self.path, self.names = path, names

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> Optional[ModuleType]:
        return None

    def exec_module(self, module: ModuleType) -> None:
        require_provider(self.path)
        found = []
        for name in self.names:
            try:
                value = resolve(self.path, name)
            except AttributeError:
                continue
            setattr(module, name, value)
            found.append(name)
        module.__all__ = found  # type: ignore[attr-defined]
        module.__doc__ = f"The official SDK's ``anthropic.{self.path}``: claude-core's objects of the same names."
        if module.__spec__ is not None and module.__spec__.submodule_search_locations is not None:
            module.__dict__["__getattr__"] = fallback_getattr(module.__name__)  # its submodules, as attributes


class _Finder:
    """A ``sys.meta_path`` finder for the official paths claude-core has no file for (see the module docstring)."""

    def find_spec(
        self, fullname: str, path: Optional[Sequence[str]] = None, target: Optional[ModuleType] = None
    ) -> Optional[importlib.machinery.ModuleSpec]:
        if not fullname.startswith(_PACKAGE + "."):
            return None
        from .paths_table import MODULES, PACKAGES  # here: the table loads on the first official-only path

        official = fullname[len(_PACKAGE) + 1 :]
        names = MODULES.get(official)
        if names is None:
            return None
        is_package = official in PACKAGES
        spec = importlib.machinery.ModuleSpec(
            fullname, cast("Loader", _Loader(official, names.split())), is_package=is_package
        )
        if is_package:
            spec.submodule_search_locations = []
        return spec

    def invalidate_caches(self) -> None:
        """Nothing cached."""


FINDER = _Finder()


def install() -> None:
    """Put :data:`FINDER` at the end of ``sys.meta_path`` (once), after every finder of real files."""
    if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.append(FINDER)
