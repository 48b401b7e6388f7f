"""API resources: the groups of methods a client exposes.

The official ``anthropic.resources`` names (``Messages``, ``AsyncBeta``, ...) load from their
modules when first read here.
"""

from typing import TYPE_CHECKING

from .._compat.paths import fallback_getattr

if not TYPE_CHECKING:
    __getattr__ = fallback_getattr(__name__)
