"""The entry-point pre-scan: no ``importlib.metadata`` when no plugin is installed, and never a wrong "no"."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path
from typing import Any, List, Optional

import pytest

from claude_core import plugins
from claude_core._entry_scan import may_have_entry_points
from claude_core.plugins import PLUGIN_GROUP
from tests.conftest import MODEL, USER

if sys.version_info >= (3, 10):
    from importlib.metadata import entry_points
else:  # pragma: no cover - 3.9: as claude_core.plugins reads them
    from importlib_metadata import entry_points

SECTION = f"[{PLUGIN_GROUP}]\nthing = thing.plugin\n"
OTHER = "[console_scripts]\nthing = thing.cli:main\n\n[claude_core.providers]\nthing = thing:Provider\n"


def dist(site: Path, name: str, entry_points: Optional[str], suffix: str = ".dist-info") -> Path:
    info = site / f"{name}-1.0{suffix}"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points)
    return info


@pytest.fixture
def path(monkeypatch: pytest.MonkeyPatch) -> List[Any]:
    """``sys.path``, emptied for the test (``sys.meta_path`` restored after it)."""
    entries: List[Any] = []
    monkeypatch.setattr(sys, "path", entries)
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    return entries


def metadata_finds(group: str) -> bool:
    """What importlib.metadata answers for the same ``sys.path``."""
    importlib.invalidate_caches()
    return bool(entry_points(group=group))


def test_a_dist_info_with_the_section(path: List[Any], tmp_path: Path) -> None:
    dist(tmp_path, "other", OTHER)
    dist(tmp_path, "thing", "  " + SECTION.replace("\n", "  \n", 1))  # surrounding blanks are stripped
    path.append(str(tmp_path))
    assert may_have_entry_points(PLUGIN_GROUP)
    assert metadata_finds(PLUGIN_GROUP)


def test_only_other_groups(path: List[Any], tmp_path: Path) -> None:
    dist(tmp_path, "other", OTHER)
    dist(tmp_path, "mention", f"# not [{PLUGIN_GROUP}] itself\n[{PLUGIN_GROUP}.extra]\nx = y\n")
    dist(tmp_path, "none", None)
    dist(tmp_path, "legacy", None, suffix=".egg-info")
    (tmp_path / "flat-1.0.egg-info").write_text("Metadata-Version: 1.1\nName: flat\n")  # a file: no entry points
    path.extend([str(tmp_path), str(tmp_path / "missing"), tmp_path / "missing-too"])
    assert not may_have_entry_points(PLUGIN_GROUP)
    assert not metadata_finds(PLUGIN_GROUP)
    assert may_have_entry_points("console_scripts")


def test_entries_that_are_not_paths_are_skipped(path: List[Any], tmp_path: Path) -> None:
    dist(tmp_path, "thing", SECTION)
    path.extend([bytes(tmp_path), None, 3])  # importlib.metadata fails on bytes: nothing is found there
    assert not may_have_entry_points(PLUGIN_GROUP)


def test_an_egg_info_directory(path: List[Any], tmp_path: Path) -> None:
    dist(tmp_path, "legacy", SECTION, suffix=".egg-info")
    path.append(str(tmp_path))
    assert may_have_entry_points(PLUGIN_GROUP)
    assert metadata_finds(PLUGIN_GROUP)


def test_a_path_object_is_listed_as_importlib_metadata_lists_it(path: List[Any], tmp_path: Path) -> None:
    dist(tmp_path, "thing", SECTION)
    path.append(tmp_path)
    assert may_have_entry_points(PLUGIN_GROUP)
    assert metadata_finds(PLUGIN_GROUP)


def test_the_current_directory_is_the_empty_entry(
    path: List[Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dist(tmp_path, "thing", SECTION)
    monkeypatch.chdir(tmp_path)
    path.append("")
    assert may_have_entry_points(PLUGIN_GROUP)


@pytest.mark.parametrize("content", [SECTION, OTHER])
def test_a_zip_on_sys_path_is_left_to_importlib_metadata(path: List[Any], tmp_path: Path, content: str) -> None:
    archive = tmp_path / "bundle.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("thing-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: thing\nVersion: 1.0\n")
        bundle.writestr("thing-1.0.dist-info/entry_points.txt", content)
    path.append(str(archive))
    assert may_have_entry_points(PLUGIN_GROUP)


def test_an_egg_directory_is_left_to_importlib_metadata(path: List[Any], tmp_path: Path) -> None:
    egg = tmp_path / "thing-1.0-py3.egg"
    (egg / "EGG-INFO").mkdir(parents=True)
    (egg / "EGG-INFO" / "entry_points.txt").write_text(SECTION)
    path.append(str(egg))
    assert may_have_entry_points(PLUGIN_GROUP)


def test_a_file_not_in_utf8_is_left_to_importlib_metadata(path: List[Any], tmp_path: Path) -> None:
    (dist(tmp_path, "thing", None) / "entry_points.txt").write_bytes(b"[console_scripts]\nx = \xff\n")
    path.append(str(tmp_path))
    assert may_have_entry_points(PLUGIN_GROUP)


class DistributionFinder:
    """A finder that finds distributions somewhere other than ``sys.path``."""

    @staticmethod
    def find_spec(*args: Any, **kwargs: Any) -> None:
        return None

    @staticmethod
    def find_distributions(*args: Any, **kwargs: Any) -> List[Any]:
        return []


def test_a_custom_distribution_finder_is_left_to_importlib_metadata(path: List[Any], tmp_path: Path) -> None:
    dist(tmp_path, "other", OTHER)
    path.append(str(tmp_path))
    assert not may_have_entry_points(PLUGIN_GROUP)
    sys.meta_path.insert(0, DistributionFinder())
    assert may_have_entry_points(PLUGIN_GROUP)


def test_the_importlib_metadata_backport_searches_sys_path_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once imported, the backport puts its finder on ``sys.meta_path`` (and takes the standard one's place)."""
    backport = pytest.importorskip("importlib_metadata")
    assert any(isinstance(finder, backport.MetadataPathFinder) for finder in sys.meta_path)
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    dist(tmp_path, "other", OTHER)
    assert not may_have_entry_points(PLUGIN_GROUP)
    dist(tmp_path, "thing", SECTION)
    assert may_have_entry_points(PLUGIN_GROUP)


def test_no_plugin_installed_skips_importlib_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    def not_called(group: str) -> List[Any]:
        raise AssertionError(f"importlib.metadata asked for {group}")

    monkeypatch.delenv(plugins.DISABLE_ENV, raising=False)
    monkeypatch.setattr(plugins, "may_have_entry_points", lambda group: False)
    monkeypatch.setattr(plugins, "_entry_points", not_called)
    pm = plugins._load_manager()
    assert [name for name, _ in pm.list_name_plugin()] == list(plugins._DEFAULT_PLUGINS)


def test_installed_plugins_still_load(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(plugins.DISABLE_ENV, raising=False)
    assert may_have_entry_points(PLUGIN_GROUP)  # this environment installs the fixture plugins
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the fixture plugin that fails to load on purpose
        pm = plugins._load_manager()
    assert "thirdparty" in {name for name, _ in pm.list_name_plugin()}


#: Run in a fresh interpreter (``-I -S``: no site-packages, no PYTHON* variables), whose only
#: extra ``sys.path`` entry is a directory of links to claude_core and what it imports.
_CHILD = r"""
import json, sys
site, base_url, api_key, plugin_site = sys.argv[1:]
sys.path.insert(0, site)
PARAMS = [
    "claude_core.types." + name
    for name in ("anthropic_beta_param", "block_params", "message_param", "model_param", "request_params",
                 "server_block_params", "tool_params")
]
import claude_core
from claude_core._entry_scan import may_have_entry_points
from claude_core.plugins import PLUGIN_GROUP, get_plugin_manager

out = {"scan": may_have_entry_points(PLUGIN_GROUP)}
get_plugin_manager()
out["metadata_after_plugins"] = "importlib.metadata" in sys.modules
with claude_core.Anthropic(api_key=api_key, base_url=base_url) as client:
    message = client.messages.create(model=%(model)r, max_tokens=8, messages=%(user)r)
out["text"] = message.content[0].text
out["params_after_create"] = [name for name in PARAMS if name in sys.modules]
sys.path.insert(0, plugin_site)
out["scan_with_plugin"] = may_have_entry_points(PLUGIN_GROUP)
print(json.dumps(out))
"""

#: The top-level modules a plain ``messages.create`` imports (optional ones where installed).
_IMPORTS = (
    "claude_core", "httpx", "httpcore", "h11", "certifi", "idna", "sniffio", "anyio", "pydantic", "pydantic_core",
    "typing_extensions", "annotated_types", "typing_inspection", "pluggy", "exceptiongroup",
)  # fmt: skip


def test_a_plain_process_imports_no_metadata_and_no_parameter_types(emulator: Any, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    for name in _IMPORTS:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        origin = Path(module.__file__ or "")
        source = origin.parent if origin.name == "__init__.py" else origin
        (site / source.name).symlink_to(source, target_is_directory=source.is_dir())
    plugin_site = tmp_path / "plugin"
    dist(plugin_site, "x", SECTION)
    code = _CHILD % {"model": MODEL, "user": USER}
    args = [str(site), emulator.base_url, emulator.api_key, str(plugin_site)]
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-B", "-c", code, *args], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "scan": False,
        "metadata_after_plugins": False,
        "text": "Echo: Hello there, Claude",
        "params_after_create": [],
        "scan_with_plugin": True,
    }
