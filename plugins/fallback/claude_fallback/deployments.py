"""The deployments a chain names: the client's own, and first-party, Bedrock and Vertex AI ones.

A :class:`Deployment` made here owns one :class:`~claude_core.providers.Provider`, made on
first use and then reused (the client keeps the credentials and signer it resolves per
provider instance). Its provider puts the deployment's own model id in each call it prepares
(:meth:`Deployment.model_for`). The cloud providers come from their own distributions,
imported only when such a deployment is first used.
"""

from __future__ import annotations

import importlib.util
import re
import threading
from typing import TYPE_CHECKING, Any, ClassVar, Dict, Mapping, Optional

from claude_core import AnthropicError, ClientOptions

from .models import bedrock_id, canonical, lookup, vertex_id

if TYPE_CHECKING:
    from claude_core.providers import Provider

__all__ = ["Deployment", "ClientDeployment", "FirstParty", "Bedrock", "Vertex"]


def _is_cloud_id(model: str) -> bool:
    """Whether ``model`` is written as a cloud names models (a Bedrock id, profile or ARN, a Vertex id)."""
    return "@" in model or model.startswith("arn:") or "anthropic." in model.split(":", 1)[0]


class Deployment:
    """One deployment of a fallback chain.

    :param name: the name logs, breakers and :meth:`~claude_fallback.Fallback.deployment_of`
        use; a breaker is shared by every deployment of the same name in the process.
    :param models: overrides of the model table: the model a call names (as the call names
        it, or its first-party id) -> the id to send here, or None to skip this deployment
        for that model.
    """

    kind: ClassVar[str] = ""

    def __init__(self, *, name: Optional[str] = None, models: Optional[Mapping[str, Optional[str]]] = None) -> None:
        if name is not None and (not isinstance(name, str) or not name):
            raise ValueError(f"name= must be a non-empty str, got {name!r}")
        if models is not None and not isinstance(models, Mapping):
            raise TypeError(f"models= takes a mapping of model -> model id (or None), got {type(models).__name__}")
        self._name = name
        self.models: Dict[str, Optional[str]] = dict(models or {})
        self._provider: Optional[Provider] = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self._name or self.default_name()

    def default_name(self) -> str:
        return self.kind

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"

    # -- models ---------------------------------------------------------------------------

    def model_for(self, model: str) -> Optional[str]:
        """The id this deployment takes for ``model``, or None when it has none (skipped)."""
        for key in (model, canonical(model)):
            if key in self.models:
                return self.models[key]
        return self.table_id(model)

    def table_id(self, model: str) -> Optional[str]:
        raise NotImplementedError

    # -- the provider ---------------------------------------------------------------------

    def provider(self) -> Provider:
        """This deployment's provider, made on first use and reused."""
        provider = self._provider
        if provider is None:
            with self._lock:
                provider = self._provider
                if provider is None:
                    provider = self._provider = self.make_provider()
        return provider

    def make_provider(self) -> Provider:
        raise NotImplementedError

    def owns(self, provider: Provider) -> bool:
        return provider is self._provider and provider is not None


class ClientDeployment(Deployment):
    """The client's own deployment, named in a chain by its provider's name (``"anthropic"``).

    It stands for the deployment of each client whose provider has that name, with the
    client's options and credentials, and is given the model as the call names it; for a
    client of another provider it is skipped.
    """

    def __init__(self, provider_name: str) -> None:
        super().__init__(name=provider_name)
        self.provider_name = provider_name

    def __repr__(self) -> str:
        return f"ClientDeployment({self.provider_name!r})"

    def model_for(self, model: str) -> Optional[str]:
        return model

    def owns(self, provider: Provider) -> bool:
        return False  # decided by the chain: a provider of this name that no other deployment made


class FirstParty(Deployment):
    """The Claude API with options of its own: another key, another ``base_url`` (a gateway,
    a region), or first-party behind a cloud client. Cloud model ids are sent as their
    first-party ids.

    :param base_url: the API's URL (default: ``ANTHROPIC_BASE_URL``, else the Claude API).
    :param api_key: its key (default: ``ANTHROPIC_API_KEY``, else the credential plugins).
    :param auth_token: a bearer token instead of a key.
    """

    kind = "anthropic"

    def __init__(
        self,
        *,
        base_url: Optional[str] = None,
        api_key: Optional[str] = None,
        auth_token: Optional[str] = None,
        name: Optional[str] = None,
        models: Optional[Mapping[str, Optional[str]]] = None,
    ) -> None:
        super().__init__(name=name, models=models)
        self.options = ClientOptions(provider="anthropic", base_url=base_url, api_key=api_key, auth_token=auth_token)

    def default_name(self) -> str:
        base_url = self.options.base_url
        return f"anthropic:{base_url}" if base_url else "anthropic"

    def table_id(self, model: str) -> Optional[str]:
        if lookup(model) is not None:
            return canonical(model)
        return None if _is_cloud_id(model) else model

    def make_provider(self) -> Provider:
        from ._providers import FallbackAnthropicProvider

        return FallbackAnthropicProvider(self.options, self)


def _require(module: str, distribution: str, kind: str) -> None:
    if importlib.util.find_spec(module) is None:
        from claude_core.distributions import install_hint  # the one wording of every install hint

        raise AnthropicError(
            f"a {kind} deployment needs the {distribution} distribution, which is not installed: "
            f"{install_hint(distribution, module)}"
        )


def _check_str(parameter: str, value: Any) -> None:
    if value is not None and (not isinstance(value, str) or not value):
        raise ValueError(f"{parameter}= must be a non-empty str, got {value!r}")


class Bedrock(Deployment):
    """Claude on Amazon Bedrock (needs ``claude-provider-bedrock``).

    :param region: the AWS region (default: ``AWS_REGION``, ``AWS_DEFAULT_REGION``, the profile's).
    :param inference_profile: a cross-region inference profile's prefix (``"us"``, ``"eu"``,
        ``"apac"``, ``"global"``...) put before each model id: ``us.anthropic.claude-...``.
    :param aws_profile, aws_access_key, aws_secret_key, aws_session_token, aws_session,
        api_key: credentials, as ``AnthropicBedrock`` takes them (default: botocore's chain).
    :param base_url: the runtime endpoint (default: ``ANTHROPIC_BEDROCK_BASE_URL``, else the region's).
    """

    kind = "bedrock"

    def __init__(
        self,
        region: Optional[str] = None,
        *,
        inference_profile: Optional[str] = None,
        aws_profile: Optional[str] = None,
        aws_access_key: Optional[str] = None,
        aws_secret_key: Optional[str] = None,
        aws_session_token: Optional[str] = None,
        aws_session: Any = None,
        api_key: Optional[str] = None,
        base_url: Optional[str] = None,
        name: Optional[str] = None,
        models: Optional[Mapping[str, Optional[str]]] = None,
    ) -> None:
        _check_str("region", region)
        _check_str("inference_profile", inference_profile)
        if inference_profile is not None and not re.fullmatch(r"[a-z]+(-[a-z]+)?", inference_profile):
            raise ValueError(
                f"inference_profile= is a prefix such as 'us', 'eu', 'apac' or 'global', got {inference_profile!r}"
            )
        _require("provider_bedrock", "claude-provider-bedrock", "Bedrock")
        super().__init__(name=name, models=models)
        self.region = region
        self.inference_profile = inference_profile
        extra = {
            "aws_region": region,
            "aws_profile": aws_profile,
            "aws_access_key": aws_access_key,
            "aws_secret_key": aws_secret_key,
            "aws_session_token": aws_session_token,
            "aws_session": aws_session,
        }
        self.options = ClientOptions(
            provider="bedrock",
            base_url=base_url,
            api_key=api_key,
            extra={key: value for key, value in extra.items() if value is not None},
        )

    def default_name(self) -> str:
        parts = ["bedrock", self.region or "default", self.inference_profile or ""]
        return ":".join(parts).rstrip(":")

    def table_id(self, model: str) -> Optional[str]:
        return bedrock_id(model, self.inference_profile)

    def make_provider(self) -> Provider:
        from ._bedrock import FallbackBedrockProvider

        return FallbackBedrockProvider(self.options, self)


class Vertex(Deployment):
    """Claude on Google Cloud Vertex AI (needs ``claude-provider-vertex``).

    :param region: the location (``"us-east5"``, ``"global"``...; default: ``CLOUD_ML_REGION``).
    :param project_id: the project (default: ``ANTHROPIC_VERTEX_PROJECT_ID``, the credentials').
    :param access_token, credentials: as ``AnthropicVertex`` takes them (default: the
        Application Default Credentials).
    :param base_url: the API root (default: ``ANTHROPIC_VERTEX_BASE_URL``, else the region's).
    """

    kind = "vertex"

    def __init__(
        self,
        region: Optional[str] = None,
        *,
        project_id: Optional[str] = None,
        access_token: Any = None,
        credentials: Any = None,
        base_url: Optional[str] = None,
        name: Optional[str] = None,
        models: Optional[Mapping[str, Optional[str]]] = None,
    ) -> None:
        _check_str("region", region)
        _check_str("project_id", project_id)
        _require("provider_vertex", "claude-provider-vertex", "Vertex AI")
        super().__init__(name=name, models=models)
        self.region = region
        extra = {"region": region, "project_id": project_id, "access_token": access_token, "credentials": credentials}
        self.options = ClientOptions(
            provider="vertex",
            base_url=base_url,
            extra={key: value for key, value in extra.items() if value is not None},
        )

    def default_name(self) -> str:
        return f"vertex:{self.region or 'default'}"

    def table_id(self, model: str) -> Optional[str]:
        return vertex_id(model)

    def make_provider(self) -> Provider:
        from ._vertex import FallbackVertexProvider

        return FallbackVertexProvider(self.options, self)
