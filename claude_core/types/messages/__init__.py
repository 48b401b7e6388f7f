"""Types of the Message Batches API (``client.messages.batches``), at the official SDK's paths."""

from __future__ import annotations

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
