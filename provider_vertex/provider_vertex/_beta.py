"""``client.beta`` of the Vertex clients, with a ``messages`` class of Vertex's own.

As in the official SDK (``anthropic.lib.vertex._beta`` and ``._beta_messages``, which
``claude_core.lib.vertex._beta`` and ``._beta_messages`` map to these classes), Vertex's
``beta.messages`` is not the first-party class: its methods are the first-party functions,
copied, so a tracer that patches ``create`` at both paths wraps each call once.
"""

from __future__ import annotations

from functools import cached_property

from claude_core.resources.beta import AsyncBeta as _AsyncBeta
from claude_core.resources.beta import Beta as _Beta
from claude_core.resources.beta.messages import messages as _messages

__all__ = ["Beta", "AsyncBeta", "Messages", "AsyncMessages"]


@_messages.own_methods
class Messages(_messages.Messages):
    """``client.beta.messages`` of :class:`~provider_vertex.AnthropicVertex`."""


@_messages.own_methods
class AsyncMessages(_messages.AsyncMessages):
    """``client.beta.messages`` of :class:`~provider_vertex.AsyncAnthropicVertex`."""


class Beta(_Beta):
    """``client.beta`` of :class:`~provider_vertex.AnthropicVertex`."""

    @cached_property
    def messages(self) -> Messages:
        return Messages(self._client, self._mode)


class AsyncBeta(_AsyncBeta):
    """``client.beta`` of :class:`~provider_vertex.AsyncAnthropicVertex`."""

    @cached_property
    def messages(self) -> AsyncMessages:
        return AsyncMessages(self._client, self._mode)
