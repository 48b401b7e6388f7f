"""Providers map an API call onto one deployment of Claude (first-party, a cloud, an emulator)."""

from ._base import APIRequest, Provider, StreamDecoder, StreamPair, body_bytes, merge_options

__all__ = ["APIRequest", "Provider", "StreamDecoder", "StreamPair", "body_bytes", "merge_options"]
