"""Compatibility path of ``anthropic.types.shared``: the error bodies the API sends.

Its official submodules (``error_response``, ``not_found_error``, ...) import as well; see
``claude_core._compat.paths``.
"""

from ..error_bodies import (
    APIErrorObject,
    AuthenticationError,
    BillingError,
    ErrorObject,
    ErrorResponse,
    GatewayTimeoutError,
    InvalidRequestError,
    NotFoundError,
    OverloadedError,
    PermissionError,
    RateLimitError,
)

__all__ = [
    "APIErrorObject",
    "AuthenticationError",
    "BillingError",
    "ErrorObject",
    "ErrorResponse",
    "GatewayTimeoutError",
    "InvalidRequestError",
    "NotFoundError",
    "OverloadedError",
    "PermissionError",
    "RateLimitError",
]
