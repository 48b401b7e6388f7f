"""The Bedrock provider of a chain's Bedrock deployments; imported only when one is used."""

from __future__ import annotations

from provider_bedrock.provider import BedrockProvider

from ._providers import MappedModels

__all__ = ["FallbackBedrockProvider"]


class FallbackBedrockProvider(MappedModels, BedrockProvider):
    """Claude on Amazon Bedrock, as a deployment of a chain."""
