"""Tagged unions on the ``type`` key that route unknown values to a fallback member.

The API adds block, delta and event types over time. A plain ``Discriminator("type")`` fails on a
value it does not know; :func:`type_discriminator` sends it to the member tagged :data:`UNKNOWN_TAG`
instead, so a response from a newer API version still validates. Each input is checked against
exactly one member, never against every member in turn.

Type checkers see each public union with its known members only, so ``if block.type == "text":``
narrows to :class:`TextBlock`; :func:`open_union` adds the fallback for runtime validation::

    ContentBlock = Union[TextBlock, ToolUseBlock]  # what mypy and pyright see
    if not TYPE_CHECKING:
        ContentBlock = open_union(ContentBlock, UnknownBlock)  # what pydantic validates
"""

from __future__ import annotations

from typing import Any, List, Optional, Tuple, Union

import pydantic
from typing_extensions import Annotated, get_args, get_origin

__all__ = ["UNKNOWN_TAG", "type_discriminator", "open_union", "given_tag"]

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


def _type_literal(model: Any) -> str:
    """The one value of a model's ``type: Literal[...]`` field."""
    values: Tuple[Any, ...] = get_args(model.model_fields["type"].annotation)
    if len(values) != 1 or not isinstance(values[0], str):
        raise TypeError(f"{model.__name__}.type must be a Literal of one string to tag a union member")
    return values[0]


def given_tag(member: Any) -> Optional[str]:
    """The ``Tag(...)`` a union member carries (``Annotated[Model, Tag(...)]``, a deferred member), if any."""
    if get_origin(member) is Annotated:
        for extra in get_args(member)[1:]:
            if isinstance(extra, pydantic.Tag):
                return extra.tag
    return None


def open_union(known: Any, fallback: Any) -> Any:
    """``Annotated[Union[...known, fallback], type_discriminator(...)]``, each member tagged by its ``type``.

    ``known`` is a ``Union`` of models whose ``type`` field is a one-value ``Literal``, or of
    models deferred with their tag (``deferred(module, name, tag=...)``); an input with any other
    ``type`` validates as ``fallback`` (a model with ``type: str``, deferred or not), keeping every field.
    """
    tags: List[str] = []
    tagged: List[Any] = []
    for member in get_args(known):
        tag = given_tag(member)
        if tag is None:
            tag = _type_literal(member)
            member = Annotated[member, pydantic.Tag(tag)]
        tags.append(tag)
        tagged.append(member)
    tagged.append(Annotated[fallback, pydantic.Tag(UNKNOWN_TAG)])
    return Annotated[Union[tuple(tagged)], type_discriminator(*tags)]
