"""What a client resolved once, and how it builds each attempt's request.

:class:`Pipeline` holds a client's plugins, retry policy, timeout and deployments, and
builds the ``httpx.Request`` of each attempt that :class:`~claude_core._engine.attempts.Call`
decides to send.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, Union

import httpx

from .._headers import merge_headers
from .._options import CallOptions, ClientOptions, as_timeout
from .._types import NotGiven, Omit
from .._version import __version__
from ..credentials import APIKeyCredentials
from ..plugins import ClientHooks, load_provider
from ..providers import APIRequest, Provider, body_bytes
from ..retries import RetryPolicy
from .deployment import Deployment
from .observing import Observing

if TYPE_CHECKING:
    from ..tools.registry import ToolRegistry

__all__ = ["Pipeline", "parsed_url", "query_params"]

HttpClient = Union[httpx.Client, httpx.AsyncClient]

_USER_AGENT = f"claude-core/{__version__} (Python; httpx/{httpx.__version__})"
_BASE_HEADERS = {"accept": "application/json", "user-agent": _USER_AGENT}


class Pipeline:
    """What a client needs to send requests, resolved once on its first request."""

    def __init__(self, options: ClientOptions, relay: ClientHooks, is_async: bool) -> None:
        self.options = options
        self.relay = relay
        self.is_async = is_async
        self.timeout = as_timeout(options.timeout)
        self.query = {k: v for k, v in options.default_query.items() if v is not None and not isinstance(v, Omit)}
        # Hooks nobody implements cost nothing per call: checked once here.
        self.stream_hooks = relay.has_implementations("claude_stream_event")
        self.observing = Observing(relay)  # false when no plugin watches this client's calls
        self.routing = relay.has_implementations("claude_route_call")
        self._deployments: Dict[Any, Deployment] = {}
        self.primary = self.deployment(load_provider(options.provider)(options))
        self.retry_policy: RetryPolicy = relay.call("claude_retry_policy", options=options, provider=self.provider)
        self._tools: Optional[ToolRegistry] = None

    @property
    def provider(self) -> Provider:
        return self.primary.provider

    @property
    def base_url(self) -> httpx.URL:
        return httpx.URL(self.primary.url_prefix)

    @property
    def headers(self) -> Dict[str, str]:
        return self.primary.headers

    def tool_registry(self) -> ToolRegistry:
        """The tools plugins registered (``claude_register_tools``), collected on first use."""
        registry = self._tools
        if registry is None:
            registry = self._tools = self.relay.collect_tools()
        return registry

    def deployment(self, target: Union[Provider, str]) -> Deployment:
        """The deployment for a provider instance, or for a provider name with this client's options."""
        key: Any = target if isinstance(target, str) else id(target)
        found = self._deployments.get(key)
        if found is None:
            if isinstance(target, str):
                provider = load_provider(target)(self.options.replace(provider=target))
            else:
                provider = target
            found = self._deployments[key] = Deployment(
                provider, self.relay, self.options, _BASE_HEADERS, self.is_async
            )
        return found

    def transport(self) -> Union[httpx.BaseTransport, httpx.AsyncBaseTransport]:
        """The base transport (``claude_transport``) inside every ``claude_wrap_transport`` wrapper."""
        kwargs = {"options": self.options, "is_async": self.is_async, "provider": self.provider}
        base = self.relay.call("claude_transport", **kwargs)
        return self.relay.wrap("claude_wrap_transport", "transport", base, **kwargs)  # type: ignore[no-any-return]

    def build(
        self, http: HttpClient, deployment: Deployment, call: APIRequest, opts: CallOptions, builtin_signing: bool
    ) -> httpx.Request:
        """The attempt's request; with ``builtin_signing`` (read once by the caller, which then
        signs only without it: another thread may settle the signer meanwhile) the key's headers too."""
        headers = merge_headers(deployment.headers, call.headers)
        if opts.extra_headers:
            headers = merge_headers(headers, opts.extra_headers)
        query = dict(self.query)
        query.update(call.query)
        if opts.extra_query:
            query.update(opts.extra_query)
        params = query_params(query)
        content: Optional[bytes] = None
        body = call.body
        if opts.extra_body:
            body = {**(body or {}), **opts.extra_body}
        if body is not None:
            content = body_bytes(body)
        if call.method == "GET":
            headers.pop("content-type", None)  # as the official SDK: a GET never says it carries JSON
        elif call.files is None:
            headers.setdefault("content-type", "application/json")  # bodyless POST/DELETE too, as the official SDK
        if builtin_signing:
            credentials = deployment.credentials
            if isinstance(credentials, APIKeyCredentials):
                credentials.add_headers(headers)
            else:
                deployment.check_authenticated(headers)
        path = call.path
        url = path if path.startswith(("http://", "https://")) else deployment.url_prefix + path.lstrip("/")
        return http.build_request(
            call.method,
            parsed_url(url),
            headers=headers,
            params=params or None,
            content=content,
            files=call.files,
            timeout=self.timeout_for(opts),
        )

    def timeout_for(self, opts: CallOptions) -> httpx.Timeout:
        return self.timeout if isinstance(opts.timeout, NotGiven) else as_timeout(opts.timeout)


@lru_cache(maxsize=64)
def parsed_url(url: str) -> httpx.URL:
    """``httpx.URL(url)``, parsed once for the URLs calls go to again and again (parsing is a
    third of the time an httpx client takes to build a request): the client's ``build_request``
    makes exactly this of a ``str``, and an ``httpx.URL`` is immutable, so calls share it."""
    return httpx.URL(url)


def query_params(query: Mapping[str, object]) -> Dict[str, str]:
    """The query string's values as the official SDK writes them: lists comma-joined,
    booleans ``true``/``false``, mappings as ``key[sub]``; unset values left out."""
    params: Dict[str, str] = {}
    for key, value in query.items():
        _add_query_value(params, key, value)
    return params


def _add_query_value(params: Dict[str, str], key: str, value: object) -> None:
    if value is None or isinstance(value, (NotGiven, Omit)):
        return
    if isinstance(value, Mapping):
        for sub, item in value.items():
            _add_query_value(params, f"{key}[{sub}]", item)
    elif isinstance(value, (list, tuple)):
        params[key] = ",".join(_query_scalar(item) for item in value)
    else:
        params[key] = _query_scalar(value)


def _query_scalar(value: object) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    return "" if value is None else str(value)
