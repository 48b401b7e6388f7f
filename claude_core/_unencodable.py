"""Why a request body could not be encoded as JSON: where the value is, and what to pass instead.

Loaded only when encoding failed (:func:`claude_core.providers.body_bytes`): the body is
walked once to find the first value JSON cannot hold, and the error names its place
(``messages[0]['content']``) and the fix.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any, List, Mapping, Optional, Tuple

__all__ = ["unencodable_error"]

_SCALARS = (str, int, bool, type(None))
_KEYS = (str, int, float, bool, type(None))


def unencodable_error(body: Mapping[str, Any], cause: Exception) -> Exception:
    """A ``TypeError`` (``ValueError`` for NaN, infinity or a container holding itself) naming
    the first value in ``body`` that JSON cannot hold; ``cause`` itself when none is found."""
    found = _first_bad(body, "", [])
    if found is None:
        return cause
    where, value, problem = found
    if problem == "cycle":
        return ValueError(f"{where} contains itself, which JSON cannot hold: {cause}")
    if problem == "float":
        return ValueError(f"{where} is {value!r}, which JSON cannot hold: pass a finite number")
    if problem == "key":
        return TypeError(f"{where} has a key of type {type(value).__name__}: JSON keys are str")
    kind = type(value).__name__
    return TypeError(f"Object of type {kind} is not JSON serializable: {where} is a {kind}; {_fix(where, value)}")


def _fix(where: str, value: Any) -> str:
    if isinstance(value, (set, frozenset)):
        return "JSON has no sets: pass a list"
    if callable(getattr(value, "to_dict", None)) and hasattr(value, "input_schema"):
        name = getattr(value, "name", "tool")
        return (
            f"a @beta_tool function is not a tool definition: pass {name}.to_dict(), or let "
            f"client.beta.messages.tool_runner(tools=[{name}], ...) call it for you"
        )
    if isinstance(value, date) and not isinstance(value, datetime):
        return "pass a str, such as its isoformat()"
    if isinstance(value, (bytes, bytearray)):
        return "pass a str (binary data as base64 text)"
    return "pass a str, number, bool, None, list or dict"


def _first_bad(value: Any, where: str, path: List[int]) -> Optional[Tuple[str, Any, str]]:
    """``(place, value, problem)`` for the first value JSON cannot hold, depth first."""
    if isinstance(value, (*_SCALARS, datetime)) or hasattr(value, "model_dump"):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else (where, value, "float")
    if not isinstance(value, (dict, list, tuple)):
        return where, value, "type"
    if id(value) in path:
        return where, value, "cycle"
    path.append(id(value))
    try:
        if isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, _KEYS):
                    return where or "the body", key, "key"
                found = _first_bad(item, f"{where}[{key!r}]" if where else str(key), path)
                if found is not None:
                    return found
        else:
            for index, item in enumerate(value):
                found = _first_bad(item, f"{where}[{index}]", path)
                if found is not None:
                    return found
    finally:
        path.pop()
    return None
