"""The docs cannot drift from the plugin contract.

docs/hooks.md has one source: each hook's reference text is its docstring in
claude_core/hookspecs.py, rendered by mkdocstrings (tests/core/test_hookspecs.py checks
that every docstring documents every parameter). The page gives each hook a section with
its exact signature as the heading, the mkdocstrings directive for that hook, and a
runnable example. Every page is reachable from the mkdocs nav.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Callable, List, Set

import pytest

from claude_core import hookspecs

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
HOOKS_PAGE = DOCS / "hooks.md"
MODULE = hookspecs.__name__
DIRECTIVE = re.compile(rf"^::: ({re.escape(MODULE)}(?:\.\w+)?)[ \t]*$", re.MULTILINE)
PYTHON_BLOCK = re.compile(r"^```python[^\n]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def hooks() -> List[Callable[..., object]]:
    return [
        function
        for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
        if name.startswith("claude_") and function.__module__ == hookspecs.__name__
    ]


def page() -> str:
    return HOOKS_PAGE.read_text(encoding="utf-8")


def headings(text: str) -> List[str]:
    """Markdown ATX headings outside fenced code blocks."""
    found, fenced = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,6} ", line):
            found.append(line)
    return found


def section(text: str, heading: str) -> str:
    """The text from ``heading`` to the next heading of the same or a higher level."""
    level = len(heading) - len(heading.lstrip("#"))
    start = text.index(heading)
    following = re.compile(rf"^#{{1,{level}}} ", re.MULTILINE)
    match = following.search(text, start + len(heading))
    return text[start : match.start() if match else len(text)]


def signature(hook: Callable[..., object]) -> str:
    """``name(param: annotation, ...) -> return`` as written in hookspecs.py (annotations are strings there)."""
    sig = inspect.signature(hook)
    params = ", ".join(f"{name}: {parameter.annotation}" for name, parameter in sig.parameters.items())
    return f"{hook.__name__}({params}) -> {sig.return_annotation}"


def hook_section(hook: Callable[..., object]) -> str:
    text = page()
    name = hook.__name__
    matching = [line for line in headings(text) if re.search(rf"\b{name}\(", line)]
    assert len(matching) == 1, f"docs/hooks.md should have exactly one heading for {name}, found {matching}"
    return section(text, matching[0])


def test_the_contract_has_hooks() -> None:
    assert len(hooks()) >= 8


@pytest.mark.parametrize("hook", hooks(), ids=lambda hook: hook.__name__)
def test_hook_heading_gives_its_exact_signature(hook: Callable[..., object]) -> None:
    heading = hook_section(hook).splitlines()[0]
    assert heading.startswith("## "), f"the section of {hook.__name__} should be a level-2 heading"
    assert f"`{signature(hook)}`" in heading, f"the heading of {hook.__name__} should read `{signature(hook)}`"
    assert f"{{#{hook.__name__}}}" in heading, f"the heading of {hook.__name__} should keep the anchor #{hook.__name__}"


@pytest.mark.parametrize("hook", hooks(), ids=lambda hook: hook.__name__)
def test_hook_reference_is_its_rendered_docstring(hook: Callable[..., object]) -> None:
    body = hook_section(hook)
    directives = DIRECTIVE.findall(body)
    assert directives == [f"{MODULE}.{hook.__name__}"], (
        f"docs/hooks.md, section {hook.__name__}: the reference should be the one directive "
        f"'::: {MODULE}.{hook.__name__}', found {directives}"
    )
    # The docstring is rendered, not copied: its text must not be written out by hand.
    doc = inspect.getdoc(hook) or ""
    summary = doc.splitlines()[0].strip()
    prose = PYTHON_BLOCK.sub("", body)
    assert summary not in prose, f"docs/hooks.md, section {hook.__name__}: repeats its docstring ({summary!r})"
    assert not re.search(r"^\*\*(Parameters|Returns|When|Kind):\*\*", prose, re.MULTILINE), (
        f"docs/hooks.md, section {hook.__name__}: hand-written reference text; the docstring is the reference"
    )


@pytest.mark.parametrize("hook", hooks(), ids=lambda hook: hook.__name__)
def test_hook_section_has_a_runnable_example(hook: Callable[..., object]) -> None:
    blocks = PYTHON_BLOCK.findall(hook_section(hook))
    runnable = [code for code in blocks if not code.lstrip().startswith("# not run")]
    assert runnable, f"docs/hooks.md, section {hook.__name__}: no runnable ```python example"
    assert any(hook.__name__ in code for code in runnable), (
        f"docs/hooks.md, section {hook.__name__}: the example should implement {hook.__name__}"
    )


def test_hooks_page_renders_each_hook_once() -> None:
    """Directives name real hooks, and the module directive (for its docstring) leaves the members out."""
    text = page()
    names = {hook.__name__ for hook in hooks()}
    rendered = DIRECTIVE.findall(text)
    for target in rendered:
        if target == MODULE:
            options = text[text.index(f"::: {MODULE}\n") :].split("\n\n", 1)[0]
            assert re.search(r"^\s+members: false\s*$", options, re.MULTILINE), (
                f"'::: {MODULE}' would render every hook a second time: give it `members: false`"
            )
        else:
            assert target.rsplit(".", 1)[1] in names, f"docs/hooks.md renders {target}, which is not a hook"
    assert sorted(target for target in rendered if target != MODULE) == sorted(f"{MODULE}.{name}" for name in names)


def nav_pages() -> Set[str]:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^nav:\n((?:[ \t]+.*\n|\n)+)", text, re.MULTILINE)
    assert match, "mkdocs.yml has no nav"
    return set(re.findall(r"([\w./-]+\.md)\s*$", match.group(1), re.MULTILINE))


def test_every_page_is_in_the_nav() -> None:
    pages = {str(path.relative_to(DOCS).as_posix()) for path in DOCS.rglob("*.md")}
    listed = nav_pages()
    assert pages - listed == set(), f"pages missing from the mkdocs.yml nav: {sorted(pages - listed)}"
    assert listed - pages == set(), f"nav entries without a page: {sorted(listed - pages)}"
