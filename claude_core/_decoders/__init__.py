"""Decoders of response bodies that are read as they arrive."""
