"""``AnthropicBedrock`` and ``AsyncAnthropicBedrock``: the clients with ``provider="bedrock"``.

They take the official ``anthropic.AnthropicBedrock`` constructor parameters and are
otherwise :class:`claude_core.Anthropic` / :class:`claude_core.AsyncAnthropic`: the same
resources, streams, tool runner, raw responses and plugins.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, Mapping, Optional, Union

import httpx

from claude_core import Anthropic, AsyncAnthropic
from claude_core._options import DEFAULT_MAX_RETRIES
from claude_core._types import NOT_GIVEN, NotGiven, Omit, TimeoutTypes
from claude_core.providers import merge_options

if TYPE_CHECKING:
    from ._beta import AsyncBeta, Beta

__all__ = ["AnthropicBedrock", "AsyncAnthropicBedrock"]

_AWS_OPTIONS = ("aws_access_key", "aws_secret_key", "aws_session_token", "aws_profile", "aws_region", "aws_session")


class _BedrockMixin:
    _options: Any
    _pipeline: Any

    @property
    def aws_region(self) -> str:
        """The region requests go to (resolved on first use: argument, environment, profile)."""
        region: str = self._pipeline.provider.region
        return region

    @property
    def aws_profile(self) -> Optional[str]:
        value: Optional[str] = self._options.extra.get("aws_profile")
        return value

    @property
    def aws_access_key(self) -> Optional[str]:
        value: Optional[str] = self._options.extra.get("aws_access_key")
        return value

    @property
    def aws_secret_key(self) -> Optional[str]:
        value: Optional[str] = self._options.extra.get("aws_secret_key")
        return value

    @property
    def aws_session_token(self) -> Optional[str]:
        value: Optional[str] = self._options.extra.get("aws_session_token")
        return value


class AnthropicBedrock(_BedrockMixin, Anthropic):
    """The synchronous client for Claude on Amazon Bedrock.

    Credentials: ``api_key=`` (a Bedrock API key), ``aws_access_key``/``aws_secret_key``
    (``aws_session_token``), ``aws_profile``, ``aws_session`` (a ``boto3.Session``), else
    ``AWS_BEARER_TOKEN_BEDROCK`` or botocore's default chain. Region: ``aws_region``,
    ``AWS_REGION``, ``AWS_DEFAULT_REGION``, the session's or profile's region.
    """

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
        timeout: Union[TimeoutTypes, NotGiven] = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, Union[str, Omit]]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[httpx.Client] = None,
        provider: str = "bedrock",
        provider_options: Optional[Mapping[str, Any]] = None,
        **kwargs: Any,
    ) -> None:
        given = dict(
            aws_access_key=aws_access_key,
            aws_secret_key=aws_secret_key,
            aws_session_token=aws_session_token,
            aws_profile=aws_profile,
            aws_region=aws_region,
            aws_session=aws_session,
        )
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            provider=provider,
            provider_options=merge_options(given, provider_options),
            **kwargs,
        )

    @cached_property
    def beta(self) -> Beta:
        """The beta namespace; its ``messages`` is a class of Bedrock's own (see :mod:`provider_bedrock._beta`)."""
        from ._beta import Beta

        return Beta(self)


class AsyncAnthropicBedrock(_BedrockMixin, AsyncAnthropic):
    """The asynchronous client for Claude on Amazon Bedrock; see :class:`AnthropicBedrock`.

    Credentials are resolved, and refreshed when they expire, in a worker thread.
    """

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
        timeout: Union[TimeoutTypes, NotGiven] = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, Union[str, Omit]]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[httpx.AsyncClient] = None,
        provider: str = "bedrock",
        provider_options: Optional[Mapping[str, Any]] = None,
        **kwargs: Any,
    ) -> None:
        given = dict(
            aws_access_key=aws_access_key,
            aws_secret_key=aws_secret_key,
            aws_session_token=aws_session_token,
            aws_profile=aws_profile,
            aws_region=aws_region,
            aws_session=aws_session,
        )
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            provider=provider,
            provider_options=merge_options(given, provider_options),
            **kwargs,
        )

    @cached_property
    def beta(self) -> AsyncBeta:
        """The beta namespace; its ``messages`` is a class of Bedrock's own (see :mod:`provider_bedrock._beta`)."""
        from ._beta import AsyncBeta

        return AsyncBeta(self)
