"""The registry that ``claude_register_tools`` implementations fill."""

from __future__ import annotations

from typing import Any, Dict, Iterator, Optional

__all__ = ["ToolRegistry"]


class ToolRegistry:
    """Tools by name. Filled by plugins through the ``claude_register_tools`` hook."""

    def __init__(self) -> None:
        self._tools: Dict[str, Any] = {}
        self._owners: Dict[str, Optional[str]] = {}

    def register(self, tool: Any, *, name: Optional[str] = None, plugin: Optional[str] = None) -> None:
        """Add ``tool`` under ``name`` (default: the tool's ``name`` attribute)."""
        key = name or getattr(tool, "name", None) or getattr(tool, "__name__", None)
        if not isinstance(key, str) or not key:
            raise ValueError(f"cannot register {tool!r}: pass name= or give the tool a `name` attribute")
        if key in self._tools:
            raise ValueError(
                f"tool {key!r} is registered twice (by {self._owners[key] or 'an unnamed plugin'} "
                f"and {plugin or 'an unnamed plugin'}); disable one of the plugins"
            )
        self._tools[key] = tool
        self._owners[key] = plugin

    def get(self, name: str) -> Any:
        try:
            return self._tools[name]
        except KeyError:
            raise KeyError(f"no tool named {name!r}; registered: {sorted(self._tools)}") from None

    def __contains__(self, name: object) -> bool:
        return name in self._tools

    def __iter__(self) -> Iterator[str]:
        return iter(self._tools)

    def __len__(self) -> int:
        return len(self._tools)
