"""The model table: each first-party model and its ids on Amazon Bedrock and Vertex AI.

A call names a model as the first-party API does (``claude-sonnet-4-5``, or its dated id),
or, on a cloud client, as that cloud does. :func:`canonical` turns any of these into the
first-party dated id; :func:`bedrock_id` and :func:`vertex_id` give a deployment the id it
takes. A model this table does not hold has no cloud id: a deployment with no override for
it is skipped, never sent another model.
"""

from __future__ import annotations

from typing import Dict, NamedTuple, Optional, Tuple

__all__ = ["ModelIds", "MODELS", "INFERENCE_PROFILES", "canonical", "bedrock_id", "vertex_id"]


class ModelIds(NamedTuple):
    """One model: its first-party id, its aliases, its Bedrock base model id and its Vertex AI id."""

    first_party: str
    aliases: Tuple[str, ...]
    bedrock: str
    vertex: str


#: Every model the SDK's types name (``claude_core.types.ModelParam``), newest first.
MODELS: Tuple[ModelIds, ...] = (
    ModelIds("claude-opus-4-6", (), "anthropic.claude-opus-4-6-v1", "claude-opus-4-6"),
    ModelIds("claude-sonnet-4-6", (), "anthropic.claude-sonnet-4-6", "claude-sonnet-4-6"),
    ModelIds(
        "claude-opus-4-5-20251101",
        ("claude-opus-4-5",),
        "anthropic.claude-opus-4-5-20251101-v1:0",
        "claude-opus-4-5@20251101",
    ),
    ModelIds(
        "claude-haiku-4-5-20251001",
        ("claude-haiku-4-5",),
        "anthropic.claude-haiku-4-5-20251001-v1:0",
        "claude-haiku-4-5@20251001",
    ),
    ModelIds(
        "claude-sonnet-4-5-20250929",
        ("claude-sonnet-4-5",),
        "anthropic.claude-sonnet-4-5-20250929-v1:0",
        "claude-sonnet-4-5@20250929",
    ),
    ModelIds(
        "claude-opus-4-1-20250805",
        ("claude-opus-4-1",),
        "anthropic.claude-opus-4-1-20250805-v1:0",
        "claude-opus-4-1@20250805",
    ),
    ModelIds(
        "claude-opus-4-20250514",
        ("claude-opus-4-0",),
        "anthropic.claude-opus-4-20250514-v1:0",
        "claude-opus-4@20250514",
    ),
    ModelIds(
        "claude-sonnet-4-20250514",
        ("claude-sonnet-4-0",),
        "anthropic.claude-sonnet-4-20250514-v1:0",
        "claude-sonnet-4@20250514",
    ),
    ModelIds(
        "claude-3-7-sonnet-20250219",
        ("claude-3-7-sonnet-latest",),
        "anthropic.claude-3-7-sonnet-20250219-v1:0",
        "claude-3-7-sonnet@20250219",
    ),
    ModelIds(
        "claude-3-5-haiku-20241022",
        ("claude-3-5-haiku-latest",),
        "anthropic.claude-3-5-haiku-20241022-v1:0",
        "claude-3-5-haiku@20241022",
    ),
    ModelIds("claude-3-haiku-20240307", (), "anthropic.claude-3-haiku-20240307-v1:0", "claude-3-haiku@20240307"),
)

#: The cross-region inference-profile prefixes a Bedrock deployment may put before a model id.
INFERENCE_PROFILES = frozenset({"us", "eu", "apac", "jp", "au", "ca", "us-gov", "global"})


def _index() -> Dict[str, ModelIds]:
    index: Dict[str, ModelIds] = {}
    for ids in MODELS:
        for name in (ids.first_party, *ids.aliases, ids.bedrock, ids.vertex):
            index[name] = ids
    return index


_BY_ANY_ID = _index()


def _strip_profile(model: str) -> str:
    """``us.anthropic.claude-...`` -> ``anthropic.claude-...``; an ARN -> the id it ends with."""
    if model.startswith("arn:"):
        model = model.rpartition("/")[2]
    prefix, dot, rest = model.partition(".")
    if dot and prefix in INFERENCE_PROFILES and rest.startswith("anthropic."):
        return rest
    return model


def lookup(model: str) -> Optional[ModelIds]:
    """The table's row for a first-party id or alias, a Bedrock id (with or without a profile
    prefix, or in an ARN) or a Vertex AI id; None for a model the table does not hold."""
    return _BY_ANY_ID.get(model) or _BY_ANY_ID.get(_strip_profile(model))


def canonical(model: str) -> str:
    """The first-party id a model id names: an alias stays itself (first-party takes it), a
    cloud id becomes the first-party dated id; an unknown id is returned as it is."""
    ids = lookup(model)
    if ids is None or model == ids.first_party or model in ids.aliases:
        return model
    return ids.first_party


def bedrock_id(model: str, inference_profile: Optional[str] = None) -> Optional[str]:
    """The Bedrock model id for ``model`` (with ``inference_profile``'s prefix), or None."""
    ids = lookup(model)
    if ids is None:
        return None
    return f"{inference_profile}.{ids.bedrock}" if inference_profile else ids.bedrock


def vertex_id(model: str) -> Optional[str]:
    """The Vertex AI model id for ``model``, or None."""
    ids = lookup(model)
    return None if ids is None else ids.vertex
