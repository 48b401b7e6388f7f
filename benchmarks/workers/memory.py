"""Peak resident memory of a fresh interpreter after N sequential ``messages.create`` calls.

The figure is :func:`_common.peak_rss_mib` (``VmHWM`` on Linux), printed as
``{"peak_rss_mib": ...}``; raw httpx posts the same body and decodes the JSON.
"""

from __future__ import annotations

import json

from _common import BODY, emit, parser, peak_rss_mib, raw_headers, sdk


def calls(client: str, base_url: str, api_key: str, n: int) -> None:
    if client == "httpx":
        import httpx

        content, headers = json.dumps(BODY).encode(), raw_headers(api_key)
        with httpx.Client(base_url=base_url) as raw:
            for _ in range(n):
                response = raw.post("/v1/messages", content=content, headers=headers)
                response.raise_for_status()
                response.json()
        return
    with sdk(client).Anthropic(api_key=api_key, base_url=base_url) as sync:
        for _ in range(n):
            sync.messages.create(**BODY)


def main() -> None:
    args = parser(__doc__.splitlines()[0])
    args.add_argument("--calls", type=int, required=True)
    options = args.parse_args()
    calls(options.client, options.base_url, options.api_key, options.calls)
    emit({"peak_rss_mib": peak_rss_mib()})


if __name__ == "__main__":
    main()
