"""Compatibility path of ``anthropic.types.shared``: the error bodies the API sends.

Its official submodules (``error_response``, ``not_found_error``, ...) import as well; see
``claude_core._compat.paths``.
"""

from typing import TYPE_CHECKING

from ..._compat.paths import fallback_getattr
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

if not TYPE_CHECKING:
    __getattr__ = fallback_getattr(__name__)  # the official submodules, as attributes
