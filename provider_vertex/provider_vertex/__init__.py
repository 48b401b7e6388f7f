"""claude-provider-vertex: Claude on Google Cloud Vertex AI for claude-core.

``AnthropicVertex`` / ``AsyncAnthropicVertex`` (also ``claude_core.AnthropicVertex``), or
``claude_core.Anthropic(provider="vertex", provider_options={...})``. The provider
(:class:`~provider_vertex.provider.VertexProvider`) and the hooks
(:mod:`provider_vertex.plugin`) are found by claude_core through entry points.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claude_core.distributions import lazy_exports

if TYPE_CHECKING:
    from ._client import AccessToken, AnthropicVertex, AsyncAnthropicVertex
    from .provider import VERTEX_ANTHROPIC_VERSION, VertexProvider

__all__ = [
    "AnthropicVertex",
    "AsyncAnthropicVertex",
    "AccessToken",
    "VertexProvider",
    "VERTEX_ANTHROPIC_VERSION",
]
__version__ = "0.1.0"

#: Every name, imported on first use: claude_core imports ``provider_vertex.plugin`` in every process
#: that has this distribution installed, and that must not load the client or the provider.
_LAZY = {
    "AccessToken": "._client",
    "AnthropicVertex": "._client",
    "AsyncAnthropicVertex": "._client",
    "VERTEX_ANTHROPIC_VERSION": ".provider",
    "VertexProvider": ".provider",
}

__getattr__, __dir__ = lazy_exports(__name__, _LAZY)
