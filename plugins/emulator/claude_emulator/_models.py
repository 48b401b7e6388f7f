"""The emulator's model catalogue and the Models API (list with cursor paging, retrieve).

The catalogue holds every model the SDK's types name (``claude_core.types.ModelParam``),
legacy ones included: dated ids are listed by GET /v1/models, and the aliases the API
knows (``claude-sonnet-4-5``, ``claude-opus-4-0``, ``claude-3-7-sonnet-latest``) resolve to
them. Only these ids are served; any other model is a 404, as the API answers it.
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Tuple

from ._paging import page
from ._wire import APIErrorReply

__all__ = [
    "MODELS",
    "ALIASES",
    "DEFAULT_CONTEXT_WINDOW",
    "LONG_CONTEXT_BETA",
    "context_window",
    "find_model",
    "is_known_model",
    "list_models",
    "retrieve_model",
]

DEFAULT_CONTEXT_WINDOW = 200_000
#: The ``anthropic-beta`` value that gives the models in ``_LONG_CONTEXT`` a 1M-token window.
LONG_CONTEXT_BETA = "context-1m-2025-08-07"
_LONG_CONTEXT_WINDOW = 1_000_000

# (id, display name, created_at, aliases), newest first, as GET /v1/models orders them.
_CATALOGUE: Tuple[Tuple[str, str, str, Tuple[str, ...]], ...] = (
    ("claude-sonnet-4-6", "Claude Sonnet 4.6", "2026-02-17T00:00:00Z", ()),
    ("claude-opus-4-6", "Claude Opus 4.6", "2026-02-05T00:00:00Z", ()),
    ("claude-opus-4-5-20251101", "Claude Opus 4.5", "2025-11-24T00:00:00Z", ("claude-opus-4-5",)),
    ("claude-haiku-4-5-20251001", "Claude Haiku 4.5", "2025-10-15T00:00:00Z", ("claude-haiku-4-5",)),
    ("claude-sonnet-4-5-20250929", "Claude Sonnet 4.5", "2025-09-29T00:00:00Z", ("claude-sonnet-4-5",)),
    ("claude-opus-4-1-20250805", "Claude Opus 4.1", "2025-08-05T00:00:00Z", ("claude-opus-4-1",)),
    ("claude-opus-4-20250514", "Claude Opus 4", "2025-05-22T00:00:00Z", ("claude-opus-4-0",)),
    ("claude-sonnet-4-20250514", "Claude Sonnet 4", "2025-05-22T00:00:00Z", ("claude-sonnet-4-0",)),
    ("claude-3-7-sonnet-20250219", "Claude Sonnet 3.7", "2025-02-24T00:00:00Z", ("claude-3-7-sonnet-latest",)),
    ("claude-3-5-haiku-20241022", "Claude Haiku 3.5", "2024-10-22T00:00:00Z", ("claude-3-5-haiku-latest",)),
    ("claude-3-haiku-20240307", "Claude Haiku 3", "2024-03-07T00:00:00Z", ()),
)
# Models that take the 1M-token context window when the request names LONG_CONTEXT_BETA.
_LONG_CONTEXT = frozenset(
    {"claude-sonnet-4-6", "claude-opus-4-6", "claude-sonnet-4-5-20250929", "claude-sonnet-4-20250514"}
)

MODELS: Tuple[Dict[str, str], ...] = tuple(
    {"type": "model", "id": model_id, "display_name": name, "created_at": created}
    for model_id, name, created, _ in _CATALOGUE
)
_INDEX: Dict[str, int] = {model["id"]: i for i, model in enumerate(MODELS)}
#: Every alias and the dated id it resolves to.
ALIASES: Dict[str, str] = {alias: model_id for model_id, _, _, aliases in _CATALOGUE for alias in aliases}


def find_model(model_id: str) -> Optional[Dict[str, str]]:
    """The catalogue entry for an id or alias, or None."""
    index = _INDEX.get(ALIASES.get(model_id, model_id))
    return None if index is None else MODELS[index]


def is_known_model(model_id: str) -> bool:
    """Whether a request may name this model: a catalogue id or one of its aliases."""
    return find_model(model_id) is not None


def context_window(model_id: str, betas: str = "") -> int:
    """The most input tokens a known model takes; ``betas`` is the ``anthropic-beta`` header's value."""
    resolved = ALIASES.get(model_id, model_id)
    if resolved in _LONG_CONTEXT and LONG_CONTEXT_BETA in (beta.strip() for beta in betas.split(",")):
        return _LONG_CONTEXT_WINDOW
    return DEFAULT_CONTEXT_WINDOW


def retrieve_model(model_id: str) -> Dict[str, str]:
    model = find_model(model_id)
    if model is None:
        raise APIErrorReply(404, f"model: {model_id}")
    return dict(model)


def list_models(query: Mapping[str, str]) -> Dict[str, Any]:
    """One page of GET /v1/models, paged like the real API (see :func:`._paging.select`)."""
    return page(MODELS, _model_id, query, "model", dict)


def _model_id(model: Mapping[str, str]) -> str:
    return model["id"]
