"""``usage.iterations`` (beta): the usage of each sampling and compaction iteration of a message."""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional, Union

from typing_extensions import Literal

from ._base import BaseModel
from ._discriminator import open_union
from .cache_creation import CacheCreation

__all__ = [
    "MessageIterationUsage",
    "CompactionIterationUsage",
    "UnknownIterationUsage",
    "IterationsUsageItem",
    "IterationsUsage",
]


class _IterationUsage(BaseModel):
    cache_creation: Optional[CacheCreation] = None
    cache_creation_input_tokens: int
    cache_read_input_tokens: int
    input_tokens: int
    output_tokens: int


class MessageIterationUsage(_IterationUsage):
    """The usage of one sampling iteration of a message (beta: ``usage.iterations``)."""

    type: Literal["message"]


class CompactionIterationUsage(_IterationUsage):
    """The usage of one compaction iteration (beta: ``usage.iterations``)."""

    type: Literal["compaction"]


class UnknownIterationUsage(BaseModel):
    """An iteration of a ``type`` this version does not know; every field is kept as sent."""

    type: str


IterationsUsageItem = Union[MessageIterationUsage, CompactionIterationUsage]
"""One iteration of ``usage.iterations``, by ``type``."""
if not TYPE_CHECKING:
    IterationsUsageItem = open_union(IterationsUsageItem, UnknownIterationUsage)

IterationsUsage = List[IterationsUsageItem]
"""The usage of each iteration (sampling, compaction) that made a message (beta)."""
