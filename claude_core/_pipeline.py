"""What a client resolved once, and how it builds each attempt's request.

:class:`Pipeline` holds a client's plugins, retry policy, timeout and deployments;
:meth:`Pipeline.start` begins one call (:class:`~claude_core._call.Call`), whose
I/O-free attempts generator the drivers in :mod:`claude_core._drivers` run.
"""

from __future__ import annotations

import json
from contextvars import ContextVar
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Dict, Mapping, Optional, Type, TypeVar, Union

import httpx

from ._deployment import Deployment
from ._headers import merge_headers
from ._options import ClientOptions
from ._types import NOT_GIVEN, NotGiven, Omit, StreamOptions
from ._version import __version__
from .default_plugins import signing
from .errors import APIResponseValidationError
from .plugins import HookRelay, load_provider
from .providers import APIRequest, Provider, body_bytes
from .retries import RetryPolicy
from .types._base import BaseModel as SDKModel
from .types._construct import construct, mark_beta

if TYPE_CHECKING:
    from ._call import Call
    from .streaming.accumulator import MessageAccumulator
    from .tools.registry import ToolRegistry
    from .types._base import BaseModel

__all__ = ["Pipeline", "CallOptions", "parse_response", "validating"]

ModelT = TypeVar("ModelT", bound="BaseModel")
T = TypeVar("T")
HttpClient = Union[httpx.Client, httpx.AsyncClient]

_USER_AGENT = f"claude-core/{__version__} (Python; httpx/{httpx.__version__})"
_BASE_HEADERS = {"accept": "application/json", "user-agent": _USER_AGENT}


class CallOptions:
    """The per-call options: ``extra_headers``, ``extra_query``, ``extra_body``, ``timeout``."""

    __slots__ = ("extra_body", "extra_headers", "extra_query", "timeout")

    def __init__(
        self,
        extra_headers: Optional[Any] = None,
        extra_query: Optional[Any] = None,
        extra_body: Optional[Any] = None,
        timeout: Union[float, httpx.Timeout, NotGiven, None] = NOT_GIVEN,
    ) -> None:
        self.extra_headers = extra_headers
        self.extra_query = extra_query
        self.extra_body = extra_body
        self.timeout = timeout


def as_timeout(value: Union[float, httpx.Timeout, None]) -> httpx.Timeout:
    return value if isinstance(value, httpx.Timeout) else httpx.Timeout(value)


class Pipeline:
    """What a client needs to send requests, resolved once on its first request."""

    def __init__(self, options: ClientOptions, relay: HookRelay, is_async: bool) -> None:
        self.options = options
        self.relay = relay
        self.is_async = is_async
        self.retry_policy: RetryPolicy = relay.call("claude_retry_policy", options=options)
        self.timeout = as_timeout(options.timeout)
        self.query = {k: v for k, v in options.default_query.items() if v is not None and not isinstance(v, Omit)}
        # Hooks nobody implements cost nothing per call: checked once here.
        self.stream_hooks = relay.has_implementations("claude_stream_event")
        self.observing = relay.has_implementations("claude_call_observer")
        self._deployments: Dict[Any, Deployment] = {}
        self.primary = self.deployment(load_provider(options.provider)(options))
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
            from .tools.registry import collect_tools

            registry = self._tools = collect_tools(self.relay)
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

    def start(
        self,
        http: HttpClient,
        call: APIRequest,
        opts: CallOptions,
        *,
        read_body: bool = True,
        stream: Optional[StreamOptions] = None,
        accumulator: Optional[MessageAccumulator] = None,
    ) -> Call:
        from ._call import Call

        return Call(self, http, call, opts, read_body=read_body, stream=stream, accumulator=accumulator)

    def build(self, http: HttpClient, deployment: Deployment, call: APIRequest, opts: CallOptions) -> httpx.Request:
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
        if deployment.builtin_signing and not signing.apply_auth(headers, deployment.credentials):
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


#: Set while a client made with ``_strict_response_validation=True`` parses a response.
_validating: ContextVar[bool] = ContextVar("claude_core_validating", default=False)
#: Set while the response of a beta call (``client.beta...``) is parsed.
_beta_call: ContextVar[bool] = ContextVar("claude_core_beta_call", default=False)


def _with_flag(flag: ContextVar[bool], parse: Callable[[httpx.Response], T]) -> Callable[[httpx.Response], T]:
    """``parse``, run with ``flag`` set."""

    def parse_flagged(response: httpx.Response) -> T:
        token = flag.set(True)
        try:
            return parse(response)
        finally:
            flag.reset(token)

    return parse_flagged


def validating(parse: Callable[[httpx.Response], T]) -> Callable[[httpx.Response], T]:
    """``parse``, with every SDK model it builds validated by pydantic instead of constructed."""
    return _with_flag(_validating, parse)


def beta_call(parse: Callable[[httpx.Response], T]) -> Callable[[httpx.Response], T]:
    """``parse``, for the response of a beta call: the objects dump as the official ``Beta*`` models."""
    return _with_flag(_beta_call, parse)


def parse_response(response: httpx.Response, cast_to: Type[ModelT]) -> ModelT:
    """A read response body as ``cast_to``.

    The SDK's own models are built by :func:`~claude_core.types._construct.construct` (leniently,
    no pydantic validator compiled), unless the client validates responses; any other pydantic
    model is validated. The objects of a beta call (see :func:`beta_call`) dump as the official ``Beta*`` ones.
    """
    beta = _beta_call.get()
    try:
        if issubclass(cast_to, SDKModel) and not _validating.get():
            # json, not pydantic_core.from_json: jiter's string cache and code cost 0.6 MiB of RSS
            return construct(cast_to, json.loads(response.content), beta=beta)
        validated = cast_to.model_validate_json(response.content)
        return mark_beta(validated) if beta and issubclass(cast_to, SDKModel) else validated
    except ValueError as exc:
        try:
            body: object = response.json()
        except ValueError:
            body = response.text
        raise APIResponseValidationError(
            response, body, message=f"Response did not match {cast_to.__name__}: {exc}"
        ) from exc
