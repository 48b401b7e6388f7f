"""Checking the emulator's error replies: the real API's shape, with its request id."""

from __future__ import annotations

import httpx


def error_message(response: httpx.Response, status: int, error_type: str) -> str:
    """The message of an error reply, after checking its status, type and shape."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body == {
        "type": "error",
        "error": {"type": error_type, "message": body["error"]["message"]},
        "request_id": response.headers["request-id"],
    }
    return str(body["error"]["message"])
