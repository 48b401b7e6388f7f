"""The chain written as text: ``CLAUDE_FALLBACK`` and the strings a :class:`~claude_fallback.Fallback` takes.

``CLAUDE_FALLBACK`` lists deployments separated by commas, first choice first:

* a provider's name alone (``anthropic``, ``bedrock``, ``vertex``): the client's own
  deployment, for clients of that provider (its key, its ``base_url``, its region);
* ``bedrock:REGION`` / ``bedrock:REGION:PROFILE``: Amazon Bedrock in that region, with that
  cross-region inference profile's prefix (``us``, ``eu``, ``global``...); credentials from
  botocore's chain, ``ANTHROPIC_BEDROCK_BASE_URL`` for another endpoint;
* ``vertex:REGION`` / ``vertex:REGION:PROJECT``: Vertex AI; credentials from the Application
  Default Credentials, ``ANTHROPIC_VERTEX_BASE_URL`` for another endpoint.

``CLAUDE_FALLBACK_ON_STATUS`` adds statuses that fail over (``429`` or ``429,403``), and
``CLAUDE_FALLBACK_BREAKER`` sets the breakers (``failures=5,window=60,cooldown=30``).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional

from .deployments import Bedrock, ClientDeployment, Deployment, Vertex

if TYPE_CHECKING:
    from .breaker import Breakers
    from .routing import Fallback

__all__ = ["CHAIN_ENV", "STATUS_ENV", "BREAKER_ENV", "parse_entry", "from_environment"]

CHAIN_ENV = "CLAUDE_FALLBACK"
STATUS_ENV = "CLAUDE_FALLBACK_ON_STATUS"
BREAKER_ENV = "CLAUDE_FALLBACK_BREAKER"
_FORMS = "a provider's name ('anthropic'), 'bedrock:REGION[:PROFILE]' or 'vertex:REGION[:PROJECT]'"


def parse_entry(text: str) -> Deployment:
    """One deployment of the chain from its text (see the module's docstring)."""
    kind, *rest = [part.strip() for part in text.strip().split(":")]
    if not kind or any(not part for part in rest):
        raise ValueError(f"fallback deployment {text!r} is not of the form {_FORMS}")
    if kind == "bedrock" and 1 <= len(rest) <= 2:
        return Bedrock(rest[0], inference_profile=rest[1] if len(rest) > 1 else None)
    if kind == "vertex" and 1 <= len(rest) <= 2:
        return Vertex(rest[0], project_id=rest[1] if len(rest) > 1 else None)
    if not rest and kind.replace("-", "_").isidentifier():
        return ClientDeployment(kind)
    raise ValueError(f"fallback deployment {text!r} is not of the form {_FORMS}")


def _statuses(text: str) -> List[int]:
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise ValueError(f"{STATUS_ENV}={text!r} is not a list of HTTP statuses such as '429' or '429,403'") from None


def _breakers(text: str) -> Breakers:
    from .breaker import Breakers

    settings: Dict[str, Any] = {}
    for part in text.split(","):
        key, equals, value = (piece.strip() for piece in part.partition("="))
        try:
            if not equals or key not in ("failures", "window", "cooldown"):
                raise ValueError
            settings[key] = int(value) if key == "failures" else float(value)
        except ValueError:
            raise ValueError(
                f"{BREAKER_ENV}={text!r} is not of the form 'failures=5,window=60,cooldown=30' "
                "(failures a whole number, window and cooldown seconds)"
            ) from None
    return Breakers(**settings)


def from_environment(environ: Optional[Mapping[str, str]] = None) -> Optional[Fallback]:
    """The :class:`~claude_fallback.Fallback` ``CLAUDE_FALLBACK`` describes, or None when it is unset or empty."""
    from .routing import Fallback

    env = os.environ if environ is None else environ
    chain = env.get(CHAIN_ENV, "").strip()
    if not chain:
        return None
    try:
        entries = [parse_entry(part) for part in chain.split(",") if part.strip()]
    except ValueError as exc:
        raise ValueError(f"{CHAIN_ENV}: {exc}") from None
    breaker = env.get(BREAKER_ENV, "").strip()
    return Fallback(
        entries,
        on_status=_statuses(env.get(STATUS_ENV, "")),
        breakers=_breakers(breaker) if breaker else None,
    )
