"""Types of ``client.beta.messages.batches`` at the official SDK's beta paths: the same classes
as :mod:`claude_core.types.messages` (``BetaMessageBatch is MessageBatch``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, List

from ..._compat.paths import fallback_getattr
from ..messages import BatchCreateParams, BatchListParams
from ..messages import DeletedMessageBatch as BetaDeletedMessageBatch
from ..messages import MessageBatch as BetaMessageBatch
from ..messages import MessageBatchCanceledResult as BetaMessageBatchCanceledResult
from ..messages import MessageBatchErroredResult as BetaMessageBatchErroredResult
from ..messages import MessageBatchExpiredResult as BetaMessageBatchExpiredResult
from ..messages import MessageBatchIndividualResponse as BetaMessageBatchIndividualResponse
from ..messages import MessageBatchRequestCounts as BetaMessageBatchRequestCounts
from ..messages import MessageBatchResult as BetaMessageBatchResult
from ..messages import MessageBatchSucceededResult as BetaMessageBatchSucceededResult

#: A package to the import system, so the official submodule paths
#: (``anthropic.types.beta.messages.batch_create_params``, ...) import under it; see ``claude_core._compat.paths``.
__path__: List[str] = []

__all__ = [
    "BatchCreateParams",
    "BatchListParams",
    "BetaDeletedMessageBatch",
    "BetaMessageBatch",
    "BetaMessageBatchCanceledResult",
    "BetaMessageBatchErroredResult",
    "BetaMessageBatchExpiredResult",
    "BetaMessageBatchIndividualResponse",
    "BetaMessageBatchRequestCounts",
    "BetaMessageBatchResult",
    "BetaMessageBatchSucceededResult",
]


if not TYPE_CHECKING:
    __getattr__ = fallback_getattr(__name__)  # the official submodules, as attributes
