"""Tagged unions on the ``type`` key that route unknown values to a fallback member.

The API adds block, delta and event types over time. A plain ``Discriminator("type")`` fails on a
value it does not know; :func:`type_discriminator` sends it to the member tagged :data:`UNKNOWN_TAG`
instead, so a response from a newer API version still validates. Each input is checked against
exactly one member, never against every member in turn.
"""

from __future__ import annotations

from typing import Any

import pydantic

__all__ = ["UNKNOWN_TAG", "type_discriminator"]

UNKNOWN_TAG = "__unknown__"
"""The tag of the fallback member of a union built with :func:`type_discriminator`."""


def type_discriminator(*known: str) -> pydantic.Discriminator:
    """A discriminator picking the member tagged with the input's ``type``, else :data:`UNKNOWN_TAG`.

    ``known`` lists the tags of the typed members; it must match their ``Tag(...)`` values. The
    input is a dict while validating and a model instance while serializing.
    """
    known_types = frozenset(known)

    def tag_of(value: Any) -> str:
        kind = value.get("type") if isinstance(value, dict) else getattr(value, "type", None)
        if isinstance(kind, str) and kind in known_types:
            return kind
        return UNKNOWN_TAG

    return pydantic.Discriminator(tag_of)
