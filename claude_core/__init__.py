"""claude-core: a typed, fast Python SDK for the Claude API, extensible through plugins.

Names load on first use (PEP 562), so ``import claude_core`` costs little more than
``import httpx``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Dict, List, Tuple

from ._transport import httpx_cli as _httpx_cli

_httpx_cli.defer()  # before httpx is first imported: see the module

from ._compat.paths import install as _install_official_paths  # noqa: E402
from ._types import NOT_GIVEN, NoneType, NotGiven, Omit, not_given, omit  # noqa: E402
from ._version import __title__, __version__  # noqa: E402
from .errors import (  # noqa: E402
    AnthropicError,
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    DeadlineExceededError,
    InternalServerError,
    MissingCredentialsError,
    NotFoundError,
    OverloadedError,
    PermissionDeniedError,
    PluginError,
    RateLimitError,
    RequestTooLargeError,
    ServiceUnavailableError,
    UnprocessableEntityError,
    UnsupportedEndpointError,
)

if TYPE_CHECKING:
    from httpx import BaseTransport as Transport  # noqa: F401  (the official name of httpx.BaseTransport)
    from httpx import Timeout as Timeout

    from . import types as types
    from ._client import Anthropic as Anthropic
    from ._client import AsyncAnthropic as AsyncAnthropic
    from ._client import AsyncClient as AsyncClient
    from ._client import Client as Client
    from ._engine.responses import APIResponse as APIResponse
    from ._engine.responses import AsyncAPIResponse as AsyncAPIResponse
    from ._engine.responses import LegacyAPIResponse as LegacyAPIResponse
    from ._files import file_from_path as file_from_path
    from ._options import DEFAULT_MAX_RETRIES as DEFAULT_MAX_RETRIES
    from ._options import DEFAULT_TIMEOUT as DEFAULT_TIMEOUT
    from ._options import ClientOptions as ClientOptions
    from ._transport.default import DEFAULT_CONNECTION_LIMITS as DEFAULT_CONNECTION_LIMITS
    from ._transport.default import DefaultAsyncHttpxClient as DefaultAsyncHttpxClient
    from ._transport.default import DefaultHttpxClient as DefaultHttpxClient
    from ._types import RequestOptions as RequestOptions
    from .credentials import APIKeyCredentials as APIKeyCredentials
    from .hookspecs import hookimpl as hookimpl
    from .lib.streaming import BetaAsyncMessageStream as BetaAsyncMessageStream
    from .lib.streaming import BetaAsyncMessageStreamManager as BetaAsyncMessageStreamManager
    from .lib.streaming import BetaContentBlockStopEvent as BetaContentBlockStopEvent
    from .lib.streaming import BetaInputJsonEvent as BetaInputJsonEvent
    from .lib.streaming import BetaMessageStopEvent as BetaMessageStopEvent
    from .lib.streaming import BetaMessageStream as BetaMessageStream
    from .lib.streaming import BetaMessageStreamEvent as BetaMessageStreamEvent
    from .lib.streaming import BetaMessageStreamManager as BetaMessageStreamManager
    from .lib.streaming import BetaTextEvent as BetaTextEvent
    from .lib.streaming import ContentBlockStopEvent as ContentBlockStopEvent
    from .lib.streaming import InputJsonEvent as InputJsonEvent
    from .lib.streaming import MessageStopEvent as MessageStopEvent
    from .lib.streaming import MessageStreamEvent as MessageStreamEvent
    from .lib.streaming import ParsedBetaContentBlockStopEvent as ParsedBetaContentBlockStopEvent
    from .lib.streaming import ParsedBetaMessageStopEvent as ParsedBetaMessageStopEvent
    from .lib.streaming import ParsedBetaMessageStreamEvent as ParsedBetaMessageStreamEvent
    from .lib.streaming import ParsedBetaTextEvent as ParsedBetaTextEvent
    from .lib.streaming import ParsedContentBlockStopEvent as ParsedContentBlockStopEvent
    from .lib.streaming import ParsedMessageStopEvent as ParsedMessageStopEvent
    from .lib.streaming import ParsedMessageStreamEvent as ParsedMessageStreamEvent
    from .lib.streaming import TextEvent as TextEvent
    from .pagination import AsyncPage as AsyncPage
    from .pagination import SyncPage as SyncPage
    from .retries import DefaultRetryPolicy as DefaultRetryPolicy
    from .retries import RetryDecision as RetryDecision
    from .schema import transform_schema as transform_schema
    from .streaming.accumulator import MessageAccumulator as MessageAccumulator
    from .streaming.message_stream import AsyncMessageStream as AsyncMessageStream
    from .streaming.message_stream import AsyncMessageStreamManager as AsyncMessageStreamManager
    from .streaming.message_stream import MessageStream as MessageStream
    from .streaming.message_stream import MessageStreamManager as MessageStreamManager
    from .streaming.stream import AsyncStream as AsyncStream
    from .streaming.stream import Stream as Stream
    from .tools.functions import beta_async_tool as beta_async_tool
    from .tools.functions import beta_tool as beta_tool
    from .types._base import BaseModel as BaseModel
    from .types.parsed_message import StructuredOutputError as StructuredOutputError
    from .usage import UsageTally as UsageTally

#: Prompt markers of the legacy Text Completions API, kept for code that imports them.
HUMAN_PROMPT = "\n\nHuman:"
AI_PROMPT = "\n\nAssistant:"

_LAZY: Dict[str, str] = {
    "Anthropic": "._client",
    "AsyncAnthropic": "._client",
    "Client": "._client",
    "AsyncClient": "._client",
    "DefaultHttpxClient": "._transport.default",
    "DefaultAsyncHttpxClient": "._transport.default",
    "DEFAULT_CONNECTION_LIMITS": "._transport.default",
    "DEFAULT_TIMEOUT": "._options",
    "DEFAULT_MAX_RETRIES": "._options",
    "ClientOptions": "._options",
    "APIResponse": "._engine.responses",
    "AsyncAPIResponse": "._engine.responses",
    "LegacyAPIResponse": "._engine.responses",
    "APIKeyCredentials": ".credentials",
    "hookimpl": ".hookspecs",
    "SyncPage": ".pagination",
    "AsyncPage": ".pagination",
    "DefaultRetryPolicy": ".retries",
    "Stream": ".streaming.stream",
    "AsyncStream": ".streaming.stream",
    "MessageStream": ".streaming.message_stream",
    "AsyncMessageStream": ".streaming.message_stream",
    "MessageStreamManager": ".streaming.message_stream",
    "AsyncMessageStreamManager": ".streaming.message_stream",
    "MessageAccumulator": ".streaming.accumulator",
    "UsageTally": ".usage",
    "RetryDecision": ".retries",
    "transform_schema": ".schema",
    "StructuredOutputError": ".types.parsed_message",
    "beta_tool": ".tools.functions",
    "beta_async_tool": ".tools.functions",
    "RequestOptions": "._types",
    "file_from_path": "._files",
    "BaseModel": ".types._base",
    "Timeout": "httpx",
    # the names the official package re-exports from ``lib.streaming``
    **dict.fromkeys(
        (
            "TextEvent", "InputJsonEvent", "MessageStreamEvent", "ContentBlockStopEvent", "MessageStopEvent",
            "ParsedContentBlockStopEvent", "ParsedMessageStopEvent", "ParsedMessageStreamEvent", "BetaMessageStream",
            "BetaAsyncMessageStream", "BetaMessageStreamManager", "BetaAsyncMessageStreamManager", "BetaTextEvent",
            "BetaInputJsonEvent", "BetaContentBlockStopEvent", "BetaMessageStopEvent", "BetaMessageStreamEvent",
            "ParsedBetaTextEvent", "ParsedBetaContentBlockStopEvent", "ParsedBetaMessageStopEvent",
            "ParsedBetaMessageStreamEvent",
        ),
        ".lib.streaming",
    ),
}  # fmt: skip
#: Official names claude-core keeps under another name: name -> (module, attribute).
_RENAMED: Dict[str, Tuple[str, str]] = {"Transport": ("httpx", "BaseTransport")}
#: Client classes of provider distributions: (module, distribution to install).
_PROVIDER_CLIENTS: Dict[str, Tuple[str, str]] = {
    "AnthropicBedrock": ("provider_bedrock", "claude-provider-bedrock"),
    "AsyncAnthropicBedrock": ("provider_bedrock", "claude-provider-bedrock"),
    "AnthropicVertex": ("provider_vertex", "claude-provider-vertex"),
    "AsyncAnthropicVertex": ("provider_vertex", "claude-provider-vertex"),
}
_SUBMODULES = (
    "types",
    "resources",
    "plugins",
    "providers",
    "pagination",
    "retries",
    "hookspecs",
    "streaming",
    "tools",
    "lib",
    "usage",
    "schema",
)

__all__ = [
    "__version__",
    "__title__",
    "NoneType",
    "HUMAN_PROMPT",
    "AI_PROMPT",
    "NOT_GIVEN",
    "not_given",
    "NotGiven",
    "Omit",
    "omit",
    "AnthropicError",
    "APIError",
    "APIStatusError",
    "APIConnectionError",
    "APITimeoutError",
    "APIResponseValidationError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "RequestTooLargeError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
    "ServiceUnavailableError",
    "DeadlineExceededError",
    "OverloadedError",
    "PluginError",
    "MissingCredentialsError",
    "UnsupportedEndpointError",
    *_LAZY,
    *_RENAMED,
]


def _needs(name: str, module_name: str, distribution: str) -> ImportError:
    # here: only this error needs it (a provider's folder in the repository is named as its module)
    from ._install import install_hint

    return ImportError(
        f"claude_core.{name} needs the {distribution} distribution: {install_hint(distribution, module_name)}",
        name=module_name,
    )


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module, __name__), name)
        globals()[name] = value
        return value
    renamed = _RENAMED.get(name)
    if renamed is not None:
        value = getattr(importlib.import_module(renamed[0]), renamed[1])
        globals()[name] = value
        return value
    provided = _PROVIDER_CLIENTS.get(name)
    if provided is not None:
        module_name, distribution = provided
        try:
            module_value = importlib.import_module(module_name)
        except ImportError as exc:
            if exc.name != module_name:
                raise
            raise _needs(name, module_name, distribution) from exc
        value = getattr(module_value, name, None)
        if value is None:  # a folder of that name on sys.path (a source checkout), not the distribution
            raise _needs(name, module_name, distribution)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'claude_core' has no attribute {name!r}")


def __dir__() -> List[str]:
    return sorted({*globals(), *_LAZY, *_RENAMED, *_SUBMODULES})


_install_official_paths()
