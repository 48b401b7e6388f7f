"""A local Google OAuth 2.0 token endpoint: service-account keys, JWT-bearer grants and the tokens they buy.

``POST /oauth2/token`` takes what google-auth's service-account credentials send
(form-encoded ``grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`` and ``assertion``,
an RS256 JWT). The assertion's signature is checked with ``cryptography`` against the public
key registered for its ``kid`` and ``iss``; then its ``aud`` (this endpoint's URI or Google's
``https://oauth2.googleapis.com/token``, which google-auth always signs), its ``iat`` and
``exp`` (a token of at most an hour, not expired, not issued in the future, 10 s of clock
skew allowed) and its ``scope`` (it must hold ``cloud-platform``). A good grant answers
``{"access_token", "expires_in", "token_type": "Bearer"}``; a bad one is a 400 in Google's
shape, ``{"error": "invalid_grant", "error_description": ...}`` (``invalid_scope`` without the
scope, ``unsupported_grant_type`` or ``invalid_request`` for a request that is no JWT grant).

Access tokens expire for real, ``token_lifetime`` seconds after they are granted, measured on
the monotonic clock. The store is thread-safe: the server thread grants and checks tokens
while a test thread registers keys and reads :attr:`TokenStore.grants`. ``cryptography`` is
imported only when a key is made or an assertion checked.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import itertools
import json
import os
import pathlib
import secrets
import threading
import time
from typing import Any, Dict, Mapping, Tuple, Union
from urllib.parse import parse_qsl

from ._wire import EmulatorRequest, Reply, dumps

__all__ = [
    "TOKEN_PATH",
    "GOOGLE_TOKEN_URI",
    "CLOUD_PLATFORM_SCOPE",
    "JWT_BEARER",
    "TokenStore",
]

TOKEN_PATH = "/oauth2/token"
#: The audience google-auth signs into every service-account assertion, whatever the ``token_uri``.
GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token"
CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
_MAX_ASSERTION_LIFETIME = 3600
_CLOCK_SKEW = 10
_BAD_SIGNATURE = "Invalid JWT Signature."
_BAD_TIMES = (
    "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat "
    "and exp values in the JWT claim."
)
_HEADERS = (
    ("content-type", "application/json; charset=utf-8"),
    ("cache-control", "no-cache, no-store, max-age=0, must-revalidate"),
    ("pragma", "no-cache"),
)


@dataclasses.dataclass(frozen=True)
class _Account:
    email: str
    public_pem: bytes
    token_lifetime: int


class _GrantError(Exception):
    def __init__(self, description: str, error: str = "invalid_grant") -> None:
        super().__init__(description)
        self.error = error
        self.description = description


def _check_lifetime(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} should be a non-negative integer (seconds), not {value!r}")
    return value


class TokenStore:
    """The registered service-account keys, the access tokens issued and how many the endpoint granted."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._accounts: Dict[str, _Account] = {}  # by private_key_id (the assertion's kid)
        self._tokens: Dict[str, float] = {}  # access token -> monotonic expiry
        self._grants = 0
        self._numbers = itertools.count(1)

    @property
    def grants(self) -> int:
        """How many access tokens ``POST /oauth2/token`` has granted (since the last :meth:`reset_grants`)."""
        with self._lock:
            return self._grants

    def reset_grants(self) -> None:
        with self._lock:
            self._grants = 0

    # -- keys and tokens ----------------------------------------------------------------

    def service_account(
        self,
        path: Union[str, "os.PathLike[str]"],
        *,
        token_uri: str,
        project_id: str = "emulator-project",
        token_lifetime: int = 3600,
    ) -> pathlib.Path:
        """Write a new service-account JSON key file at ``path`` and accept assertions it signs; returns ``path``.

        The key is a fresh RSA-2048 key; the file is written readable by its owner only.
        Tokens granted to the account last ``token_lifetime`` seconds.
        """
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        _check_lifetime("token_lifetime", token_lifetime)
        if not (isinstance(project_id, str) and project_id):
            raise ValueError("project_id should be a non-empty string")
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        private_pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        public_pem = key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        key_id = secrets.token_hex(20)
        with self._lock:
            number = next(self._numbers)
            name = "emulator" if number == 1 else f"emulator-{number}"
            email = f"{name}@{project_id}.iam.gserviceaccount.com"
            self._accounts[key_id] = _Account(email, public_pem, token_lifetime)
        info = {
            "type": "service_account",
            "project_id": project_id,
            "private_key_id": key_id,
            "private_key": private_pem.decode("ascii"),
            "client_email": email,
            "client_id": str(100000000000000000000 + number),
            "token_uri": token_uri,
            "universe_domain": "googleapis.com",
        }
        target = pathlib.Path(path)
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(info, file, indent=2)
        return target

    def mint(self, lifetime: int) -> str:
        """A new access token, valid for ``lifetime`` seconds (expired tokens are forgotten meanwhile)."""
        _check_lifetime("lifetime", lifetime)
        token = "ya29.emulator-" + secrets.token_urlsafe(32)
        now = time.monotonic()
        with self._lock:
            self._tokens = {known: expiry for known, expiry in self._tokens.items() if expiry > now}
            self._tokens[token] = now + lifetime
        return token

    def is_valid(self, token: str) -> bool:
        """Whether ``token`` was issued here and has not expired."""
        with self._lock:
            expiry = self._tokens.get(token)
        return expiry is not None and time.monotonic() < expiry

    # -- the endpoint -------------------------------------------------------------------

    def token_reply(self, request: EmulatorRequest) -> Reply:
        """Answer ``POST /oauth2/token``: an access token for a good assertion, else Google's 400."""
        try:
            if request.method != "POST":
                raise _GrantError(f"Invalid request method {request.method}; use POST.", "invalid_request")
            form = _form(request)
            grant_type = form.get("grant_type", "")
            if grant_type != JWT_BEARER:
                raise _GrantError(f"Invalid grant_type: {grant_type}", "unsupported_grant_type")
            assertion = form.get("assertion", "")
            if not assertion:
                raise _GrantError("Missing required parameter: assertion", "invalid_request")
            account = self._verify(assertion, _token_uri(request))
        except _GrantError as exc:
            refusal = {"error": exc.error, "error_description": exc.description}
            return Reply(400, list(_HEADERS), [dumps(refusal)])
        token = self.mint(account.token_lifetime)
        with self._lock:
            self._grants += 1
        body = {"access_token": token, "expires_in": account.token_lifetime, "token_type": "Bearer"}
        return Reply(200, list(_HEADERS), [dumps(body)])

    def _verify(self, assertion: str, token_uri: str) -> _Account:
        header, claims, signed, signature = _split_jwt(assertion)
        issuer, key_id = claims.get("iss"), header.get("kid")
        with self._lock:
            accounts = [account for account in self._accounts.values() if account.email == issuer]
            account = self._accounts.get(key_id) if isinstance(key_id, str) else accounts[0] if accounts else None
        if not accounts:
            raise _GrantError("Invalid grant: account not found")
        if header.get("alg") != "RS256" or account is None or account.email != issuer:
            raise _GrantError(_BAD_SIGNATURE)
        _check_signature(account.public_pem, signed, signature)
        _check_times(claims)
        if claims.get("aud") not in (token_uri, GOOGLE_TOKEN_URI):
            raise _GrantError(f"Invalid JWT: Failed audience check. The right audience is {GOOGLE_TOKEN_URI}")
        scope = claims.get("scope")
        if not (isinstance(scope, str) and CLOUD_PLATFORM_SCOPE in scope.split()):
            raise _GrantError(
                f"Invalid OAuth scope: the emulator grants tokens for {CLOUD_PLATFORM_SCOPE} only", "invalid_scope"
            )
        return account


def _form(request: EmulatorRequest) -> Mapping[str, str]:
    """The grant's parameters: a form-encoded body (as google-auth sends it) or a JSON object."""
    if request.headers.get("content-type", "").lower().startswith("application/json"):
        try:
            body = json.loads(request.body)
        except ValueError:
            raise _GrantError("Invalid JSON payload received.", "invalid_request") from None
        if not isinstance(body, dict):
            raise _GrantError("Invalid JSON payload received.", "invalid_request")
        return {str(key): str(value) for key, value in body.items()}
    try:
        return dict(parse_qsl(request.body.decode("utf-8"), keep_blank_values=True))
    except UnicodeDecodeError:
        raise _GrantError("Invalid form payload received.", "invalid_request") from None


def _token_uri(request: EmulatorRequest) -> str:
    return "http://" + (request.headers.get("host") or "localhost") + TOKEN_PATH


def _b64decode(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def _split_jwt(assertion: str) -> Tuple[Dict[str, Any], Dict[str, Any], bytes, bytes]:
    """The header, claims, signed part and signature of a compact JWS (its signature not yet checked)."""
    parts = assertion.split(".")
    if len(parts) != 3:
        raise _GrantError("Invalid JWT: the assertion should have three dot-separated parts")
    try:
        header = json.loads(_b64decode(parts[0]))
        claims = json.loads(_b64decode(parts[1]))
        signature = _b64decode(parts[2])
    except (binascii.Error, ValueError):
        raise _GrantError("Invalid JWT: the assertion is not base64url-encoded JSON") from None
    if not (isinstance(header, dict) and isinstance(claims, dict)):
        raise _GrantError("Invalid JWT: the header and claims should be JSON objects")
    return header, claims, f"{parts[0]}.{parts[1]}".encode("ascii"), signature


def _check_signature(public_pem: bytes, signed: bytes, signature: bytes) -> None:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    key = serialization.load_pem_public_key(public_pem)
    assert isinstance(key, rsa.RSAPublicKey)
    try:
        key.verify(signature, signed, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        raise _GrantError(_BAD_SIGNATURE) from None


def _check_times(claims: Mapping[str, Any]) -> None:
    issued, expires = claims.get("iat"), claims.get("exp")
    if not all(isinstance(value, (int, float)) and not isinstance(value, bool) for value in (issued, expires)):
        raise _GrantError(_BAD_TIMES)
    assert isinstance(issued, (int, float)) and isinstance(expires, (int, float))
    now = time.time()
    if issued > now + _CLOCK_SKEW or expires < now - _CLOCK_SKEW:
        raise _GrantError(_BAD_TIMES)
    if not 0 < expires - issued <= _MAX_ASSERTION_LIFETIME:
        raise _GrantError(_BAD_TIMES)
