"""The plugin contract of claude_core: every hook, in the order a request meets them.

Implement a hook by writing a function with the hook's name, decorated with
``claude_core.hookimpl``. An implementation may accept any subset of the parameters
listed here, so a hook that gains a parameter never breaks an older plugin.

Hooks are synchronous. Anything that must *wait* inside the async client (a rate
limiter, a token refresh over the network) belongs in a transport wrapper returned by
:func:`claude_transport`, never in a blocking call inside a hook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Union

import pluggy

if TYPE_CHECKING:
    import httpx

    from ._options import ClientOptions
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
    """Find the credentials a client's requests are signed with.

    Called once per client, on its first request; the answer is kept for the client's
    life. Credentials that expire (cloud tokens) should be an object that refreshes
    itself when :func:`claude_sign_request` uses it.

    :param provider: the client's :class:`~claude_core.providers.Provider`; look at
        ``provider.name`` to answer only for the deployments you know.
    :param options: the client's :class:`~claude_core.ClientOptions` (``api_key``,
        ``auth_token``, provider-specific ``extra``).
    :returns: a credentials object understood by the matching
        :func:`claude_sign_request` implementation, or None to let the next plugin
        answer. The built-in implementation (tried last) returns
        :class:`~claude_core.APIKeyCredentials` from ``api_key=``/``auth_token=`` or
        ``ANTHROPIC_API_KEY``/``ANTHROPIC_AUTH_TOKEN``.

    The first non-None answer wins.
    """


@hookspec(firstresult=True)
def claude_transport(
    options: ClientOptions, is_async: bool
) -> Optional[Union[httpx.BaseTransport, httpx.AsyncBaseTransport]]:
    """Choose the httpx transport that carries a client's requests.

    Called once per client (and per ``with_options`` copy that does not share the
    parent's connection pool), when its first request needs a connection; not called
    when the user passed ``http_client=``.

    :param options: the client's :class:`~claude_core.ClientOptions`.
    :param is_async: True for :class:`~claude_core.AsyncAnthropic`; return an
        ``httpx.AsyncBaseTransport`` then, an ``httpx.BaseTransport`` otherwise.
    :returns: the transport, or None to let the next plugin answer. The built-in
        implementation (tried last) returns httpx's own transport with keep-alive and
        connection limits set. To wrap rather than replace, build the next transport
        yourself (``httpx.HTTPTransport``) and return your wrapper around it.

    The first non-None answer wins.
    """


@hookspec(firstresult=True)
def claude_retry_policy(options: ClientOptions) -> Optional[RetryPolicy]:
    """Choose how a client retries failed attempts.

    Called once per client, on its first request.

    :param options: the client's :class:`~claude_core.ClientOptions`;
        ``options.max_retries`` is the user's limit.
    :returns: an object with ``decide(attempt) -> RetryDecision`` (see
        :mod:`claude_core.retries`), or None to let the next plugin answer. ``decide``
        is called after every failed attempt, with the response or the connection
        error; it must not block (the pipeline does the sleeping). The built-in
        :class:`~claude_core.retries.DefaultRetryPolicy` (tried last) follows the
        official SDK's rules.

    The first non-None answer wins.
    """


# -- once per attempt ---------------------------------------------------------------


@hookspec(firstresult=True)
def claude_sign_request(request: httpx.Request, credentials: Any, provider: Provider) -> Optional[httpx.Request]:
    """Put authentication on the final request of one attempt.

    Called before every attempt, retries included, after all headers, the URL and the
    body are final, so a signature over the whole request (AWS SigV4) stays valid.

    :param request: the ``httpx.Request`` about to be sent; its body is in memory
        (``request.content``). Edit its headers in place or build a new request.
    :param credentials: what :func:`claude_credentials` returned (None when no plugin
        found any).
    :param provider: the client's :class:`~claude_core.providers.Provider`.
    :returns: the request to send (usually ``request`` itself) once signed, or None
        when this implementation does not handle these credentials. The built-in
        implementation (tried last) sets ``X-Api-Key`` and/or
        ``Authorization: Bearer`` from :class:`~claude_core.APIKeyCredentials`, and
        raises :class:`~claude_core.MissingCredentialsError` when the request would
        otherwise go out with no authentication at all.

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
