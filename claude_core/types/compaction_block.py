"""The block server-side context compaction writes, loaded when a response first holds one."""

from __future__ import annotations

from typing import Optional

from typing_extensions import Literal

from ._base import TwinModel

__all__ = [
    "CompactionBlock",
]


class CompactionBlock(TwinModel):
    """A summary of earlier turns written by server-side context compaction."""

    _lacks = _beta_lacks = frozenset({"encrypted_content", "signature"})

    content: Optional[str] = None
    type: Literal["compaction"]
    encrypted_content: Optional[str] = None
    signature: Optional[str] = None
