"""Types of the Message Batches API (``client.messages.batches``), at the official SDK's paths."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..._compat.paths import fallback_getattr
from .batches import (
    BatchCreateParams,
    BatchListParams,
    DeletedMessageBatch,
    ErrorObject,
    ErrorResponse,
    MessageBatch,
    MessageBatchCanceledResult,
    MessageBatchErroredResult,
    MessageBatchExpiredResult,
    MessageBatchIndividualResponse,
    MessageBatchRequestCounts,
    MessageBatchResult,
    MessageBatchSucceededResult,
)

__all__ = [
    "BatchCreateParams",
    "BatchListParams",
    "DeletedMessageBatch",
    "ErrorObject",
    "ErrorResponse",
    "MessageBatch",
    "MessageBatchCanceledResult",
    "MessageBatchErroredResult",
    "MessageBatchExpiredResult",
    "MessageBatchIndividualResponse",
    "MessageBatchRequestCounts",
    "MessageBatchResult",
    "MessageBatchSucceededResult",
]


if not TYPE_CHECKING:
    __getattr__ = fallback_getattr(__name__)  # the official submodules, as attributes
