"""``claude-emulator serve``: run the Claude API emulator until Ctrl-C."""

from __future__ import annotations

import argparse
import os
import signal
import socket
import sys
import threading
from types import FrameType
from typing import List, Optional, Sequence

from .app import EmulatorApp
from .server import Emulator

__all__ = ["main"]

PROG = "claude-emulator"


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be from 0 to 65535, not {port}")
    return port


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="An offline Claude API emulator.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the emulator over HTTP until interrupted")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8080, help="port to listen on; 0 picks a free one (default: 8080)")
    serve.add_argument(
        "--api-key",
        action="append",
        metavar="KEY",
        help="accept only this x-api-key (repeatable; with --auth-token, either); default: any non-empty key",
    )
    serve.add_argument(
        "--auth-token",
        action="append",
        metavar="TOKEN",
        help="accept only this bearer token (repeatable); default: any non-empty token",
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


def _reason(exc: OSError) -> str:
    """``address already in use``, not asyncio's long ``error while attempting to bind ...``."""
    if not isinstance(exc, socket.gaierror) and exc.errno is not None and exc.errno > 0:
        return os.strerror(exc.errno).lower()
    return str(exc.strerror or exc)


def _describe(app: EmulatorApp) -> str:
    if not app.require_auth:
        return "no credentials needed"
    if not app.strict:
        return "any API key accepted"
    keys, tokens = len(app.api_keys or ()), len(app.auth_tokens or ())
    return f"strict: {keys} API key(s) and {tokens} bearer token(s) accepted"


def serve(
    host: str,
    port: int,
    api_keys: Optional[List[str]] = None,
    require_auth: bool = True,
    event_chunks: bool = False,
    auth_tokens: Optional[List[str]] = None,
) -> int:
    """Serve until SIGINT or SIGTERM; return the exit status (1 when the address cannot be bound)."""
    app = EmulatorApp(api_keys=api_keys, auth_tokens=auth_tokens, require_auth=require_auth, event_chunks=event_chunks)
    try:
        emulator = Emulator(app, host=host, port=port).start()
    except OSError as exc:
        print(f"{PROG}: cannot listen on {host}:{port}: {_reason(exc)}", file=sys.stderr, flush=True)
        return 1
    print(f"Claude API emulator listening on {emulator.base_url} ({_describe(app)})", flush=True)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        emulator.stop()
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "serve":
        if args.no_auth and (args.api_key or args.auth_token):
            parser.error("--no-auth accepts every request; it cannot be combined with --api-key or --auth-token")
        return serve(args.host, args.port, args.api_key, not args.no_auth, args.event_chunks, args.auth_token)
    return 0


if __name__ == "__main__":
    sys.exit(main())
