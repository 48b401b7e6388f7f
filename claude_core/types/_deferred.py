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

A member of a tagged union (:data:`~claude_core.types.ContentBlock`, ...) is deferred with its
tag given up front, ``deferred(".thinking_blocks", "ThinkingBlock", tag="thinking")``, so that the
union picks it by ``type`` without loading it; the union's test checks each tag against its model.
"""

from __future__ import annotations

import importlib
from typing import Any, Optional

import pydantic
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


def deferred(module: str, name: str, tag: Optional[str] = None) -> Any:
    """A field type standing for ``name`` of ``module``, loaded on first use.

    ``tag``: the model's ``type``, for a member of a tagged union (``Annotated[..., Tag(tag)]``).
    """
    if tag is None:
        return Annotated[Any, Deferred(module, name)]
    return Annotated[Any, Deferred(module, name), pydantic.Tag(tag)]
