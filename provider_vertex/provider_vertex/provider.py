"""The ``vertex`` provider: Claude on Google Cloud Vertex AI.

Request side: ``{base}/projects/{project}/locations/{region}/publishers/anthropic/models/{model}:rawPredict``
(``:streamRawPredict`` for streams) for messages and ``.../models/count-tokens:rawPredict`` for
token counting, the body with ``anthropic_version`` and without ``model`` (the path names it;
token counting keeps it), betas in the ``anthropic-beta`` header, no first-party auth
headers. Response side: Google's error bodies as well as Anthropic's.

Authentication (a Google OAuth access token, sent as ``Authorization: Bearer``) is the
job of :mod:`provider_vertex.plugin`; this module only finds the Application Default
Credentials when the project has to come from them.
"""

from __future__ import annotations

import os
import threading
from typing import Any, Dict, FrozenSet, Mapping, Optional, Tuple

import httpx

from claude_core import ClientOptions, errors
from claude_core.cloud_clients import check_served
from claude_core.providers import APIRequest, Provider

__all__ = [
    "VertexProvider",
    "VERTEX_ANTHROPIC_VERSION",
    "BASE_URL_ENV",
    "PROJECT_ENV",
    "REGION_ENV",
    "CLOUD_PLATFORM_SCOPE",
    "resolve_region",
    "region_base_url",
]

#: The ``anthropic_version`` Vertex AI's Anthropic models take in the body.
VERTEX_ANTHROPIC_VERSION = "vertex-2023-10-16"
BASE_URL_ENV = "ANTHROPIC_VERTEX_BASE_URL"
PROJECT_ENV = "ANTHROPIC_VERTEX_PROJECT_ID"
REGION_ENV = "CLOUD_ML_REGION"
#: The OAuth scope Vertex AI requests need.
CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform"

_SERVED: FrozenSet[str] = frozenset({"messages.create", "messages.count_tokens"})
#: The multi-region locations, served from their own hosts rather than ``{region}-aiplatform``.
_MULTI_REGION_HOSTS = {"us": "aiplatform.us.rep.googleapis.com", "eu": "aiplatform.eu.rep.googleapis.com"}
_FIRST_PARTY = "use the first-party client (claude_core.Anthropic) for it"
#: Endpoint prefixes Vertex AI does not serve, and what to use instead.
_ALTERNATIVES: Tuple[Tuple[str, str], ...] = (
    (
        "messages.batches.",
        f"the Message Batches API is not served by Vertex AI: {_FIRST_PARTY}, or Vertex AI's batch prediction",
    ),
    ("beta.files.", f"the Files API is not served by Vertex AI: {_FIRST_PARTY}"),
    ("models.", f"the Models API is not served by Vertex AI: {_FIRST_PARTY}, or Vertex AI's Model Garden"),
    ("completions.", f"the legacy Text Completions API is not served by Vertex AI: {_FIRST_PARTY}"),
)
#: What an endpoint neither served nor in ``_ALTERNATIVES`` is told.
_NOT_SERVED = (
    "is not served by Vertex AI (the 'vertex' provider serves messages.create, messages.stream and "
    f"messages.count_tokens): {_FIRST_PARTY}"
)


def resolve_region(options: Mapping[str, Any]) -> str:
    """The Vertex AI location: ``region=``, then ``CLOUD_ML_REGION``."""
    region = options.get("region") or os.environ.get(REGION_ENV)
    if not region:
        raise errors.AnthropicError(
            "no region for the 'vertex' provider: pass region= (AnthropicVertex(region=...) or "
            f"provider_options={{'region': ...}}) or set {REGION_ENV}; 'global', a multi-region ('us', 'eu') "
            "or a region such as 'us-east5'"
        )
    return str(region)


def region_base_url(region: str) -> str:
    """The API root of a location: ``global``, the ``us``/``eu`` multi-regions, or one region."""
    if region == "global":
        return "https://aiplatform.googleapis.com/v1"
    host = _MULTI_REGION_HOSTS.get(region)
    return f"https://{host}/v1" if host else f"https://{region}-aiplatform.googleapis.com/v1"


class VertexProvider(Provider):
    """``provider="vertex"``: Claude on Google Cloud Vertex AI.

    Provider options (``provider_options=`` or the :class:`~provider_vertex.AnthropicVertex`
    arguments): ``region``, ``project_id``, ``access_token`` (a string, or a function
    returning one), ``credentials`` (a google-auth credentials object).

    The project is ``project_id``, then ``ANTHROPIC_VERTEX_PROJECT_ID``, then the project of
    ``credentials`` (a service-account key names one), then that of the Application Default
    Credentials. Finding the ADC reads files (and may ask the metadata server or gcloud);
    it happens once per client, in the credentials hook (a worker thread in the async
    client) before the first call is prepared, or, with an access token and no project,
    as the call is prepared.
    The request id is read from ``request-id``, as the official SDK does.
    """

    name = "vertex"
    endpoints = _SERVED
    api_key_auth = False  # ANTHROPIC_API_KEY is not a Vertex AI credential

    def __init__(self, options: ClientOptions) -> None:
        super().__init__(options)
        self._lock = threading.Lock()
        self._region: Optional[str] = None
        self._project: Optional[str] = None
        self._adc: Optional[Tuple[Any, Optional[str]]] = None

    # -- Google Cloud configuration ---------------------------------------------------

    @property
    def vertex_options(self) -> Dict[str, Any]:
        extra: Dict[str, Any] = self.options.extra
        return extra

    @property
    def region(self) -> str:
        """The location, resolved on first use (see :func:`resolve_region`)."""
        region = self._region
        if region is None:
            region = self._region = resolve_region(self.vertex_options)
        return region

    @property
    def loaded_credentials(self) -> Any:
        """The Application Default Credentials once found (None before, or when not used)."""
        return self._adc[0] if self._adc is not None else None

    def default_credentials(self) -> Tuple[Any, Optional[str]]:
        """``google.auth.default()`` for the cloud-platform scope, and its project; found once."""
        with self._lock:
            if self._adc is None:
                import google.auth
                import google.auth.exceptions

                from ._google_transport import Request

                try:
                    self._adc = google.auth.default(scopes=[CLOUD_PLATFORM_SCOPE], request=Request())
                except google.auth.exceptions.DefaultCredentialsError as exc:
                    raise errors.MissingCredentialsError(
                        "no Google credentials for the 'vertex' provider: pass access_token= or credentials=, "
                        "set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file, or run "
                        f"`gcloud auth application-default login` ({exc})"
                    ) from exc
            return self._adc

    @property
    def project_id(self) -> str:
        """The Google Cloud project, resolved on first use (see the class docstring)."""
        project = self._project
        if project is None:
            project = self._project = self._find_project()
        return project

    def _find_project(self) -> str:
        extra = self.vertex_options
        project = extra.get("project_id") or os.environ.get(PROJECT_ENV)
        credentials = extra.get("credentials")
        if not project and credentials is not None:
            project = getattr(credentials, "project_id", None)
        elif not project and extra.get("access_token") is None:
            project = self.default_credentials()[1]
        if not project or not isinstance(project, str):
            raise errors.AnthropicError(
                "no Google Cloud project for the 'vertex' provider: pass project_id= (AnthropicVertex(project_id=...) "
                f"or provider_options={{'project_id': ...}}), set {PROJECT_ENV}, or use credentials that name a "
                "project (a service-account key file, GOOGLE_CLOUD_PROJECT, `gcloud config set project`)"
            )
        return project

    # -- request side ---------------------------------------------------------------------

    def base_url(self) -> str:
        return self.options.base_url or os.environ.get(BASE_URL_ENV) or region_base_url(self.region)

    def check_supported(self, request: APIRequest) -> None:
        check_served(request.endpoint, _SERVED, _ALTERNATIVES, _NOT_SERVED)

    def prepare(self, request: APIRequest) -> APIRequest:
        self.check_supported(request)
        body = dict(request.body or {})
        body.setdefault("anthropic_version", VERTEX_ANTHROPIC_VERSION)
        request.query.pop("beta", None)  # the official SDK replaces the whole path, its ?beta=true with it
        models = f"/projects/{self.project_id}/locations/{self.region}/publishers/anthropic/models"
        if request.endpoint == "messages.count_tokens":
            request.path = f"{models}/count-tokens:rawPredict"  # the model stays in the body
        else:
            model = body.pop("model", None)
            if not isinstance(model, str) or not model:
                raise errors.AnthropicError("messages.create on Vertex AI needs model= (such as 'claude-sonnet-4-5')")
            request.path = f"{models}/{model}:{'streamRawPredict' if request.stream else 'rawPredict'}"
        request.body = body  # `stream` stays in the body, as the official SDK sends it
        return request

    # -- response side --------------------------------------------------------------------

    def status_error(self, response: httpx.Response) -> errors.APIStatusError:
        """The SDK's class for the status (503 and 504 included), described from Google's
        ``{"error": {"code", "message", "status"}}`` (or a list of those) or Anthropic's body."""
        body: Any = errors.error_body(response)
        status = response.status_code
        cls = errors.error_class(status, cloud=True)
        google = _google_error(body)
        nested = body.get("error") if isinstance(body, dict) else None
        if google is not None:
            described = f"{google.get('status')}: {google.get('message')}"
        elif isinstance(nested, dict) and ("type" in nested or "message" in nested):
            described = f"{nested.get('type')}: {nested.get('message')}"
        else:
            described = str(body)
        message = (
            errors.text_error_message(status, body) if isinstance(body, str) else f"Error code: {status} - {described}"
        )
        error = cls(message, response=response, body=body)
        if google is not None and isinstance(google.get("status"), str):
            error.type = google["status"]  # UNAUTHENTICATED, RESOURCE_EXHAUSTED...
        error.request_id = self.request_id(response)
        return error


def _google_error(body: Any) -> Optional[Dict[str, Any]]:
    """The ``{"code", "message", "status"}`` of a Google error body, or None for other bodies."""
    if isinstance(body, list) and body:
        body = body[0]
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict) and "type" not in error and ("status" in error or "code" in error):
        return error
    return None
