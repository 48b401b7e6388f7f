"""Default retry policy: the official SDK's rules (see :class:`~claude_core.retries.DefaultRetryPolicy`)."""

from __future__ import annotations

from .._options import ClientOptions
from ..hookspecs import hookimpl
from ..retries import DefaultRetryPolicy, RetryPolicy


@hookimpl(trylast=True)
def claude_retry_policy(options: ClientOptions) -> RetryPolicy:
    return DefaultRetryPolicy()
