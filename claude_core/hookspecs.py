"""The plugin contract of claude_core: every hook, in the order a request meets them.

Implement a hook by writing a function with the hook's name, decorated with
``claude_core.hookimpl``. An implementation may accept any subset of the parameters
listed here, so a hook that gains a parameter never breaks an older plugin.

Hooks are synchronous. Anything that must *wait* inside the async client belongs in an
object a hook returns, never in a blocking call inside a hook: a rate limiter in a
transport wrapper (:func:`claude_wrap_transport`), a token refresh in credentials that
implement :class:`~claude_core.credentials.RefreshableCredentials` (the async client runs
their refresh in a worker thread, or awaits their ``arefresh()`` on the event loop).

A hook that no plugin implements costs nothing per call: each client checks once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Union

import pluggy

if TYPE_CHECKING:
    import httpx

    from ._options import ClientOptions
    from .observers import CallInfo, CallObserver, NotThisClient
    from .providers import Provider
    from .retries import RetryPolicy
    from .streaming.accumulator import MessageAccumulator
    from .streaming.context import StreamContext
    from .tools.registry import ToolRegistry

__all__ = ["hookspec", "hookimpl", "PROJECT_NAME"]

PROJECT_NAME = "claude_core"
hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


# -- once per client ----------------------------------------------------------------


@hookspec(firstresult=True)
def claude_credentials(provider: Provider, options: ClientOptions) -> Optional[Any]:
    """Find the credentials a client's requests to ``provider`` are signed with.

    Called once per client and deployment, on its first request, and the answer is kept
    for the client's life. It may block (read a file, a keyring, a metadata server): the
    async client calls it in a worker thread. Credentials that expire implement
    :class:`~claude_core.credentials.RefreshableCredentials`; the pipeline refreshes them
    when they say so, and once more after a 401.

    Precedence: an explicit ``api_key=``/``auth_token=`` argument (a str, or a callable
    for a rotating key: :class:`~claude_core.credentials.RotatingCredentials`) is used
    without calling this hook at all; the built-in implementation reading ``ANTHROPIC_API_KEY`` /
    ``ANTHROPIC_AUTH_TOKEN`` is ``tryfirst``, so the environment beats plugins that look
    elsewhere (a keyring). Both apply only to providers with ``api_key_auth``.

    :param provider: the :class:`~claude_core.providers.Provider` to sign for; look at
        ``provider.name`` to answer only for the deployments you know.
    :param options: that provider's :class:`~claude_core.ClientOptions` (the client's,
        unless a retry rerouted to a provider made with options of its own).
    :returns: a credentials object understood by the matching
        :func:`claude_sign_request` implementation (keep its secrets in
        :class:`~claude_core.credentials.Secret`, so they never print), or None to let
        the next plugin answer.

    The first non-None answer wins.
    """


@hookspec
def claude_credential_places(provider: Provider, options: ClientOptions) -> Optional[str]:
    """Say where this plugin looks for ``provider``'s credentials, for the error raised when none were found.

    Called only when a request is about to go out with no authentication at all (every
    :func:`claude_credentials` answer was None, no signer answered, and the request has
    no ``x-api-key`` or ``Authorization`` header), while the
    :class:`~claude_core.MissingCredentialsError` is built. Its message lists, for a
    provider with ``api_key_auth``, the ``api_key``/``auth_token`` arguments,
    ``ANTHROPIC_API_KEY`` and ``ANTHROPIC_AUTH_TOKEN``, then each answer of this hook, in
    the order pluggy calls them. It must not block or raise, and must not include a secret.

    :param provider: the :class:`~claude_core.providers.Provider` no credentials were found for.
    :param options: that provider's :class:`~claude_core.ClientOptions`.
    :returns: the place in a few words, e.g. ``"the OS keyring (service 'claude-core',
        username 'anthropic')"``, or None when this plugin does not look for this
        provider; every implementation is called.
    """


@hookspec(firstresult=True)
def claude_transport(
    options: ClientOptions, is_async: bool, provider: Provider
) -> Optional[Union[httpx.BaseTransport, httpx.AsyncBaseTransport]]:
    """Choose the base httpx transport that carries a client's requests.

    Called once per client (and per ``with_options`` copy with a connection pool of its
    own), when its first request needs a connection; not called when the user passed
    ``http_client=``. To add behaviour around whichever transport is chosen (a rate
    limiter, a tracer), implement :func:`claude_wrap_transport` instead.

    :param options: the client's :class:`~claude_core.ClientOptions`.
    :param is_async: True for :class:`~claude_core.AsyncAnthropic`; return an
        ``httpx.AsyncBaseTransport`` then, an ``httpx.BaseTransport`` otherwise.
    :param provider: the client's :class:`~claude_core.providers.Provider`.
    :returns: the transport, or None to let the next plugin answer. The built-in
        implementation (tried last) returns httpx's own transports with keep-alive and
        connection limits set, in a few small connection pools filled one after the
        other (httpcore's pool does work quadratic in its connections per request).

    The first non-None answer wins.
    """


@hookspec
def claude_wrap_transport(
    transport: Union[httpx.BaseTransport, httpx.AsyncBaseTransport],
    options: ClientOptions,
    is_async: bool,
    provider: Provider,
) -> Optional[Union[httpx.BaseTransport, httpx.AsyncBaseTransport]]:
    """Wrap the transport a client sends through; any number of plugins can stack.

    Called once per transport :func:`claude_transport` made, right after it. Each
    implementation receives what the previous one returned and returns a transport that
    forwards to it (an async one when ``is_async``), or None to leave it as it is.

    Order: the implementation pluggy calls last wraps first and sits innermost; the one
    it calls first (``tryfirst=True``, or the plugin registered last) sits outermost and
    sees each request first and each response last. Anything that waits (a limiter)
    does its waiting here, in ``handle_async_request``, never in a hook.

    :param transport: the transport to wrap.
    :param options: the client's :class:`~claude_core.ClientOptions`.
    :param is_async: whether the transport is an ``httpx.AsyncBaseTransport``.
    :param provider: the client's :class:`~claude_core.providers.Provider`.
    :returns: the wrapping transport, or None; every implementation is called, each
        on the result of the one before.
    """


@hookspec(firstresult=True)
def claude_retry_policy(options: ClientOptions, provider: Provider) -> Optional[RetryPolicy]:
    """Choose how a client retries failed attempts.

    Called once per client, on its first request.

    :param options: the client's :class:`~claude_core.ClientOptions`;
        ``options.max_retries`` is the user's limit.
    :param provider: the client's own :class:`~claude_core.providers.Provider`: a decision
        naming this instance sends the call back to the client's deployment.
    :returns: an object with ``decide(attempt) -> RetryDecision`` (see
        :mod:`claude_core.retries`), or None to let the next plugin answer. ``decide``
        is called after every failed attempt, with the response or the connection
        error, and for a stream that failed before any content reached the caller, with
        the stream's error; it must not block (the pipeline does the sleeping). A
        decision may send the next attempt to another deployment
        (``RetryDecision.provider``: fallback routing). The built-in
        :class:`~claude_core.retries.DefaultRetryPolicy` (tried last) follows the
        official SDK's rules.

    The first non-None answer wins.
    """


# -- once per call ------------------------------------------------------------------


@hookspec(firstresult=True)
def claude_route_call(call: CallInfo) -> Optional[Union[Provider, str]]:
    """Choose the deployment a call's first attempt goes to.

    Called when a call starts (every endpoint, streamed or not, sync or async), before
    its first attempt and before its credentials are looked for, with the same
    :class:`~claude_core.observers.CallInfo` observers get. Fallback routing uses it to
    start a call past a deployment it knows is down (a circuit breaker); later attempts
    move on through :class:`~claude_core.retries.RetryDecision` ``provider``. The client
    checks once whether any plugin implements this hook and does none of this work otherwise.

    :param call: the call that is starting: endpoint, the client's provider, model,
        whether it streams, whether the client is async, the client's options, the body.
    :returns: a :class:`~claude_core.providers.Provider` instance (made once and reused:
        the client keeps what it resolves per instance) or a provider name (made with the
        client's options), or None to start at the client's own deployment. A provider
        that does not serve the call's endpoint fails the call with
        :class:`~claude_core.UnsupportedEndpointError`.

    The first non-None answer wins.
    """


@hookspec
def claude_call_observer(call: CallInfo) -> Optional[Union[CallObserver, NotThisClient]]:
    """Watch one call: its attempts, and how it ends.

    Called when a call starts (every endpoint, streamed or not, sync or async), before
    its first attempt. Return a :class:`~claude_core.observers.CallObserver` to be told
    of every attempt (:meth:`~claude_core.observers.CallObserver.attempt`: the request,
    the response or the error, the retry decision, the deployment) and once of its end
    (:meth:`~claude_core.observers.CallObserver.end`: the value or the error, usage, stop
    reason, request id, the deployment that answered), and, when it overrides
    :meth:`~claude_core.observers.CallObserver.event`, of each event of the call's streamed
    response. A stream ends when it is read to its end, fails, or is closed. An observer
    that overrides :meth:`~claude_core.observers.CallObserver.active` lends the call a
    context its attempts run in (a tracer's current span). The tool runner's runs
    (``"tools.run"``) and tool calls (``"tools.call"``) are calls too.

    Observers run on the caller's thread or event loop: keep them quick and non-blocking
    (hand slow exports to a queue). An exception in an observer fails the call with a
    :class:`~claude_core.PluginError` naming the observer's class. The client checks once whether any plugin implements
    this hook and does none of this work otherwise.

    :param call: the :class:`~claude_core.observers.CallInfo`: endpoint, provider, model,
        whether it streams, whether the client is async, the client's options.
    :returns: an observer, None to skip this call, or
        :data:`~claude_core.observers.NOT_THIS_CLIENT` to skip every call of this client
        from now on (a decision made once per client costs its calls nothing after);
        every implementation is called.
    """


# -- once per attempt ---------------------------------------------------------------


@hookspec(firstresult=True)
def claude_sign_request(request: httpx.Request, credentials: Any, provider: Provider) -> Optional[httpx.Request]:
    """Put authentication on the final request of one attempt.

    Called before every attempt, retries included, after all headers, the URL and the
    body are final, so a signature over the whole request (AWS SigV4) stays valid.

    Which implementation signs is decided once per client and deployment: on the first
    attempt every implementation is asked in order, and the one that answers is then
    asked alone (all of them again if it ever returns None). So an implementation's
    answer for given ``credentials`` and ``provider`` must not change from one request
    to the next: return None for credentials you do not handle, always. When the
    built-in implementation is the one that answers, its headers are added while the
    request is built and this hook is not called per attempt at all.

    :param request: the ``httpx.Request`` about to be sent; its body is in memory
        (``request.content``). Edit its headers in place or build a new request.
    :param credentials: what :func:`claude_credentials` returned (None when no plugin
        found any).
    :param provider: the :class:`~claude_core.providers.Provider` the attempt goes to.
    :returns: the request to send (usually ``request`` itself) once signed, or None
        when this implementation does not handle these credentials. The built-in
        implementation (tried last) sets ``X-Api-Key`` and/or
        ``Authorization: Bearer`` from :class:`~claude_core.APIKeyCredentials`; it
        reads the secrets out of their :class:`~claude_core.credentials.Secret` with
        ``get_secret_value()``. When no implementation answers, no credentials were found
        and the request has no authentication header, it is not sent: the client raises
        :class:`~claude_core.MissingCredentialsError`, listing the places
        :func:`claude_credential_places` names.

    The first non-None answer wins.
    """


# -- once per stream event ----------------------------------------------------------


@hookspec
def claude_stream_event(event: Any, snapshot: MessageAccumulator, context: StreamContext) -> None:
    """Observe one event of a streamed response.

    Called for every event delivered to the caller of every stream (raw ``stream=True``
    streams and ``messages.stream()`` alike), in order, after the accumulator applied it;
    pings are not events. Keep implementations cheap: they run once per delta. The client
    checks once whether any plugin implements this hook and skips all of this otherwise.
    Events of an attempt that failed before delivering anything, and was retried, are
    never seen.

    :param event: the raw stream event (``message_start``, ``content_block_delta``...).
    :param snapshot: the stream's :class:`~claude_core.streaming.MessageAccumulator`;
        ``snapshot.message`` is the message so far. Reading it joins the text received
        since the last read, so read it at ``message_stop`` or sparingly, not per delta.
    :param context: the :class:`~claude_core.streaming.StreamContext`: provider name,
        model and request id of the stream.
    :returns: nothing; every implementation is called.
    """


# -- tools --------------------------------------------------------------------------


@hookspec
def claude_register_tools(registry: ToolRegistry) -> None:
    """Contribute tools that a tool runner can use by name.

    Called once per client, the first time it needs its tool registry.

    :param registry: call ``registry.register(tool)`` for each tool you provide; a
        name registered twice raises an error naming both plugins.
    :returns: nothing; every implementation is called.
    """
