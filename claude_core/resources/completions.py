"""``client.completions``: the legacy Text Completions API (``POST /v1/complete``).

Kept for code (and tracing instrumentations) that still call it; new code should use
``client.messages``. ``stream=True`` yields :class:`~claude_core.types.Completion` objects,
one per piece of text, the last with the ``stop_reason``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Tuple, Union, overload

import httpx
from typing_extensions import Literal, TypedDict, Unpack

from .._engine.parsing import parse_response
from .._options import CallOptions
from .._types import NotGiven, Omit, StreamOptions, omit
from ..providers import APIRequest
from ..types.completion import Completion
from ..types.completion_create_params import CompletionCreateParamsBase
from ._base import AsyncRequester, Requester, Resource, stream_result
from ._kwargs import CompletionCreateKwargs, CompletionStreamKwargs
from ._spec import STREAM_OPTION_KEYS, MethodSpec, options_of

if TYPE_CHECKING:
    from ..streaming.stream import AsyncStream, Stream

__all__ = ["Completions", "AsyncCompletions", "CompletionCreateKwargs"]


class _StreamFlag(TypedDict, total=False):
    stream: bool


_REQUIRED = ("max_tokens_to_sample", "model", "prompt")
CREATE = MethodSpec(
    "completions.create",
    _REQUIRED,
    [*(key for key in CompletionCreateParamsBase.__annotations__ if key not in (*_REQUIRED, "betas")), "stream"],
    local=(*((key, None) for key in STREAM_OPTION_KEYS), ("betas", omit)),
    annotations=(CompletionCreateParamsBase, StreamOptions, _StreamFlag),
)


def _create_call(stream: Any, params: Mapping[str, Any]) -> Tuple[APIRequest, CallOptions, StreamOptions]:
    if not isinstance(stream, (bool, Omit, NotGiven)):
        raise TypeError(f"completions.create() takes stream=True or stream=False, got stream={stream!r}")
    if isinstance(stream, bool):
        params = {**params, "stream": stream}
    stream_options: Dict[str, Any] = {k: params[k] for k in STREAM_OPTION_KEYS if params.get(k) is not None}
    if stream_options and stream is not True:
        raise TypeError(f"{', '.join(sorted(stream_options))} apply to streamed calls: pass stream=True")
    call = APIRequest("completions.create", "POST", "/v1/complete", body=CREATE.body(params))
    betas: List[str] = list(params.get("betas") or [])
    if betas:
        call.headers["anthropic-beta"] = ",".join(betas)
    return call, options_of(params), stream_options  # type: ignore[return-value]


def _parse(response: httpx.Response) -> Completion:
    return parse_response(response, Completion)


class Completions(Resource[Requester]):
    """The legacy Text Completions API."""

    @overload
    def create(self, *, stream: Literal[False] = False, **params: Unpack[CompletionCreateKwargs]) -> Completion: ...
    @overload
    def create(self, *, stream: Literal[True], **params: Unpack[CompletionStreamKwargs]) -> Stream[Completion]: ...
    @overload
    def create(
        self, *, stream: bool, **params: Unpack[CompletionStreamKwargs]
    ) -> Union[Completion, Stream[Completion]]: ...
    @CREATE.applies
    def create(self, *, stream: Any = omit, **params: Unpack[CompletionStreamKwargs]) -> Any:
        """Complete a ``"\\n\\nHuman: ...\\n\\nAssistant:"`` prompt, or with ``stream=True`` stream the completion."""
        client = self._client
        call, opts, stream_options = _create_call(stream, params)
        if stream is True:
            return stream_result(client._stream(call, opts, stream_options), self._mode)
        return client._request(call, opts, _parse, self._mode)


class AsyncCompletions(Resource[AsyncRequester]):
    """The legacy Text Completions API, awaited."""

    @overload
    async def create(
        self, *, stream: Literal[False] = False, **params: Unpack[CompletionCreateKwargs]
    ) -> Completion: ...
    @overload
    async def create(
        self, *, stream: Literal[True], **params: Unpack[CompletionStreamKwargs]
    ) -> AsyncStream[Completion]: ...
    @overload
    async def create(
        self, *, stream: bool, **params: Unpack[CompletionStreamKwargs]
    ) -> Union[Completion, AsyncStream[Completion]]: ...
    @CREATE.applies
    async def create(self, *, stream: Any = omit, **params: Unpack[CompletionStreamKwargs]) -> Any:
        """Complete a ``"\\n\\nHuman: ...\\n\\nAssistant:"`` prompt, or with ``stream=True`` stream the completion."""
        client = self._client
        call, opts, stream_options = _create_call(stream, params)
        if stream is True:
            return stream_result(await client._stream(call, opts, stream_options), self._mode)
        return await client._request(call, opts, _parse, self._mode)
