"""Default transport: httpx's own, in a few small pools, with the SDK's connection limits and TCP keep-alive."""

from __future__ import annotations

from typing import Union

import httpx

from .._options import ClientOptions
from .._transport.default import default_transport
from ..hookspecs import hookimpl


@hookimpl(trylast=True)
def claude_transport(options: ClientOptions, is_async: bool) -> Union[httpx.BaseTransport, httpx.AsyncBaseTransport]:
    return default_transport(is_async)
