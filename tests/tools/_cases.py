"""Functions whose schemas are pinned in test_functions.py (generated with the official decorator).

Plain Python only (no claude_core import), so the same file runs under the official SDK to
regenerate the expected schemas: ``python tests/tools/_cases.py`` prints them as JSON.
"""

from __future__ import annotations

import dataclasses
import enum
import sys
from typing import Any, Dict, List, Literal, Optional, Union

import pydantic
from typing_extensions import TypedDict


class Unit(str, enum.Enum):
    CELSIUS = "celsius"
    FAHRENHEIT = "fahrenheit"


class Address(TypedDict):
    street: str
    zip_code: int


@dataclasses.dataclass
class Point:
    x: float
    y: float = 0.0


class Filter(pydantic.BaseModel):
    field: str
    values: List[str] = []


def get_weather(location: str, unit: str = "celsius") -> str:
    """Get the current weather in a given location.

    Args:
        location: The city and state, e.g. San Francisco, CA.
        unit: The temperature unit.
    """
    return f"{location}: 20 {unit}"


def scalars(text: str, count: int, ratio: float, flag: bool) -> str:
    """Every scalar type."""
    return f"{text}{count}{ratio}{flag}"


def optionals(name: Optional[str] = None, limit: Optional[int] = 10, tag: Union[int, str] = 1) -> str:
    """Optional and union parameters.

    Extra detail that goes into the long description,
    over two lines.

    Args:
        name: Who to look for.
        limit: How many at most.
    """
    return f"{name}{limit}{tag}"


def literal_enum(mode: Literal["fast", "slow"], unit: Unit = Unit.CELSIUS) -> str:
    """Literal and Enum parameters.

    Args:
        mode: How fast.
        unit (Unit): The unit.
    """
    return f"{mode}{unit.value}"


def containers(tags: List[str], scores: Dict[str, float], matrix: List[List[int]], extra: Any = None) -> str:
    """Lists and dicts."""
    return f"{tags}{scores}{matrix}{extra}"


def typed_dict(address: Address) -> str:
    """A TypedDict parameter.

    Args:
        address: Where to deliver.
    """
    return str(address)


def dataclass_param(point: Point, points: Optional[List[Point]] = None) -> str:
    """A dataclass parameter."""
    return str(point)


def model_param(filter: Filter, filters: List[Filter]) -> str:
    """A pydantic model parameter.

    Args:
        filter: The main filter.
        filters: More filters.
    """
    return str(filter)


def numpy_style(query: str, top_k: int = 5) -> str:
    """Search the index.

    Parameters
    ----------
    query : str
        What to search for.
    top_k : int
        How many hits.
    """
    return f"{query}{top_k}"


def rest_style(query: str, top_k: int = 5) -> str:
    """Search the index.

    :param query: What to search for.
    :param top_k: How many hits.
    """
    return f"{query}{top_k}"


def no_docstring(a: int, b: int = 2) -> int:
    return a + b


def no_params() -> str:
    """Say hello."""
    return "hello"


CASES = [
    get_weather,
    scalars,
    optionals,
    literal_enum,
    containers,
    typed_dict,
    dataclass_param,
    model_param,
    numpy_style,
    rest_style,
    no_docstring,
    no_params,
]

if __name__ == "__main__":  # run with the official SDK's python to regenerate the pinned schemas
    import json

    from anthropic import beta_tool

    sys.stdout.write(json.dumps({f.__name__: beta_tool(f).to_dict() for f in CASES}, indent=1) + "\n")
