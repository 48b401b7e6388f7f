"""Every response model claude-core exports under an official name lists its fields in the official
model's order, so ``model_dump()`` and ``to_json()`` write keys in the same order (cassettes match
bodies byte for byte).

``official_fields.json`` holds the official SDK 0.79.0's field order (recorded once by
``record_official_fields.py``, since CI does not install it). A beta and a non-beta name share a
class whose fields are those of both: the fields the official model of that kind lacks
(``_lacks`` / ``_beta_lacks`` of a :class:`~claude_core.types._base.TwinModel`) are dumped only when
the API sent them, and the others must be the official's, in its order.
"""

from __future__ import annotations

import importlib
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, List, Set, Tuple

import pydantic
import pytest

from claude_core.types._base import TwinModel
from claude_core.types._construct import construct

HERE = Path(__file__).parent
OFFICIAL: Dict[str, Any] = json.loads((HERE / "official_fields.json").read_text(encoding="utf-8"))
MISSING: Set[Tuple[str, str]] = {
    (row[0], row[1])
    for row in (line.split() for line in (HERE / "official_names_missing.txt").read_text(encoding="utf-8").splitlines())
    if len(row) == 2 and not row[0].startswith("#")
}
CASES = sorted(
    (module, name)
    for module, models in OFFICIAL.items()
    if module != "anthropic_version"
    for name in models
    if (module, name) not in MISSING
)


def _ours(module: str, name: str) -> Any:
    return getattr(importlib.import_module("claude_core" + module[len("anthropic") :]), name)


def _is_beta(module: str, name: str) -> bool:
    return ".beta" in module or name.startswith(("Beta", "ParsedBeta"))


def _fields_as_dumped(cls: Any, beta: bool) -> List[str]:
    """``cls``'s fields that an object of the official kind dumps when the API did not send them."""
    lacks = (cls._beta_lacks if beta else cls._lacks) if issubclass(cls, TwinModel) else frozenset()
    return [name for name in cls.model_fields if name not in lacks]


def test_the_fixture_covers_the_official_modules() -> None:
    assert OFFICIAL["anthropic_version"] == "0.79.0"
    modules = {module for module, _ in CASES}
    assert {"anthropic.types", "anthropic.types.beta", "anthropic.types.messages"} <= modules
    assert {"anthropic.types.beta.messages", "anthropic.types.shared"} <= modules
    assert len(CASES) > 150


@pytest.mark.parametrize(("module", "name"), CASES)
def test_fields_are_in_the_official_order(module: str, name: str) -> None:
    cls = _ours(module, name)
    assert isinstance(cls, type) and issubclass(cls, pydantic.BaseModel), f"{module}.{name} is not a model"
    assert _fields_as_dumped(cls, _is_beta(module, name)) == OFFICIAL[module][name]


@pytest.mark.parametrize(
    ("module", "name", "body"),
    [
        (
            "anthropic.types",
            "ModelInfo",
            {"type": "model", "display_name": "Claude", "created_at": "2025-02-19T00:00:00Z", "id": "claude-x"},
        ),
        (
            "anthropic.types.beta",
            "FileMetadata",
            {
                "type": "file",
                "size_bytes": 3,
                "mime_type": "text/plain",
                "filename": "a.txt",
                "created_at": "2025-02-19T00:00:00Z",
                "id": "file_1",
            },
        ),
        (
            "anthropic.types.messages",
            "MessageBatchRequestCounts",
            {"succeeded": 1, "processing": 0, "expired": 0, "errored": 2, "canceled": 0},
        ),
    ],
)
def test_dumps_write_keys_in_the_official_order_whatever_order_they_came_in(
    module: str, name: str, body: Dict[str, Any]
) -> None:
    official = OFFICIAL[module][name]
    for beta in (False, True):
        built = construct(_ours(module, name), body, beta=beta)
        assert list(built.model_dump()) == official
        assert list(json.loads(built.to_json())) == [field for field in official if field in body]


def test_model_info_fields_the_official_lacks_are_dumped_only_when_sent() -> None:
    from claude_core.types import ModelInfo

    body = {"id": "claude-x", "created_at": "2025-02-19T00:00:00Z", "display_name": "Claude", "type": "model"}
    info = construct(ModelInfo, body)
    assert info.model_dump() == {**body, "created_at": datetime(2025, 2, 19, tzinfo=timezone.utc)}
    assert info.max_tokens is None
    sent = construct(ModelInfo, {**body, "max_tokens": 64000})
    assert sent.model_dump(mode="json")["max_tokens"] == 64000 and "capabilities" not in sent.model_dump()
