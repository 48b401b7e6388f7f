"""Compatibility paths (``anthropic.lib.*``) re-exporting the real objects."""

from typing import TYPE_CHECKING

from .._compat.paths import fallback_getattr

if not TYPE_CHECKING:
    __getattr__ = fallback_getattr(__name__)  # its submodules, as the official package has them
