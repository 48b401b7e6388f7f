"""Compatibility path of ``anthropic.types.messages.batch_create_params``."""

from .batches import BatchCreateParams, Request

__all__ = ["BatchCreateParams", "Request"]
