"""Compatibility paths (``anthropic.lib.*``) re-exporting the real objects."""
