"""The entry points of one group, read from the ``entry_points.txt`` files on ``sys.path``.

``importlib.metadata`` answers the same question, but importing it costs ~6 ms and 0.7 MiB
(``email``, ``zipfile``, ``csv``...) and it then reads every distribution's metadata. A
client's first request needs one group, so this module lists the ``*.dist-info`` and
``*.egg-info`` directories of each ``sys.path`` directory and parses only the files that
name the group, by ``importlib.metadata``'s rules: ``sys.path`` order, and the first
distribution of a (normalised) name wins over its later copies. Editable installs are found
the same way (pip's and setuptools' PEP 660 ones leave a ``.dist-info`` in site-packages, the
older ``setup.py develop`` an ``.egg-info`` in the project's directory on ``sys.path``).

Where a plain scan could answer otherwise than ``importlib.metadata``, it is asked instead:
a zip or an ``.egg`` on ``sys.path``, a distribution finder of another kind on
``sys.meta_path``, an ``entry_points.txt`` that is not UTF-8 or has a line that is not
``name = value``, a metadata directory whose name does not end in lower case, and a
distribution installed twice whose first copy has no metadata (versions of
``importlib.metadata`` disagree on which copy wins then).
"""

from __future__ import annotations

import os
import re
import sys
from importlib import import_module
from importlib.machinery import PathFinder
from typing import Any, Dict, List, NamedTuple, Optional

__all__ = ["EntryPoint", "entry_points"]

_METADATA_DIRS = (".dist-info", ".egg-info")
#: The files whose presence makes a metadata directory a valid distribution.
_METADATA_FILES = ("METADATA", "PKG-INFO")
#: ``module``, ``module:attribute`` or ``module:attribute.attribute``; extras in brackets after it are ignored.
_VALUE = re.compile(r"([\w.]+)\s*(?::\s*([\w.]+)\s*)?(?:\[.*\]\s*)?$")


class EntryPoint(NamedTuple):
    """One ``name = value`` line of the ``[group]`` section of a distribution's ``entry_points.txt``."""

    name: str
    value: str
    group: str

    def load(self) -> Any:
        """Import the module the value names; return it, or the attribute the value names in it."""
        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"entry point {self.name!r} = {self.value!r} is not 'module' or 'module:attribute'")
        found: Any = import_module(match.group(1))
        for attribute in (match.group(2) or "").split("."):
            if attribute:
                found = getattr(found, attribute)
        return found


def entry_points(group: str) -> List[EntryPoint]:
    """The entry points in ``group`` of the distributions on ``sys.path``, in ``importlib.metadata``'s order."""
    found = _scan(group)
    return _from_importlib_metadata(group) if found is None else found


def _scan(group: str) -> Optional[List[EntryPoint]]:
    """``group``'s entry points from the files themselves; None when ``importlib.metadata`` has to answer."""
    for finder in sys.meta_path:
        if getattr(finder, "find_distributions", None) is not None and not _searches_sys_path(finder):
            return None
    first: Dict[str, str] = {}  # a distribution's normalised name -> its metadata directory that counts
    found: List[EntryPoint] = []
    for entry in sys.path:
        if isinstance(entry, os.PathLike):
            entry = os.fspath(entry)  # importlib.metadata lists these too, unlike the import system
        if not isinstance(entry, str):
            continue  # bytes and the like: importlib.metadata finds nothing there
        if entry.lower().endswith(".egg"):
            return None  # metadata in EGG-INFO/, or a zipped egg
        try:
            children = os.listdir(entry or ".")
        except OSError:
            if os.path.isfile(entry):
                return None  # a zip: importlib.metadata looks inside it
            continue  # missing or unreadable, as importlib.metadata skips it
        for child in children:
            if not child.lower().endswith(_METADATA_DIRS):
                continue
            stem = child.rpartition(".")[0]
            if not child.endswith(_METADATA_DIRS) or not stem:
                return None  # importlib.metadata takes this one's name from its metadata, not from the directory's
            info = os.path.join(entry, child)
            name = _normalise(stem.partition("-")[0])
            if name in first:
                if not _has_metadata(first[name]):
                    return None
                continue  # a later copy of a distribution: the first one found counts
            first[name] = info
            points = _read(info, group)
            if points is None:
                return None
            found.extend(points)
    return found


def _read(info: str, group: str) -> Optional[List[EntryPoint]]:
    """The ``[group]`` entry points of one metadata directory; None for a file ``importlib.metadata`` fails on."""
    try:
        with open(os.path.join(info, "entry_points.txt"), encoding="utf-8") as file:
            text = file.read()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError, PermissionError):
        return []  # what importlib.metadata reads as "no entry points" (an .egg-info file has none)
    except (OSError, ValueError):
        return None
    if group not in text:
        return []
    points: List[EntryPoint] = []
    section: Optional[str] = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
        elif section is not None:
            name, equals, value = line.partition("=")
            if not equals:
                return None
            if section == group:
                points.append(EntryPoint(name.strip(), value.strip(), group))
    return points


def _normalise(name: str) -> str:
    """A distribution's name as importlib.metadata compares them: PEP 503, with underscores."""
    return re.sub(r"[-_.]+", "_", name).lower()


def _has_metadata(info: str) -> bool:
    return os.path.isfile(info) or any(os.path.exists(os.path.join(info, name)) for name in _METADATA_FILES)


def _searches_sys_path(finder: object) -> bool:
    """Whether ``finder`` finds distributions on ``sys.path``, as the scan does: the standard
    ``PathFinder``, or the ``importlib_metadata`` backport's finder, which takes its place."""
    cls = finder if isinstance(finder, type) else type(finder)
    return cls is PathFinder or (cls.__module__ == "importlib_metadata" and cls.__name__ == "MetadataPathFinder")


def _from_importlib_metadata(group: str) -> List[EntryPoint]:
    # imported here, only for what a plain scan cannot be sure of (see _scan)
    if sys.version_info >= (3, 10):
        from importlib.metadata import entry_points as listed
    else:  # pragma: no cover - exercised on 3.9 only
        from importlib_metadata import entry_points as listed

    return [EntryPoint(point.name, point.value, group) for point in listed(group=group)]
