"""The fallback of every open union of response objects: a block (or caller, or iteration) of a
``type`` this version does not know."""

from __future__ import annotations

from ._base import BaseModel

__all__ = ["UnknownBlock"]


class UnknownBlock(BaseModel):
    """A block of a ``type`` this version does not know; every field is kept as sent.

    Read fields as attributes (``block.some_field``) or with ``block.to_dict()``. It is the runtime
    fallback of :data:`ContentBlock`, not a member type checkers see: test it with ``isinstance``.
    """

    type: str
