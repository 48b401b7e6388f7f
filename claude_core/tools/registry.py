"""The registry that ``claude_register_tools`` implementations fill, once per client (the client's
plugins collect it: :meth:`claude_core.plugins.ClientHooks.collect_tools`)."""

from __future__ import annotations

import inspect
from contextlib import contextmanager
from typing import Any, Dict, Iterator, Optional

__all__ = ["ToolRegistry"]


class ToolRegistry:
    """Tools by name, each with the plugin that registered it.

    Filled through the ``claude_register_tools`` hook; a tool runner takes the names
    (``tools=["get_weather"]``) and runs the tools they stand for.
    """

    def __init__(self) -> None:
        self._tools: Dict[str, Any] = {}
        self._owners: Dict[str, Optional[str]] = {}
        self._registering: Optional[str] = None

    def register(self, tool: Any, *, name: Optional[str] = None, plugin: Optional[str] = None) -> None:
        """Add ``tool`` under ``name`` (default: the tool's ``name``): a ``@beta_tool`` /
        ``@beta_async_tool`` tool, a plain function (made one of those, its name and docstring
        giving the tool's), or a tool dict (sent, not run). ``plugin`` defaults to the plugin
        whose hook is running. Raises ``ValueError`` for a name registered before, naming both
        plugins."""
        if callable(tool) and not hasattr(tool, "to_dict"):
            tool = _as_tool(tool, name)
        key = name or (tool.get("name") if isinstance(tool, dict) else getattr(tool, "name", None))
        if not isinstance(key, str) or not key:
            raise ValueError(f"cannot register {tool!r}: pass name= or give the tool a `name`")
        owner = plugin or self._registering
        if key in self._tools:
            raise ValueError(
                f"tool {key!r} is registered twice, by {self._owners[key] or 'an unnamed plugin'} "
                f"and by {owner or 'an unnamed plugin'}: disable one of them (disable_plugins=[...])"
            )
        self._tools[key] = tool
        self._owners[key] = owner

    def get(self, name: str) -> Any:
        """The tool registered as ``name``; ``KeyError`` naming the registered ones otherwise."""
        try:
            return self._tools[name]
        except KeyError:
            raise KeyError(
                f"no tool named {name!r} is registered (registered: {sorted(self._tools)}); "
                "pass the tool itself, or install the plugin that provides it"
            ) from None

    @contextmanager
    def owned_by(self, plugin: Optional[str]) -> Iterator[None]:
        """Inside the block, tools registered without ``plugin=`` belong to ``plugin``."""
        self._registering = plugin
        try:
            yield
        finally:
            self._registering = None

    def owner(self, name: str) -> Optional[str]:
        """The plugin that registered ``name``."""
        self.get(name)
        return self._owners[name]

    def __contains__(self, name: object) -> bool:
        return name in self._tools

    def __iter__(self) -> Iterator[str]:
        return iter(self._tools)

    def __len__(self) -> int:
        return len(self._tools)


def _as_tool(function: Any, name: Optional[str]) -> Any:
    from .functions import beta_async_tool, beta_tool  # here: only a plain function registered needs it

    make = beta_async_tool if inspect.iscoroutinefunction(function) else beta_tool
    return make(function, name=name) if name else make(function)
