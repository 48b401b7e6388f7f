"""Citations attached to text blocks in a response: where in a source the cited text comes from.

The citation models live in :mod:`~claude_core.types.citation_locations`, loaded when a response
first holds a citation (or when one of their names is first read here): a plain text reply needs none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Union

from .._lazy import lazy_exports
from ._deferred import deferred
from ._discriminator import open_union

if TYPE_CHECKING:
    from .citation_locations import (
        CitationCharLocation,
        CitationContentBlockLocation,
        CitationPageLocation,
        CitationsSearchResultLocation,
        CitationsWebSearchResultLocation,
        UnknownCitation,
    )

__all__ = [
    "CitationCharLocation",
    "CitationPageLocation",
    "CitationContentBlockLocation",
    "CitationsWebSearchResultLocation",
    "CitationsSearchResultLocation",
    "UnknownCitation",
    "TextCitation",
    "Citation",
]

if TYPE_CHECKING:
    TextCitation = Union[
        CitationCharLocation,
        CitationPageLocation,
        CitationContentBlockLocation,
        CitationsWebSearchResultLocation,
        CitationsSearchResultLocation,
    ]
else:
    TextCitation = open_union(
        Union[
            deferred(".citation_locations", "CitationCharLocation", tag="char_location"),
            deferred(".citation_locations", "CitationPageLocation", tag="page_location"),
            deferred(".citation_locations", "CitationContentBlockLocation", tag="content_block_location"),
            deferred(".citation_locations", "CitationsWebSearchResultLocation", tag="web_search_result_location"),
            deferred(".citation_locations", "CitationsSearchResultLocation", tag="search_result_location"),
        ],
        deferred(".citation_locations", "UnknownCitation"),
    )
"""Any citation, narrowed by ``citation.type``; at runtime an unknown ``type`` validates as :class:`UnknownCitation`."""

Citation = TextCitation
"""The citation carried by a ``citations_delta`` (same union as :data:`TextCitation`)."""

if not TYPE_CHECKING:  # the citation models load when first named here
    __getattr__, __dir__ = lazy_exports(
        __name__,
        dict.fromkeys(
            (
                "CitationCharLocation",
                "CitationPageLocation",
                "CitationContentBlockLocation",
                "CitationsWebSearchResultLocation",
                "CitationsSearchResultLocation",
                "UnknownCitation",
            ),
            "claude_core.types.citation_locations",
        ),
    )
