"""``file_from_path``: a file on disk as an upload's ``file=`` value, as the official package exports it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Tuple, Union

__all__ = ["file_from_path"]


def file_from_path(path: Union[str, "os.PathLike[str]"]) -> Tuple[str, bytes]:
    """``(file name, content)`` of the file at ``path``, read now; pass it as
    ``client.beta.files.upload(file=...)``. (Pass the path itself to stream a large file instead.)"""
    return os.path.basename(os.fspath(path)), Path(path).read_bytes()
