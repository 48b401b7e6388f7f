from .messages import AsyncMessages, Messages

__all__ = ["Messages", "AsyncMessages"]
