"""Bedrock's hook implementations: where credentials come from, and SigV4 signing.

Registered under the ``claude_core.plugins`` entry-point group as ``bedrock``; both hooks
answer only for the ``bedrock`` provider and for the credentials they made. claude_core
imports this module in every process that has the distribution installed, so it imports
neither the provider nor botocore: the hooks do, once they know the call is Bedrock's.

Credentials (``claude_credentials``, called once per client, off the event loop in the
async client), first match wins:

1. ``api_key=`` (or ``auth_token=``): a Bedrock API key, sent as ``Authorization: Bearer``;
2. ``aws_access_key`` + ``aws_secret_key`` (+ ``aws_session_token``);
3. ``aws_session``: a ``boto3.Session``'s credentials;
4. ``aws_profile``: that profile of the AWS config files (SSO, assume-role...);
5. ``AWS_BEARER_TOKEN_BEDROCK``: a Bedrock API key from the environment;
6. botocore's default chain (environment, shared files, SSO, container and instance roles).

Expiring credentials (STS, SSO, roles) are botocore's refreshable credentials: the
pipeline asks :meth:`AWSCredentials.needs_refresh` before each attempt and runs the
refresh off the event loop; each attempt is signed with ``get_frozen_credentials()``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Optional

import httpx

from claude_core import ClientOptions, MissingCredentialsError, hookimpl
from claude_core.providers import Provider

if TYPE_CHECKING:
    from .provider import BedrockProvider

__all__ = ["AWSCredentials", "BedrockAPIKey", "BEARER_TOKEN_ENV", "SIGNING_SERVICE", "sign_sigv4"]

BEARER_TOKEN_ENV = "AWS_BEARER_TOKEN_BEDROCK"
#: The SigV4 service name of bedrock-runtime.
SIGNING_SERVICE = "bedrock"


class BedrockAPIKey:
    """A Bedrock API key, sent as ``Authorization: Bearer``. Never printed."""

    __slots__ = ("token",)

    def __init__(self, token: str) -> None:
        self.token = token

    def __repr__(self) -> str:
        return "BedrockAPIKey(<redacted>)"


class AWSCredentials:
    """botocore credentials (static or refreshable) and the region requests are signed for.

    Implements :class:`claude_core.credentials.RefreshableCredentials`: for botocore's
    refreshable credentials ``needs_refresh()`` is their advisory expiry check, and
    ``refresh()`` (which may block: STS, SSO, the instance metadata service) fetches new
    ones; static credentials never need one.
    """

    __slots__ = ("credentials", "region")

    def __init__(self, credentials: Any, region: str) -> None:
        self.credentials = credentials
        self.region = region

    def __repr__(self) -> str:
        method = getattr(self.credentials, "method", None)
        return f"AWSCredentials(method={method!r}, region={self.region!r})"

    def needs_refresh(self) -> bool:
        refresh_needed = getattr(self.credentials, "refresh_needed", None)
        return bool(refresh_needed()) if refresh_needed is not None else False

    def refresh(self) -> None:
        """Fetch fresh credentials now, also when botocore thinks the current ones still valid
        (AWS refused them), under botocore's own refresh lock."""
        credentials = self.credentials
        lock = getattr(credentials, "_refresh_lock", None)
        protected_refresh = getattr(credentials, "_protected_refresh", None)
        if lock is None or protected_refresh is None:  # static, or another botocore than this knows
            credentials.get_frozen_credentials()
            return
        with lock:
            protected_refresh(is_mandatory=True)

    def frozen(self) -> Any:
        """The current access key, secret key and token, as one consistent triple."""
        return self.credentials.get_frozen_credentials()


def _aws_credentials(provider: BedrockProvider, options: ClientOptions) -> Any:
    extra = options.extra
    access_key = extra.get("aws_access_key")
    secret_key = extra.get("aws_secret_key")
    if access_key is not None or secret_key is not None:
        if not (access_key and secret_key):
            raise MissingCredentialsError("the 'bedrock' provider needs aws_access_key and aws_secret_key together")
        from botocore.credentials import Credentials  # type: ignore[import-untyped, unused-ignore]

        return Credentials(access_key, secret_key, extra.get("aws_session_token"), method="explicit")
    session = provider.aws_session
    if session is not None:
        return session.get_credentials()
    return provider.botocore_session().get_credentials()


@hookimpl
def claude_credentials(provider: Provider, options: ClientOptions) -> Optional[Any]:
    if provider.name != "bedrock":
        return None
    from .provider import BedrockProvider

    if not isinstance(provider, BedrockProvider):
        return None
    token = options.api_key or options.auth_token
    if token:
        return BedrockAPIKey(token)
    extra = options.extra
    explicit = any(extra.get(key) is not None for key in ("aws_access_key", "aws_secret_key", "aws_session"))
    if not explicit and extra.get("aws_profile") is None:
        env_token = os.environ.get(BEARER_TOKEN_ENV)
        if env_token:
            return BedrockAPIKey(env_token)
    try:
        credentials = _aws_credentials(provider, options)
    except MissingCredentialsError:
        raise
    except Exception as exc:  # botocore: ProfileNotFound, SSO token expired...
        raise MissingCredentialsError(
            f"could not resolve AWS credentials for the 'bedrock' provider: {type(exc).__name__}: {exc}"
        ) from exc
    if credentials is None:
        raise MissingCredentialsError(
            "no AWS credentials for the 'bedrock' provider: pass aws_access_key= and aws_secret_key=, aws_profile= "
            f"or aws_session=, set a Bedrock API key (api_key= or {BEARER_TOKEN_ENV}), or configure botocore's "
            "default chain (AWS_ACCESS_KEY_ID, ~/.aws/credentials, SSO, an instance role)"
        )
    return AWSCredentials(credentials, provider.region)


def sign_sigv4(request: httpx.Request, frozen: Any, region: str) -> httpx.Request:
    """Sign ``request`` in place with botocore's SigV4 (service ``bedrock``) over its final
    method, URL, headers (``connection`` excepted) and body."""
    from botocore.auth import SigV4Auth  # type: ignore[import-untyped, unused-ignore]
    from botocore.awsrequest import AWSRequest  # type: ignore[import-untyped, unused-ignore]

    headers = {key: value for key, value in request.headers.items() if key.lower() != "connection"}
    aws_request = AWSRequest(method=request.method, url=str(request.url), headers=headers, data=request.content)
    SigV4Auth(frozen, SIGNING_SERVICE, region).add_auth(aws_request)
    for key, value in aws_request.headers.items():
        if request.headers.get(key) != value:
            request.headers[key] = value
    return request


@hookimpl
def claude_sign_request(request: httpx.Request, credentials: Any, provider: Provider) -> Optional[httpx.Request]:
    if isinstance(credentials, BedrockAPIKey):
        request.headers["authorization"] = f"Bearer {credentials.token}"
        return request
    if isinstance(credentials, AWSCredentials):
        return sign_sigv4(request, credentials.frozen(), credentials.region)
    return None
