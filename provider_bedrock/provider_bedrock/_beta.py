"""``client.beta`` of the Bedrock clients: the ``Beta`` and ``Messages`` classes (sync and async) of the
official ``anthropic.lib.bedrock._beta`` and ``._beta_messages``, to which ``claude_core.lib.bedrock`` maps those
paths; see :func:`claude_core.cloud_clients.beta_classes` for why they are classes of Bedrock's own.
"""

from __future__ import annotations

from claude_core.cloud_clients import beta_classes

__all__ = ["Beta", "AsyncBeta", "Messages", "AsyncMessages"]

Beta, AsyncBeta, Messages, AsyncMessages = beta_classes(__name__, "AnthropicBedrock")
