"""What the Bedrock and Vertex tests of tracers' patches share: patches installed as tracing
instrumentations install them (wrapt's ``wrap_function_wrapper`` on a module path and a
``Class.method``), each counting the calls it sees, and undone after the test.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from typing import Any, Dict, Iterator, List, Tuple

import pytest
import wrapt

import claude_core.alias

#: The core's modules whose classes the instrumentations patch, as paths under the package.
BETA_MESSAGES = "resources.beta.messages.messages"
PLAIN_MESSAGES = "resources.messages"
_MISSING = object()


class Spans:
    """wrapt patches that record a label per call they see (a tracer's span), undone by :meth:`undo`.

    ``package`` is the top-level name the patches are given by: ``claude_core``, or ``anthropic``
    through :mod:`claude_core.alias`.
    """

    def __init__(self, package: str) -> None:
        self.package = package
        self.seen: List[str] = []
        self._saved: List[Tuple[type, str, Any]] = []

    def patch(self, path: str, attribute: str, label: str) -> None:
        """Wrap ``attribute`` (``"Messages.create"``) of module ``package.path``, as an instrumentation does."""
        module = f"{self.package}.{path}"
        class_name, _, method = attribute.partition(".")
        cls = getattr(importlib.import_module(module), class_name)
        self._saved.append((cls, method, vars(cls).get(method, _MISSING)))

        def span(wrapped: Any, instance: Any, args: Any, kwargs: Any) -> Any:
            self.seen.append(label)
            return wrapped(*args, **kwargs)

        wrapt.wrap_function_wrapper(module, attribute, span)

    def patch_both(self, path: str, method: str, label: str) -> None:
        """Wrap ``method`` of ``Messages`` and ``AsyncMessages`` of ``path``."""
        for class_name in ("Messages", "AsyncMessages"):
            self.patch(path, f"{class_name}.{method}", label)

    def take(self) -> List[str]:
        """The labels seen since the last call."""
        seen, self.seen = self.seen, []
        return seen

    def undo(self) -> None:
        for cls, method, value in reversed(self._saved):
            if value is _MISSING:
                delattr(cls, method)
            else:
                setattr(cls, method, value)


@pytest.fixture(name="spans", params=["claude_core", "anthropic"])
def spans_fixture(request: pytest.FixtureRequest) -> Iterator[Spans]:
    """Patches given by ``claude_core.`` module names, and by ``anthropic.`` ones through the alias."""
    aliased = request.param == "anthropic"
    if aliased:
        claude_core.alias.install()
    spans = Spans(request.param)
    try:
        yield spans
    finally:
        spans.undo()
        if aliased:
            claude_core.alias.uninstall()


_LATE_IMPORT = """
import asyncio, importlib, json, sys
import wrapt
import claude_core

config = json.loads(sys.argv[1])
seen = []

def spans(label):
    def span(wrapped, instance, args, kwargs):
        seen.append(label)
        return wrapped(*args, **kwargs)
    return span

for name in ("Messages", "AsyncMessages"):
    wrapt.wrap_function_wrapper("claude_core.resources.beta.messages.messages", name + ".create", spans("first-party"))
loaded = sorted(name for name in sys.modules if name.split(".")[0] == config["distribution"])
path = "claude_core.lib." + config["provider"]
for name in ("Messages", "AsyncMessages"):
    wrapt.wrap_function_wrapper(path + "._beta_messages", name + ".create", spans(config["provider"]))
provider = importlib.import_module(path)
params = dict(model=config["model"], max_tokens=16, messages=[{"role": "user", "content": "Hello"}])
first_party = dict(api_key=config["api_key"], base_url=config["base_url"], max_retries=0)
result = {"loaded before the provider path": loaded}

with getattr(provider, config["client"])(**config["options"]) as client:
    client.beta.messages.create(**params)
with claude_core.Anthropic(**first_party) as client:
    client.beta.messages.create(**{**params, "model": "claude-sonnet-4-5"})
result["sync"], seen[:] = list(seen), []

async def main():
    async with getattr(provider, "Async" + config["client"])(**config["options"]) as client:
        await client.beta.messages.create(**params)
    async with claude_core.AsyncAnthropic(**first_party) as client:
        await client.beta.messages.create(**{**params, "model": "claude-sonnet-4-5"})

asyncio.run(main())
result["async"] = seen
print(json.dumps(result))
"""


def late_import(config: Dict[str, Any]) -> Dict[str, Any]:
    """In a fresh interpreter: patch the core's beta ``create`` first, then import and patch the
    provider's official path (``claude_core.lib.<provider>._beta_messages``), then call
    ``beta.messages.create`` on the provider's client and on the first-party one, sync and async.

    ``config``: ``provider``, ``distribution`` (its import name), ``client`` (the sync client's
    name), ``options`` (its arguments), ``model``, and the first-party ``api_key`` and ``base_url``.
    """
    done = subprocess.run(
        [sys.executable, "-c", _LATE_IMPORT, json.dumps(config)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    result: Dict[str, Any] = json.loads(done.stdout)
    return result
