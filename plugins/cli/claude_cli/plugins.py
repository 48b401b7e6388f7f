"""The CLI's plugin manager: its own commands, then those of every installed distribution."""

from __future__ import annotations

import importlib
import sys
import warnings
from typing import Any, List, Tuple

import pluggy

import claude_core.plugins

from . import hookspecs

__all__ = [
    "BUILTIN",
    "get_plugin_manager",
    "entry_points",
    "failed_plugins",
    "load_sdk_plugins",
    "register_commands",
]

#: The CLI's own commands, registered as plugins by module name, as third parties' are.
BUILTIN: Tuple[str, ...] = (
    "claude_cli.installed",
    "claude_cli.prompt",
    "claude_cli.chat",
    "claude_cli.logs",
    "claude_cli.count",
    "claude_cli.models",
    "claude_cli.batch",
    "claude_cli.files",
)

_manager: "pluggy.PluginManager | None" = None
#: (entry point name, the error) of each command plugin that failed to load.
_failed: List[Tuple[str, str]] = []


def entry_points(group: str = hookspecs.PROJECT) -> List[Any]:
    """The installed distributions' entry points in ``group`` (default: the CLI's own)."""
    if sys.version_info >= (3, 10):
        from importlib.metadata import entry_points as found
    else:  # pragma: no cover - Python 3.9
        from importlib_metadata import entry_points as found
    return list(found(group=group))


def get_plugin_manager() -> pluggy.PluginManager:
    """The process's plugin manager, built on first use. A distribution whose commands fail to
    load is skipped (:func:`failed_plugins`): the other commands still work."""
    global _manager
    if _manager is not None:
        return _manager
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    for name in BUILTIN:
        manager.register(importlib.import_module(name), name=name)
    for point in entry_points():
        name = getattr(point, "name", "?")
        try:
            manager.register(point.load(), name=name)
        except Exception as exc:
            _failed.append((name, f"{type(exc).__name__}: {exc}"))
    _manager = manager
    return manager


def failed_plugins() -> List[str]:
    """One line for each distribution whose commands failed to load, and one for the SDK's plugins
    that did: said where it matters (an unknown command, ``claude-core plugins``, ``--debug``), not on
    every run (:func:`claude_cli.main.main` silences the SDK's own warning)."""
    get_plugin_manager()
    lines = [f"claude-core: skipped the commands of {name!r}: {error}" for name, error in _failed]
    sdk = load_sdk_plugins()
    return lines + (["claude-core: skipped the SDK plugins that failed to load: " + "; ".join(sdk)] if sdk else [])


def load_sdk_plugins() -> List[str]:
    """Load the SDK's plugins (it does so once a process) and return those that failed to load,
    for :func:`failed_plugins`, without the SDK's own warning about them. The CLI calls it before
    it makes a client."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", claude_core.plugins.PluginLoadWarning)
        return claude_core.plugins.failed_plugins()


def register_commands(cli: Any) -> None:
    """Let every plugin add its commands; one whose hook fails is skipped like one that failed to load."""
    manager = get_plugin_manager()
    for impl in reversed(manager.hook.claude_register_commands.get_hookimpls()):
        try:
            impl.function(cli=cli)
        except Exception as exc:
            _failed.append((impl.plugin_name, f"{type(exc).__name__}: {exc}"))
