"""claude-provider-bedrock: Claude on Amazon Bedrock for claude-core.

``AnthropicBedrock`` / ``AsyncAnthropicBedrock`` (also ``claude_core.AnthropicBedrock``),
or ``claude_core.Anthropic(provider="bedrock", provider_options={...})``. The provider
(:class:`~provider_bedrock.provider.BedrockProvider`) and the hooks
(:mod:`provider_bedrock.plugin`) are found by claude_core through entry points.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claude_core.distributions import lazy_exports

if TYPE_CHECKING:
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

#: Every name, imported on first use: claude_core imports ``provider_bedrock.plugin`` in every process
#: that has this distribution installed, and that must not load the client or the provider.
_LAZY = {
    "AnthropicBedrock": "._client",
    "AsyncAnthropicBedrock": "._client",
    "BEDROCK_ANTHROPIC_VERSION": ".provider",
    "BedrockProvider": ".provider",
    "EventStreamDecoder": ".provider",
}

__getattr__, __dir__ = lazy_exports(__name__, _LAZY)
