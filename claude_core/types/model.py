"""``Model``: the model ids the API knows, or any other model id string."""

from __future__ import annotations

from .model_param import ModelParam

__all__ = ["Model"]

Model = ModelParam
"""A model id, as responses name it (``Message.model``); the same alias as :data:`ModelParam`."""
