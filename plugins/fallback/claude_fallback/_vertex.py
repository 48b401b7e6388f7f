"""The Vertex AI provider of a chain's Vertex deployments; imported only when one is used."""

from __future__ import annotations

from provider_vertex.provider import VertexProvider

from ._providers import MappedModels

__all__ = ["FallbackVertexProvider"]


class FallbackVertexProvider(MappedModels, VertexProvider):
    """Claude on Vertex AI, as a deployment of a chain."""
