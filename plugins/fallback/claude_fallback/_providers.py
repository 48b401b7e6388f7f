"""Providers of the deployments a chain makes: each sends the deployment's own model id."""

from __future__ import annotations

from typing import TYPE_CHECKING

from claude_core import AnthropicError, ClientOptions
from claude_core.providers import APIRequest, Provider
from claude_core.providers.anthropic import AnthropicProvider

if TYPE_CHECKING:
    from .deployments import Deployment

__all__ = ["MappedModels", "FallbackAnthropicProvider"]


class MappedModels(Provider):
    """Puts the deployment's model id (:meth:`Deployment.model_for`) in each call it prepares."""

    def __init__(self, options: ClientOptions, deployment: Deployment) -> None:
        super().__init__(options)
        self.deployment = deployment

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.deployment.name!r})"

    def prepare(self, request: APIRequest) -> APIRequest:
        body = request.body
        model = body.get("model") if body else None
        if body is not None and isinstance(model, str):
            mapped = self.deployment.model_for(model)
            if mapped is None:
                raise AnthropicError(
                    f"the fallback deployment {self.deployment.name!r} has no id for model {model!r}: "
                    f"give it one in its models={{{model!r}: ...}}"
                )
            request.body = {**body, "model": mapped}
        return super().prepare(request)


class FallbackAnthropicProvider(MappedModels, AnthropicProvider):
    """The Claude API, as a deployment of a chain."""
