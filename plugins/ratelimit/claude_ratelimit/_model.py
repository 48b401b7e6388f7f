"""The budget of one API key, free of I/O: token buckets rebuilt from the API's headers.

The state of a key is a flat mapping of floats, the same fields in process memory and in
a Redis hash (``_redis.py`` runs the Lua twin of each function here), per dimension ``d``
(``requests``, ``input_tokens``, ``output_tokens``):

* ``d:L`` the limit (absent: unknown), ``d:lvl`` the bucket's level at time ``d:t``,
  ``d:rate`` its refill in units per second (the limit per minute), ``d:T`` the reset
  (full) time the last header accepted for it named;
* ``d:inf`` what requests reserved and not yet answered (sent, or waiting their turn) hold;

and ``gate``, the time before which nothing may be sent (a 429's ``retry-after``), and
``open``, set when a request was answered without any rate-limit header while no limit is
known (a gateway that drops them): requests then go without waiting for a first answer.

The API refills its buckets continuously (a token bucket) at the limit per minute: a
header's ``remaining`` is the level when the server answered, ``reset`` the time the bucket
will be full again. Each consumption moves ``reset`` later and refilling never moves it, so
a header naming an earlier ``reset`` than one already accepted is older news and is ignored.
The level is taken to be ``remaining`` when the answer *arrives*, later than the server
counted it, so the budget never runs ahead of the server's.
"""

from __future__ import annotations

import datetime
import math
from typing import Dict, Mapping, MutableMapping, NamedTuple, Optional, Tuple

from claude_core.retries import retry_after_seconds

__all__ = [
    "DIMENSIONS",
    "Dimension",
    "Budget",
    "Needs",
    "Presets",
    "HeaderLimits",
    "read_headers",
    "retry_after",
    "reserve",
    "update",
    "adjust",
    "budget_of",
]

State = MutableMapping[str, float]
DIMENSIONS = ("requests", "input_tokens", "output_tokens")
#: What a request spends, in DIMENSIONS order.
Needs = Tuple[float, float, float]
#: Limits per minute known beforehand, in DIMENSIONS order (None: learn it from the headers).
Presets = Tuple[Optional[float], Optional[float], Optional[float]]
#: Per dimension: (limit, remaining, reset as epoch seconds), or None when the response had no such headers.
HeaderLimits = Tuple[Optional[Tuple[float, float, float]], ...]

_HEADER_NAMES = ("requests", "input-tokens", "output-tokens")
#: How far ahead, in seconds, a request may be given its turn.
HORIZON = 1.0
#: How often a request looks again while the first request to an unknown budget is under way.
PROBE_WAIT = 0.01
#: How much earlier than the last accepted one a header's reset may be and still be news (clock rounding).
RESET_TOLERANCE = 0.002
#: The API's rate-limit minute, in seconds (an emulator's time-compressed one is shorter).
MINUTE = 60.0


class Dimension(NamedTuple):
    """One dimension of the budget; all None while no header (or setting) told its limit."""

    limit: Optional[int]
    remaining: Optional[int]
    """What a request may take now: the bucket's level less what requests under way reserved."""
    reset: Optional[datetime.datetime]
    """When the bucket will be full again, if nothing more is spent (UTC)."""


class Budget(NamedTuple):
    """The budget of one API key: ``limiter.budget()``."""

    requests: Dimension
    input_tokens: Dimension
    output_tokens: Dimension


def read_headers(headers: Mapping[str, str]) -> HeaderLimits:
    """The ``anthropic-ratelimit-*`` limits of a response, per dimension.

    ``-tokens-*`` (the most restrictive token limit) stands in for the input and output
    dimensions when neither has headers of its own (as older API versions answered).
    """
    found = [_triple(headers, name) for name in _HEADER_NAMES]
    if found[1] is None and found[2] is None:
        found[1] = found[2] = _triple(headers, "tokens")
    return tuple(found)


def _triple(headers: Mapping[str, str], name: str) -> Optional[Tuple[float, float, float]]:
    prefix = f"anthropic-ratelimit-{name}-"
    limit = headers.get(prefix + "limit")
    remaining = headers.get(prefix + "remaining")
    reset = headers.get(prefix + "reset")
    if limit is None or remaining is None or reset is None:
        return None
    try:
        return float(limit), float(remaining), _epoch(reset)
    except ValueError:
        return None


def _epoch(text: str) -> float:
    """An RFC 3339 time (``2025-04-14T10:00:00.123456Z``) as epoch seconds."""
    text = text.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    if "." in text:  # Python 3.9's fromisoformat takes 3 or 6 fraction digits only
        head, _, tail = text.partition(".")
        digits = len(tail) - len(tail.lstrip("0123456789"))
        text = f"{head}.{tail[:digits][:6].ljust(6, '0')}{tail[digits:]}"
    moment = datetime.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.timestamp()


def retry_after(headers: Mapping[str, str]) -> Optional[float]:
    """The wait a response asks for, in seconds, read as the retry policy reads it; None unless
    it is a positive, finite wait."""
    seconds = retry_after_seconds(headers)
    return seconds if seconds is not None and math.isfinite(seconds) and seconds > 0 else None


def _level(state: Mapping[str, float], d: str, now: float) -> float:
    limit = state[d + ":L"]
    return min(limit, state.get(d + ":lvl", limit) + state.get(d + ":rate", 0.0) * (now - state.get(d + ":t", now)))


def reserve(
    state: State, now: float, needs: Needs, preset: Presets = (None, None, None), minute: float = MINUTE
) -> Tuple[bool, float]:
    """Reserve ``needs``: ``(True, wait)`` when taken, to be sent after ``wait`` seconds (its turn as
    the bucket refills), ``(False, wait)`` when nothing was taken: ask again after ``wait``.

    A request is given a turn at most :data:`HORIZON` seconds ahead, and only while what is
    reserved fits in a full bucket (the bucket stops refilling when full, so more could not be
    counted on); ``preset`` are limits known beforehand (per ``minute``) for dimensions no
    header told of yet, starting full.
    """
    _preset(state, now, preset, minute)
    gate = state.get("gate", 0.0)
    if now < gate:
        return False, gate - now
    known = [d for d in DIMENSIONS if d + ":L" in state]
    if not known and state.get("requests:inf", 0.0) > 0 and not state.get("open"):
        return False, PROBE_WAIT  # the first request is finding out the limits: one at a time until then
    wait = blocked = 0.0
    for d in known:
        limit, rate = state[d + ":L"], state[d + ":rate"]
        need = min(needs[DIMENSIONS.index(d)], limit)  # more than the limit: the whole bucket
        held = need + state.get(d + ":inf", 0.0)
        if held > limit:  # the bucket cannot hold them all: wait for answers to what is under way
            blocked = max(blocked, (held - limit) / rate)
        short = held - _level(state, d, now)
        if short > 0:
            wait = max(wait, short / rate)
    if blocked > 0:  # the answers may come (and correct what they hold) sooner: look again by the horizon
        return False, max(min(blocked, HORIZON), PROBE_WAIT)
    if wait > HORIZON:
        return False, max(wait - HORIZON, PROBE_WAIT)
    for d, need in zip(DIMENSIONS, needs):
        state[d + ":inf"] = state.get(d + ":inf", 0.0) + need
    return True, wait


def update(
    state: State,
    now: float,
    release: Needs,
    limits: HeaderLimits,
    charge: Needs,
    gate: float = 0.0,
    minute: float = MINUTE,
) -> None:
    """A response arrived: give back its reservation, read its headers, charge what no header counted;
    nothing may be sent before ``gate`` (a 429's ``retry-after``)."""
    if gate > state.get("gate", 0.0):
        state["gate"] = gate
    if charge[0] > 0 and all(found is None for found in limits) and not any(d + ":L" in state for d in DIMENSIONS):
        state["open"] = 1.0  # answered without any limits: nothing to wait for until headers come
    for d, back, found, spent in zip(DIMENSIONS, release, limits, charge):
        state[d + ":inf"] = max(0.0, state.get(d + ":inf", 0.0) - back)
        if found is not None:
            limit, remaining, reset = found
            last = state.get(d + ":T")
            if d + ":L" not in state or last is None or reset >= last - RESET_TOLERANCE:
                state[d + ":L"] = limit
                state[d + ":rate"] = limit / minute
                state[d + ":lvl"] = remaining
                state[d + ":t"] = now
                state[d + ":T"] = reset
        elif spent and d + ":L" in state:
            state[d + ":lvl"] = _level(state, d, now) - spent
            state[d + ":t"] = now


def adjust(state: State, now: float, deltas: Needs) -> None:
    """Put back what a request reserved beyond what it spent (negative: take what it spent beyond)."""
    for d, delta in zip(DIMENSIONS, deltas):
        if delta and d + ":L" in state:
            state[d + ":lvl"] = _level(state, d, now) + delta
            state[d + ":t"] = now
            rate = state.get(d + ":rate", 0.0)
            if d + ":T" in state and rate > 0:
                state[d + ":T"] -= delta / rate


def _preset(state: State, now: float, limits: Presets, minute: float) -> None:
    for d, limit in zip(DIMENSIONS, limits):
        if limit is not None and d + ":L" not in state:
            state[d + ":L"] = float(limit)
            state[d + ":lvl"] = float(limit)
            state[d + ":t"] = now
            state[d + ":rate"] = limit / minute


def budget_of(state: Mapping[str, float], now: float) -> Budget:
    dimensions = []
    for d in DIMENSIONS:
        if d + ":L" not in state:
            dimensions.append(Dimension(None, None, None))
            continue
        limit = state[d + ":L"]
        level = _level(state, d, now)
        rate = state.get(d + ":rate", 0.0)
        full = now + (limit - level) / rate if rate > 0 else now
        reset = datetime.datetime.fromtimestamp(full, datetime.timezone.utc)
        remaining = max(0, math.floor(level - state.get(d + ":inf", 0.0) + 1e-9))
        dimensions.append(Dimension(int(limit), remaining, reset))
    return Budget(*dimensions)


def as_floats(raw: Mapping[object, object]) -> Dict[str, float]:
    """A state read back from Redis (bytes or str keys and values) as floats."""
    return {(k.decode() if isinstance(k, bytes) else str(k)): float(v) for k, v in raw.items()}  # type: ignore[arg-type]
