"""The Files API (``client.beta.files``): a stored file's metadata, and the answer to a delete."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from typing_extensions import Literal, TypedDict

from ._base import BaseModel

__all__ = ["FileMetadata", "DeletedFile", "FileListParams"]


class FileMetadata(BaseModel):
    """A file stored with the Files API; refer to it in content blocks by ``id``."""

    id: str
    created_at: datetime
    filename: str
    mime_type: str
    size_bytes: int
    type: Literal["file"]
    downloadable: Optional[bool] = None
    """Whether ``download`` may fetch it (files you upload are not; files tools create are)."""


class DeletedFile(BaseModel):
    id: str
    type: Optional[Literal["file_deleted"]] = None


class FileListParams(TypedDict, total=False):
    after_id: str
    before_id: str
    limit: int
