"""The docs cannot drift from the plugin contract: every hook and parameter is documented,
and every page is reachable from the mkdocs nav."""

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


def hooks() -> List[Callable[..., object]]:
    return [
        function
        for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
        if name.startswith("claude_") and function.__module__ == hookspecs.__name__
    ]


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


def test_the_contract_has_hooks() -> None:
    assert len(hooks()) >= 6


@pytest.mark.parametrize("hook", hooks(), ids=lambda hook: hook.__name__)
def test_hook_has_a_section_naming_every_parameter(hook: Callable[..., object]) -> None:
    text = HOOKS_PAGE.read_text(encoding="utf-8")
    name = hook.__name__
    matching = [line for line in headings(text) if re.search(rf"\b{name}\(", line)]
    assert matching, f"docs/hooks.md has no heading for {name}"
    body = section(text, matching[0])
    for parameter in inspect.signature(hook).parameters:
        assert re.search(rf"`{parameter}`", body), f"docs/hooks.md, section {name}: parameter {parameter!r} missing"
        assert parameter in matching[0], f"the heading of {name} should give its exact signature"
    assert "```python" in body, f"docs/hooks.md, section {name}: no example"


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
