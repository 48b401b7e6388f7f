"""claude-fallback: fail over between Claude deployments (first-party, Bedrock, Vertex AI, regions).

``claude_core.Anthropic(plugins=[Fallback(["anthropic", Bedrock("us-east-1")])])`` in code,
or ``CLAUDE_FALLBACK="anthropic,bedrock:us-east-1"`` for every client of a process (the
``fallback`` entry point, :mod:`claude_fallback.plugin`). See docs/fallback.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claude_core.distributions import lazy_exports

if TYPE_CHECKING:
    from .breaker import DEFAULT_BREAKERS, Breakers
    from .deployments import Bedrock, ClientDeployment, Deployment, FirstParty, Vertex
    from .environment import from_environment
    from .models import MODELS
    from .routing import Fallback

__all__ = [
    "Fallback",
    "Deployment",
    "ClientDeployment",
    "FirstParty",
    "Bedrock",
    "Vertex",
    "Breakers",
    "DEFAULT_BREAKERS",
    "MODELS",
    "from_environment",
]
__version__ = "0.1.0"

#: Imported on first use: claude_core imports ``claude_fallback.plugin`` in every process that
#: has this distribution installed, and without ``CLAUDE_FALLBACK`` that must load nothing more.
_LAZY = {
    "Fallback": ".routing",
    "Deployment": ".deployments",
    "ClientDeployment": ".deployments",
    "FirstParty": ".deployments",
    "Bedrock": ".deployments",
    "Vertex": ".deployments",
    "Breakers": ".breaker",
    "DEFAULT_BREAKERS": ".breaker",
    "MODELS": ".models",
    "from_environment": ".environment",
}

__getattr__, __dir__ = lazy_exports(__name__, _LAZY)
