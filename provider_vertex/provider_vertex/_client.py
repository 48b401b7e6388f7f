"""``AnthropicVertex`` and ``AsyncAnthropicVertex``: the clients with ``provider="vertex"``.

They take the official ``anthropic.AnthropicVertex`` constructor parameters and are
otherwise :class:`claude_core.Anthropic` / :class:`claude_core.AsyncAnthropic`: the same
resources, streams, tool runner, raw responses and plugins.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Dict, Mapping, Optional, Union

import httpx

from claude_core import Anthropic, AsyncAnthropic
from claude_core._options import DEFAULT_MAX_RETRIES
from claude_core._types import NOT_GIVEN, NotGiven, Omit, TimeoutTypes
from claude_core.providers import merge_options

from .provider import resolve_region

if TYPE_CHECKING:
    from google.auth.credentials import Credentials as GoogleAuthCredentials

    from ._beta import AsyncBeta, Beta

__all__ = ["AnthropicVertex", "AsyncAnthropicVertex", "AccessToken"]

#: An access token, or a function returning one (called on first use and after a 401).
AccessToken = Union[str, Callable[[], str]]


def _provider_options(given: Dict[str, Any], provider_options: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
    """The given arguments over ``provider_options``, with the region resolved now, as the official client does."""
    options = merge_options(given, provider_options)
    options["region"] = resolve_region(options)
    return options


class _VertexMixin:
    _options: Any
    _pipeline: Any

    @property
    def region(self) -> str:
        """The Vertex AI location requests go to (``global``, ``us``, ``eu`` or a region)."""
        region: str = self._pipeline.provider.region
        return region

    @property
    def project_id(self) -> str:
        """The Google Cloud project, resolved on first use (argument, environment, credentials, ADC)."""
        project: str = self._pipeline.provider.project_id
        return project

    @property
    def access_token(self) -> Optional[AccessToken]:
        value: Optional[AccessToken] = self._options.extra.get("access_token")
        return value

    @property
    def credentials(self) -> Optional[GoogleAuthCredentials]:
        """The google-auth credentials given, else the Application Default Credentials once found."""
        given: Optional[GoogleAuthCredentials] = self._options.extra.get("credentials")
        if given is None:
            given = self._pipeline.provider.loaded_credentials
        return given


class AnthropicVertex(_VertexMixin, Anthropic):
    """The synchronous client for Claude on Google Cloud Vertex AI.

    Region: ``region``, then ``CLOUD_ML_REGION`` (none is an error, raised here). Project:
    ``project_id``, ``ANTHROPIC_VERTEX_PROJECT_ID``, the credentials' project. Credentials:
    ``access_token`` (a string, or a function returning one), ``credentials`` (google-auth),
    else the Application Default Credentials.
    """

    def __init__(
        self,
        *,
        region: Union[str, NotGiven, None] = NOT_GIVEN,
        project_id: Union[str, NotGiven, None] = NOT_GIVEN,
        access_token: Optional[AccessToken] = None,
        credentials: Optional[GoogleAuthCredentials] = None,
        base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[TimeoutTypes, NotGiven] = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, Union[str, Omit]]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[httpx.Client] = None,
        provider: str = "vertex",
        provider_options: Optional[Mapping[str, Any]] = None,
        **kwargs: Any,
    ) -> None:
        given = dict(region=region, project_id=project_id, access_token=access_token, credentials=credentials)
        super().__init__(
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            provider=provider,
            provider_options=_provider_options(given, provider_options),
            **kwargs,
        )

    @cached_property
    def beta(self) -> Beta:
        """The beta namespace; its ``messages`` is a class of Vertex's own (see :mod:`provider_vertex._beta`)."""
        from ._beta import Beta

        return Beta(self)


class AsyncAnthropicVertex(_VertexMixin, AsyncAnthropic):
    """The asynchronous client for Claude on Google Cloud Vertex AI; see :class:`AnthropicVertex`.

    Credentials are found, and their tokens fetched and refreshed, in a worker thread.
    """

    def __init__(
        self,
        *,
        region: Union[str, NotGiven, None] = NOT_GIVEN,
        project_id: Union[str, NotGiven, None] = NOT_GIVEN,
        access_token: Optional[AccessToken] = None,
        credentials: Optional[GoogleAuthCredentials] = None,
        base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[TimeoutTypes, NotGiven] = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, Union[str, Omit]]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[httpx.AsyncClient] = None,
        provider: str = "vertex",
        provider_options: Optional[Mapping[str, Any]] = None,
        **kwargs: Any,
    ) -> None:
        given = dict(region=region, project_id=project_id, access_token=access_token, credentials=credentials)
        super().__init__(
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            provider=provider,
            provider_options=_provider_options(given, provider_options),
            **kwargs,
        )

    @cached_property
    def beta(self) -> AsyncBeta:
        """The beta namespace; its ``messages`` is a class of Vertex's own (see :mod:`provider_vertex._beta`)."""
        from ._beta import AsyncBeta

        return AsyncBeta(self)
