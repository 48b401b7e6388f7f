"""The local Google OAuth token endpoint: service-account key files, google-auth's JWT grant, real expiry."""

from __future__ import annotations

import base64
import json
import os
import pathlib
import subprocess
import sys
import threading
import time
from typing import Any, Dict, List, Optional

import httpx
import pytest
from claude_emulator import Emulator, EmulatorApp
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from google.auth import _helpers, crypt, exceptions, jwt

from .google_auth import CLOUD_PLATFORM, HttpxRequest, credentials, key_info

GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token"
BAD_TIMES = "Invalid JWT: Token must be a short-lived token (60 minutes)"


def rawpredict_status(emu: Emulator, token: str) -> int:
    """The status of a small rawPredict request with this access token."""
    url = f"{emu.base_url}/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-haiku-4-5@20251001"
    body = {"anthropic_version": "vertex-2023-10-16", "max_tokens": 5, "messages": [{"role": "user", "content": "Hi"}]}
    return httpx.post(f"{url}:rawPredict", json=body, headers={"authorization": f"Bearer {token}"}).status_code


def other_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return pem.decode("ascii")


def assertion(info: Dict[str, Any], *, pem: Optional[str] = None, **claims: Any) -> str:
    """An assertion as google-auth signs it for this key file, with ``claims`` changed (None: left out)."""
    now = int(time.time())
    payload = {"iat": now, "exp": now + 3600, "iss": info["client_email"], "aud": GOOGLE_TOKEN_URI}
    payload["scope"] = CLOUD_PLATFORM
    payload.update(claims)
    payload = {key: value for key, value in payload.items() if value is not None}
    signer = crypt.RSASigner.from_string(pem or info["private_key"], info["private_key_id"])
    token: bytes = jwt.encode(signer, payload)
    return token.decode("ascii")


def grant(emu: Emulator, signed: str, grant_type: str = GRANT) -> httpx.Response:
    return httpx.post(emu.token_uri, data={"grant_type": grant_type, "assertion": signed})


def refused(response: httpx.Response, error: str = "invalid_grant") -> str:
    assert response.status_code == 400, response.text
    body = response.json()
    assert set(body) == {"error", "error_description"} and body["error"] == error
    return str(body["error_description"])


@pytest.fixture
def key_file(emu: Emulator, tmp_path: pathlib.Path) -> pathlib.Path:
    return emu.vertex_service_account(tmp_path / "key.json")


# -- the key file and google-auth's grant ---------------------------------------------------


def test_key_file(emu: Emulator, tmp_path: pathlib.Path) -> None:
    path = emu.vertex_service_account(tmp_path / "sa.json", project_id="my-project")
    assert path == tmp_path / "sa.json"
    info = key_info(path)
    assert info["type"] == "service_account" and info["project_id"] == "my-project"
    assert info["token_uri"] == f"{emu.base_url}/oauth2/token" == emu.token_uri
    assert info["private_key"].startswith("-----BEGIN PRIVATE KEY-----\n")
    assert len(info["private_key_id"]) == 40 and info["client_id"].isdigit()
    assert info["client_email"].endswith("@my-project.iam.gserviceaccount.com")
    assert path.stat().st_mode & 0o077 == 0  # a private key: readable by its owner only
    key = serialization.load_pem_private_key(info["private_key"].encode(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey) and key.key_size == 2048


def test_google_auth_gets_a_token_the_vertex_routes_accept(emu: Emulator, key_file: pathlib.Path) -> None:
    creds = credentials(key_file)
    assert not creds.valid
    request = HttpxRequest()
    creds.refresh(request)
    assert request.sent == 1 and creds.valid and creds.token.startswith("ya29.")
    assert emu.vertex_token_grants == 1
    lifetime = (creds.expiry - _helpers.utcnow()).total_seconds()
    assert 3590 < lifetime <= 3600
    assert emu.requests == []  # the token endpoint is not the Claude API: not recorded
    assert rawpredict_status(emu, creds.token) == 200
    assert len(emu.requests) == 1


def test_the_token_reply(emu: Emulator, key_file: pathlib.Path) -> None:
    response = grant(emu, assertion(key_info(key_file)))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"access_token", "expires_in", "token_type"}
    assert body["expires_in"] == 3600 and body["token_type"] == "Bearer"
    # google-auth signs Google's audience whatever the token_uri; the emulator's own URI is accepted too
    again = grant(emu, assertion(key_info(key_file), aud=emu.token_uri))
    assert again.status_code == 200 and again.json()["access_token"] != body["access_token"]
    assert emu.vertex_token_grants == 2


def test_several_service_accounts_are_distinct(emu: Emulator, tmp_path: pathlib.Path) -> None:
    paths = [emu.vertex_service_account(tmp_path / f"key{n}.json") for n in range(3)]
    infos = [key_info(path) for path in paths]
    assert len({info["client_email"] for info in infos}) == 3
    assert len({info["private_key_id"] for info in infos}) == 3
    assert len({info["client_id"] for info in infos}) == 3
    for path in paths:
        creds = credentials(path)
        creds.refresh(HttpxRequest())
        assert rawpredict_status(emu, creds.token) == 200
    assert emu.vertex_token_grants == 3


def test_an_emulator_app_without_a_server(tmp_path: pathlib.Path) -> None:
    app = EmulatorApp()
    path = app.vertex_service_account(tmp_path / "key.json", token_uri="http://vertex.test/oauth2/token")
    assert key_info(path)["token_uri"] == "http://vertex.test/oauth2/token"
    assert app.vertex_token_grants == 0


# -- refusals ---------------------------------------------------------------------------------


def test_a_wrongly_signed_key_is_refused(emu: Emulator, key_file: pathlib.Path, tmp_path: pathlib.Path) -> None:
    forged = dict(key_info(key_file), private_key=other_key_pem())  # same account and key id, another key
    forged_path = tmp_path / "forged.json"
    forged_path.write_text(json.dumps(forged), encoding="utf-8")
    with pytest.raises(exceptions.RefreshError, match=r"invalid_grant: Invalid JWT Signature\."):
        credentials(forged_path).refresh(HttpxRequest())
    assert emu.vertex_token_grants == 0


def test_a_tampered_assertion_is_refused(emu: Emulator, key_file: pathlib.Path) -> None:
    info = key_info(key_file)
    header, claims, signature = assertion(info).split(".")
    decoded = json.loads(base64.urlsafe_b64decode(claims + "=" * (-len(claims) % 4)))
    changed = base64.urlsafe_b64encode(json.dumps(dict(decoded, sub="admin@example.com")).encode()).rstrip(b"=")
    assert changed.decode() != claims
    assert refused(grant(emu, f"{header}.{changed.decode()}.{signature}")) == "Invalid JWT Signature."
    assert refused(grant(emu, assertion(info) + "A")) == "Invalid JWT Signature."


@pytest.mark.parametrize(
    ("changes", "description"),
    [
        ({"iss": "someone@else.iam.gserviceaccount.com"}, "Invalid grant: account not found"),
        ({"iss": None}, "Invalid grant: account not found"),
        ({"aud": "https://example.com/token"}, "Failed audience check"),
        # times relative to when the test runs (a slow run starts long after collection): see _at_run
        ({"exp": -60, "iat": -3660}, BAD_TIMES),
        ({"iat": 600, "exp": 1200}, BAD_TIMES),
        ({"exp": 7200}, BAD_TIMES),
        ({"exp": None}, BAD_TIMES),
        ({"iat": "now"}, BAD_TIMES),
    ],
)
def test_bad_claims_are_refused(
    emu: Emulator, key_file: pathlib.Path, changes: Dict[str, Any], description: str
) -> None:
    assert description in refused(grant(emu, assertion(key_info(key_file), **_at_run(changes))))
    assert emu.vertex_token_grants == 0


def _at_run(changes: Dict[str, Any]) -> Dict[str, Any]:
    """``iat`` and ``exp`` given as whole seconds from now, made times now."""
    now = int(time.time())
    return {
        key: now + value if key in ("iat", "exp") and isinstance(value, int) else value
        for key, value in changes.items()
    }


@pytest.mark.parametrize("scope", [None, "https://www.googleapis.com/auth/userinfo.email"])
def test_the_cloud_platform_scope_is_required(emu: Emulator, key_file: pathlib.Path, scope: Optional[str]) -> None:
    assert "cloud-platform" in refused(grant(emu, assertion(key_info(key_file), scope=scope)), "invalid_scope")


def test_a_key_of_another_kid_is_refused(emu: Emulator, tmp_path: pathlib.Path) -> None:
    first = key_info(emu.vertex_service_account(tmp_path / "one.json"))
    second = key_info(emu.vertex_service_account(tmp_path / "two.json"))
    # signed by the second account's key, claiming to be the first account
    signer = crypt.RSASigner.from_string(second["private_key"], second["private_key_id"])
    now = int(time.time())
    claims = {"iat": now, "exp": now + 60, "iss": first["client_email"], "aud": GOOGLE_TOKEN_URI}
    signed = jwt.encode(signer, dict(claims, scope=CLOUD_PLATFORM)).decode()
    assert refused(grant(emu, signed)) == "Invalid JWT Signature."


@pytest.mark.parametrize(
    ("form", "error"),
    [
        ({"grant_type": "client_credentials", "assertion": "x"}, "unsupported_grant_type"),
        ({"assertion": "x"}, "unsupported_grant_type"),
        ({"grant_type": GRANT}, "invalid_request"),
        ({"grant_type": GRANT, "assertion": "not-a-jwt"}, "invalid_grant"),
        ({"grant_type": GRANT, "assertion": "e30.e30.e30"}, "invalid_grant"),  # {} {} and no real signature
        ({"grant_type": GRANT, "assertion": "!!.??.**"}, "invalid_grant"),
    ],
)
def test_malformed_grants(emu: Emulator, form: Dict[str, str], error: str) -> None:
    refused(httpx.post(emu.token_uri, data=form), error)


def test_unsigned_and_hmac_assertions_are_refused(emu: Emulator, key_file: pathlib.Path) -> None:
    info = key_info(key_file)
    _, claims, signature = assertion(info).split(".")
    for alg in ("none", "HS256"):
        forged = base64.urlsafe_b64encode(json.dumps({"alg": alg, "kid": info["private_key_id"]}).encode())
        forged_header = forged.rstrip(b"=").decode()
        assert refused(grant(emu, f"{forged_header}.{claims}.{signature}")) == "Invalid JWT Signature."
        assert refused(grant(emu, f"{forged_header}.{claims}.")) == "Invalid JWT Signature."


def test_only_post(emu: Emulator) -> None:
    refused(httpx.get(emu.token_uri), "invalid_request")


# -- expiry, minted tokens, reset -------------------------------------------------------------


def test_tokens_expire(emu: Emulator, tmp_path: pathlib.Path) -> None:
    creds = credentials(emu.vertex_service_account(tmp_path / "key.json", token_lifetime=1))
    creds.refresh(HttpxRequest())
    assert rawpredict_status(emu, creds.token) == 200
    time.sleep(1.1)
    assert rawpredict_status(emu, creds.token) == 401


def test_google_auth_refreshes_before_the_token_expires(emu: Emulator, tmp_path: pathlib.Path) -> None:
    """google-auth calls a token expired REFRESH_THRESHOLD early: a lifetime just above it is fresh for a second."""
    threshold = int(_helpers.REFRESH_THRESHOLD.total_seconds())
    creds = credentials(emu.vertex_service_account(tmp_path / "key.json", token_lifetime=threshold + 1))
    request = HttpxRequest()
    creds.before_request(request, "POST", "http://unused", {})
    assert creds.valid and request.sent == 1
    first = creds.token
    time.sleep(1.1)
    assert not creds.valid  # stale for google-auth, still valid for the emulator for minutes
    headers: Dict[str, str] = {}
    creds.before_request(request, "POST", "http://unused", headers)
    assert request.sent == 2 and emu.vertex_token_grants == 2
    assert headers["authorization"] == f"Bearer {creds.token}" and creds.token != first
    assert rawpredict_status(emu, first) == 200 and rawpredict_status(emu, creds.token) == 200


def test_a_lifetime_below_the_threshold_refreshes_every_time(emu: Emulator, tmp_path: pathlib.Path) -> None:
    creds = credentials(emu.vertex_service_account(tmp_path / "key.json", token_lifetime=60))
    request = HttpxRequest()
    for _ in range(3):
        creds.before_request(request, "POST", "http://unused", {})
    assert request.sent == 3 and emu.vertex_token_grants == 3


def test_minted_tokens(emu: Emulator) -> None:
    token = emu.vertex_access_token()
    assert rawpredict_status(emu, token) == 200
    assert rawpredict_status(emu, emu.vertex_access_token(lifetime=0)) == 401
    short = emu.vertex_access_token(lifetime=1)
    time.sleep(1.05)
    assert rawpredict_status(emu, short) == 401
    assert emu.vertex_token_grants == 0  # minted, not granted
    for bad in (-1, 1.5, True, "60"):
        with pytest.raises(ValueError, match="lifetime"):
            emu.vertex_access_token(lifetime=bad)  # type: ignore[arg-type]


def test_bad_service_account_arguments(emu: Emulator, tmp_path: pathlib.Path) -> None:
    with pytest.raises(ValueError, match="token_lifetime"):
        emu.vertex_service_account(tmp_path / "key.json", token_lifetime=-5)
    with pytest.raises(ValueError, match="project_id"):
        emu.vertex_service_account(tmp_path / "key.json", project_id="")
    with pytest.raises(RuntimeError, match="not running"):
        Emulator().vertex_service_account(tmp_path / "key.json")


def test_reset_zeroes_the_grants_and_keeps_the_tokens(emu: Emulator, key_file: pathlib.Path) -> None:
    creds = credentials(key_file)
    creds.refresh(HttpxRequest())
    assert emu.vertex_token_grants == 1
    emu.reset()
    assert emu.vertex_token_grants == 0
    assert rawpredict_status(emu, creds.token) == 200
    credentials(key_file).refresh(HttpxRequest())  # the key is still registered
    assert emu.vertex_token_grants == 1


def test_concurrent_grants_are_all_counted(emu: Emulator, key_file: pathlib.Path) -> None:
    tokens: List[str] = []
    counts: List[int] = []
    errors: List[BaseException] = []

    def refresh_three_times() -> None:
        try:
            for _ in range(3):
                creds = credentials(key_file)
                creds.refresh(HttpxRequest())
                tokens.append(creds.token)
                counts.append(emu.vertex_token_grants)  # read while others grant
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=refresh_three_times) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert emu.vertex_token_grants == 18 and len(set(tokens)) == 18 and max(counts) == 18
    assert all(rawpredict_status(emu, token) == 200 for token in tokens[:3])


def test_google_auth_and_cryptography_load_only_for_vertex() -> None:
    code = """
import sys, httpx
from claude_emulator import Emulator
with Emulator() as emu:
    body = {"model": "claude-sonnet-4-5", "max_tokens": 5, "messages": [{"role": "user", "content": "Hi"}]}
    headers = {"x-api-key": emu.api_key, "anthropic-version": "2023-06-01"}
    assert httpx.post(emu.base_url + "/v1/messages", json=body, headers=headers).status_code == 200
    assert httpx.post(emu.token_uri, data={"grant_type": "x"}).status_code == 400
    loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("google", "cryptography"))
    assert not loaded, loaded
    emu.vertex_access_token()
    assert "cryptography" not in sys.modules
"""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("ANTHROPIC_", "CLAUDE_CORE_"))}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
