"""What a differential run against the official SDK 0.79 found different, now the same.

Each expectation is what the official SDK was seen doing against the emulator: every
request but a GET says ``Content-Type: application/json``, bodyless ones too (a multipart
upload says its own); a GET says none; an error body that is not JSON is kept stripped of
its surrounding whitespace, and is the error's message.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Optional

import pytest

import claude_core

from ..conftest import MODEL, USER, Api

BATCH_REQUESTS: Any = [{"custom_id": "a", "params": {"model": MODEL, "max_tokens": 8, "messages": USER}}]


def _batch_id(api: Api) -> str:
    return api(lambda c: c.messages.batches.create(requests=BATCH_REQUESTS)).id  # type: ignore[no-any-return]


def _file_id(api: Api) -> str:
    uploaded = api(lambda c: c.beta.files.upload(file=("notes.txt", b"some notes", "text/plain")))
    return uploaded.id  # type: ignore[no-any-return]


#: (call, method and path of the request it sends, the Content-Type the official SDK sends)
CALLS: Dict[str, Any] = {
    "messages.batches.cancel": (lambda c, b, f: c.messages.batches.cancel(b), "POST", "/cancel", "application/json"),
    "messages.batches.delete": (lambda c, b, f: c.messages.batches.delete(b), "DELETE", "", "application/json"),
    "beta.messages.batches.cancel": (
        lambda c, b, f: c.beta.messages.batches.cancel(b),
        "POST",
        "/cancel",
        "application/json",
    ),
    "beta.messages.batches.delete": (
        lambda c, b, f: c.beta.messages.batches.delete(b),
        "DELETE",
        "",
        "application/json",
    ),
    "beta.files.delete": (lambda c, b, f: c.beta.files.delete(f), "DELETE", "", "application/json"),
    "messages.create": (
        lambda c, b, f: c.messages.create(model=MODEL, max_tokens=8, messages=USER),
        "POST",
        "",
        "application/json",
    ),
    "messages.batches.retrieve": (lambda c, b, f: c.messages.batches.retrieve(b), "GET", "", None),
    "messages.batches.list": (lambda c, b, f: c.messages.batches.list(), "GET", "", None),
    "beta.files.retrieve_metadata": (lambda c, b, f: c.beta.files.retrieve_metadata(f), "GET", "", None),
    "models.list": (lambda c, b, f: c.models.list(), "GET", "", None),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_content_type_as_the_official_sdk_sends_it(api: Api, name: str) -> None:
    call, method, path_end, content_type = CALLS[name]
    # cancel and delete need a batch that is still running, or one that ended: one of each is made
    batch_id, file_id = _batch_id(api), _file_id(api)
    if name.endswith("batches.delete"):
        api(lambda c: c.messages.batches.cancel(batch_id))
        for _ in range(5):  # the emulator ends a batch a request per poll
            api(lambda c: c.messages.batches.retrieve(batch_id))
    fn: Callable[[Any], Any] = lambda c: call(c, batch_id, file_id)  # noqa: E731
    api(fn)
    sent = api.emulator.requests[-1]
    assert sent.method == method and sent.path.endswith(path_end)
    got: Optional[str] = sent.headers.get("content-type")
    assert got == content_type
    if method != "POST" or path_end == "/cancel":
        assert sent.body == b""


def test_a_content_type_of_the_callers_own_is_kept(api: Api) -> None:
    batch_id = _batch_id(api)
    api(lambda c: c.messages.batches.cancel(batch_id, extra_headers={"Content-Type": "application/x-custom"}))
    assert api.emulator.requests[-1].headers["content-type"] == "application/x-custom"


def test_an_upload_says_multipart(api: Api) -> None:
    _file_id(api)
    assert api.emulator.requests[-1].headers["content-type"].startswith("multipart/form-data; boundary=")


PAGE = b"\r\n\n  <html>\n<body>502 Bad Gateway</body>\n</html>\n\n  "


@pytest.mark.parametrize(("status", "cls"), [(502, claude_core.InternalServerError), (404, claude_core.NotFoundError)])
def test_a_non_json_error_body_is_stripped(api: Api, status: int, cls: type) -> None:
    api.emulator.enqueue(status=status, body=PAGE, headers={"content-type": "text/html"})
    with pytest.raises(cls) as caught:
        api(lambda c: c.messages.create(model=MODEL, max_tokens=8, messages=USER), api.make(max_retries=0))
    stripped = PAGE.decode().strip()
    assert caught.value.body == stripped and caught.value.message == stripped and str(caught.value) == stripped
    assert caught.value.status_code == status


def test_an_empty_error_body(api: Api) -> None:
    api.emulator.enqueue(status=503, body=b" \n")
    with pytest.raises(claude_core.InternalServerError) as caught:
        api(lambda c: c.messages.create(model=MODEL, max_tokens=8, messages=USER), api.make(max_retries=0))
    assert caught.value.body == "" and str(caught.value) == "Error code: 503"


def test_a_json_error_body_with_whitespace_around_it_is_parsed(api: Api) -> None:
    body = b'\n {"type":"error","error":{"type":"api_error","message":"boom"}}\n'
    api.emulator.enqueue(status=500, body=body)
    with pytest.raises(claude_core.InternalServerError) as caught:
        api(lambda c: c.messages.create(model=MODEL, max_tokens=8, messages=USER), api.make(max_retries=0))
    assert caught.value.body == {"type": "error", "error": {"type": "api_error", "message": "boom"}}
    assert caught.value.type == "api_error"
