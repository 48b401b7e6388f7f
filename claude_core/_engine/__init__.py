"""The engine: how one API call travels from a resource method to the object it returns.

Read the modules in the order a call meets them:

1. :mod:`.pipeline` - what a client resolved once, on its first request: its plugins, retry
   policy, timeout and deployments; and how each attempt's ``httpx.Request`` is built.
   :mod:`.connection` holds the httpx client made then, shared with ``with_options`` copies.
2. :mod:`.deployment` - one deployment as the client sends to it: its provider, URL prefix,
   fixed headers, credentials (resolved once, refreshed when due) and which signer answers.
3. :mod:`.attempts` - one call's life, free of I/O: a generator that yields what to do next
   (resolve or refresh credentials, send a request, sleep) and is told the outcome; retries,
   reroutes, credential refreshes and call observers are decided here, for plain calls and
   streams alike.
4. :mod:`.send` - the sync and async drivers of that generator: they only send, read, sleep
   and run blocking steps.
5. :mod:`.parsing` - a response body as the SDK's objects; :mod:`.responses` - the raw
   responses of ``with_raw_response`` and ``with_streaming_response``.
6. :mod:`.readers` - the sync and async readers of a stream's body, around the I/O-free
   :class:`~claude_core.streaming.core.StreamCore`; a stream that fails before any content
   resumes its call's attempts. :mod:`.jsonl` reads batch results line by line.

Below the engine sit the providers, the plugin contract, the stream decoding and the types;
below those, :mod:`claude_core._transport` (everything that knows httpx's internals). Nothing
here imports a resource, the client or a built-in plugin (``.importlinter``).
"""
