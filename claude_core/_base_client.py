"""Compatibility path of ``anthropic._base_client``: the httpx clients with the SDK's defaults.

The official module's other names are its HTTP machinery, which claude-core does not share.
"""

from ._transport.default import DefaultAsyncHttpxClient, DefaultHttpxClient

__all__ = ["DefaultHttpxClient", "DefaultAsyncHttpxClient"]
