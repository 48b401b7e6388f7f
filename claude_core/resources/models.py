"""``client.models``: list (auto-paginating) and retrieve."""

from __future__ import annotations

from typing import Any, Dict
from urllib.parse import quote

import httpx
from typing_extensions import Unpack

from .._engine.parsing import parse_response
from .._types import RequestOptions
from ..pagination import AsyncPaginator, SyncPage
from ..providers import APIRequest
from ..types import ModelInfo, ModelListParams
from ._base import AsyncRequester, Requester, Resource
from ._kwargs import ModelListKwargs
from ._lists import async_list, list_call, sync_list
from ._spec import MethodSpec

__all__ = ["Models", "AsyncModels", "ModelListKwargs"]


LIST = MethodSpec("models.list", (), ("after_id", "before_id", "limit"), annotations=(ModelListParams,))
RETRIEVE = MethodSpec("models.retrieve", (), (), positional=("model_id",))


def _list_call(query: Dict[str, Any], beta: bool) -> APIRequest:
    return list_call("models.list", "/v1/models", query, beta)


def _retrieve_call(model_id: str, beta: bool) -> APIRequest:
    if not isinstance(model_id, str) or not model_id:
        raise ValueError(f"models.retrieve() needs a non-empty model_id, got {model_id!r}")
    call = APIRequest("models.retrieve", "GET", f"/v1/models/{quote(model_id, safe='')}")
    if beta:
        call.query["beta"] = "true"
    return call


def _parse_model(response: httpx.Response) -> ModelInfo:
    return parse_response(response, ModelInfo)


class Models(Resource[Requester]):
    """The models the API serves."""

    _beta = False

    @LIST.applies
    def list(self, **params: Unpack[ModelListKwargs]) -> SyncPage[ModelInfo]:
        """The first page of models, newest first; iterate it to walk every page."""
        query, opts = LIST.split(params)
        return sync_list(self._client, self._mode, lambda q: _list_call(q, self._beta), query, opts, ModelInfo)

    @RETRIEVE.applies
    def retrieve(self, model_id: str, **options: Unpack[RequestOptions]) -> ModelInfo:
        """One model by id or alias."""
        _, opts = RETRIEVE.split(options)
        return self._client._request(_retrieve_call(model_id, self._beta), opts, _parse_model, self._mode)  # type: ignore[no-any-return]


class AsyncModels(Resource[AsyncRequester]):
    """The models the API serves, awaited."""

    _beta = False

    @LIST.applies
    def list(self, **params: Unpack[ModelListKwargs]) -> AsyncPaginator[ModelInfo]:
        """``await`` for the first page, or ``async for`` over every model."""
        query, opts = LIST.split(params)
        return async_list(self._client, self._mode, lambda q: _list_call(q, self._beta), query, opts, ModelInfo)

    @RETRIEVE.applies
    async def retrieve(self, model_id: str, **options: Unpack[RequestOptions]) -> ModelInfo:
        """One model by id or alias."""
        _, opts = RETRIEVE.split(options)
        return await self._client._request(_retrieve_call(model_id, self._beta), opts, _parse_model, self._mode)  # type: ignore[no-any-return]
