"""Field types whose models load when a value of them is first built, not when the SDK is imported.

Beta features nest objects (``context_management``, a tool call's ``caller``, web fetch and code
execution results, ``usage.iterations``) that a plain ``messages.create`` never meets. Their
models live in modules of their own; a field names them with :func:`deferred`, which type
checkers read as the real type and which loads the module the first time pydantic builds the
field's schema (strict validation, dumps) or :func:`~claude_core.types._construct.construct`
meets a value of it::

    if TYPE_CHECKING:
        from .callers import Caller
    else:
        Caller = deferred(".callers", "Caller")
"""

from __future__ import annotations

import importlib
from typing import Any

from typing_extensions import Annotated

__all__ = ["Deferred", "deferred"]


class Deferred:
    """``Annotated`` metadata: the field's type is ``name`` of module ``module`` (relative to the types)."""

    __slots__ = ("module", "name")

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    def resolve(self) -> Any:
        """The type itself (its module imported)."""
        return getattr(importlib.import_module(self.module, __package__), self.name)

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return handler.generate_schema(self.resolve())

    def __repr__(self) -> str:
        return f"Deferred({self.module!r}, {self.name!r})"


def deferred(module: str, name: str) -> Any:
    """A field type standing for ``name`` of ``module``, loaded on first use."""
    return Annotated[Any, Deferred(module, name)]
