"""Every ``pip install`` line a user can paste works: in the README files, the docs, the
examples, and the strings of the distributions' code (error messages, docstrings), and in the
install hints the errors actually raise.

None of the project's distributions is published on PyPI, so an install line must name one by
a folder of the repository (``python3 -m pip install ./provider_bedrock``) or by a VCS URL of the
repository recorded in the metadata (``"claude-provider-bedrock @ git+<url>#subdirectory=provider_bedrock"``),
under its real name; a bare ``claude-...`` name (``pip install claude-foo``) cannot work and
fails here. Other bare names (``tox``, ``anthropic==0.79.0``) come from PyPI.
"""

from __future__ import annotations

import ast
import importlib
import re
import shlex
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

import pytest

import claude_core
import claude_core.errors

ROOT = Path(__file__).resolve().parents[2]
#: An install command: from ``pip install`` to the end of its code span, line or sentence.
INSTALL = re.compile(r"\bpip3? install\b([^`\n]*)")
_OPTIONS_WITH_VALUES = {"-r", "--requirement", "-c", "--constraint", "-i", "--index-url", "--extra-index-url"}
_SECTION = re.compile(r"\[([\w.\"-]+)\]")
_STRING_KEY = re.compile(r'([\w"-]+)\s*=\s*"([^"]*)"')


def _project(folder: Path) -> Dict[str, Dict[str, str]]:
    """The string keys of ``[project]``, ``[project.urls]`` and ``[project.scripts]`` of a pyproject.toml.

    (Read with a pattern, not a TOML parser: Python 3.9 has none, and these tables hold only strings.)
    """
    tables: Dict[str, Dict[str, str]] = {}
    table: Optional[Dict[str, str]] = None
    for line in (folder / "pyproject.toml").read_text(encoding="utf-8").splitlines():
        section = _SECTION.fullmatch(line.strip())
        if section is not None:
            name = section.group(1)
            table = (
                tables.setdefault(name.split(".", 1)[1] if "." in name else "", {})
                if name.startswith("project")
                else None
            )
        elif table is not None:
            pair = _STRING_KEY.fullmatch(line.strip())
            if pair is not None:
                table[pair.group(1).strip('"')] = pair.group(2)
    return tables


def _distributions() -> Dict[str, Path]:
    """The project's distributions: name -> folder (each pyproject.toml two levels deep at most, not in tests)."""
    found: Dict[str, Path] = {}
    for pyproject in [ROOT / "pyproject.toml", *ROOT.glob("*/pyproject.toml"), *ROOT.glob("*/*/pyproject.toml")]:
        relative = pyproject.relative_to(ROOT).parts
        if relative[0] in ("tests", "benchmarks") or any(part.startswith(".") for part in relative):
            continue
        found[_project(pyproject.parent)[""]["name"]] = pyproject.parent
    return found


DISTRIBUTIONS = _distributions()
_EXTRAS = re.compile(r"\[([\w,\s-]+)\]\Z")


def _extras(folder: Path) -> List[str]:
    """The extras a distribution's ``[project.optional-dependencies]`` declares."""
    names: List[str] = []
    inside = False
    for line in (folder / "pyproject.toml").read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            inside = line.strip() == "[project.optional-dependencies]"
        elif inside and "=" in line:
            names.append(line.split("=", 1)[0].strip().strip('"'))
    return names


def _split_extras(word: str) -> Tuple[str, List[str]]:
    """``./plugins/ratelimit[redis]`` -> (``./plugins/ratelimit``, [``redis``])."""
    match = _EXTRAS.search(word)
    if match is None:
        return word, []
    return word[: match.start()], [extra.strip() for extra in match.group(1).split(",")]


def _unknown_extras(requirement: str, folder: Path, extras: List[str]) -> List[str]:
    declared = _extras(folder)
    unknown = [extra for extra in extras if extra not in declared]
    return [f"{requirement}: no extra {extra!r} (it has {declared or 'none'})" for extra in unknown]


#: The repository URL the metadata records (every distribution's ``Source``).
REPOSITORY = _project(ROOT)["urls"]["Source"]


def _arguments(command: str) -> List[str]:
    """The arguments of one install command, up to a ``#`` comment or a parenthesised aside."""
    command = re.split(r"\s\(", command, maxsplit=1)[0]
    words = shlex.split(command, comments=True)
    return [word.rstrip("),;:") for word in words if word.rstrip("),;:")]


def check_install_line(command: str, document: Optional[str] = None) -> List[str]:
    """The problems of one install command (the text after ``pip install``); [] when it works.

    ``document``: the text it came from, which may define a folder it installs (a tutorial's
    ``my-plugin/`` tree).
    """
    problems: List[str] = []
    words = iter(_arguments(command))
    for word in words:
        if word in _OPTIONS_WITH_VALUES:
            next(words, None)
            continue
        if word.startswith("-"):
            continue
        if " @ " in word:
            problems += _check_url(word)
        elif word == "." or word.startswith(("./", "../", "/")):
            path, extras = _split_extras(word)
            folder = (ROOT / path).resolve()
            defined = document is not None and f"\n{Path(path).name}/\n" in document
            if (folder / "pyproject.toml").is_file():
                problems += _unknown_extras(word, folder, extras)
            elif not defined:
                problems.append(f"{word}: no distribution in that folder of the repository")
        elif word.lower().startswith("claude"):
            problems.append(f"{word}: not on PyPI; install it from a clone (./folder) or a git+ URL")
    if not any(not word.startswith("-") for word in _arguments(command)):
        problems.append("installs nothing")
    return problems


def _check_url(requirement: str) -> List[str]:
    named, _, url = (part.strip() for part in requirement.partition(" @ "))
    name, extras = _split_extras(named)
    match = re.fullmatch(r"git\+(\S+?)(?:#subdirectory=(\S+))?", url)
    if match is None:
        return [f"{requirement}: not a git+ URL"]
    repository, subdirectory = match.groups()
    folder = ROOT / (subdirectory or ".")
    problems = []
    if repository != REPOSITORY:
        problems.append(f"{requirement}: the repository is {REPOSITORY}")
    if DISTRIBUTIONS.get(name) != folder.resolve():
        problems.append(f"{requirement}: {name!r} is not the distribution in {subdirectory or 'the root'}")
    else:
        problems += _unknown_extras(requirement, folder, extras)
    return problems


# -- where install lines are ----------------------------------------------------------------------


def _documents() -> Iterator[Path]:
    yield from ROOT.glob("*.md")
    yield from (ROOT / "docs").glob("**/*.md")
    yield from (ROOT / "examples").glob("**/*")
    for folder in DISTRIBUTIONS.values():
        yield from folder.glob("*.md")


def _source_strings() -> Iterator[Tuple[Path, str]]:
    """Every string constant (f-string pieces joined, ``{}`` for a placeholder) of the distributions' code."""
    for folder in DISTRIBUTIONS.values():
        for package in [p for p in folder.iterdir() if (p / "__init__.py").is_file() and p.name != "tests"]:
            for source in package.glob("**/*.py"):
                tree = ast.parse(source.read_text(encoding="utf-8"))
                pieces = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
                for node in ast.walk(tree):
                    if id(node) in pieces:  # a piece of an f-string, yielded whole
                        continue
                    if isinstance(node, ast.JoinedStr):
                        yield (
                            source,
                            "".join(str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.values),
                        )
                    elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                        yield source, node.value


def _found() -> List[Tuple[str, str, Optional[str]]]:
    """(where, command, document) of every install line in documents and source strings."""
    found: List[Tuple[str, str, Optional[str]]] = []
    for path in _documents():
        if path.is_file() and path.suffix in (".md", ".py", ".txt", ".sh"):
            text = path.read_text(encoding="utf-8")
            for number, line in enumerate(text.splitlines(), 1):
                found += [(f"{path.relative_to(ROOT)}:{number}", m.group(1), text) for m in INSTALL.finditer(line)]
    for path, text in _source_strings():
        for match in INSTALL.finditer(text):
            if "{}" not in match.group(1):  # a placeholder: checked below, as the error raises it
                found.append((str(path.relative_to(ROOT)), match.group(1), None))
    return found


FOUND = _found()


def test_the_scan_finds_the_install_lines() -> None:
    where = {place.split(":")[0] for place, _, _ in FOUND}
    assert {"README.md", "docs/index.md", "docs/bedrock.md", "docs/vertex.md", "docs/keyring.md"} <= where
    assert {"claude-core", "claude-emulator", "claude-keyring", "claude-provider-bedrock"} <= set(DISTRIBUTIONS)


@pytest.mark.parametrize(("where", "command", "document"), FOUND, ids=[place for place, _, _ in FOUND])
def test_every_install_line_works(where: str, command: str, document: Optional[str]) -> None:
    assert check_install_line(command, document) == [], f"{where}: pip install{command}"


@pytest.mark.parametrize(
    "command",
    [
        " claude-provider-bedrock",
        " claude-foo",
        " ./provider_nothing",
        ' "claude-keyring @ git+https://github.com/claude-core/claude-core#subdirectory=plugins/emulator"',
        ' "claude-emulator @ git+https://github.com/someone/else#subdirectory=plugins/emulator"',
        " -e",
        ' "./plugins/ratelimit[nothing]"',
        ' "claude-fallback[redis] @ git+https://github.com/claude-core/claude-core#subdirectory=plugins/fallback"',
    ],
)
def test_a_line_that_cannot_work_is_caught(command: str) -> None:
    assert check_install_line(command) != []


def _install_lines(message: str) -> List[str]:
    lines = [match.group(1) for match in INSTALL.finditer(message)]
    assert lines, message
    return lines


def test_the_missing_provider_hints_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """The ImportError of ``claude_core.AnthropicBedrock`` / ``AnthropicVertex`` without their distribution."""
    for name, module in (("AnthropicBedrock", "provider_bedrock"), ("AnthropicVertex", "provider_vertex")):
        monkeypatch.delitem(claude_core.__dict__, name, raising=False)
        monkeypatch.setitem(sys.modules, module, None)
        with pytest.raises(ImportError) as caught:
            getattr(claude_core, name)
        for line in _install_lines(str(caught.value)):
            assert check_install_line(line) == [], str(caught.value)


@pytest.mark.filterwarnings("ignore:claude_core skipped plugins")
def test_the_unknown_provider_hint_works(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unknown provider's error (all of this project's providers shown as not installed)."""
    from claude_core import plugins

    monkeypatch.setattr(plugins, "_entry_points", lambda group: [])
    with pytest.raises(claude_core.errors.AnthropicError) as caught:
        plugins.load_provider("bogus-provider")
    lines = _install_lines(str(caught.value))
    assert len(lines) >= 2
    for line in lines:
        assert check_install_line(line) == [], str(caught.value)


@pytest.mark.parametrize(("path", "module"), [("lib.bedrock", "provider_bedrock"), ("lib.vertex", "provider_vertex")])
def test_the_official_provider_paths_hint_works(monkeypatch: pytest.MonkeyPatch, path: str, module: str) -> None:
    """``import claude_core.lib.bedrock`` (an official module path) without the distribution."""
    for name in [name for name in sys.modules if name.startswith(f"claude_core.{path}")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(ImportError) as caught:
        importlib.import_module(f"claude_core.{path}")
    for line in _install_lines(str(caught.value)):
        assert check_install_line(line) == [], str(caught.value)
