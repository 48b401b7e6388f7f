"""Vertex AI's hook implementations: where the Google access token comes from, and signing.

Registered under the ``claude_core.plugins`` entry-point group as ``vertex``; both hooks
answer only for the ``vertex`` provider and for the credentials they made. claude_core
imports this module in every process that has the distribution installed, so it imports
neither the provider nor google-auth: the hooks do, once they know the call is Vertex AI's.

Credentials (``claude_credentials``, called once per client, off the event loop in the
async client), first match wins:

1. ``access_token=`` a string: sent as it is, never refreshed (:class:`StaticToken`);
2. ``access_token=`` a function returning one: called on first use and again when Vertex
   AI refuses the token (a 401), never otherwise (:class:`TokenFunction`);
3. ``credentials=``: any google-auth credentials object, given the cloud-platform scope
   when it needs scopes and has none (:class:`GoogleCredentials`);
4. the Application Default Credentials (``google.auth.default()``: the key file named by
   ``GOOGLE_APPLICATION_CREDENTIALS``, gcloud's ``application-default login``, the
   metadata server on Google Cloud).

Google credentials fetch their first token before the first request and a new one
when theirs is about to expire (google-auth's threshold, a few minutes), in a worker
thread in the async client; concurrent requests wait for one refresh. Every attempt is
signed ``Authorization: Bearer <token>``, unless the call set its own ``Authorization``.
"""

from __future__ import annotations

from typing import Any, Callable, Optional, Union

import httpx

from claude_core import ClientOptions, MissingCredentialsError, hookimpl
from claude_core.providers import Provider

__all__ = ["GoogleCredentials", "StaticToken", "TokenFunction", "VertexCredentials"]


class StaticToken:
    """An access token given as a string: used as it is until it fails. Never printed."""

    __slots__ = ("token",)

    def __init__(self, token: str) -> None:
        self.token = token

    def __repr__(self) -> str:
        return "StaticToken(<redacted>)"


class TokenFunction:
    """An access token from a function, for tokens rotated elsewhere.

    Implements :class:`claude_core.credentials.RefreshableCredentials`: the function is
    called on first use, and again only when Vertex AI refuses the token it gave.
    """

    __slots__ = ("_function", "_token")

    def __init__(self, function: Callable[[], str]) -> None:
        self._function = function
        self._token: Optional[str] = None

    def __repr__(self) -> str:
        return f"TokenFunction({getattr(self._function, '__qualname__', type(self._function).__name__)})"

    def needs_refresh(self) -> bool:
        return self._token is None

    def refresh(self) -> None:
        token = self._function()
        if not isinstance(token, str) or not token:
            raise MissingCredentialsError(
                f"access_token= function {self!r} returned {type(token).__name__}, not a non-empty str"
            )
        self._token = token

    @property
    def token(self) -> Optional[str]:
        return self._token


class GoogleCredentials:
    """google-auth credentials (a service account, a user, the metadata server...).

    Implements :class:`claude_core.credentials.RefreshableCredentials`: ``needs_refresh()``
    is google-auth's own check (no token yet, or one expiring within its threshold), and
    ``refresh()`` fetches a new token through :class:`~provider_vertex._google_transport.Request`,
    also when the current one still looks valid (Vertex AI refused it).
    """

    __slots__ = ("credentials",)

    def __init__(self, credentials: Any) -> None:
        self.credentials = credentials

    def __repr__(self) -> str:
        return f"GoogleCredentials({type(self.credentials).__module__}.{type(self.credentials).__qualname__})"

    def needs_refresh(self) -> bool:
        return not self.credentials.valid

    def refresh(self) -> None:
        from ._google_transport import Request

        self.credentials.refresh(Request())

    @property
    def token(self) -> Optional[str]:
        token: Optional[str] = self.credentials.token
        return token


VertexCredentials = Union[StaticToken, TokenFunction, GoogleCredentials]


def _google_credentials(credentials: Any) -> GoogleCredentials:
    import google.auth.credentials

    from .provider import CLOUD_PLATFORM_SCOPE

    if not isinstance(credentials, google.auth.credentials.Credentials):
        raise MissingCredentialsError(
            "the 'vertex' provider's credentials= takes a google-auth credentials object "
            f"(google.auth.credentials.Credentials), got {type(credentials).__name__}"
        )
    scoped = google.auth.credentials.with_scopes_if_required(  # type: ignore[no-untyped-call]
        credentials, [CLOUD_PLATFORM_SCOPE]
    )
    return GoogleCredentials(scoped)


@hookimpl
def claude_credentials(provider: Provider, options: ClientOptions) -> Optional[VertexCredentials]:
    if provider.name != "vertex":
        return None
    from .provider import VertexProvider

    if not isinstance(provider, VertexProvider):
        return None
    extra = options.extra
    token = extra.get("access_token")
    if isinstance(token, str):
        return StaticToken(token)
    if callable(token):
        return TokenFunction(token)
    if token is not None:
        raise MissingCredentialsError(
            f"the 'vertex' provider's access_token= takes a str or a function returning one, got {type(token).__name__}"
        )
    credentials = extra.get("credentials")
    if credentials is not None:
        return _google_credentials(credentials)
    return GoogleCredentials(provider.default_credentials()[0])


@hookimpl
def claude_sign_request(request: httpx.Request, credentials: Any, provider: Provider) -> Optional[httpx.Request]:
    if not isinstance(credentials, (StaticToken, TokenFunction, GoogleCredentials)):
        return None
    if "authorization" not in request.headers:
        token = credentials.token
        if not token:
            raise MissingCredentialsError(f"{credentials!r} has no access token for the 'vertex' provider")
        request.headers["authorization"] = f"Bearer {token}"
    return request
