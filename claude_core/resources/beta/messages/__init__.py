from typing import TYPE_CHECKING

from ...._compat.paths import fallback_getattr
from .messages import AsyncMessages, Messages

__all__ = ["Messages", "AsyncMessages"]

if not TYPE_CHECKING:
    #: The official names of this path that live in other modules (see ``claude_core._compat.paths``).
    __getattr__ = fallback_getattr(__name__)
