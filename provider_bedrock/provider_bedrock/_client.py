"""``AnthropicBedrock`` and ``AsyncAnthropicBedrock``: the clients with ``provider="bedrock"``.

They take the official ``anthropic.AnthropicBedrock`` constructor parameters and are
otherwise :class:`claude_core.Anthropic` / :class:`claude_core.AsyncAnthropic`: the same
resources, streams, tool runner, raw responses and plugins. :class:`BaseBedrockClient` holds
what the two add, written once: the constructor and the AWS attributes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Optional, Union, cast

import httpx

from claude_core import DEFAULT_MAX_RETRIES, NOT_GIVEN, Anthropic, AsyncAnthropic, NotGiven, Omit
from claude_core.cloud_clients import CloudClient, HttpClientT, ProviderOption, client_arguments

if TYPE_CHECKING:
    from .provider import BedrockProvider

__all__ = ["AnthropicBedrock", "AsyncAnthropicBedrock", "BaseBedrockClient"]

#: The constructor parameters that are the provider's options (``provider_options``).
_AWS_OPTIONS = ("aws_access_key", "aws_secret_key", "aws_session_token", "aws_profile", "aws_region", "aws_session")


class BaseBedrockClient(CloudClient[HttpClientT], beta_module="provider_bedrock._beta"):
    """The constructor and attributes :class:`AnthropicBedrock` and :class:`AsyncAnthropicBedrock`
    add to the core clients (``HttpClientT``: the ``http_client`` type)."""

    def __init__(
        self,
        *,
        aws_secret_key: Optional[str] = None,
        aws_access_key: Optional[str] = None,
        aws_region: Optional[str] = None,
        aws_profile: Optional[str] = None,
        aws_session_token: Optional[str] = None,
        aws_session: Any = None,
        api_key: Optional[str] = None,
        base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[float, httpx.Timeout, NotGiven, None] = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, Union[str, Omit]]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[HttpClientT] = None,
        provider: str = "bedrock",
        provider_options: Optional[Mapping[str, Any]] = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**client_arguments(locals(), _AWS_OPTIONS))  # the next class: the core client

    aws_profile: ProviderOption[str] = ProviderOption("aws_profile")
    aws_access_key: ProviderOption[str] = ProviderOption("aws_access_key")
    aws_secret_key: ProviderOption[str] = ProviderOption("aws_secret_key")
    aws_session_token: ProviderOption[str] = ProviderOption("aws_session_token")

    @property
    def aws_region(self) -> str:
        """The region requests go to (resolved on first use: argument, environment, profile)."""
        return cast("BedrockProvider", self.deployment_provider).region


class AnthropicBedrock(BaseBedrockClient[httpx.Client], Anthropic):
    """The synchronous client for Claude on Amazon Bedrock.

    Credentials: ``api_key=`` (a Bedrock API key), ``aws_access_key``/``aws_secret_key``
    (``aws_session_token``), ``aws_profile``, ``aws_session`` (a ``boto3.Session``), else
    ``AWS_BEARER_TOKEN_BEDROCK`` or botocore's default chain. Region: ``aws_region``,
    ``AWS_REGION``, ``AWS_DEFAULT_REGION``, the session's or profile's region.
    """


class AsyncAnthropicBedrock(BaseBedrockClient[httpx.AsyncClient], AsyncAnthropic):
    """The asynchronous client for Claude on Amazon Bedrock; see :class:`AnthropicBedrock`.

    Credentials are resolved, and refreshed when they expire, in a worker thread.
    """
