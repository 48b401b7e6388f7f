"""The hook contract documents itself: every parameter, the return value, first-wins or all-called."""

from __future__ import annotations

import inspect

import pytest

from claude_core import hookspecs

HOOKS = [name for name in dir(hookspecs) if name.startswith("claude_")]


def test_the_ten_hooks_exist() -> None:
    assert sorted(HOOKS) == sorted(
        [
            "claude_credentials",
            "claude_credential_places",
            "claude_sign_request",
            "claude_transport",
            "claude_wrap_transport",
            "claude_route_call",
            "claude_call_observer",
            "claude_retry_policy",
            "claude_stream_event",
            "claude_register_tools",
        ]
    )


@pytest.mark.parametrize("name", HOOKS)
def test_docstring_documents_every_parameter_and_the_result(name: str) -> None:
    function = getattr(hookspecs, name)
    doc = inspect.getdoc(function) or ""
    assert doc.splitlines()[0].strip(), "the first line says what the hook is for"
    assert "Called " in doc, "the docstring says when (and how often) the hook is called"
    for parameter in inspect.signature(function).parameters:
        assert f":param {parameter}:" in doc
    assert ":returns:" in doc
    options = function.claude_core_spec
    if options["firstresult"]:
        assert "The first non-None answer wins." in doc
    else:
        assert "every implementation is called" in doc
