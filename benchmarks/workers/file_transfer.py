"""Seconds and peak RSS to upload a file with the Files API, then download it to disk.

Each SDK calls ``beta.files.upload(file=pathlib.Path(source))`` and
``beta.files.download(id).write_to_file(target)``; raw httpx posts the open file as the
multipart part ``file`` (httpx streams it) and streams the download to disk with
``iter_bytes()``. The downloaded file is checked against the source's size and SHA-256.
Prints ``{"upload_seconds", "download_seconds", "peak_rss_mib"}``, the peak RSS
(:func:`_common.peak_rss_mib`) taken before the check.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from pathlib import Path
from typing import Callable, Dict, Tuple

from _common import emit, parser, peak_rss_mib, sdk

FILES_BETA = "files-api-2025-04-14"
CHUNK = 1 << 20


def timed(fn: Callable[[], str]) -> Tuple[str, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def raw_httpx(base_url: str, api_key: str, source: Path, target: Path) -> Dict[str, float]:
    import httpx

    headers = {"x-api-key": api_key, "anthropic-version": "2023-06-01", "anthropic-beta": FILES_BETA}
    with httpx.Client(base_url=base_url, timeout=300) as raw:

        def upload() -> str:
            with source.open("rb") as file:
                response = raw.post("/v1/files?beta=true", files={"file": (source.name, file)}, headers=headers)
            response.raise_for_status()
            file_id: str = response.json()["id"]
            return file_id

        def download() -> str:
            with raw.stream("GET", f"/v1/files/{file_id}/content?beta=true", headers=headers) as response:
                response.raise_for_status()
                with target.open("wb") as out:
                    for chunk in response.iter_bytes():
                        out.write(chunk)
            return file_id

        file_id, up = timed(upload)
        _, down = timed(download)
    return {"upload_seconds": up, "download_seconds": down}


def sdk_transfer(client: str, base_url: str, api_key: str, source: Path, target: Path) -> Dict[str, float]:
    with sdk(client).Anthropic(api_key=api_key, base_url=base_url, timeout=300) as sync:
        sync.models.list()  # the first request loads what any request needs; not the transfer's cost

        def upload() -> str:
            file_id: str = sync.beta.files.upload(file=source).id
            return file_id

        def download() -> str:
            sync.beta.files.download(file_id).write_to_file(target)
            return file_id

        file_id, up = timed(upload)
        _, down = timed(download)
    return {"upload_seconds": up, "download_seconds": down}


def check(target: Path, size: int, sha256: str) -> None:
    digest = hashlib.sha256()
    with target.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    if os.path.getsize(target) != size or digest.hexdigest() != sha256:
        raise SystemExit(f"downloaded {os.path.getsize(target)} bytes, sha256 {digest.hexdigest()}: not the source")


def main() -> None:
    args = parser(__doc__.splitlines()[0])
    args.add_argument("--source", type=Path, required=True, help="the file to upload")
    args.add_argument("--sha256", required=True, help="the source's SHA-256, hex")
    options = args.parse_args()
    source: Path = options.source
    with tempfile.TemporaryDirectory(prefix="bench-download-") as folder:
        target = Path(folder) / "download"
        if options.client == "httpx":
            result = raw_httpx(options.base_url, options.api_key, source, target)
        else:
            result = sdk_transfer(options.client, options.base_url, options.api_key, source, target)
        result["peak_rss_mib"] = peak_rss_mib()
        check(target, source.stat().st_size, options.sha256)
    emit(result)


if __name__ == "__main__":
    main()
