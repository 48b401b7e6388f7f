"""Claude on Vertex AI: rawPredict, streamRawPredict and count-tokens, behind Google OAuth access tokens.

The paths are the ones the SDK's Vertex client builds after its ``.../v1`` base URL:
``/v1/projects/{project}/locations/{region}/publishers/anthropic/models/{model}:rawPredict``
(``:streamRawPredict`` when streaming) and ``.../models/count-tokens:rawPredict``. Bodies are
Messages bodies with ``anthropic_version: "vertex-2023-10-16"``; the model is the path's
(``claude-sonnet-4-5@20250929`` names ``claude-sonnet-4-5-20250929``), so a Messages body
carries no ``model``, while a count-tokens body does. ``stream`` stays in the body. Betas come in
the ``anthropic-beta`` header.

A request is translated into the first-party request it stands for and answered by the
first-party handler, so replies, Anthropic-shaped API errors and queued faults are the same.
Only Google's own refusals have Google's shape, ``{"error": {"code", "message", "status"}}``:
a missing, unknown or expired access token (401 ``UNAUTHENTICATED``) and an unknown path or
model (404 ``NOT_FOUND``).
"""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any, Dict, Optional

from ._models import find_model
from ._oauth import TokenStore
from ._wire import APIErrorReply, EmulatorRequest, Reply, dumps

__all__ = [
    "PREFIX",
    "VERTEX_VERSION",
    "VertexRoute",
    "GoogleError",
    "parse_path",
    "resolve_model",
    "not_found",
    "check_token",
    "first_party_request",
    "error_reply",
]

PREFIX = "/v1/projects/"
VERTEX_VERSION = "vertex-2023-10-16"
_PATH = re.compile(
    r"/v1/projects/([^/]+)/locations/([^/]+)/publishers/anthropic/models/([^/:]+):(rawPredict|streamRawPredict)"
)
_COUNT_TOKENS = "count-tokens"
_CREDENTIALS_HELP = (
    "Expected OAuth 2 access token, login cookie or other valid authentication credential. "
    "See https://developers.google.com/identity/sign-in/web/devconsole-project."
)
_GOOGLE_STATUS: Dict[int, str] = {401: "UNAUTHENTICATED", 404: "NOT_FOUND"}


@dataclasses.dataclass(frozen=True)
class VertexRoute:
    """A Vertex path: its project, region, model (as sent, or ``count-tokens``) and method."""

    project: str
    region: str
    model: str
    method: str

    @property
    def count_tokens(self) -> bool:
        return self.model == _COUNT_TOKENS

    @property
    def resource(self) -> str:
        return f"projects/{self.project}/locations/{self.region}/publishers/anthropic/models/{self.model}"


class GoogleError(Exception):
    """Raised for Google's own refusals; answered as ``{"error": {"code", "message", "status"}}``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def parse_path(path: str) -> Optional[VertexRoute]:
    """The route of a decoded Vertex path, or None (``count-tokens`` only takes ``:rawPredict``)."""
    match = _PATH.fullmatch(path)
    if match is None:
        return None
    route = VertexRoute(*match.groups())
    if route.count_tokens and route.method != "rawPredict":
        return None
    return route


def resolve_model(model_id: str) -> Optional[str]:
    """The emulator model a Vertex model id names: ``name@date`` is ``name-date`` (else ``name``); None when none."""
    name, at, version = model_id.partition("@")
    if at and not version:
        return None
    if at and find_model(f"{name}-{version}") is not None:
        return f"{name}-{version}"
    return name if find_model(name) is not None else None


def not_found(path: str) -> GoogleError:
    return GoogleError(404, f"The requested URL {path} was not found on this server.")


def check_token(request: EmulatorRequest, tokens: TokenStore) -> None:
    """A 401 unless the request carries ``Authorization: Bearer`` with a token the emulator issued, unexpired."""
    authorization = request.headers.get("authorization", "").strip()
    if not authorization:
        raise GoogleError(401, f"Request is missing required authentication credential. {_CREDENTIALS_HELP}")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not tokens.is_valid(token.strip()):
        raise GoogleError(401, f"Request had invalid authentication credentials. {_CREDENTIALS_HELP}")


def _bad(message: str) -> APIErrorReply:
    return APIErrorReply(400, message)


def first_party_request(request: EmulatorRequest, route: VertexRoute) -> EmulatorRequest:
    """The ``POST /v1/messages`` (or ``/count_tokens``) request a Vertex request stands for.

    Raises a Google 404 for a model the emulator does not serve and a 400 for a body Vertex
    refuses: no ``anthropic_version`` or another one, a ``model`` in a Messages body, a
    ``stream`` that does not match the method.
    """
    model = None if route.count_tokens else resolve_model(route.model)
    if model is None and not route.count_tokens:
        raise GoogleError(404, f"Publisher Model `{route.resource}` not found.")
    try:
        body = json.loads(request.body)
    except ValueError:
        raise _bad("There was an error parsing the body of your request: invalid JSON") from None
    if not isinstance(body, dict):
        raise _bad("body: Input should be a valid JSON object")
    if "anthropic_version" not in body:
        raise _bad("anthropic_version: Field required")
    if body["anthropic_version"] != VERTEX_VERSION:
        raise _bad(f"anthropic_version: Input should be {VERTEX_VERSION!r}")
    params: Dict[str, Any] = {key: value for key, value in body.items() if key != "anthropic_version"}
    if route.count_tokens:
        path = "/v1/messages/count_tokens"
        if isinstance(params.get("model"), str):
            params["model"] = resolve_model(params["model"]) or params["model"]
    else:
        path = "/v1/messages"
        if "model" in params:
            raise _bad("model: Extra inputs are not permitted (on Vertex AI the model is named by the URL)")
        streams = params.get("stream") is True
        if route.method == "streamRawPredict" and not streams:
            raise _bad('stream: Input should be true on :streamRawPredict (send "stream": true)')
        if route.method == "rawPredict" and streams:
            raise _bad("stream: a streamed request goes to :streamRawPredict, not :rawPredict")
        params = {"model": model, **params}
    query = {"beta": "true"} if request.headers.get("anthropic-beta", "").strip() else {}
    return EmulatorRequest("POST", path, query, request.headers, dumps(params), None, request.target)


def error_reply(error: GoogleError) -> Reply:
    """Google's error reply: ``{"error": {"code", "message", "status"}}``."""
    status = _GOOGLE_STATUS.get(error.status, "UNKNOWN")
    body = {"error": {"code": error.status, "message": error.message, "status": status}}
    headers = [("content-type", "application/json; charset=UTF-8")]
    if error.status == 401:
        headers.append(("www-authenticate", 'Bearer realm="https://accounts.google.com/", error="invalid_token"'))
    return Reply(error.status, headers, [dumps(body)])
