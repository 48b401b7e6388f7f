"""The Files API (beta): upload, metadata, list, download, delete, the beta header and file ids in messages."""

from __future__ import annotations

import os
from typing import Any, Dict, Iterator, List, Optional

import httpx
import pytest
from claude_emulator import Emulator

from .conftest import HEADERS, MODEL, message_body
from .errors import error_message

BETA = "files-api-2025-04-14"
FILES = {"anthropic-beta": BETA}


def _upload(client: httpx.Client, files: Any, **params: str) -> Dict[str, Any]:
    response = client.post("/v1/files", files=files, headers=FILES, params=params)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def _text_file(client: httpx.Client, name: str = "notes.txt", data: bytes = b"Hello, file.") -> Dict[str, Any]:
    return _upload(client, {"file": (name, data, "text/plain")})


def _multipart(part_headers: str, data: bytes) -> bytes:
    return b"--b0undary\r\n" + part_headers.encode() + b"\r\n\r\n" + data + b"\r\n--b0undary--\r\n"


def _raw_upload(client: httpx.Client, body: bytes) -> httpx.Response:
    headers = {**FILES, "content-type": "multipart/form-data; boundary=b0undary"}
    return client.post("/v1/files", content=body, headers=headers)


@pytest.fixture
def http(emu: Emulator) -> Iterator[httpx.Client]:
    """Real HTTP only (the client fixture also runs in-process)."""
    with httpx.Client(base_url=emu.base_url, headers=HEADERS) as client:
        yield client


# -- upload and metadata ------------------------------------------------------------------


def test_upload(client: httpx.Client) -> None:
    stored = _text_file(client)
    assert set(stored) == {"id", "type", "filename", "mime_type", "size_bytes", "created_at", "downloadable"}
    assert stored["id"].startswith("file_emu_")
    assert stored["type"] == "file"
    assert (stored["filename"], stored["mime_type"], stored["size_bytes"]) == ("notes.txt", "text/plain", 12)
    assert stored["created_at"].endswith("Z") and stored["downloadable"] is True
    metadata = client.get(f"/v1/files/{stored['id']}", headers=FILES)
    assert metadata.status_code == 200
    assert metadata.json() == stored


def test_upload_without_filename_or_content_type(client: httpx.Client) -> None:
    stored = _upload(client, {"file": (None, b"abc")})
    assert (stored["filename"], stored["mime_type"], stored["size_bytes"]) == ("upload", "application/octet-stream", 3)


def test_upload_raw_parts(client: httpx.Client) -> None:
    plain = _raw_upload(client, _multipart('Content-Disposition: form-data; name="file"; filename="a.pdf"', b"%PDF"))
    assert (plain.json()["filename"], plain.json()["mime_type"]) == ("a.pdf", "application/octet-stream")
    disposition = "Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''r%C3%A9sum%C3%A9.md"
    headers = disposition + "\r\nContent-Type: text/markdown"
    extended = _raw_upload(client, _multipart(headers, b"# CV"))
    assert (extended.json()["filename"], extended.json()["mime_type"]) == ("résumé.md", "text/markdown")
    empty = _raw_upload(client, _multipart('Content-Disposition: form-data; name="file"; filename="e"', b""))
    assert empty.json()["size_bytes"] == 0
    assert client.get(f"/v1/files/{empty.json()['id']}/content", headers=FILES).content == b""


def test_upload_takes_the_part_named_file(client: httpx.Client) -> None:
    files = [("purpose", ("p.txt", b"other", "text/plain")), ("file", ("f.txt", b"mine", "text/plain"))]
    stored = _upload(client, files)
    assert stored["filename"] == "f.txt"
    assert client.get(f"/v1/files/{stored['id']}/content", headers=FILES).content == b"mine"


def test_upload_without_a_file_part(client: httpx.Client) -> None:
    response = client.post("/v1/files", files={"document": ("a.txt", b"x")}, headers=FILES)
    assert error_message(response, 400, "invalid_request_error") == "file: Field required"


def test_upload_that_is_not_multipart(client: httpx.Client) -> None:
    response = client.post("/v1/files", json={"file": "x"}, headers=FILES)
    assert "multipart/form-data" in error_message(response, 400, "invalid_request_error")
    response = client.post("/v1/files", content=b"x", headers={**FILES, "content-type": "multipart/form-data"})
    assert "boundary" in error_message(response, 400, "invalid_request_error")


def test_beta_query_is_optional(client: httpx.Client) -> None:
    stored = _upload(client, {"file": ("a.txt", b"x")}, beta="true")
    assert client.get(f"/v1/files/{stored['id']}", params={"beta": "true"}, headers=FILES).json() == stored
    assert client.get("/v1/files", params={"beta": "true"}, headers=FILES).json()["data"] == [stored]


# -- download -----------------------------------------------------------------------------


def test_five_mib_round_trip(http: httpx.Client, emu: Emulator) -> None:
    data = os.urandom(5 << 20)
    stored = _upload(http, {"file": ("blob.bin", data, "application/x-blob")})
    assert stored["size_bytes"] == len(data)
    assert emu.requests[-1].body == b""  # spooled to disk, not kept in memory
    with http.stream("GET", f"/v1/files/{stored['id']}/content", headers=FILES) as response:
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/x-blob"
        assert response.headers["content-length"] == str(len(data))
        chunks = list(response.iter_raw())
    assert len(chunks) > 1
    assert b"".join(chunks) == data


def test_chunked_upload(http: httpx.Client) -> None:
    data = os.urandom(3 << 20)
    request = http.build_request("POST", "/v1/files", files={"file": ("c.bin", data)}, headers=FILES)
    body, content_type = request.read(), request.headers["content-type"]

    def pieces() -> Iterator[bytes]:
        for at in range(0, len(body), 100_000):
            yield body[at : at + 100_000]

    response = http.post("/v1/files", content=pieces(), headers={**FILES, "content-type": content_type})
    assert response.status_code == 200, response.text
    assert http.get(f"/v1/files/{response.json()['id']}/content", headers=FILES).content == data


def test_download_small_file(client: httpx.Client) -> None:
    stored = _text_file(client, data=b"tiny")
    response = client.get(f"/v1/files/{stored['id']}/content", headers=FILES)
    assert response.content == b"tiny"
    assert response.headers["content-type"] == "text/plain"
    assert response.headers["content-length"] == "4"


# -- list and delete ----------------------------------------------------------------------


def _page(client: httpx.Client, **params: Any) -> Dict[str, Any]:
    response = client.get("/v1/files", params=params, headers=FILES)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_list_is_empty_at_first(client: httpx.Client) -> None:
    assert _page(client) == {"data": [], "has_more": False, "first_id": None, "last_id": None}


@pytest.mark.parametrize("limit", [1, 2, 4])
def test_list_pages_both_ways(client: httpx.Client, limit: int) -> None:
    uploaded = [_text_file(client, f"f{i}.txt") for i in range(5)]
    newest_first = [stored["id"] for stored in reversed(uploaded)]
    assert _page(client)["data"] == uploaded[::-1]

    forward: List[str] = []
    after: Optional[str] = None
    while True:
        page = _page(client, limit=limit, **({"after_id": after} if after else {}))
        assert len(page["data"]) <= limit
        forward += [stored["id"] for stored in page["data"]]
        if not page["has_more"]:
            break
        after = page["last_id"]
    assert forward == newest_first

    backward = [newest_first[-1]]
    while True:
        page = _page(client, limit=limit, before_id=backward[0])
        backward = [stored["id"] for stored in page["data"]] + backward
        if not page["has_more"]:
            break
    assert backward == newest_first


def test_list_bad_limit(client: httpx.Client) -> None:
    response = client.get("/v1/files", params={"limit": "0"}, headers=FILES)
    assert error_message(response, 400, "invalid_request_error").startswith("limit: ")


def test_delete(client: httpx.Client) -> None:
    kept, gone = _text_file(client, "kept.txt"), _text_file(client, "gone.txt")
    response = client.delete(f"/v1/files/{gone['id']}", headers=FILES)
    assert response.status_code == 200
    assert response.json() == {"id": gone["id"], "type": "file_deleted"}
    for method, suffix in [("GET", ""), ("GET", "/content"), ("DELETE", "")]:
        response = client.request(method, f"/v1/files/{gone['id']}{suffix}", headers=FILES)
        assert error_message(response, 404, "not_found_error") == f"File not found: {gone['id']}"
    assert _page(client)["data"] == [kept]


@pytest.mark.parametrize(("method", "suffix"), [("GET", ""), ("GET", "/content"), ("DELETE", "")])
def test_unknown_file_is_a_404(client: httpx.Client, method: str, suffix: str) -> None:
    response = client.request(method, f"/v1/files/file_nope{suffix}", headers=FILES)
    assert response.json()["error"] == {"type": "not_found_error", "message": "File not found: file_nope"}
    error_message(response, 404, "not_found_error")


# -- the beta header ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/v1/files"),
        ("GET", "/v1/files"),
        ("GET", "/v1/files/f"),
        ("GET", "/v1/files/f/content"),
        ("DELETE", "/v1/files/f"),
    ],
)
@pytest.mark.parametrize("betas", [None, "message-batches-2024-09-24", "files-api-2025-04-15"])
def test_the_beta_header_is_required(client: httpx.Client, method: str, path: str, betas: Optional[str]) -> None:
    headers = {} if betas is None else {"anthropic-beta": betas}
    response = client.request(
        method, path, headers=headers, files={"file": ("a.txt", b"x")} if method == "POST" else None
    )
    assert BETA in error_message(response, 400, "invalid_request_error")


def test_the_beta_among_others(client: httpx.Client) -> None:
    headers = {"anthropic-beta": f"message-batches-2024-09-24, {BETA}"}
    assert client.get("/v1/files", headers=headers).status_code == 200


def test_files_need_credentials(emu: Emulator) -> None:
    with httpx.Client(base_url=emu.base_url, headers=FILES) as anonymous:
        error_message(anonymous.get("/v1/files"), 401, "authentication_error")


# -- file ids in messages -----------------------------------------------------------------


def _file_message(file_id: str, kind: str = "document") -> Dict[str, Any]:
    block = {"type": kind, "source": {"type": "file", "file_id": file_id}}
    return message_body(messages=[{"role": "user", "content": [block, {"type": "text", "text": "Describe it"}]}])


def test_a_stored_file_in_a_message(client: httpx.Client) -> None:
    stored = _text_file(client)
    for kind in ("document", "image"):
        response = client.post("/v1/messages", json=_file_message(stored["id"], kind), headers=FILES)
        assert response.status_code == 200, response.text
        assert response.json()["content"][0]["text"] == f"Echo: [{kind}] Describe it"
    count = client.post(
        "/v1/messages/count_tokens", json={"model": MODEL, "messages": _file_message(stored["id"])["messages"]}
    )
    assert count.status_code == 200


def test_an_unknown_file_in_a_message(client: httpx.Client) -> None:
    for kind in ("document", "image"):
        response = client.post("/v1/messages", json=_file_message("file_nope", kind))
        assert error_message(response, 404, "not_found_error") == "File not found: file_nope"
    body = {"model": MODEL, "messages": _file_message("file_nope")["messages"]}
    response = client.post("/v1/messages/count_tokens", json=body)
    assert error_message(response, 404, "not_found_error") == "File not found: file_nope"


def test_a_deleted_file_in_a_message(client: httpx.Client) -> None:
    stored = _text_file(client)
    client.delete(f"/v1/files/{stored['id']}", headers=FILES)
    response = client.post("/v1/messages", json=_file_message(stored["id"]), headers=FILES)
    assert error_message(response, 404, "not_found_error") == f"File not found: {stored['id']}"


def test_a_file_in_a_tool_result(client: httpx.Client) -> None:
    use = {"type": "tool_use", "id": "toolu_1", "name": "fetch", "input": {}}
    image = {"type": "image", "source": {"type": "file", "file_id": "file_nope"}}
    result = {"type": "tool_result", "tool_use_id": "toolu_1", "content": [image]}
    messages = [
        {"role": "user", "content": "Fetch"},
        {"role": "assistant", "content": [use]},
        {"role": "user", "content": [result]},
    ]
    response = client.post("/v1/messages", json=message_body(messages=messages))
    assert error_message(response, 404, "not_found_error") == "File not found: file_nope"


@pytest.mark.parametrize(
    ("source", "message"), [({}, "Field required"), ({"file_id": 7}, "Input should be a valid string")]
)
def test_a_bad_file_source(client: httpx.Client, source: Dict[str, Any], message: str) -> None:
    block = {"type": "document", "source": {"type": "file", **source}}
    response = client.post("/v1/messages", json=message_body(messages=[{"role": "user", "content": [block]}]))
    assert error_message(response, 400, "invalid_request_error") == f"messages.0.content.0.source.file_id: {message}"


def test_other_sources_are_not_checked(client: httpx.Client) -> None:
    block = {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": "Plain."}}
    response = client.post("/v1/messages", json=message_body(messages=[{"role": "user", "content": [block]}]))
    assert response.status_code == 200


# -- lifecycle ----------------------------------------------------------------------------


def test_reset_forgets_files(client: httpx.Client, emu: Emulator) -> None:
    stored = _text_file(client)
    emu.reset()
    assert client.get(f"/v1/files/{stored['id']}", headers=FILES).status_code == 404
    assert _page(client)["data"] == []


def test_stop_deletes_the_files() -> None:
    with Emulator() as emu, httpx.Client(base_url=emu.base_url, headers={**HEADERS, **FILES}) as client:
        stored = client.post("/v1/files", files={"file": ("a.txt", b"x")}).json()
        directory = emu.app._files._directory
        assert directory is not None and os.listdir(directory) == [stored["id"]]
    assert not os.path.exists(directory)
    emu.start()  # the app is usable again, with no files
    try:
        with httpx.Client(base_url=emu.base_url, headers={**HEADERS, **FILES}) as client:
            assert client.get("/v1/files").json()["data"] == []
            assert client.post("/v1/files", files={"file": ("b.txt", b"y")}).status_code == 200
    finally:
        emu.stop()
