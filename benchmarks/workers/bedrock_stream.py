"""Events per second of one streamed text reply of N deltas over Bedrock's event-stream framing.

Each SDK's ``AnthropicBedrock`` (claude-core's from claude-provider-bedrock, the official
one from ``anthropic[bedrock]``), SigV4-signing with the emulator's test credentials, reads
``/model/{id}/invoke-with-response-stream`` with ``messages.create(stream=True)`` (a typed
event per event) and with ``messages.stream()`` + ``text_stream``. Prints ``{reading: events/s}``.
"""

from __future__ import annotations

from typing import Any, Dict

from _common import BODY, emit, parser, sdk
from streams import per_event, read_streams

#: A Bedrock model id; the emulator resolves it to its claude-sonnet-4-5.
BEDROCK_MODEL = "anthropic.claude-sonnet-4-5-20250929-v1:0"
REGION = "us-east-1"


def bedrock_streams(
    client: str, base_url: str, access_key: str, secret_key: str, knobs: Dict[str, str], deltas: int, repeat: int
) -> Dict[str, float]:
    sync = sdk(client).AnthropicBedrock(
        aws_access_key=access_key,
        aws_secret_key=secret_key,
        aws_region=REGION,
        base_url=base_url,
        default_headers=knobs,
        timeout=60,
    )
    body: Dict[str, Any] = {**BODY, "model": BEDROCK_MODEL}
    with sync:
        return per_event(read_streams(sync, body, deltas, repeat), deltas)


def main() -> None:
    args = parser(__doc__.splitlines()[0])
    args.add_argument("--aws-access-key", required=True, help="the emulator's test access key id")
    args.add_argument("--aws-secret-key", required=True, help="the emulator's test secret key")
    args.add_argument("--deltas", type=int, required=True, help="text deltas in the stream")
    args.add_argument("--repeat", type=int, required=True, help="timed reads (best counts)")
    options = args.parse_args()
    if options.client == "httpx":
        raise SystemExit("bedrock_stream measures the SDKs' AnthropicBedrock clients only")
    knobs = {"x-emulator-text-deltas": str(options.deltas), "x-emulator-no-ping": "1"}
    result = bedrock_streams(
        options.client,
        options.base_url,
        options.aws_access_key,
        options.aws_secret_key,
        knobs,
        options.deltas,
        options.repeat,
    )
    emit(result)


if __name__ == "__main__":
    main()
