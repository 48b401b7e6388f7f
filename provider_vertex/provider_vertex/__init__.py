"""claude-provider-vertex: Claude on Google Cloud Vertex AI for claude-core.

``AnthropicVertex`` / ``AsyncAnthropicVertex`` (also ``claude_core.AnthropicVertex``), or
``claude_core.Anthropic(provider="vertex", provider_options={...})``. The provider
(:class:`~provider_vertex.provider.VertexProvider`) and the hooks
(:mod:`provider_vertex.plugin`) are found by claude_core through entry points.
"""

from __future__ import annotations

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
