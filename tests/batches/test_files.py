"""``beta.files`` over HTTP to the emulator, sync and async: every upload form, byte-exact
downloads (``read``, ``iter_bytes``, ``write_to_file``), pages, metadata, delete, and bad
input refused before any request."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any, Callable, List

import pytest

import claude_core
from claude_core.types.beta import DeletedFile, FileMetadata

from ..conftest import MODEL, Api

PAYLOAD = os.urandom(5 * 1024 * 1024 + 17)  # 5 MiB and a bit: many chunks each way


def download_bytes(api: Api, file_id: str, how: str, tmp_path: Path) -> bytes:
    """The file's content, downloaded with ``read()``, ``iter_bytes()`` or ``write_to_file``."""
    target = tmp_path / "download.bin"
    if api.is_async:

        async def go() -> bytes:
            response = await api.client.beta.files.download(file_id)
            if how == "read":
                return await response.read()  # type: ignore[no-any-return]
            if how == "iter_bytes":
                return b"".join([chunk async for chunk in response.iter_bytes()])
            await response.write_to_file(target)
            return target.read_bytes()

        return api.run(go())  # type: ignore[no-any-return]
    response = api.client.beta.files.download(file_id)
    if how == "read":
        return response.read()
    if how == "iter_bytes":
        return b"".join(response.iter_bytes())
    response.write_to_file(target)
    assert response.is_closed
    return target.read_bytes()


@pytest.mark.parametrize("how", ["read", "iter_bytes", "write_to_file"])
def test_a_path_uploads_and_downloads_byte_exact(api: Api, tmp_path: Path, how: str) -> None:
    source = tmp_path / "blob.bin"
    source.write_bytes(PAYLOAD)
    stored = api(lambda c: c.beta.files.upload(file=source))
    assert isinstance(stored, FileMetadata)
    assert (stored.filename, stored.size_bytes, stored.mime_type) == (
        "blob.bin",
        len(PAYLOAD),
        "application/octet-stream",
    )
    assert download_bytes(api, stored.id, how, tmp_path) == PAYLOAD
    upload, download = api.emulator.requests[-2:]
    assert (upload.path, upload.query) == ("/v1/files", {"beta": "true"})
    assert upload.headers["content-type"].startswith("multipart/form-data")
    assert (download.path, download.query) == (f"/v1/files/{stored.id}/content", {"beta": "true"})
    assert download.headers["accept"] == "application/binary"
    assert upload.headers["anthropic-beta"] == download.headers["anthropic-beta"] == "files-api-2025-04-14"


FORMS: List[Any] = [
    (lambda p: b"hello", "upload", "application/octet-stream"),
    (lambda p: ("notes.txt", b"hello", "text/plain"), "notes.txt", "text/plain"),
    (lambda p: ("data.json", b"hello"), "data.json", "application/json"),
    (lambda p: io.BytesIO(b"hello"), "upload", "application/octet-stream"),
    (lambda p: open(p, "rb"), "form.csv", "text/csv"),  # noqa: SIM115  (closed by the test)
    (lambda p: ("renamed.txt", Path(p)), "renamed.txt", "text/plain"),
]


@pytest.mark.parametrize(("make", "filename", "mime_type"), FORMS)
def test_every_upload_form(
    api: Api, tmp_path: Path, make: Callable[[Path], Any], filename: str, mime_type: str
) -> None:
    path = tmp_path / "form.csv"
    path.write_bytes(b"hello")
    file = make(path)
    try:
        stored = api(lambda c: c.beta.files.upload(file=file))
    finally:
        if hasattr(file, "close"):
            file.close()
    assert (stored.filename, stored.mime_type, stored.size_bytes) == (filename, mime_type, 5)
    assert download_bytes(api, stored.id, "read", tmp_path) == b"hello"


def test_list_metadata_and_delete(api: Api) -> None:
    ids = [api(lambda c, i=i: c.beta.files.upload(file=(f"f{i}.txt", b"x" * i, "text/plain"))).id for i in range(5)]
    walked = [f.id for f in api.collect(api.client.beta.files.list(limit=2))]
    assert walked == ids[::-1]
    meta = api(lambda c: c.beta.files.retrieve_metadata(ids[3]))
    assert (meta.filename, meta.size_bytes, meta.downloadable) == ("f3.txt", 3, True)
    deleted = api(lambda c: c.beta.files.delete(ids[3]))
    assert isinstance(deleted, DeletedFile) and (deleted.id, deleted.type) == (ids[3], "file_deleted")
    with pytest.raises(claude_core.NotFoundError):
        api(lambda c: c.beta.files.retrieve_metadata(ids[3]))
    listed = [r.query for r in api.emulator.requests if r.method == "GET" and r.path == "/v1/files"]
    assert listed[0] == {"limit": "2"}  # beta=true dropped with params, as the official SDK's URL does


def test_a_stored_file_in_a_message(api: Api) -> None:
    stored = api(lambda c: c.beta.files.upload(file=("facts.txt", b"The sky is blue.", "text/plain")))
    source = {"type": "file", "file_id": stored.id}
    content = [{"type": "document", "source": source}, {"type": "text", "text": "Colour?"}]
    message = api(
        lambda c: c.beta.messages.create(
            model=MODEL, max_tokens=64, messages=[{"role": "user", "content": content}], betas=["files-api-2025-04-14"]
        )
    )
    assert message.content[0].text.startswith("Echo:")
    missing = [{"type": "document", "source": {"type": "file", "file_id": "file_nope"}}, {"type": "text", "text": "?"}]
    with pytest.raises(claude_core.NotFoundError):
        api(
            lambda c: c.beta.messages.create(
                model=MODEL, max_tokens=64, messages=[{"role": "user", "content": missing}]
            )
        )


def test_bad_uploads_are_refused_before_sending(api: Api, tmp_path: Path) -> None:
    text_file = open(tmp_path / "t.txt", "w")  # noqa: SIM115
    cases = [
        (tmp_path / "missing.bin", FileNotFoundError, "no such file"),
        (tmp_path, IsADirectoryError, "a directory"),
        (str(tmp_path / "x.bin"), TypeError, r"pass pathlib.Path\(...\)"),
        (text_file, TypeError, "text mode"),
        (("a", b"x", "text/plain", "extra"), TypeError, r"\(filename, content\)"),
        (42, TypeError, "not int"),
    ]
    try:
        for file, error, message in cases:
            with pytest.raises(error, match=message):
                api(lambda c, file=file: c.beta.files.upload(file=file))
    finally:
        text_file.close()
    with pytest.raises(ValueError, match="non-empty file_id"):
        api(lambda c: c.beta.files.retrieve_metadata(""))
    assert api.emulator.requests == []


def test_a_download_left_unread_can_be_closed(api: Api) -> None:
    stored = api(lambda c: c.beta.files.upload(file=b"abc"))
    if api.is_async:

        async def go() -> None:
            async with await api.client.beta.files.download(stored.id) as response:
                assert response.status_code == 200

        api.run(go())
    else:
        with api.client.beta.files.download(stored.id) as response:
            assert response.status_code == 200
        assert response.is_closed


def test_file_from_path_uploads_the_file_under_its_name(api: Api, tmp_path: Path) -> None:
    from claude_core.types.beta.file_upload_params import FileUploadParams

    source = tmp_path / "minutes.txt"
    source.write_bytes(b"Meet at noon.\n")
    made = claude_core.file_from_path(str(source))
    assert made == ("minutes.txt", b"Meet at noon.\n") and claude_core.file_from_path(source) == made
    params: FileUploadParams = {"file": made, "betas": ["pdfs-2024-09-25"]}
    stored = api(lambda c: c.beta.files.upload(**params))
    assert (stored.filename, stored.size_bytes, stored.mime_type) == ("minutes.txt", 14, "text/plain")
    assert api.emulator.requests[-1].headers["anthropic-beta"] == "pdfs-2024-09-25,files-api-2025-04-14"
    assert download_bytes(api, stored.id, "read", tmp_path) == b"Meet at noon.\n"
    with pytest.raises(FileNotFoundError):
        claude_core.file_from_path(str(tmp_path / "absent.txt"))
