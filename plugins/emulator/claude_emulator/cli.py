"""``claude-emulator serve``: run the Claude API emulator until Ctrl-C."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType
from typing import List, Optional, Sequence

from .app import EMULATOR_API_KEY, EMULATOR_AUTH_TOKEN, EmulatorApp
from .server import Emulator

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="claude-emulator", description="An offline Claude API emulator.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the emulator over HTTP until interrupted")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8080, help="port to listen on; 0 picks a free one (default: 8080)")
    serve.add_argument(
        "--api-key", action="append", help=f"accepted x-api-key, repeatable (default: {EMULATOR_API_KEY})"
    )
    serve.add_argument("--no-auth", action="store_true", help="accept requests without credentials")
    serve.add_argument(
        "--event-chunks",
        action="store_true",
        help="send each stream event as its own HTTP chunk, as the API does (default: 64 KiB chunks)",
    )
    return parser


def _on_sigterm(signum: int, frame: Optional[FrameType]) -> None:
    raise KeyboardInterrupt


def serve(host: str, port: int, api_keys: Optional[List[str]], require_auth: bool, event_chunks: bool = False) -> None:
    app = EmulatorApp(
        api_keys=api_keys or (EMULATOR_API_KEY,),
        auth_tokens=(EMULATOR_AUTH_TOKEN,),
        require_auth=require_auth,
        event_chunks=event_chunks,
    )
    emulator = Emulator(app, host=host, port=port).start()
    print(f"Claude API emulator listening on {emulator.base_url} (api key: {emulator.api_key})", flush=True)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        emulator.stop()


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "serve":
        serve(args.host, args.port, args.api_key, not args.no_auth, args.event_chunks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
