"""Message Batches: the batch object, its request counts, and the lines of its results file."""

from __future__ import annotations

from datetime import datetime
from typing import Iterable, Optional, Union

from pydantic import Field
from typing_extensions import Annotated, Literal, Required, TypedDict

from .._base import BaseModel
from ..error_bodies import ErrorObject, ErrorResponse
from ..message import Message
from ..request_params import MessageCreateParams

__all__ = [
    "MessageBatch",
    "MessageBatchRequestCounts",
    "DeletedMessageBatch",
    "MessageBatchIndividualResponse",
    "MessageBatchResult",
    "MessageBatchSucceededResult",
    "MessageBatchErroredResult",
    "MessageBatchCanceledResult",
    "MessageBatchExpiredResult",
    "ErrorObject",
    "ErrorResponse",
    "BatchCreateParams",
    "BatchListParams",
    "Request",
]


class MessageBatchRequestCounts(BaseModel):
    """How many of the batch's requests are in each state; they always add up to the batch's size."""

    canceled: int
    errored: int
    expired: int
    processing: int
    succeeded: int


class MessageBatch(BaseModel):
    """A batch of Messages requests, processed asynchronously."""

    id: str
    archived_at: Optional[datetime] = None
    cancel_initiated_at: Optional[datetime] = None
    created_at: datetime
    ended_at: Optional[datetime] = None
    expires_at: datetime
    """24 hours after creation: requests still processing then expire."""
    processing_status: Literal["in_progress", "canceling", "ended"]
    request_counts: MessageBatchRequestCounts
    results_url: Optional[str] = None
    """Where the results file is, once ``processing_status`` is ``"ended"``."""
    type: Literal["message_batch"]


class DeletedMessageBatch(BaseModel):
    id: str
    type: Literal["message_batch_deleted"]


class MessageBatchSucceededResult(BaseModel):
    message: Message
    type: Literal["succeeded"]


class MessageBatchErroredResult(BaseModel):
    error: ErrorResponse
    type: Literal["errored"]


class MessageBatchCanceledResult(BaseModel):
    type: Literal["canceled"]


class MessageBatchExpiredResult(BaseModel):
    type: Literal["expired"]


MessageBatchResult = Annotated[
    Union[
        MessageBatchSucceededResult, MessageBatchErroredResult, MessageBatchCanceledResult, MessageBatchExpiredResult
    ],
    Field(discriminator="type"),
]


class MessageBatchIndividualResponse(BaseModel):
    """One line of a batch's results file: which request (``custom_id``) and what became of it."""

    custom_id: str
    result: MessageBatchResult


class Request(TypedDict, total=False):
    """One request of ``batches.create(requests=[...])``."""

    custom_id: Required[str]
    """Unique within the batch: results name their request by it (they come in any order)."""
    params: Required[MessageCreateParams]
    """The parameters of ``messages.create`` (without ``stream``)."""


class BatchCreateParams(TypedDict, total=False):
    requests: Required[Iterable[Request]]


class BatchListParams(TypedDict, total=False):
    after_id: str
    before_id: str
    limit: int
