"""The Files API (beta): upload, list, metadata, delete and download, with the bytes kept on disk.

Every route needs ``anthropic-beta: files-api-2025-04-14``. Uploaded files live in a
temporary directory the store creates at the first upload and deletes on :meth:`FileStore.close`
(or when the store is garbage-collected, or at exit). Unlike the real API, where uploaded
files cannot be downloaded, every file here is ``downloadable``, so downloads can be tested.

Messages name stored files in ``document`` and ``image`` blocks with
``"source": {"type": "file", "file_id": ...}``; :meth:`FileStore.check_refs` answers an
unknown id with a 404, as the API does.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import os
import shutil
import tempfile
import threading
import weakref
from typing import Any, BinaryIO, Dict, Iterator, List, Mapping, Optional, Tuple

from . import _multipart, _paging
from ._wire import APIErrorReply, rfc3339

__all__ = ["FILES_BETA", "StoredFile", "FileBody", "FileStore", "has_beta"]

#: The ``anthropic-beta`` value every Files API route needs.
FILES_BETA = "files-api-2025-04-14"
DOWNLOAD_CHUNK = 256 * 1024
_FILE_BLOCKS = ("document", "image")


def has_beta(headers: Mapping[str, str], beta: str) -> bool:
    """Whether the comma-separated ``anthropic-beta`` header names ``beta``."""
    return beta in (name.strip() for name in headers.get("anthropic-beta", "").split(","))


@dataclasses.dataclass(frozen=True)
class StoredFile:
    id: str
    filename: str
    mime_type: str
    size_bytes: int
    created_at: str
    path: str

    def metadata(self) -> Dict[str, Any]:
        """The FileMetadata object the API answers with."""
        return {
            "id": self.id,
            "type": "file",
            "filename": self.filename,
            "mime_type": self.mime_type,
            "size_bytes": self.size_bytes,
            "created_at": self.created_at,
            "downloadable": True,
        }


class FileBody:
    """A stored file's bytes, read from disk in 256 KiB chunks as they are sent; ``close()`` closes it.

    The file is opened at once, so deleting it later does not cut a download in progress.
    """

    def __init__(self, path: str) -> None:
        self._file: BinaryIO = open(path, "rb")  # noqa: SIM115 - closed by close(), after the reply is sent

    def __iter__(self) -> Iterator[bytes]:
        while True:
            chunk = self._file.read(DOWNLOAD_CHUNK)
            if not chunk:
                return
            yield chunk

    def close(self) -> None:
        self._file.close()


def _not_found(file_id: str) -> APIErrorReply:
    return APIErrorReply(404, f"File not found: {file_id}")


class FileStore:
    """The files uploaded to one app, newest last; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._files: Dict[str, StoredFile] = {}
        self._directory: Optional[str] = None
        self._cleanup: Optional[weakref.finalize[Any, Any]] = None

    @staticmethod
    def require_beta(headers: Mapping[str, str]) -> None:
        if not has_beta(headers, FILES_BETA):
            raise APIErrorReply(400, f"anthropic-beta: the Files API is in beta; send 'anthropic-beta: {FILES_BETA}'")

    def _folder(self) -> str:
        with self._lock:
            if self._directory is None:
                self._directory = tempfile.mkdtemp(prefix="claude-emulator-files-")
                self._cleanup = weakref.finalize(self, shutil.rmtree, self._directory, True)
            return self._directory

    def upload(self, body: BinaryIO, content_type: str, file_id: str) -> StoredFile:
        """Store the part named ``file`` of a multipart body (a 400 when there is none)."""
        part = _multipart.find_part(body, content_type, "file")
        if part is None:
            raise APIErrorReply(400, "file: Field required")
        path = os.path.join(self._folder(), file_id)
        try:
            with open(path, "wb") as target:
                _multipart.copy_range(body, part.offset, part.size, target)
        except BaseException:
            _remove(path)
            raise
        now = rfc3339(datetime.datetime.now(datetime.timezone.utc))
        stored = StoredFile(
            file_id, part.filename or "upload", part.content_type or "application/octet-stream", part.size, now, path
        )
        with self._lock:
            self._files[file_id] = stored
        return stored

    def get(self, file_id: str) -> StoredFile:
        with self._lock:
            stored = self._files.get(file_id)
        if stored is None:
            raise _not_found(file_id)
        return stored

    def open(self, file_id: str) -> FileBody:
        """The bytes of a stored file, to stream."""
        with self._lock:
            stored = self._files.get(file_id)
            if stored is None:
                raise _not_found(file_id)
            return FileBody(stored.path)

    def delete(self, file_id: str) -> Dict[str, Any]:
        with self._lock:
            stored = self._files.pop(file_id, None)
            if stored is None:
                raise _not_found(file_id)
            _remove(stored.path)
        return {"id": file_id, "type": "file_deleted"}

    def list(self, query: Mapping[str, str]) -> Dict[str, Any]:
        """One page of GET /v1/files, newest first."""
        with self._lock:
            newest_first = list(reversed(self._files.values()))
        return _paging.page(newest_first, _file_id, query, "file", StoredFile.metadata)

    def exists(self, file_id: str) -> bool:
        with self._lock:
            return file_id in self._files

    def check_refs(self, params: Mapping[str, Any]) -> None:
        """A 404 for the first ``document`` or ``image`` block whose ``file`` source names no stored file."""
        for where, source in _file_sources(params["messages"]):
            file_id = source.get("file_id")
            if file_id is None:
                raise APIErrorReply(400, f"{where}.file_id: Field required")
            if not isinstance(file_id, str):
                raise APIErrorReply(400, f"{where}.file_id: Input should be a valid string")
            if not self.exists(file_id):
                raise _not_found(file_id)

    def clear(self) -> None:
        """Delete every stored file (the directory stays for later uploads)."""
        with self._lock:
            files, self._files = list(self._files.values()), {}
            for stored in files:
                _remove(stored.path)

    def close(self) -> None:
        """Delete every stored file and the temporary directory; a later upload makes a new one."""
        with self._lock:
            self._files.clear()
            cleanup, self._cleanup, self._directory = self._cleanup, None, None
        if cleanup is not None:
            cleanup()


def _file_id(stored: StoredFile) -> str:
    return stored.id


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.remove(path)


def _file_sources(messages: List[Dict[str, Any]]) -> Iterator[Tuple[str, Dict[str, Any]]]:
    """``(where, source)`` for every ``file`` source of a document or image block, in tool results too."""
    for i, message in enumerate(messages):
        yield from _sources_in(message["content"], f"messages.{i}.content")


def _sources_in(content: Any, where: str) -> Iterator[Tuple[str, Dict[str, Any]]]:
    if not isinstance(content, list):
        return
    for j, block in enumerate(content):
        if not isinstance(block, dict):
            continue
        source = block.get("source")
        if block.get("type") in _FILE_BLOCKS and isinstance(source, dict) and source.get("type") == "file":
            yield f"{where}.{j}.source", source
        elif block.get("type") == "tool_result":
            yield from _sources_in(block.get("content"), f"{where}.{j}.content")
