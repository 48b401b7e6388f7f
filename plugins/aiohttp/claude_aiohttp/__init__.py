"""claude-aiohttp: carries claude-core's async clients' requests over aiohttp.

:class:`AiohttpTransport` is the plugin (``AsyncAnthropic(plugins=[AiohttpTransport()])``);
``CLAUDE_CORE_TRANSPORT=aiohttp`` gives it to every async client of the process, and
``provider_options={"transport": "aiohttp"}`` to one (see :mod:`claude_aiohttp.plugin`).
:class:`AiohttpAsyncTransport` is the ``httpx.AsyncBaseTransport`` it makes. aiohttp is
imported only when a client that chose it sends its first request.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .plugin import AiohttpTransport

if TYPE_CHECKING:
    from .transport import AiohttpAsyncTransport

__all__ = ["AiohttpTransport", "AiohttpAsyncTransport"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name != "AiohttpAsyncTransport":
        raise AttributeError(f"module 'claude_aiohttp' has no attribute {name!r}")
    return getattr(importlib.import_module(".transport", __name__), name)
