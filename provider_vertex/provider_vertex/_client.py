"""``AnthropicVertex`` and ``AsyncAnthropicVertex``: the clients with ``provider="vertex"``.

They take the official ``anthropic.AnthropicVertex`` constructor parameters and are
otherwise :class:`claude_core.Anthropic` / :class:`claude_core.AsyncAnthropic`: the same
resources, streams, tool runner, raw responses and plugins. :class:`BaseVertexClient` holds
what the two add, written once: the constructor and the Google Cloud attributes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Mapping, Optional, Union, cast

import httpx

from claude_core import DEFAULT_MAX_RETRIES, NOT_GIVEN, Anthropic, AsyncAnthropic, NotGiven, Omit
from claude_core.cloud_clients import CloudClient, HttpClientT, ProviderOption, client_arguments

from .provider import resolve_region

if TYPE_CHECKING:
    from google.auth.credentials import Credentials as GoogleAuthCredentials

    from claude_core.providers import Provider

    from .provider import VertexProvider

__all__ = ["AnthropicVertex", "AsyncAnthropicVertex", "BaseVertexClient", "AccessToken"]

#: An access token, or a function returning one (called on first use and after a 401).
AccessToken = Union[str, Callable[[], str]]
#: The constructor parameters that are the provider's options (``provider_options``).
_VERTEX_OPTIONS = ("region", "project_id", "access_token", "credentials")


class BaseVertexClient(CloudClient[HttpClientT], beta_module="provider_vertex._beta"):
    """The constructor and attributes :class:`AnthropicVertex` and :class:`AsyncAnthropicVertex`
    add to the core clients (``HttpClientT``: the ``http_client`` type)."""

    def __init__(
        self,
        *,
        region: Union[str, NotGiven, None] = NOT_GIVEN,
        project_id: Union[str, NotGiven, None] = NOT_GIVEN,
        access_token: Optional[AccessToken] = None,
        credentials: Optional[GoogleAuthCredentials] = None,
        base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[float, httpx.Timeout, NotGiven, None] = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, Union[str, Omit]]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[HttpClientT] = None,
        provider: str = "vertex",
        provider_options: Optional[Mapping[str, Any]] = None,
        **kwargs: Any,
    ) -> None:
        arguments = client_arguments(locals(), _VERTEX_OPTIONS)
        options = arguments["provider_options"]
        options["region"] = resolve_region(options)  # now, as the official client does
        super().__init__(**arguments)  # the next class: the core client

    access_token: ProviderOption[AccessToken] = ProviderOption("access_token")

    @property
    def region(self) -> str:
        """The Vertex AI location requests go to (``global``, ``us``, ``eu`` or a region)."""
        return _vertex(self.deployment_provider).region

    @property
    def project_id(self) -> str:
        """The Google Cloud project, resolved on first use (argument, environment, credentials, ADC)."""
        return _vertex(self.deployment_provider).project_id

    @property
    def credentials(self) -> Optional[GoogleAuthCredentials]:
        """The google-auth credentials given, else the Application Default Credentials once found."""
        given: Optional[GoogleAuthCredentials] = self.options.extra.get("credentials")
        return given if given is not None else _vertex(self.deployment_provider).loaded_credentials


def _vertex(provider: Provider) -> VertexProvider:
    """The client's provider, as the ``vertex`` one (an AttributeError follows for another)."""
    return cast("VertexProvider", provider)


class AnthropicVertex(BaseVertexClient[httpx.Client], Anthropic):
    """The synchronous client for Claude on Google Cloud Vertex AI.

    Region: ``region``, then ``CLOUD_ML_REGION`` (none is an error, raised here). Project:
    ``project_id``, ``ANTHROPIC_VERTEX_PROJECT_ID``, the credentials' project. Credentials:
    ``access_token`` (a string, or a function returning one), ``credentials`` (google-auth),
    else the Application Default Credentials.
    """


class AsyncAnthropicVertex(BaseVertexClient[httpx.AsyncClient], AsyncAnthropic):
    """The asynchronous client for Claude on Google Cloud Vertex AI; see :class:`AnthropicVertex`.

    Credentials are found, and their tokens fetched and refreshed, in a worker thread.
    """
