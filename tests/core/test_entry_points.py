"""Entry points read from the ``entry_points.txt`` files: what ``importlib.metadata`` lists, without importing it."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path
from typing import Any, Iterator, List, Optional, Tuple

import pytest

from claude_core import plugins
from claude_core._entry_points import EntryPoint, entry_points
from claude_core.plugins import PLUGIN_GROUP
from tests.conftest import MODEL, USER

if sys.version_info >= (3, 10):
    from importlib import metadata
else:  # pragma: no cover - 3.9: the backport, as claude_core falls back to it
    import importlib_metadata as metadata

SECTION = f"[{PLUGIN_GROUP}]\nthing = thing.plugin\n"
OTHER = "[console_scripts]\nthing = thing.cli:main\n\n[claude_core.providers]\nthing = thing:Provider\n"
#: The prefix of the plugin modules the tests write (removed from ``sys.modules`` after each test).
PREFIX = "epfixture_"


def dist(site: Path, name: str, entry_points: Optional[str], suffix: str = ".dist-info", version: str = "1.0") -> Path:
    info = site / f"{name}-{version}{suffix}"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points)
    return info


def module(site: Path, name: str, source: str) -> None:
    (site / f"{name}.py").write_text(source)


@pytest.fixture
def path(monkeypatch: pytest.MonkeyPatch) -> Iterator[List[Any]]:
    """``sys.path``, emptied for the test (``sys.meta_path`` restored after it); modules the test's
    plugins imported are forgotten after it."""
    entries: List[Any] = []
    monkeypatch.setattr(sys, "path", entries)
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    importlib.invalidate_caches()
    yield entries
    for name in [name for name in sys.modules if name.startswith(PREFIX)]:
        del sys.modules[name]


def found(group: str = PLUGIN_GROUP) -> List[Tuple[str, str]]:
    return [(point.name, point.value) for point in entry_points(group)]


def listed(group: str = PLUGIN_GROUP) -> List[Tuple[str, str]]:
    """What importlib.metadata lists for the same ``sys.path``."""
    importlib.invalidate_caches()
    return [(point.name, point.value) for point in metadata.entry_points(group=group)]


def test_this_environment_reads_as_importlib_metadata_reads_it() -> None:
    for group in (PLUGIN_GROUP, plugins.PROVIDER_GROUP, "console_scripts", "pytest11"):
        assert found(group) == listed(group)
    assert ("thirdparty", "claude_test_thirdparty.plugin") in found()  # the fixture distributions


def test_dist_info_and_egg_info_directories(path: List[Any], tmp_path: Path) -> None:
    dist(tmp_path, "other", OTHER)
    dist(tmp_path, "padded", f"  [{PLUGIN_GROUP}]  \n# a comment\n  padded  =  padded.plugin:Plugin [extra]  \n")
    dist(tmp_path, "legacy", f"[{PLUGIN_GROUP}]\nlegacy = legacy.plugin\n", suffix=".egg-info")
    dist(tmp_path, "mention", f"# not [{PLUGIN_GROUP}] itself\n[{PLUGIN_GROUP}.extra]\nx = y\n")
    dist(tmp_path, "none", None)
    (tmp_path / "flat-1.0.egg-info").write_text("Metadata-Version: 1.1\nName: flat\n")  # a file: no entry points
    path.extend([str(tmp_path), str(tmp_path / "missing"), tmp_path / "missing-too"])
    assert sorted(found()) == [("legacy", "legacy.plugin"), ("padded", "padded.plugin:Plugin [extra]")]
    assert sorted(found()) == sorted(listed())
    assert found("console_scripts") == listed("console_scripts") == [("thing", "thing.cli:main")]


def test_sys_path_order_is_kept(path: List[Any], tmp_path: Path) -> None:
    for site, name in (("b", "zeta"), ("a", "alpha")):
        dist(tmp_path / site, name, f"[{PLUGIN_GROUP}]\n{name} = {name}.plugin\n")
    path.extend([str(tmp_path / "b"), str(tmp_path / "a")])
    assert found() == listed() == [("zeta", "zeta.plugin"), ("alpha", "alpha.plugin")]


def test_a_path_object_and_the_current_directory(
    path: List[Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dist(tmp_path / "site", "thing", SECTION)
    path.append(tmp_path / "site")
    assert found() == listed() == [("thing", "thing.plugin")]
    path[:] = [""]
    monkeypatch.chdir(tmp_path / "site")
    assert found() == listed() == [("thing", "thing.plugin")]


def test_entries_that_are_not_paths_are_skipped(path: List[Any], tmp_path: Path) -> None:
    dist(tmp_path, "thing", SECTION)
    path.extend([bytes(tmp_path), None, 3])  # importlib.metadata fails on these
    assert found() == []


def test_of_two_copies_of_a_distribution_the_first_on_sys_path_wins(path: List[Any], tmp_path: Path) -> None:
    dist(tmp_path / "one", "Dup.Name", f"[{PLUGIN_GROUP}]\ndup = {PREFIX}one\n", version="1.0")
    dist(tmp_path / "two", "dup_name", f"[{PLUGIN_GROUP}]\ndup = {PREFIX}two\nextra = {PREFIX}extra\n", version="2.0")
    for site in ("one", "two"):
        module(tmp_path / site, f"{PREFIX}{site}", f"WHERE = {site!r}\n")
    path.extend([str(tmp_path / "one"), str(tmp_path / "two")])
    assert found() == listed() == [("dup", f"{PREFIX}one")]
    manager = plugins._load_manager()
    assert manager.get_plugin("dup").WHERE == "one"
    assert manager.get_plugin("extra") is None

    path.reverse()
    assert found() == listed() == [("dup", f"{PREFIX}two"), ("extra", f"{PREFIX}extra")]


def test_a_first_copy_without_entry_points_hides_the_later_ones(path: List[Any], tmp_path: Path) -> None:
    dist(tmp_path / "one", "thing", None)
    dist(tmp_path / "two", "thing", SECTION)
    path.extend([str(tmp_path / "one"), str(tmp_path / "two")])
    assert found() == listed() == []


def test_a_first_copy_without_metadata_is_left_to_importlib_metadata(path: List[Any], tmp_path: Path) -> None:
    """Versions of importlib.metadata differ here (the backport prefers a copy that has metadata)."""
    (dist(tmp_path / "one", "thing", None) / "METADATA").unlink()
    dist(tmp_path / "two", "thing", SECTION)
    path.extend([str(tmp_path / "one"), str(tmp_path / "two")])
    assert found() == listed()


def test_a_directory_named_in_capitals_is_left_to_importlib_metadata(path: List[Any], tmp_path: Path) -> None:
    dist(tmp_path, "Thing", SECTION, suffix=".DIST-INFO")
    path.append(str(tmp_path))
    assert found() == listed() == [("thing", "thing.plugin")]


@pytest.mark.parametrize("content", [SECTION, OTHER])
def test_a_zip_on_sys_path_is_left_to_importlib_metadata(path: List[Any], tmp_path: Path, content: str) -> None:
    archive = tmp_path / "bundle.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("thing-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: thing\nVersion: 1.0\n")
        bundle.writestr("thing-1.0.dist-info/entry_points.txt", content)
    path.append(str(archive))
    assert found() == listed() == ([("thing", "thing.plugin")] if content == SECTION else [])


def test_an_egg_directory_is_left_to_importlib_metadata(path: List[Any], tmp_path: Path) -> None:
    egg = tmp_path / "thing-1.0-py3.egg"
    (egg / "EGG-INFO").mkdir(parents=True)
    (egg / "EGG-INFO" / "PKG-INFO").write_text("Metadata-Version: 1.1\nName: thing\nVersion: 1.0\n")
    (egg / "EGG-INFO" / "entry_points.txt").write_text(SECTION)
    path.append(str(egg))
    assert found() == listed() == [("thing", "thing.plugin")]


@pytest.mark.parametrize("content", [b"[console_scripts]\nx = \xff\n", SECTION.encode() + b"no equals sign\n"])
def test_a_file_importlib_metadata_fails_on_fails_the_same(path: List[Any], tmp_path: Path, content: bytes) -> None:
    (dist(tmp_path, "thing", None) / "entry_points.txt").write_bytes(content)
    path.append(str(tmp_path))
    with pytest.raises(Exception) as failed:  # its type differs between versions of importlib.metadata
        listed()
    with pytest.raises(type(failed.value)):
        found()


class DistributionFinder:
    """A finder that finds a distribution somewhere other than ``sys.path``."""

    def __init__(self, info: Path) -> None:
        self.info = info

    @staticmethod
    def find_spec(*args: Any, **kwargs: Any) -> None:
        return None

    def find_distributions(self, *args: Any, **kwargs: Any) -> List[Any]:
        return [metadata.PathDistribution(self.info)]


def test_a_custom_distribution_finder_is_left_to_importlib_metadata(path: List[Any], tmp_path: Path) -> None:
    dist(tmp_path / "site", "other", OTHER)
    path.append(str(tmp_path / "site"))
    sys.meta_path.insert(0, DistributionFinder(dist(tmp_path / "elsewhere", "thing", SECTION)))
    assert found() == listed() == [("thing", "thing.plugin")]


def test_the_importlib_metadata_backport_searches_sys_path_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once imported, the backport puts its finder on ``sys.meta_path`` (and takes the standard one's place)."""
    backport = pytest.importorskip("importlib_metadata")
    assert any(isinstance(finder, backport.MetadataPathFinder) for finder in sys.meta_path)
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    dist(tmp_path, "other", OTHER)
    assert found() == []
    dist(tmp_path, "thing", SECTION)
    assert found() == [("thing", "thing.plugin")]


def test_load_imports_the_module_or_the_attribute_it_names(path: List[Any], tmp_path: Path) -> None:
    module(tmp_path, f"{PREFIX}mod", "class Outer:\n    class Inner:\n        pass\n")
    path.append(str(tmp_path))
    loaded = importlib.import_module(f"{PREFIX}mod")
    assert EntryPoint("m", f"{PREFIX}mod", PLUGIN_GROUP).load() is loaded
    assert EntryPoint("m", f"{PREFIX}mod : Outer [extra]", PLUGIN_GROUP).load() is loaded.Outer
    assert EntryPoint("m", f"{PREFIX}mod:Outer.Inner", PLUGIN_GROUP).load() is loaded.Outer.Inner
    with pytest.raises(AttributeError, match="Missing"):
        EntryPoint("m", f"{PREFIX}mod:Missing", PLUGIN_GROUP).load()
    with pytest.raises(ValueError, match="'module' or 'module:attribute'"):
        EntryPoint("m", f"{PREFIX}mod:Outer Inner", PLUGIN_GROUP).load()


PLUGIN_SOURCE = """
from claude_core import hookimpl

class Plugin:
    @hookimpl
    def claude_retry_policy(self):
        return None

INSTANCE = Plugin()
"""


def test_plugins_are_registered_by_name_and_a_failing_one_is_named_in_one_warning(
    path: List[Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = (
        f"zz_module = {PREFIX}plain\n"  # no attribute: the module is the plugin
        f"aa_object = {PREFIX}plain:INSTANCE\n"
        f"mm_failing = {PREFIX}failing\n"
        f"nn_off = {PREFIX}off\n"
    )
    dist(tmp_path, "several", f"[{PLUGIN_GROUP}]\n{entries}")
    module(tmp_path, f"{PREFIX}plain", PLUGIN_SOURCE + "\n@hookimpl\ndef claude_credentials():\n    return None\n")
    module(tmp_path, f"{PREFIX}failing", "raise ImportError('needs a library that is not installed')\n")
    module(tmp_path, f"{PREFIX}off", "raise AssertionError('a disabled plugin is not imported')\n")
    path.append(str(tmp_path))
    monkeypatch.setenv(plugins.DISABLE_ENV, "nn_off")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        manager = plugins._load_manager()
    (warning,) = caught
    assert warning.category is plugins.PluginLoadWarning and issubclass(warning.category, RuntimeWarning)
    assert str(warning.message) == (
        "claude_core skipped plugins that failed to load: "
        f"'mm_failing' ({PREFIX}failing): ImportError: needs a library that is not installed"
    )
    plain = sys.modules[f"{PREFIX}plain"]
    registered = [(name, plugin) for name, plugin in manager.list_name_plugin() if name not in plugins._DEFAULT_PLUGINS]
    assert registered == [("nn_off", None), ("aa_object", plain.INSTANCE), ("zz_module", plain)]


#: Run in a fresh interpreter (``-I -S``: no site-packages, no PYTHON* variables), whose only
#: ``sys.path`` entries besides the standard library's are a directory of links to claude_core and
#: what it imports, and a directory holding one plugin distribution.
_ISOLATED_CHILD = r"""
import json, sys
site, plugin_site, base_url, api_key = sys.argv[1:]
sys.path[:0] = [site, plugin_site]
PARAMS = [
    "claude_core.types." + name
    for name in ("anthropic_beta_param", "block_params", "message_param", "model_param", "request_params",
                 "server_block_params", "tool_params")
]
import claude_core
from claude_core.plugins import get_plugin_manager

with claude_core.Anthropic(api_key=api_key, base_url=base_url) as client:
    message = client.messages.create(model=%(model)r, max_tokens=8, messages=%(user)r)
import epfixture_observer
print(json.dumps({
    "text": message.content[0].text,
    "observed": epfixture_observer.SEEN,
    "registered": get_plugin_manager().get_plugin("observer") is epfixture_observer,
    "metadata": "importlib.metadata" in sys.modules,
    "params_after_create": [name for name in PARAMS if name in sys.modules],
}))
"""

#: The top-level modules a plain ``messages.create`` imports (optional ones where installed).
_IMPORTS = (
    "claude_core", "httpx", "httpcore", "h11", "certifi", "idna", "sniffio", "anyio", "pydantic", "pydantic_core",
    "typing_extensions", "annotated_types", "typing_inspection", "pluggy", "exceptiongroup",
)  # fmt: skip

OBSERVER_SOURCE = """
from claude_core import hookimpl

SEEN = []

@hookimpl
def claude_call_observer(call):
    SEEN.append(call.model)
"""


def test_a_plugin_loads_at_the_first_request_without_importlib_metadata(emulator: Any, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    for name in _IMPORTS:
        try:
            imported = importlib.import_module(name)
        except ImportError:
            continue
        origin = Path(imported.__file__ or "")
        source = origin.parent if origin.name == "__init__.py" else origin
        (site / source.name).symlink_to(source, target_is_directory=source.is_dir())
    plugin_site = tmp_path / "plugin"
    dist(plugin_site, "epfixture-observer", f"[{PLUGIN_GROUP}]\nobserver = {PREFIX}observer\n")
    module(plugin_site, f"{PREFIX}observer", OBSERVER_SOURCE)
    code = _ISOLATED_CHILD % {"model": MODEL, "user": USER}
    args = [str(site), str(plugin_site), emulator.base_url, emulator.api_key]
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-B", "-c", code, *args], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "text": "Echo: Hello there, Claude",
        "observed": [MODEL],
        "registered": True,
        "metadata": False,
        "params_after_create": [],
    }


_INSTALLED_CHILD = r"""
import json, sys
import claude_core
from claude_core.plugins import get_plugin_manager

base_url, api_key = sys.argv[1:]
with claude_core.Anthropic(api_key=api_key, base_url=base_url) as client:
    message = client.messages.create(model=%(model)r, max_tokens=8, messages=%(user)r)
print(json.dumps({
    "text": message.content[0].text,
    "plugins": sorted(name for name, plugin in get_plugin_manager().list_name_plugin() if plugin is not None),
    "metadata": "importlib.metadata" in sys.modules,
}))
"""


def test_the_first_request_with_every_distribution_installed_imports_no_importlib_metadata(emulator: Any) -> None:
    """This environment's plugins (the repository's distributions and the test fixtures) load at the first
    request, without importlib.metadata. The ``tools`` fixture is left out: the pydantic model it builds at
    import runs pydantic's own plugin scan, which imports importlib.metadata."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_CORE_"))}
    environment[plugins.DISABLE_ENV] = "tools"
    code = _INSTALLED_CHILD % {"model": MODEL, "user": USER}
    done = subprocess.run(
        [sys.executable, "-c", code, emulator.base_url, emulator.api_key],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    expected = {name for name, _ in listed()} - {"tools", "broken"}  # broken: fails to import, on purpose
    assert {"bedrock", "vertex", "keyring", "emulator", "thirdparty"} <= expected
    assert out == {
        "text": "Echo: Hello there, Claude",
        "plugins": sorted(expected | set(plugins._DEFAULT_PLUGINS)),
        "metadata": False,
    }
    assert "'broken' (claude_test_broken.plugin)" in done.stderr
