"""The emulator's structured-output replies: a value the schema accepts, the same every time."""

from __future__ import annotations

import datetime
import json
import uuid
from typing import Any, Dict, List, Optional, Union

import pydantic
from claude_emulator._content import schema_value
from typing_extensions import Literal

from claude_core import transform_schema
from tests.conftest import MODEL, USER, Api


class Node(pydantic.BaseModel):
    label: str
    children: List["Node"] = []


class Shapes(pydantic.BaseModel):
    when: datetime.datetime
    day: datetime.date
    ident: uuid.UUID
    email: str = pydantic.Field(json_schema_extra={"format": "email"})
    count: int = pydantic.Field(ge=5, le=9)
    ratio: float = pydantic.Field(gt=2)
    below: int = pydantic.Field(lt=-3)
    flag: bool
    tags: Dict[str, int]
    mode: Literal["fast"]
    level: Literal[3, 4]
    either: Union[int, str]
    maybe: Optional[Node]
    tree: Node


def test_generated_values_validate_for_transformed_and_raw_schemas() -> None:
    raw = pydantic.TypeAdapter(Shapes).json_schema()
    for schema in (raw, transform_schema(raw)):
        value = schema_value(schema)
        assert value == schema_value(json.loads(json.dumps(schema)))  # deterministic
        shapes = Shapes.model_validate(value)
        assert shapes.count == 5 and shapes.ratio == 3.0 and shapes.below == -4
        assert shapes.mode == "fast" and shapes.level == 3 and shapes.either == 1
        assert shapes.maybe is not None and shapes.tree.children[0].label == "label value"


class Forest(pydantic.BaseModel):
    root: Node


def test_recursion_stops() -> None:
    # (a recursive model at the top level is a bare "$ref" once transformed, its "$defs" dropped,
    # as the official transform_schema does: wrap it)
    value = schema_value(transform_schema(pydantic.TypeAdapter(Forest).json_schema()))["root"]
    depth = 0
    while value["children"]:
        value, depth = value["children"][0], depth + 1
    assert 1 <= depth <= 4


def test_a_top_level_anyof_takes_the_first_option() -> None:
    assert schema_value({"anyOf": [{"type": "integer"}, {"type": "string"}]}) == 1
    assert schema_value({"type": ["null", "boolean"]}) is True
    assert schema_value({"enum": ["x", "y"]}) == "x"
    assert schema_value({"type": "string", "description": "A colour\n\n{enum: ['red', 'blue']}"}) == "red"


def test_streamed_and_plain_replies_carry_the_same_json(api: Api) -> None:
    schema = transform_schema(pydantic.TypeAdapter(Shapes).json_schema())
    output_config: Any = {"format": {"type": "json_schema", "schema": schema}}
    message = api(lambda c: c.messages.create(model=MODEL, max_tokens=4096, messages=USER, output_config=output_config))
    assert message.stop_reason == "end_turn"
    Shapes.model_validate_json(message.content[0].text)

    def streamed(client: Any) -> Any:
        if api.is_async:

            async def run() -> str:
                async with client.messages.stream(
                    model=MODEL, max_tokens=4096, messages=USER, output_config=output_config
                ) as stream:
                    return await stream.get_final_text()  # type: ignore[no-any-return]

            return run()
        with client.messages.stream(model=MODEL, max_tokens=4096, messages=USER, output_config=output_config) as stream:
            return stream.get_final_text()

    assert api(streamed) == message.content[0].text


def test_a_malformed_output_config_is_a_400(api: Api) -> None:
    import claude_core

    bad_configs: List[Any] = [
        ({"format": {"type": "json", "schema": {}}}, "output_config.format.type: Input should be 'json_schema'"),
        ({"format": {"type": "json_schema"}}, "output_config.format.schema: Field required"),
        ("high", "output_config: Input should be a valid dictionary"),
    ]
    for output_config, message in bad_configs:
        try:
            api(
                lambda c, oc=output_config: c.messages.create(
                    model=MODEL, max_tokens=8, messages=USER, output_config=oc
                )
            )
        except claude_core.BadRequestError as error:
            assert message in str(error)
        else:
            raise AssertionError("no error")
