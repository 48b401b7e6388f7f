"""The core's dataclasses (client options, retry decisions, observer records...) behave as
dataclasses do, and none has methods compiled at import (``claude_core._records``)."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import inspect
import pickle
import pkgutil
from typing import Any, Iterator, Optional, Tuple

import httpx
import pytest

import claude_core
from claude_core._options import ClientOptions
from claude_core._records import record
from claude_core.credentials import Expiring
from claude_core.providers import APIRequest
from claude_core.retries import Attempt, RetryDecision
from claude_core.streaming.context import StreamContext


def _core_dataclasses() -> Iterator[type]:
    for module_info in pkgutil.walk_packages(claude_core.__path__, "claude_core."):
        try:
            module = importlib.import_module(module_info.name)
        except ImportError:  # a module of an optional dependency that is not installed
            continue
        for value in vars(module).values():
            if inspect.isclass(value) and value.__module__ == module.__name__ and dataclasses.is_dataclass(value):
                yield value


def test_no_dataclass_of_the_core_compiles_its_methods() -> None:
    found = sorted({cls.__qualname__ for cls in _core_dataclasses()})
    assert {"ClientOptions", "Attempt", "RetryDecision", "CallInfo", "AttemptRecord", "CallResult"} <= set(found)
    compiled = [
        f"{cls.__module__}.{cls.__qualname__}.{name}"
        for cls in _core_dataclasses()
        for name in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__")
        if getattr(getattr(cls, name, None), "__code__", None) is not None
        and getattr(cls, name).__code__.co_filename == "<string>"
    ]
    assert not compiled, f"declare these with claude_core._records.record, not dataclasses.dataclass: {compiled}"


@dataclasses.dataclass(frozen=True)
class _Dataclass:
    name: str
    count: int = 0
    tags: Tuple[str, ...] = dataclasses.field(default_factory=tuple)
    note: Optional[str] = dataclasses.field(default=None, compare=False)
    secret: str = dataclasses.field(default="", repr=False)


@record
class _Record:
    name: str
    count: int = 0
    tags: Tuple[str, ...] = dataclasses.field(default_factory=tuple)
    note: Optional[str] = dataclasses.field(default=None, compare=False)
    secret: str = dataclasses.field(default="", repr=False)


@pytest.mark.parametrize(
    "args, kwargs",
    [
        (("a",), {}),
        (("a", 2), {"note": "n"}),
        ((), {"name": "b", "tags": ("x",), "secret": "s"}),
        (("a", 1, ("t",), "n", "s"), {}),
    ],
)
def test_a_record_is_what_the_same_dataclass_is(args: Tuple[Any, ...], kwargs: Any) -> None:
    made, expected = _Record(*args, **kwargs), _Dataclass(*args, **kwargs)
    assert repr(made) == repr(expected).replace("_Dataclass", "_Record")
    assert dataclasses.asdict(made) == dataclasses.asdict(expected)
    assert [f.name for f in dataclasses.fields(made)] == [f.name for f in dataclasses.fields(expected)]
    assert getattr(_Record, "__match_args__", None) == getattr(_Dataclass, "__match_args__", None)  # 3.10+
    assert hash(made) == hash(_Record(*args, **kwargs)) and made == _Record(*args, **kwargs)
    assert made == dataclasses.replace(made, note="other")  # note is not compared
    assert made != dataclasses.replace(made, count=99)
    assert made != expected  # another class: never equal, as between dataclasses
    assert copy.deepcopy(made) == made and pickle.loads(pickle.dumps(made)) == made


def test_a_record_refuses_what_a_dataclass_refuses() -> None:
    made = _Record("a")
    with pytest.raises(dataclasses.FrozenInstanceError, match="'name'"):
        made.name = "b"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del made.count  # type: ignore[misc]
    with pytest.raises(TypeError, match=r"_Record\(\) missing required argument: 'name'"):
        _Record()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        _Record("a", colour="red")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="multiple values for argument 'name'"):
        _Record("a", name="b")  # type: ignore[misc]
    with pytest.raises(TypeError, match="takes 5 arguments but 6 were given"):
        _Record("a", 1, (), None, "", "extra")  # type: ignore[call-arg]


def test_the_sdks_records() -> None:
    options = ClientOptions(api_key="sk-ant-secret", max_retries=5)
    assert "sk-ant-secret" not in repr(options)  # its own __repr__ is kept
    assert options.replace(max_retries=1).max_retries == 1 and options.max_retries == 5
    assert options == ClientOptions(api_key="sk-ant-secret", max_retries=5) != options.replace(base_url="x")
    assert ClientOptions().default_headers is not ClientOptions().default_headers  # a factory per instance
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.max_retries = 3  # type: ignore[misc]

    assert repr(RetryDecision(True, 0.5)) == "RetryDecision(retry=True, delay=0.5, provider=None)"
    assert repr(Expiring("sk-ant-key", 60)) == "Expiring(expires_in=60)"  # the key is not shown
    request = httpx.Request("POST", "https://api.anthropic.com/v1/messages")
    attempt = Attempt(request, 0, 2, error=OSError("down"))
    assert dataclasses.replace(attempt, retries_taken=1).request is request
    assert dataclasses.asdict(StreamContext("anthropic", None, "req_1")) == {
        "provider": "anthropic",
        "model": None,
        "request_id": "req_1",
    }

    api_request = APIRequest("messages.create", "POST", "/v1/messages", {"model": "m"})
    api_request.path = "/v1/messages?beta=true"  # mutable
    assert api_request.query == {} and api_request == api_request.copy()
    with pytest.raises(TypeError, match="unhashable"):
        hash(api_request)
