"""Record the field order of every response model of the official SDK 0.79.0.

Run once, with the official SDK installed (not part of the test suite)::

    /path/to/venv-with-anthropic-0.79/bin/python tests/compat/record_official_fields.py

It writes ``official_fields.json``: ``{module: {name: [field, ...]}}``, every pydantic model that
:data:`MODULES` export, and those only other ``anthropic.types`` modules of ``official_names.txt``
hold (``raw_message_delta_event.Delta``, ...), with its fields in declaration order, the order of
its dumps' keys. ``test_field_order.py`` checks claude-core's models against it, since CI does not
install the official SDK.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Dict, List, Set

import anthropic
import pydantic

HERE = Path(__file__).parent

#: The official modules that export response models by name.
MODULES = (
    "anthropic.types",
    "anthropic.types.beta",
    "anthropic.types.messages",
    "anthropic.types.beta.messages",
    "anthropic.types.shared",
)


def _is_model(value: object) -> bool:
    return isinstance(value, type) and issubclass(value, pydantic.BaseModel)


def main() -> None:
    recorded: Dict[str, Dict[str, List[str]]] = {}
    seen: Set[type] = set()
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name in sorted(dir(module)):
            value = getattr(module, name)
            if not name.startswith("_") and _is_model(value):
                recorded.setdefault(module_name, {})[name] = list(value.model_fields)
                seen.add(value)
    for line in (HERE / "official_names.txt").read_text().splitlines():
        if line.startswith("anthropic.types."):
            module_name, name = line.split()
            value = getattr(importlib.import_module(module_name), name)
            if _is_model(value) and value not in seen:
                recorded.setdefault(module_name, {})[name] = list(value.model_fields)
                seen.add(value)
    lines = [f'{{"anthropic_version": {json.dumps(anthropic.__version__)}']
    for module_name, models in recorded.items():
        lines.append(f",\n {json.dumps(module_name)}: {{")
        lines.append(",".join(f"\n  {json.dumps(name)}: {json.dumps(fields)}" for name, fields in models.items()))
        lines.append("\n }")
    lines.append("\n}\n")
    (HERE / "official_fields.json").write_text("".join(lines))


if __name__ == "__main__":
    main()
