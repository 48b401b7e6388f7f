"""One request's life: build -> sign -> send -> retry -> parse.

The decisions live in :meth:`Pipeline.attempts`, a generator free of I/O: it yields an
``httpx.Request`` to send or a float to sleep, and receives the outcome. The sync and
the async client drive it with their own I/O in :func:`run_sync` / :func:`run_async`.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any, Dict, Generator, Mapping, Optional, Tuple, Type, TypeVar, Union

import httpx

from ._logs import logger, redact_headers
from ._options import ClientOptions
from ._types import NOT_GIVEN, NotGiven, Omit
from ._version import __version__
from .default_plugins import signing
from .errors import (
    AnthropicError,
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    status_error_from_response,
)
from .plugins import HookRelay, load_provider
from .providers import APIRequest, Provider
from .retries import Attempt, RetryPolicy

if TYPE_CHECKING:
    from .types._base import BaseModel

__all__ = ["Pipeline", "CallOptions", "run_sync", "run_async", "parse_response"]

ModelT = TypeVar("ModelT", bound="BaseModel")
Outcome = Union[httpx.Response, APIConnectionError]
Flow = Generator[Union[httpx.Request, float], Outcome, Tuple[httpx.Response, int]]

_USER_AGENT = f"claude-core/{__version__} (Python; httpx/{httpx.__version__})"


class CallOptions:
    """The per-call options: ``extra_headers``, ``extra_query``, ``extra_body``, ``timeout``."""

    __slots__ = ("extra_body", "extra_headers", "extra_query", "max_retries", "timeout")

    def __init__(
        self,
        extra_headers: Optional[Mapping[str, Union[str, Omit]]] = None,
        extra_query: Optional[Mapping[str, object]] = None,
        extra_body: Optional[Mapping[str, object]] = None,
        timeout: Union[float, httpx.Timeout, NotGiven, None] = NOT_GIVEN,
        max_retries: Optional[int] = None,
    ) -> None:
        self.extra_headers = extra_headers
        self.extra_query = extra_query
        self.extra_body = extra_body
        self.timeout = timeout
        self.max_retries = max_retries


def _encode(value: Any) -> Any:
    dump = getattr(value, "model_dump", None)
    if dump is not None:
        return dump(mode="json", exclude_unset=True, by_alias=True)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _as_timeout(value: Union[float, httpx.Timeout, None]) -> httpx.Timeout:
    return value if isinstance(value, httpx.Timeout) else httpx.Timeout(value)


class Pipeline:
    """What a client needs to send requests, resolved once on its first request."""

    def __init__(self, options: ClientOptions, relay: HookRelay) -> None:
        self.options = options
        self.relay = relay
        self.provider: Provider = load_provider(options.provider)(options)
        self.credentials = relay.call("claude_credentials", provider=self.provider, options=options)
        self.retry_policy: RetryPolicy = relay.call("claude_retry_policy", options=options)
        self._url_prefix = self.provider.base_url().rstrip("/") + "/"
        self.base_url = httpx.URL(self._url_prefix)
        self.timeout = _as_timeout(options.timeout)
        headers = _merge_headers(
            {"accept": "application/json", "user-agent": _USER_AGENT}, self.provider.default_headers()
        )
        self.headers = _merge_headers(headers, options.default_headers)
        # The built-in signer only adds headers computed from fixed credentials: when it is
        # the only implementation, add them while building and skip the per-attempt hook call.
        self.stream_hooks = relay.has_implementations("claude_stream_event")
        signers = relay.hook.claude_sign_request.get_hookimpls()
        self._builtin_signing = len(signers) == 1 and signers[0].plugin_name == signing.__name__
        self.query = {k: v for k, v in options.default_query.items() if v is not None and not isinstance(v, Omit)}

    def transport(self, is_async: bool) -> Any:
        return self.relay.call("claude_transport", options=self.options, is_async=is_async)

    def build(self, http: Union[httpx.Client, httpx.AsyncClient], call: APIRequest, opts: CallOptions) -> httpx.Request:
        headers = _merge_headers(self.headers, call.headers)
        if opts.extra_headers:
            headers = _merge_headers(headers, opts.extra_headers)
        query = dict(self.query)
        query.update(call.query)
        if opts.extra_query:
            query.update(opts.extra_query)
        params = {k: _query_value(v) for k, v in query.items() if v is not None and not isinstance(v, (NotGiven, Omit))}
        content: Optional[bytes] = None
        body = call.body
        if opts.extra_body:
            body = {**(body or {}), **opts.extra_body}
        if body is not None:
            content = json.dumps(body, separators=(",", ":"), ensure_ascii=False, default=_encode).encode()
            headers.setdefault("content-type", "application/json")
        if self._builtin_signing:
            signing.apply_auth(headers, self.credentials, self.provider)
        timeout = self.timeout_for(opts)
        path = call.path
        url = path if path.startswith(("http://", "https://")) else self._url_prefix + path.lstrip("/")
        return http.build_request(
            call.method, url, headers=headers, params=params or None, content=content, timeout=timeout
        )

    def timeout_for(self, opts: CallOptions) -> httpx.Timeout:
        return self.timeout if isinstance(opts.timeout, NotGiven) else _as_timeout(opts.timeout)

    def max_retries(self, opts: CallOptions) -> int:
        return self.options.max_retries if opts.max_retries is None else opts.max_retries

    def attempts(
        self, http: Union[httpx.Client, httpx.AsyncClient], call: APIRequest, opts: CallOptions, retries_taken: int = 0
    ) -> Flow:
        """Yield requests to send and delays to sleep; return the response and the retries taken.

        ``call`` must have been through ``provider.prepare``.
        """
        max_retries = self.max_retries(opts)
        while True:
            request = self.build(http, call, opts)
            if not self._builtin_signing:
                signed = self.relay.call(
                    "claude_sign_request", request=request, credentials=self.credentials, provider=self.provider
                )
                if signed is not None:
                    request = signed
            if logger.isEnabledFor(10):
                logger.debug("Request: %s %s headers=%s", request.method, request.url, redact_headers(request.headers))
            outcome = yield request
            if isinstance(outcome, httpx.Response) and outcome.status_code < 400:
                return outcome, retries_taken
            if isinstance(outcome, httpx.Response):
                attempt = Attempt(request, retries_taken, max_retries, response=outcome)
            else:
                attempt = Attempt(request, retries_taken, max_retries, error=outcome)
            decision = self.retry_policy.decide(attempt)
            if not decision.retry:
                if isinstance(outcome, httpx.Response):
                    raise status_error_from_response(outcome)
                raise outcome
            logger.info(
                "Retrying %s %s in %.3f s (retry %d)", request.method, request.url, decision.delay, retries_taken + 1
            )
            yield max(decision.delay, 0.0)
            retries_taken += 1


def _query_value(value: object) -> Union[str, int, float, bool]:
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _merge_headers(base: Mapping[str, str], extra: Mapping[str, Any]) -> Dict[str, str]:
    """``base`` updated by ``extra``; keys lower-cased, ``omit``/None values removed."""
    merged = dict(base)
    for key, value in extra.items():
        key = key.lower()
        if isinstance(value, Omit) or value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


def _connection_error(request: httpx.Request, exc: Exception) -> APIConnectionError:
    error: APIConnectionError
    if isinstance(exc, httpx.TimeoutException):
        error = APITimeoutError(request)
    else:
        error = APIConnectionError(request=request, message=f"Connection error: {type(exc).__name__}: {exc}")
    error.__cause__ = exc
    return error


def run_sync(http: httpx.Client, flow: Flow) -> Tuple[httpx.Response, int]:
    """Drive ``flow`` with blocking I/O. Error bodies are read before the retry decision."""
    step = next(flow)
    while True:
        outcome: Optional[Outcome] = None
        if isinstance(step, float):
            time.sleep(step)
        else:
            try:
                outcome = http.send(step, stream=True)
                if outcome.status_code >= 400:
                    try:
                        outcome.read()
                    finally:
                        outcome.close()
            except AnthropicError:
                raise
            except Exception as exc:
                outcome = _connection_error(step, exc)
        try:
            step = flow.send(outcome)  # type: ignore[arg-type]
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]


async def run_async(http: httpx.AsyncClient, flow: Flow) -> Tuple[httpx.Response, int]:
    """Drive ``flow`` with async I/O; the twin of :func:`run_sync`."""
    import anyio

    step = next(flow)
    while True:
        outcome: Optional[Outcome] = None
        if isinstance(step, float):
            await anyio.sleep(step)
        else:
            try:
                outcome = await http.send(step, stream=True)
                if outcome.status_code >= 400:
                    try:
                        await outcome.aread()
                    finally:
                        await outcome.aclose()
            except AnthropicError:
                raise
            except Exception as exc:
                outcome = _connection_error(step, exc)
        try:
            step = flow.send(outcome)  # type: ignore[arg-type]
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]


def parse_response(response: httpx.Response, cast_to: Type[ModelT]) -> ModelT:
    """Validate a read response body into ``cast_to`` and attach its request id."""
    try:
        result = cast_to.model_validate_json(response.content)
    except ValueError as exc:
        try:
            body: object = response.json()
        except ValueError:
            body = response.text
        raise APIResponseValidationError(
            response, body, message=f"Response did not match {cast_to.__name__}: {exc}"
        ) from exc
    object.__setattr__(result, "_request_id", response.headers.get("request-id"))
    return result
