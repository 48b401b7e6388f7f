"""The budgets of a fleet, in Redis: each operation is one atomic Lua script call.

The script is the twin of :mod:`claude_ratelimit._model` (same fields, same rules): a key's
state is one Redis hash, read, changed and written back inside the script, so concurrent
processes never interleave. The script is sent once per connection pool and then called
by its SHA (``EVALSHA``; redis-py loads it again after a server restart flushed it).
Imported only when a limiter is configured with a Redis URL.
"""

from __future__ import annotations

import asyncio
import weakref
from typing import Any, Dict, List, Optional, Tuple, Union

import redis
import redis.asyncio
from redis.asyncio.retry import Retry as AsyncRetry
from redis.backoff import NoBackoff
from redis.retry import Retry

from ._model import HeaderLimits, Needs, Presets, as_floats

__all__ = ["RedisStore"]

#: Connections per pool (one pool per process, and one per event loop), and the seconds a call
#: waits for a free one.
POOL_SIZE = 16
POOL_WAIT = 10.0

# The twin of _model.py: keep the two in step (tests/test_model.py runs both on the same cases).
SCRIPT = """
local DIMS = {"requests", "input_tokens", "output_tokens"}
local HORIZON, PROBE_WAIT, RESET_TOLERANCE = 1.0, 0.01, 0.002
local key, op, ttl, now, minute = KEYS[1], ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])

local s = {}
local raw = redis.call("HGETALL", key)
for i = 1, #raw, 2 do s[raw[i]] = tonumber(raw[i + 1]) end

local function get(field, default)
  local v = s[field]
  if v == nil then return default end
  return v
end

local function level(d)
  local limit = s[d .. ":L"]
  return math.min(limit, get(d .. ":lvl", limit) + get(d .. ":rate", 0) * (now - get(d .. ":t", now)))
end

local function save()
  local flat = {}
  for k, v in pairs(s) do
    flat[#flat + 1] = k
    flat[#flat + 1] = string.format("%.17g", v)
  end
  if #flat > 0 then redis.call("HSET", key, unpack(flat)) end
  redis.call("PEXPIRE", key, ttl)
end

local result = "0"
-- ARGV[5..7]: needs (reserve) or release (update) or deltas (adjust), per dimension
if op == "reserve" then
  for i, d in ipairs(DIMS) do
    local limit = tonumber(ARGV[7 + i])
    if limit >= 0 and s[d .. ":L"] == nil then
      s[d .. ":L"] = limit
      s[d .. ":lvl"] = limit
      s[d .. ":t"] = now
      s[d .. ":rate"] = limit / minute
    end
  end
  local gate = get("gate", 0)
  local known = false
  for _, d in ipairs(DIMS) do
    if s[d .. ":L"] ~= nil then known = true end
  end
  local granted, wait = 0, 0
  if now < gate then
    wait = gate - now
  elseif not known and get("requests:inf", 0) > 0 and get("open", 0) == 0 then
    wait = PROBE_WAIT
  else
    local blocked = 0
    for i, d in ipairs(DIMS) do
      local limit = s[d .. ":L"]
      if limit ~= nil then
        local rate = s[d .. ":rate"]
        local held = math.min(tonumber(ARGV[4 + i]), limit) + get(d .. ":inf", 0)
        if held > limit then blocked = math.max(blocked, (held - limit) / rate) end
        local short = held - level(d)
        if short > 0 then wait = math.max(wait, short / rate) end
      end
    end
    if blocked > 0 then
      wait = math.max(math.min(blocked, HORIZON), PROBE_WAIT)
    elseif wait > HORIZON then
      wait = math.max(wait - HORIZON, PROBE_WAIT)
    else
      granted = 1
      for i, d in ipairs(DIMS) do
        s[d .. ":inf"] = get(d .. ":inf", 0) + tonumber(ARGV[4 + i])
      end
    end
  end
  result = granted .. " " .. string.format("%.17g", wait)
elseif op == "update" then
  -- ARGV[8..19]: per dimension (has headers, limit, remaining, reset); ARGV[20..22]: charge; ARGV[23]: gate
  local gate = tonumber(ARGV[23])
  if gate > get("gate", 0) then s["gate"] = gate end
  if tonumber(ARGV[20]) > 0 and ARGV[8] == "0" and ARGV[12] == "0" and ARGV[16] == "0" then
    local known = false
    for _, d in ipairs(DIMS) do
      if s[d .. ":L"] ~= nil then known = true end
    end
    if not known then s["open"] = 1 end
  end
  for i, d in ipairs(DIMS) do
    s[d .. ":inf"] = math.max(0, get(d .. ":inf", 0) - tonumber(ARGV[4 + i]))
    local base = 8 + (i - 1) * 4
    local spent = tonumber(ARGV[19 + i])
    if ARGV[base] == "1" then
      local limit, remaining, reset = tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2]), tonumber(ARGV[base + 3])
      local last = s[d .. ":T"]
      if s[d .. ":L"] == nil or last == nil or reset >= last - RESET_TOLERANCE then
        s[d .. ":L"] = limit
        s[d .. ":rate"] = limit / minute
        s[d .. ":lvl"] = remaining
        s[d .. ":t"] = now
        s[d .. ":T"] = reset
      end
    elseif spent ~= 0 and s[d .. ":L"] ~= nil then
      s[d .. ":lvl"] = level(d) - spent
      s[d .. ":t"] = now
    end
  end
elseif op == "adjust" then
  for i, d in ipairs(DIMS) do
    local delta = tonumber(ARGV[4 + i])
    if delta ~= 0 and s[d .. ":L"] ~= nil then
      s[d .. ":lvl"] = level(d) + delta
      s[d .. ":t"] = now
      local rate = get(d .. ":rate", 0)
      if s[d .. ":T"] ~= nil and rate > 0 then s[d .. ":T"] = s[d .. ":T"] - delta / rate end
    end
  end
end
save()
return result
"""


def _reserve_args(ttl_ms: int, now: float, minute: float, needs: Needs, preset: Presets) -> List[Any]:
    presets = ("-1" if limit is None else repr(limit) for limit in preset)
    return ["reserve", ttl_ms, repr(now), repr(minute), *map(repr, needs), *presets]


def _granted(answer: Union[bytes, str]) -> Tuple[bool, float]:
    granted, wait = (answer.decode() if isinstance(answer, bytes) else answer).split()
    return granted == "1", float(wait)


def _update_args(
    ttl_ms: int, now: float, minute: float, release: Needs, limits: HeaderLimits, charge: Needs, gate: float
) -> List[Any]:
    args: List[Any] = ["update", ttl_ms, repr(now), repr(minute), *map(repr, release)]
    for found in limits:
        args.extend(["0", "0", "0", "0"] if found is None else ["1", *map(repr, found)])
    args.extend(map(repr, charge))
    args.append(repr(gate))
    return args


class RedisStore:
    """The budgets in the Redis server at ``url``, for sync callers and for each event loop's."""

    def __init__(self, url: str, *, prefix: str, ttl: float, timeout: float) -> None:
        self.url = url
        self.prefix = prefix
        self._ttl_ms = max(1, int(ttl * 1000))
        # A bounded pool that makes a request wait for a free connection (a burst of tasks would
        # otherwise open a connection each, or fail with "Too many connections").
        self._options: Dict[str, Any] = {
            "socket_timeout": timeout,
            "socket_connect_timeout": timeout,
            "max_connections": POOL_SIZE,
            "timeout": POOL_WAIT,
        }
        self._sync: Optional[redis.Redis] = None
        self._sync_script: Any = None
        # redis.asyncio connections belong to the loop that opened them: one client per loop
        self._async: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Any]" = weakref.WeakKeyDictionary()

    def _key(self, key: str) -> str:
        return self.prefix + key

    # -- sync -----------------------------------------------------------------------------

    def _client(self) -> redis.Redis:
        if self._sync is None:
            # one immediate retry (a pooled connection the server closed on restart), no backoff:
            # an unreachable server must cost a request a timeout, not seconds of retries
            pool = redis.BlockingConnectionPool.from_url(self.url, retry=Retry(NoBackoff(), 1), **self._options)
            self._sync = redis.Redis(connection_pool=pool)
            self._sync_script = self._sync.register_script(SCRIPT)
        return self._sync

    def _call(self, key: str, args: List[Any]) -> Union[bytes, str]:
        self._client()
        return self._sync_script(keys=[self._key(key)], args=args)  # type: ignore[no-any-return]

    def reserve(self, key: str, now: float, needs: Needs, preset: Presets, minute: float) -> Tuple[bool, float]:
        return _granted(self._call(key, _reserve_args(self._ttl_ms, now, minute, needs, preset)))

    def update(
        self, key: str, now: float, release: Needs, limits: HeaderLimits, charge: Needs, gate: float, minute: float
    ) -> None:
        self._call(key, _update_args(self._ttl_ms, now, minute, release, limits, charge, gate))

    def adjust(self, key: str, now: float, deltas: Needs) -> None:
        self._call(key, ["adjust", self._ttl_ms, repr(now), "0", *map(repr, deltas)])

    def state(self, key: str) -> Dict[str, float]:
        return as_floats(self._client().hgetall(self._key(key)))  # type: ignore[arg-type]

    # -- async ----------------------------------------------------------------------------

    async def _acall(self, key: str, args: List[Any]) -> Union[bytes, str]:
        loop = asyncio.get_running_loop()
        script = self._async.get(loop)
        if script is None:
            pool = redis.asyncio.BlockingConnectionPool.from_url(
                self.url, retry=AsyncRetry(NoBackoff(), 1), **self._options
            )
            client = redis.asyncio.Redis(connection_pool=pool)
            script = self._async[loop] = client.register_script(SCRIPT)
        return await script(keys=[self._key(key)], args=args)  # type: ignore[no-any-return]

    async def areserve(self, key: str, now: float, needs: Needs, preset: Presets, minute: float) -> Tuple[bool, float]:
        return _granted(await self._acall(key, _reserve_args(self._ttl_ms, now, minute, needs, preset)))

    async def aupdate(
        self, key: str, now: float, release: Needs, limits: HeaderLimits, charge: Needs, gate: float, minute: float
    ) -> None:
        await self._acall(key, _update_args(self._ttl_ms, now, minute, release, limits, charge, gate))

    async def aadjust(self, key: str, now: float, deltas: Needs) -> None:
        await self._acall(key, ["adjust", self._ttl_ms, repr(now), "0", *map(repr, deltas)])

    def close(self) -> None:
        if self._sync is not None:
            self._sync.close()
            self._sync = None
