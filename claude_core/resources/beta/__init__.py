"""``client.beta``: the beta namespace."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from ..._compat.paths import fallback_getattr
from .._base import AsyncRequester, Requester, Resource
from ..models import AsyncModels, Models
from .messages import AsyncMessages as AsyncBetaMessages
from .messages import Messages as BetaMessages

if TYPE_CHECKING:
    from .files import AsyncFiles, Files

__all__ = ["Beta", "AsyncBeta", "BetaMessages", "AsyncBetaMessages", "BetaModels", "AsyncBetaModels"]


class BetaModels(Models):
    _beta = True


class AsyncBetaModels(AsyncModels):
    _beta = True


class Beta(Resource[Requester]):
    @cached_property
    def messages(self) -> BetaMessages:
        return BetaMessages(self._client, self._mode)

    @cached_property
    def models(self) -> BetaModels:
        return BetaModels(self._client, self._mode)

    @cached_property
    def files(self) -> Files:
        from .files import Files  # here: only client.beta.files needs it

        return Files(self._client, self._mode)


class AsyncBeta(Resource[AsyncRequester]):
    @cached_property
    def messages(self) -> AsyncBetaMessages:
        return AsyncBetaMessages(self._client, self._mode)

    @cached_property
    def models(self) -> AsyncBetaModels:
        return AsyncBetaModels(self._client, self._mode)

    @cached_property
    def files(self) -> AsyncFiles:
        from .files import AsyncFiles  # here: only client.beta.files needs it

        return AsyncFiles(self._client, self._mode)


if not TYPE_CHECKING:
    #: The official names of this path that live in other modules (see ``claude_core._compat.paths``).
    __getattr__ = fallback_getattr(__name__)
