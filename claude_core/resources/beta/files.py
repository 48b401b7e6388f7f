"""``client.beta.files``: upload, list, look up, download and delete files (the Files API beta).

An upload streams its file from disk as the request is sent (a path or an open file is
never read whole into memory), and a download streams to disk with ``write_to_file``.
Every request carries the caller's ``betas`` and then ``files-api-2025-04-14``.
"""

from __future__ import annotations

import errno
import io
import os
from typing import IO, Any, Dict, List, Mapping, Optional, Tuple
from urllib.parse import quote

import httpx

from ..._engine.parsing import parse_response
from ..._engine.responses import AsyncBinaryAPIResponse, BinaryAPIResponse
from ..._options import CallOptions
from ..._types import FileTypes, RequestMode, omit
from ...pagination import AsyncPaginator, SyncPage
from ...providers import APIRequest
from ...types.files import DeletedFile, FileListParams, FileMetadata
from .._base import AsyncRequester, Requester, Resource
from .._lists import async_list, list_call, sync_list
from .._spec import MethodSpec

__all__ = ["Files", "AsyncFiles", "FileTypes", "FILES_BETA"]

FILES_BETA = "files-api-2025-04-14"

_BETAS = (("betas", omit),)


def _upload_params() -> Tuple[Any, ...]:
    from ...types.beta_params import FileUploadParams  # here: only upload()'s signature needs it

    return (FileUploadParams,)


UPLOAD = MethodSpec("beta.files.upload", ("file",), (), local=_BETAS, annotations=_upload_params)
LIST = MethodSpec(
    "beta.files.list", (), ("after_id", "before_id", "limit"), local=_BETAS, annotations=(FileListParams,)
)
RETRIEVE_METADATA, DOWNLOAD, DELETE = (
    MethodSpec(f"beta.files.{name}", (), (), positional=("file_id",), local=_BETAS)
    for name in ("retrieve_metadata", "download", "delete")
)


# -- the requests, decided without I/O -------------------------------------------------------------


def _with_betas(call: APIRequest, params: Mapping[str, Any]) -> APIRequest:
    call.headers["anthropic-beta"] = ",".join([*(params.get("betas") or ()), FILES_BETA])
    return call


def _file_path(file_id: Any, method: str, suffix: str = "") -> str:
    if not isinstance(file_id, str) or not file_id:
        raise ValueError(f"beta.files.{method}() needs a non-empty file_id, got {file_id!r}")
    return f"/v1/files/{quote(file_id, safe='')}{suffix}"


def _by_id(
    spec: MethodSpec, http_method: str, file_id: Any, params: Mapping[str, Any], suffix: str = ""
) -> Tuple[APIRequest, CallOptions]:
    _, opts = spec.split(params)
    method = spec.name.rsplit(".", 1)[1]
    call = APIRequest(spec.name, http_method, _file_path(file_id, method, suffix), query={"beta": "true"})
    if suffix == "/content":
        call.headers["accept"] = "application/binary"
    return _with_betas(call, params), opts


def _list_call(query: Dict[str, Any], params: Mapping[str, Any]) -> APIRequest:
    return _with_betas(list_call("beta.files.list", "/v1/files", query, beta=True), params)


class _Upload:
    """The multipart part of an upload, and the files it opened (closed once the call is over)."""

    def __init__(self, file: Any) -> None:
        self.opened: List[IO[bytes]] = []
        self.part = self._part(file)

    def _part(self, file: Any) -> Tuple[str, Any, Optional[str]]:
        if isinstance(file, tuple):
            if len(file) not in (2, 3):
                raise TypeError("upload(file=(...)) takes (filename, content) or (filename, content, media_type)")
            name, content = file[0], self._content(file[1])
            media_type = file[2] if len(file) == 3 else None
            return (name if name is not None else "upload"), content, media_type
        content = self._content(file)
        if isinstance(file, os.PathLike):
            return os.path.basename(os.fspath(file)), content, None
        if isinstance(file, (bytes, bytearray, memoryview)):
            return "upload", content, "application/octet-stream"
        name = getattr(file, "name", None)
        return (os.path.basename(name) if isinstance(name, str) else "upload"), content, None

    def _content(self, content: Any) -> Any:
        if isinstance(content, (bytes, bytearray, memoryview)):
            return bytes(content)
        if isinstance(content, str):
            raise TypeError(
                "upload(file=...) got a str: pass pathlib.Path(...) for a file on disk, or bytes for its content"
            )
        if isinstance(content, os.PathLike):
            path = os.fspath(content)
            if not os.path.exists(path):
                raise FileNotFoundError(errno.ENOENT, "upload(file=...): no such file", path)
            if os.path.isdir(path):
                raise IsADirectoryError(errno.EISDIR, "upload(file=...): a directory, not a file", path)
            opened = open(path, "rb")  # noqa: SIM115  (closed by close(), after the request)
            self.opened.append(opened)
            return opened
        if isinstance(content, io.TextIOBase):
            raise TypeError("upload(file=...) got a file opened in text mode: open it with 'rb'")
        if hasattr(content, "read"):
            return content
        raise TypeError(
            f"upload(file=...) takes bytes, a path, an open binary file or a tuple, not {type(content).__name__}"
        )

    def call(self, params: Mapping[str, Any]) -> Tuple[APIRequest, CallOptions]:
        _, opts = UPLOAD.split({**params, "file": self.part})
        name, content, media_type = self.part
        part = (name, content) if media_type is None else (name, content, media_type)
        call = APIRequest("beta.files.upload", "POST", "/v1/files", query={"beta": "true"}, files={"file": part})
        return _with_betas(call, params), opts

    def close(self) -> None:
        for opened in self.opened:
            opened.close()


def _parse_metadata(response: httpx.Response) -> FileMetadata:
    return parse_response(response, FileMetadata)


def _parse_deleted(response: httpx.Response) -> DeletedFile:
    return parse_response(response, DeletedFile)


def _content_of(response: httpx.Response) -> bytes:
    return response.content


# -- the resources ---------------------------------------------------------------------------


class Files(Resource[Requester]):
    """Files you refer to in messages by ``file_id`` (``{"type": "file", "file_id": ...}`` sources)."""

    @UPLOAD.applies
    def upload(self, *, file: FileTypes, **params: Any) -> FileMetadata:
        """Upload ``file``: bytes, a path, an open binary file, or ``(filename, content[, media_type])``."""
        upload = _Upload(file)
        try:
            call, opts = upload.call(params)
            return self._client._request(call, opts, _parse_metadata, self._mode)  # type: ignore[no-any-return]
        finally:
            upload.close()

    @LIST.applies
    def list(self, **params: Any) -> SyncPage[FileMetadata]:
        """The first page of files, newest first; iterate it to walk every page."""
        query, opts = LIST.split(params)
        return sync_list(self._client, self._mode, lambda q: _list_call(q, params), query, opts, FileMetadata)

    @RETRIEVE_METADATA.applies
    def retrieve_metadata(self, file_id: str, **params: Any) -> FileMetadata:
        call, opts = _by_id(RETRIEVE_METADATA, "GET", file_id, params)
        return self._client._request(call, opts, _parse_metadata, self._mode)  # type: ignore[no-any-return]

    @DOWNLOAD.applies
    def download(self, file_id: str, **params: Any) -> BinaryAPIResponse:
        """The file's content, not read yet: ``read()``, ``iter_bytes()``, or ``write_to_file(path)``."""
        call, opts = _by_id(DOWNLOAD, "GET", file_id, params, "/content")
        raw = self._client._request(call, opts, _content_of, RequestMode.STREAM_RESPONSE)
        return BinaryAPIResponse(raw.http_response, _content_of, provider=raw.provider, retries_taken=raw.retries_taken)

    @DELETE.applies
    def delete(self, file_id: str, **params: Any) -> DeletedFile:
        call, opts = _by_id(DELETE, "DELETE", file_id, params)
        return self._client._request(call, opts, _parse_deleted, self._mode)  # type: ignore[no-any-return]


class AsyncFiles(Resource[AsyncRequester]):
    """The Files API, awaited."""

    @UPLOAD.applies
    async def upload(self, *, file: FileTypes, **params: Any) -> FileMetadata:
        upload = _Upload(file)
        try:
            call, opts = upload.call(params)
            return await self._client._request(call, opts, _parse_metadata, self._mode)  # type: ignore[no-any-return]
        finally:
            upload.close()

    @LIST.applies
    def list(self, **params: Any) -> AsyncPaginator[FileMetadata]:
        query, opts = LIST.split(params)
        return async_list(self._client, self._mode, lambda q: _list_call(q, params), query, opts, FileMetadata)

    @RETRIEVE_METADATA.applies
    async def retrieve_metadata(self, file_id: str, **params: Any) -> FileMetadata:
        call, opts = _by_id(RETRIEVE_METADATA, "GET", file_id, params)
        return await self._client._request(call, opts, _parse_metadata, self._mode)  # type: ignore[no-any-return]

    @DOWNLOAD.applies
    async def download(self, file_id: str, **params: Any) -> AsyncBinaryAPIResponse:
        call, opts = _by_id(DOWNLOAD, "GET", file_id, params, "/content")
        raw = await self._client._request(call, opts, _content_of, RequestMode.STREAM_RESPONSE)
        return AsyncBinaryAPIResponse(
            raw.http_response, _content_of, provider=raw.provider, retries_taken=raw.retries_taken
        )

    @DELETE.applies
    async def delete(self, file_id: str, **params: Any) -> DeletedFile:
        call, opts = _by_id(DELETE, "DELETE", file_id, params)
        return await self._client._request(call, opts, _parse_deleted, self._mode)  # type: ignore[no-any-return]
