"""claude-provider-bedrock: Claude on Amazon Bedrock for claude-core.

``AnthropicBedrock`` / ``AsyncAnthropicBedrock`` (also ``claude_core.AnthropicBedrock``),
or ``claude_core.Anthropic(provider="bedrock", provider_options={...})``. The provider
(:class:`~provider_bedrock.provider.BedrockProvider`) and the hooks
(:mod:`provider_bedrock.plugin`) are found by claude_core through entry points.
"""

from __future__ import annotations

from ._client import AnthropicBedrock, AsyncAnthropicBedrock
from .provider import BEDROCK_ANTHROPIC_VERSION, BedrockProvider, EventStreamDecoder

__all__ = [
    "AnthropicBedrock",
    "AsyncAnthropicBedrock",
    "BedrockProvider",
    "EventStreamDecoder",
    "BEDROCK_ANTHROPIC_VERSION",
]
__version__ = "0.1.0"
