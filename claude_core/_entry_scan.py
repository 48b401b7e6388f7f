"""Whether any distribution may declare entry points in a group, without ``importlib.metadata``.

Importing ``importlib.metadata`` (with ``zipfile``, ``csv``, ``email`` and ``importlib.resources``)
costs ~0.7 MiB. A process with no plugin installed should not pay it just to learn so; this
module reads the same ``entry_points.txt`` files with plain file I/O and answers "no" only
when it is sure.
"""

from __future__ import annotations

import os
import sys
from importlib.machinery import PathFinder

__all__ = ["may_have_entry_points"]

_METADATA_DIRS = (".dist-info", ".egg-info")


def may_have_entry_points(group: str) -> bool:
    """False when no distribution on ``sys.path`` declares an entry point in ``group``.

    Each ``sys.path`` entry that is a directory is listed for ``*.dist-info`` and
    ``*.egg-info`` directories, whose ``entry_points.txt`` is searched for the ``[group]``
    header, as ``importlib.metadata`` reads it. True as soon as one has it, and whenever
    this scan could miss one: a ``sys.path`` entry that is a file (a zip) or an ``.egg``
    directory, a file that cannot be read as UTF-8, or a finder on ``sys.meta_path`` with
    its own ``find_distributions``. Then ``importlib.metadata`` has to answer.
    """
    for finder in sys.meta_path:
        if getattr(finder, "find_distributions", None) is not None and not _searches_sys_path(finder):
            return True
    for entry in sys.path:
        if isinstance(entry, os.PathLike):
            entry = os.fspath(entry)  # importlib.metadata lists these too, unlike the import system
        if not isinstance(entry, str):
            continue  # bytes and the like: importlib.metadata finds nothing there
        if entry.lower().endswith(".egg"):
            return True  # metadata in EGG-INFO/, or a zipped egg
        try:
            with os.scandir(entry or ".") as children:
                infos = [child.path for child in children if child.name.lower().endswith(_METADATA_DIRS)]
        except OSError:
            if os.path.isfile(entry):
                return True  # a zip: importlib.metadata looks inside it
            continue  # missing or unreadable, as importlib.metadata skips it
        for info in infos:
            try:
                with open(os.path.join(info, "entry_points.txt"), encoding="utf-8") as file:
                    text = file.read()
            except (FileNotFoundError, NotADirectoryError, IsADirectoryError, PermissionError):
                continue  # what importlib.metadata reads as "no entry points" (an .egg-info file has none)
            except (OSError, ValueError):
                return True
            if group in text and _has_section(text, group):
                return True
    return False


def _searches_sys_path(finder: object) -> bool:
    """Whether ``finder`` finds distributions on ``sys.path``, as the scan does: the standard
    ``PathFinder``, or the ``importlib_metadata`` backport's finder, which takes its place."""
    cls = finder if isinstance(finder, type) else type(finder)
    return cls is PathFinder or (cls.__module__ == "importlib_metadata" and cls.__name__ == "MetadataPathFinder")


def _has_section(text: str, group: str) -> bool:
    """Whether ``text`` has a ``[group]`` line: stripped, a line in brackets names its section."""
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]") and line.strip("[]") == group:
            return True
    return False
