"""claude-ratelimit's entry point (group ``claude_core.plugins``, name ``ratelimit``): a limiter from the environment.

``plugin`` is what claude_core registers for every client of the process:

* ``CLAUDE_RATELIMIT_REDIS_URL=redis://host:6379/0``: a :class:`~claude_ratelimit.RateLimiter`
  whose budgets live in that Redis, shared by every process using it;
* ``CLAUDE_RATELIMIT=1`` (without a URL): one whose budgets live in this process;
* ``CLAUDE_RATELIMIT_NAME``: the budget's name (default: a hash of the host and API key);
* ``CLAUDE_RATELIMIT_MINUTE``: the rate-limit minute in seconds (default 60; shorter for an
  emulator whose time is compressed);
* neither (or ``CLAUDE_RATELIMIT=0``): an object with no hooks at all, so an installed but
  unconfigured plugin costs the process's clients nothing, and redis is never imported.

The environment is read once, when claude_core loads its plugins (a process's first request).
"""

from __future__ import annotations

import os
from typing import Optional

__all__ = ["ENABLE_ENV", "REDIS_URL_ENV", "NAME_ENV", "MINUTE_ENV", "from_environment", "plugin"]

ENABLE_ENV = "CLAUDE_RATELIMIT"
REDIS_URL_ENV = "CLAUDE_RATELIMIT_REDIS_URL"
NAME_ENV = "CLAUDE_RATELIMIT_NAME"
MINUTE_ENV = "CLAUDE_RATELIMIT_MINUTE"
_OFF = ("0", "false", "no", "off")


class Inert:
    """The plugin when the environment configures no limiter: it implements no hook."""

    def __repr__(self) -> str:
        return f"claude_ratelimit: off (set {ENABLE_ENV}=1 or {REDIS_URL_ENV})"


def from_environment() -> object:
    """A :class:`~claude_ratelimit.RateLimiter` as the environment configures it, else :class:`Inert`."""
    enable = os.environ.get(ENABLE_ENV, "").strip().lower()
    url: Optional[str] = os.environ.get(REDIS_URL_ENV, "").strip() or None
    if enable in _OFF or (url is None and not enable):
        return Inert()
    from .limiter import RateLimiter  # only a configured limiter loads anything

    minute = os.environ.get(MINUTE_ENV, "").strip() or "60"
    try:
        seconds = float(minute)
    except ValueError:
        raise ValueError(f"{MINUTE_ENV} should be a number of seconds (60 for the API), not {minute!r}") from None
    return RateLimiter(redis_url=url, name=os.environ.get(NAME_ENV, "").strip() or None, minute=seconds)


plugin = from_environment()
