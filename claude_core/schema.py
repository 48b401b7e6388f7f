"""``transform_schema``: a JSON schema rewritten into the subset structured outputs accept.

What the API cannot enforce is not dropped silently: it is written into the
``description`` (``{minimum: 1, maximum: 10}``), so the model may still follow it.
"""

from __future__ import annotations

import inspect
from typing import Any, Dict, List, Mapping, Type, Union

import pydantic

__all__ = ["transform_schema", "SUPPORTED_STRING_FORMATS"]

#: The string ``format`` values the API enforces; others go into the description.
SUPPORTED_STRING_FORMATS = frozenset(
    {"date-time", "time", "date", "duration", "email", "hostname", "uri", "ipv4", "ipv6", "uuid"}
)


def transform_schema(json_schema: Union[Type[pydantic.BaseModel], Mapping[str, Any]]) -> Dict[str, Any]:
    """The schema (or a pydantic model's schema) as structured outputs accept it.

    - a ``$ref`` stands alone; ``$defs`` are transformed one by one;
    - ``oneOf`` becomes ``anyOf``; a schema without ``type``, ``anyOf``, ``oneOf`` or ``allOf``
      is a ``ValueError``;
    - every object gets ``additionalProperties: false``;
    - a string keeps its ``format`` only if the API supports it, an array its ``minItems``
      only when 0 or 1;
    - every other keyword is appended to the description as ``{key: value, ...}``.

    >>> transform_schema({"type": "integer", "minimum": 1, "description": "A number"})
    {'type': 'integer', 'description': 'A number\\n\\n{minimum: 1}'}
    """
    if inspect.isclass(json_schema) and issubclass(json_schema, pydantic.BaseModel):
        json_schema = json_schema.model_json_schema()
    rest: Dict[str, Any] = dict(json_schema)
    out: Dict[str, Any] = {}
    if "$ref" in rest:
        return {"$ref": rest["$ref"]}
    defs = rest.pop("$defs", None)
    if defs is not None:
        out["$defs"] = {name: transform_schema(schema) for name, schema in defs.items()}
    kind = rest.pop("type", None)
    variants = {key: rest.pop(key, None) for key in ("anyOf", "oneOf", "allOf")}
    if isinstance(variants["anyOf"], list):
        out["anyOf"] = _each(variants["anyOf"])
    elif isinstance(variants["oneOf"], list):
        out["anyOf"] = _each(variants["oneOf"])
    elif isinstance(variants["allOf"], list):
        out["allOf"] = _each(variants["allOf"])
    elif kind is None:
        raise ValueError("a schema needs a 'type', 'anyOf', 'oneOf' or 'allOf' field")
    else:
        out["type"] = kind
    for key in ("description", "title"):
        value = rest.pop(key, None)
        if value is not None:
            out[key] = value
    if kind == "object":
        out["properties"] = {name: transform_schema(schema) for name, schema in rest.pop("properties", {}).items()}
        rest.pop("additionalProperties", None)
        out["additionalProperties"] = False
        required = rest.pop("required", None)
        if required is not None:
            out["required"] = required
    elif kind == "string":
        string_format = rest.pop("format", None)
        if string_format in SUPPORTED_STRING_FORMATS:
            out["format"] = string_format
        elif string_format:
            rest["format"] = string_format  # described, after the other keywords
    elif kind == "array":
        items = rest.pop("items", None)
        if items is not None:
            out["items"] = transform_schema(items)
        min_items = rest.pop("minItems", None)
        if min_items in (0, 1):
            out["minItems"] = min_items
        elif min_items is not None:
            rest["minItems"] = min_items  # described, after the other keywords
    if rest:
        extra = "{" + ", ".join(f"{key}: {value}" for key, value in rest.items()) + "}"
        description = out.get("description")
        out["description"] = extra if description is None else f"{description}\n\n{extra}"
    return out


def _each(schemas: List[Any]) -> List[Dict[str, Any]]:
    return [transform_schema(schema) for schema in schemas]
