"""The error bodies the API sends (``{"type": "error", "error": {"type": ..., "message": ...}}``),
as models: what an errored batch request's result holds, at the official paths
``anthropic.types.shared.*`` and ``anthropic.types.Beta*Error`` (the same classes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Union

from typing_extensions import Literal

from ._base import BaseModel
from ._discriminator import open_union

__all__ = [
    "InvalidRequestError",
    "AuthenticationError",
    "BillingError",
    "PermissionError",
    "NotFoundError",
    "RateLimitError",
    "GatewayTimeoutError",
    "APIErrorObject",
    "OverloadedError",
    "UnknownErrorObject",
    "ErrorObject",
    "ErrorResponse",
]


class InvalidRequestError(BaseModel):
    message: str
    type: Literal["invalid_request_error"]


class AuthenticationError(BaseModel):
    message: str
    type: Literal["authentication_error"]


class BillingError(BaseModel):
    message: str
    type: Literal["billing_error"]


class PermissionError(BaseModel):
    message: str
    type: Literal["permission_error"]


class NotFoundError(BaseModel):
    message: str
    type: Literal["not_found_error"]


class RateLimitError(BaseModel):
    message: str
    type: Literal["rate_limit_error"]


class GatewayTimeoutError(BaseModel):
    message: str
    type: Literal["timeout_error"]


class APIErrorObject(BaseModel):
    message: str
    type: Literal["api_error"]


class OverloadedError(BaseModel):
    message: str
    type: Literal["overloaded_error"]


class UnknownErrorObject(BaseModel):
    """An error of a ``type`` this version does not know; every field is kept as sent."""

    message: str = ""
    type: str


ErrorObject = Union[
    InvalidRequestError,
    AuthenticationError,
    BillingError,
    PermissionError,
    NotFoundError,
    RateLimitError,
    GatewayTimeoutError,
    APIErrorObject,
    OverloadedError,
]
"""The ``error`` of an error body, narrowed by ``type``; at runtime an unknown ``type`` validates as
:class:`UnknownErrorObject`."""
if not TYPE_CHECKING:
    ErrorObject = open_union(ErrorObject, UnknownErrorObject)


class ErrorResponse(BaseModel):
    """An error body: ``error`` says what went wrong, ``request_id`` which request it was."""

    error: ErrorObject
    request_id: Optional[str] = None
    type: Literal["error"]
