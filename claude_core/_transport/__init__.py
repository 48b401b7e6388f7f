"""The httpx-facing layer: everything that knows what a socket, a pool or an httpx exception is.

* :mod:`.default` - the default transport and the ``DefaultHttpxClient`` classes (TLS, proxies,
  connection limits, keep-alive);
* :mod:`.pools` - a few small httpcore pools behind one transport (pools of pools);
* :mod:`.proxies` - which proxy a URL goes through, from the environment;
* :mod:`.socket_body` - reads a streamed body straight off the connection, and
  :mod:`.chunked` - its chunked-encoding decoder;
* :mod:`.pool_finalizer` - closes a pool the SDK made once its httpx client is collected;
* :mod:`.errors` - the one place where an httpx failure becomes the SDK's error.

It imports nothing of the engine above it.
"""
