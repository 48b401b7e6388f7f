"""Process start to the first response: import, construct a client, make one ``messages.create``.

Run in a fresh interpreter for each sample as ``first_response.py CLIENT BASE_URL API_KEY``
(``CLIENT``: ``core``, ``official`` or ``httpx``). It imports nothing but what it measures
besides ``_common`` (standard library modules a fresh interpreter has loaded, and ``json``,
which every contender imports anyway), makes one call, and prints ``time.monotonic()`` once the
response is read: the runner read the same clock just before it started the process. Raw httpx
posts the same body with the same headers through an ``httpx.Client`` and decodes the JSON.
"""

from __future__ import annotations

import sys
import time

from _common import BODY, raw_headers, sdk


def main() -> None:
    client, base_url, api_key = sys.argv[1:]
    if client == "httpx":
        import httpx

        response = httpx.Client(base_url=base_url).post("/v1/messages", json=BODY, headers=raw_headers(api_key))
        response.raise_for_status()
        response.json()
    else:
        sdk(client).Anthropic(api_key=api_key, base_url=base_url).messages.create(**BODY)
    print(time.monotonic())


if __name__ == "__main__":
    main()
