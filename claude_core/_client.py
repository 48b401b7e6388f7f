"""The clients: :class:`Anthropic` and :class:`AsyncAnthropic`.

Both share :class:`_ClientBase` (options, copying, lazy setup); they differ only in the
I/O of sending a request and of closing.
"""

from __future__ import annotations

import os
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any, Callable, Dict, Mapping, Optional, Sequence, Type, TypeVar, Union

import httpx

from ._compat.paths import fallback_getattr
from ._engine.connection import Connection, log_unclosable
from ._logs import setup_logging
from ._options import DEFAULT_MAX_RETRIES, ClientOptions, check_timeout, client_timeout
from ._types import NOT_GIVEN, NotGiven, Omit, RequestMode, StreamOptions, TimeoutTypes

if TYPE_CHECKING:
    from typing_extensions import Self

    from ._engine.attempts import Call
    from ._engine.pipeline import Pipeline
    from ._options import CallOptions
    from .credentials import KeySource
    from .providers import APIRequest, Provider
    from .resources.beta import AsyncBeta, Beta
    from .resources.completions import AsyncCompletions, Completions
    from .resources.messages import AsyncMessages, Messages
    from .resources.models import AsyncModels, Models
    from .streaming.stream import AsyncStream, Stream

__all__ = ["Anthropic", "AsyncAnthropic", "Client", "AsyncClient"]

T = TypeVar("T")
HttpClientT = TypeVar("HttpClientT", httpx.Client, httpx.AsyncClient)


class _ClientBase:
    _is_async = False

    def __init__(
        self,
        *,
        api_key: Union[str, KeySource, None] = None,
        auth_token: Union[str, KeySource, None] = None,
        base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[TimeoutTypes, NotGiven] = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, Union[str, Omit]]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[Union[httpx.Client, httpx.AsyncClient]] = None,
        provider: str = "anthropic",
        plugins: Sequence[object] = (),
        disable_plugins: Sequence[str] = (),
        provider_options: Optional[Mapping[str, Any]] = None,
        stream_idle_timeout: Optional[float] = None,
        auto_stream_long_requests: bool = True,
        _strict_response_validation: bool = False,
        _connection: Optional[Connection] = None,
    ) -> None:
        name = type(self).__name__
        if not isinstance(max_retries, int) or isinstance(max_retries, bool) or max_retries < 0:
            raise ValueError(f"max_retries must be an integer >= 0, got {max_retries!r}")
        for option, value in (("api_key", api_key), ("auth_token", auth_token)):
            if value is not None and not isinstance(value, str) and not callable(value):
                raise TypeError(
                    f"{name}({option}=...) takes a str or a callable returning one, got {type(value).__name__}"
                )
            if callable(value) and not self._is_async:
                from .credentials import _is_async  # here: only a callable api_key= needs it

                if _is_async(value):
                    raise TypeError(f"{name}({option}=...) got an async callable: use AsyncAnthropic, or a sync one")
        if base_url is not None and not isinstance(base_url, (str, httpx.URL)):
            raise TypeError(f"{name}(base_url=...) takes a str or an httpx.URL, got {type(base_url).__name__}")
        if http_client is not None and not isinstance(
            http_client, httpx.AsyncClient if self._is_async else httpx.Client
        ):
            wanted = "httpx.AsyncClient" if self._is_async else "httpx.Client"
            raise TypeError(
                f"{name}(http_client=...) takes an {wanted} instance (for example "
                f"claude_core.{'DefaultAsyncHttpxClient' if self._is_async else 'DefaultHttpxClient'}()), "
                f"got {http_client!r}"
            )
        if isinstance(timeout, NotGiven):
            timeout = client_timeout(http_client)  # http_client's unless it is httpx's default
        else:
            check_timeout(timeout, f"{name}(timeout=...)")
        if stream_idle_timeout is not None and not (
            isinstance(stream_idle_timeout, (int, float))
            and not isinstance(stream_idle_timeout, bool)
            and stream_idle_timeout > 0
        ):
            raise ValueError(f"stream_idle_timeout must be positive seconds or None, got {stream_idle_timeout!r}")
        if not isinstance(_strict_response_validation, bool):
            raise TypeError(f"_strict_response_validation must be True or False, got {_strict_response_validation!r}")
        if provider != "anthropic":  # an unknown provider fails here, not at the first request
            from .plugins import check_provider  # here: the plugins load with the first request

            check_provider(provider)
        setup_logging()
        self._options = ClientOptions(
            provider=provider,
            api_key=api_key if isinstance(api_key, str) else None,
            auth_token=auth_token if isinstance(auth_token, str) else None,
            base_url=str(base_url) if base_url is not None else None,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=dict(default_headers or {}),
            default_query=dict(default_query or {}),
            stream_idle_timeout=stream_idle_timeout,
            auto_stream_long_requests=auto_stream_long_requests,
            strict_response_validation=_strict_response_validation,
            extra=dict(provider_options or {}),
            api_key_callable=None if api_key is None or isinstance(api_key, str) else api_key,
            auth_token_callable=None if auth_token is None or isinstance(auth_token, str) else auth_token,
        )
        self._plugins = tuple(plugins)
        self._disabled = tuple(disable_plugins)
        self._connection = _connection or Connection(http_client)
        if http_client is None and _connection is None and _https(base_url):
            from ._transport.default import load_tls_soon  # the transport module loads with the first request

            load_tls_soon()
        self._pipeline_cache: Optional[Pipeline] = None

    # -- options ------------------------------------------------------------------

    @property
    def options(self) -> ClientOptions:
        return self._options

    @property
    def api_key(self) -> Optional[str]:
        """The API key in use: the ``api_key=`` argument, else the one the environment or a plugin
        gave; for a callable ``api_key=``, the key it last returned (None before the first request)."""
        if self._options.api_key is not None:
            return self._options.api_key
        return _revealed(getattr(self._credentials(), "api_key", None))

    @property
    def auth_token(self) -> Optional[str]:
        """The bearer token in use, found like :attr:`api_key`."""
        if self._options.auth_token is not None:
            return self._options.auth_token
        return _revealed(getattr(self._credentials(), "auth_token", None))

    def _credentials(self) -> Any:
        """The credentials of this client's own deployment, resolved now if no request did yet."""
        deployment = self._pipeline.primary
        if not deployment.resolved:
            deployment.resolve()
        return deployment.credentials

    @property
    def max_retries(self) -> int:
        return self._options.max_retries

    @property
    def timeout(self) -> TimeoutTypes:
        return self._options.timeout

    @property
    def base_url(self) -> httpx.URL:
        return self._pipeline.base_url

    @property
    def default_headers(self) -> Dict[str, str]:
        return dict(self._pipeline.headers)

    @property
    def provider(self) -> str:
        return self._options.provider

    @property
    def deployment_provider(self) -> Provider:
        """The :class:`~claude_core.providers.Provider` object the client sends through: its
        region, project and loaded credentials, for provider clients' own attributes."""
        return self._pipeline.provider

    @property
    def _strict_response_validation(self) -> bool:
        """Whether response bodies are validated by pydantic (the official SDK's attribute)."""
        return self._options.strict_response_validation

    def __repr__(self) -> str:
        return f"{type(self).__name__}(provider={self._options.provider!r}, base_url={self._options.base_url!r})"

    def is_closed(self) -> bool:
        """Whether the client's connection pool is closed (``close()`` was called, or the
        ``http_client`` it was given was closed), as in the official SDK."""
        return self._connection.is_closed()

    def copy(
        self,
        *,
        api_key: Union[str, KeySource, None] = None,
        auth_token: Union[str, KeySource, None] = None,
        base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[TimeoutTypes, NotGiven] = NOT_GIVEN,
        max_retries: Optional[int] = None,
        default_headers: Optional[Mapping[str, Union[str, Omit]]] = None,
        set_default_headers: Optional[Mapping[str, Union[str, Omit]]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        set_default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[Union[httpx.Client, httpx.AsyncClient]] = None,
        provider: Optional[str] = None,
        plugins: Optional[Sequence[object]] = None,
        disable_plugins: Optional[Sequence[str]] = None,
        provider_options: Optional[Mapping[str, Any]] = None,
        stream_idle_timeout: Optional[float] = None,
        auto_stream_long_requests: Optional[bool] = None,
    ) -> "Self":
        """A new client with some options changed.

        It shares this one's connection pool unless it changes what chooses the transport
        (``provider``, ``plugins``, ``disable_plugins``, ``provider_options``) or passes
        its own ``http_client``.

        ``default_headers``/``default_query`` are merged into the current ones;
        ``set_default_headers``/``set_default_query`` replace them.
        """
        if default_headers is not None and set_default_headers is not None:
            raise ValueError("pass default_headers (merge) or set_default_headers (replace), not both")
        if default_query is not None and set_default_query is not None:
            raise ValueError("pass default_query (merge) or set_default_query (replace), not both")
        old = self._options
        headers = (
            dict(set_default_headers)
            if set_default_headers is not None
            else {**old.default_headers, **(default_headers or {})}
        )
        query = (
            dict(set_default_query) if set_default_query is not None else {**old.default_query, **(default_query or {})}
        )
        new_provider = provider or old.provider
        new_plugins = self._plugins if plugins is None else tuple(plugins)
        new_disabled = self._disabled if disable_plugins is None else tuple(disable_plugins)
        new_extra = {**old.extra, **(provider_options or {})}
        # a copy that could choose another transport gets a connection pool of its own
        share = (
            http_client is None
            and new_provider == old.provider
            and new_plugins == self._plugins
            and new_disabled == self._disabled
            and new_extra == old.extra
        )
        return type(self)(
            api_key=api_key if api_key is not None else old.api_key_callable or old.api_key,
            auth_token=auth_token if auth_token is not None else old.auth_token_callable or old.auth_token,
            base_url=base_url if base_url is not None else old.base_url,
            timeout=old.timeout if isinstance(timeout, NotGiven) else timeout,
            max_retries=old.max_retries if max_retries is None else max_retries,
            default_headers=headers,
            default_query=query,
            http_client=http_client,
            provider=new_provider,
            plugins=new_plugins,
            disable_plugins=new_disabled,
            provider_options=new_extra,
            stream_idle_timeout=old.stream_idle_timeout if stream_idle_timeout is None else stream_idle_timeout,
            auto_stream_long_requests=(
                old.auto_stream_long_requests if auto_stream_long_requests is None else auto_stream_long_requests
            ),
            _strict_response_validation=old.strict_response_validation,
            _connection=self._connection if share else None,
        )

    with_options = copy

    # -- lazy setup ---------------------------------------------------------------

    @property
    def _pipeline(self) -> Pipeline:
        pipeline = self._pipeline_cache
        if pipeline is None:
            with self._connection.lock:
                if self._pipeline_cache is None:
                    from ._engine.pipeline import Pipeline  # the engine loads with the first request:
                    from .plugins import ClientHooks  # constructing a client stays cheap

                    relay = ClientHooks(self._plugins, self._disabled)
                    self._pipeline_cache = Pipeline(self._options, relay, self._is_async)
            pipeline = self._pipeline_cache
            assert pipeline is not None
        return pipeline

    @property
    def _client(self) -> Union[httpx.Client, httpx.AsyncClient]:
        """The httpx client requests go through (packages built on the official SDK read it)."""
        kind: Any = httpx.AsyncClient if self._is_async else httpx.Client
        return self._http(kind)  # type: ignore[no-any-return]

    @property
    def with_raw_response(self) -> Any:
        """The client's resources whose methods return the raw response (``client.with_raw_response.messages``)."""
        return _ModeView(self, RequestMode.RAW)

    @property
    def with_streaming_response(self) -> Any:
        """The client's resources whose methods return a lazily read response."""
        return _ModeView(self, RequestMode.STREAM_RESPONSE)

    def _http(self, kind: Type[HttpClientT]) -> HttpClientT:
        return self._connection.http(kind, self._pipeline, type(self).__name__)

    def _start(
        self,
        http: Union[httpx.Client, httpx.AsyncClient],
        call: APIRequest,
        opts: CallOptions,
        mode: RequestMode,
        stream: Optional[StreamOptions] = None,
        accumulator: Any = None,
    ) -> Call:
        from ._engine.attempts import Call  # the engine loads with the first request

        read_body = mode is not RequestMode.STREAM_RESPONSE
        return Call(self._pipeline, http, call, opts, read_body=read_body, stream=stream, accumulator=accumulator)


Parse = Callable[[httpx.Response], T]


def _https(base_url: Union[str, httpx.URL, None]) -> bool:
    """Whether the client will most likely talk https (the API's and the clouds' default)."""
    url = str(base_url) if base_url is not None else os.environ.get("ANTHROPIC_BASE_URL") or "https:"
    return not url.lower().startswith("http:")


def _revealed(secret: Any) -> Optional[str]:
    """A secret as ``client.api_key`` returns it: a str, as in the official SDK."""
    from .credentials import Secret  # here: only reading client.api_key needs it

    return secret.get_secret_value() if isinstance(secret, Secret) else secret


class Anthropic(_ClientBase):
    """The synchronous client."""

    _is_async = False

    @cached_property
    def messages(self) -> "Messages":
        from .resources.messages import Messages  # each API's module loads when first used

        return Messages(self)

    @cached_property
    def completions(self) -> "Completions":
        from .resources.completions import Completions  # each API's module loads when first used

        return Completions(self)

    @cached_property
    def models(self) -> "Models":
        from .resources.models import Models  # each API's module loads when first used

        return Models(self)

    @cached_property
    def beta(self) -> "Beta":
        from .resources.beta import Beta  # each API's module loads when first used

        return Beta(self)

    def _request(
        self, call: APIRequest, opts: CallOptions, parse: Parse[T], mode: RequestMode = RequestMode.PARSE
    ) -> Any:
        from ._engine.send import run_sync  # the engine loads with the first request

        http = self._http(httpx.Client)
        self._reap()
        started = self._start(http, call, opts, mode)
        return started.finish(run_sync(http, started), parse, mode)

    def _stream(
        self, call: APIRequest, opts: CallOptions, stream_options: StreamOptions, accumulator: Any = None
    ) -> "Stream[Any]":
        from ._engine.readers import SyncReader  # stream readers load with the first stream
        from ._engine.send import run_sync  # the engine loads with the first request
        from .streaming.stream import Stream

        http = self._http(httpx.Client)
        self._reap()
        started = self._start(http, call, opts, RequestMode.PARSE, stream_options, accumulator)
        core = started.stream_core(run_sync(http, started))
        return Stream(SyncReader(core, started, self._connection.streams, http))

    def _reap(self) -> None:
        for reader in self._connection.abandoned():
            try:
                reader.close()
            except Exception as exc:
                log_unclosable(exc)

    def close(self) -> None:
        """Close the connection pool (shared with ``with_options`` copies); the client cannot be used after."""
        http = self._connection.closing()
        if isinstance(http, httpx.Client):
            http.close()

    def __enter__(self) -> "Self":
        return self

    def __exit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        self.close()


class AsyncAnthropic(_ClientBase):
    """The asynchronous client; the same API as :class:`Anthropic`, awaited."""

    _is_async = True

    @cached_property
    def messages(self) -> "AsyncMessages":
        from .resources.messages import AsyncMessages  # each API's module loads when first used

        return AsyncMessages(self)

    @cached_property
    def completions(self) -> "AsyncCompletions":
        from .resources.completions import AsyncCompletions  # each API's module loads when first used

        return AsyncCompletions(self)

    @cached_property
    def models(self) -> "AsyncModels":
        from .resources.models import AsyncModels  # each API's module loads when first used

        return AsyncModels(self)

    @cached_property
    def beta(self) -> "AsyncBeta":
        from .resources.beta import AsyncBeta  # each API's module loads when first used

        return AsyncBeta(self)

    async def _request(
        self, call: APIRequest, opts: CallOptions, parse: Parse[T], mode: RequestMode = RequestMode.PARSE
    ) -> Any:
        from ._engine.send import run_async  # the engine loads with the first request

        http = self._http(httpx.AsyncClient)
        await self._reap()
        started = self._start(http, call, opts, mode)
        return started.finish(await run_async(http, started), parse, mode)

    async def _stream(
        self, call: APIRequest, opts: CallOptions, stream_options: StreamOptions, accumulator: Any = None
    ) -> "AsyncStream[Any]":
        from ._engine.readers import AsyncReader  # stream readers load with the first stream
        from ._engine.send import run_async  # the engine loads with the first request
        from .streaming.stream import AsyncStream

        http = self._http(httpx.AsyncClient)
        await self._reap()
        started = self._start(http, call, opts, RequestMode.PARSE, stream_options, accumulator)
        core = started.stream_core(await run_async(http, started))
        return AsyncStream(AsyncReader(core, started, self._connection.streams, http))

    async def _reap(self) -> None:
        for reader in self._connection.abandoned():
            try:
                await reader.aclose()
            except Exception as exc:
                log_unclosable(exc)

    async def close(self) -> None:
        """Close the connection pool (shared with ``with_options`` copies); the client cannot be used after."""
        http = self._connection.closing()
        if isinstance(http, httpx.AsyncClient):
            await http.aclose()

    async def __aenter__(self) -> "Self":
        return self

    async def __aexit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        await self.close()


class _ModeView:
    """``client.with_raw_response`` / ``with_streaming_response``: the client's resources in that mode."""

    def __init__(self, client: _ClientBase, mode: RequestMode) -> None:
        self._client = client
        self._mode = mode

    def __getattr__(self, name: str) -> Any:
        resource = getattr(self._client, name)
        if not hasattr(resource, "_mode"):
            raise AttributeError(f"{type(self._client).__name__}.{name} is not an API resource")
        return resource.with_raw_response if self._mode is RequestMode.RAW else resource.with_streaming_response


Client = Anthropic
AsyncClient = AsyncAnthropic

if not TYPE_CHECKING:
    #: The official names of ``anthropic._client`` that live in other modules (``Stream``, ``Timeout``, ...).
    __getattr__ = fallback_getattr(__name__)
