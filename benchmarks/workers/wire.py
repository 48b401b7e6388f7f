"""The emulator's send rate: a text stream of N deltas read with a plain socket, nothing parsed.

An upper bound for every reading of the same stream: a figure close to it would measure the
emulator, not the client. Prints ``{"socket": events/s}``.
"""

from __future__ import annotations

import json
import socket
from urllib.parse import urlsplit

from _common import BODY, STREAM_OVERHEAD_EVENTS, best_seconds, emit, parser, raw_headers


def request(host: str, port: int, api_key: str, deltas: int) -> bytes:
    payload = json.dumps({**BODY, "stream": True}).encode()
    headers = {
        **raw_headers(api_key),
        "host": f"{host}:{port}",
        "content-length": str(len(payload)),
        "connection": "close",
        "x-emulator-text-deltas": str(deltas),
        "x-emulator-no-ping": "1",
    }
    head = "POST /v1/messages HTTP/1.1\r\n" + "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    return (head + "\r\n").encode() + payload


def main() -> None:
    args = parser(__doc__.splitlines()[0])
    args.add_argument("--deltas", type=int, required=True, help="text deltas in the stream")
    args.add_argument("--repeat", type=int, required=True, help="timed reads (best counts)")
    options = args.parse_args()
    url = urlsplit(options.base_url)
    host, port = url.hostname or "127.0.0.1", url.port or 80
    data = request(host, port, options.api_key, options.deltas)

    def read() -> int:
        received = 0
        with socket.create_connection((host, port), timeout=60) as sock:
            sock.sendall(data)
            while chunk := sock.recv(1 << 20):
                received += len(chunk)
        return received

    emit({"socket": (options.deltas + STREAM_OVERHEAD_EVENTS) / best_seconds(read, options.repeat)})


if __name__ == "__main__":
    main()
