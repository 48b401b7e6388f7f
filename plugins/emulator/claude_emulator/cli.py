"""``claude-emulator serve``: run the Claude API emulator until Ctrl-C.

Once listening it prints the banner, then the ``export`` lines that point ``Anthropic()``,
``AnthropicBedrock()`` and ``AnthropicVertex()`` at it (see :mod:`._shell`): the Vertex
service-account key file and, with ``--aws-profile``, the AWS config files are written to
``--config-dir`` (default: a temporary directory, deleted on exit). Every request is logged to
stderr unless ``--quiet``. ``--rpm``, ``--itpm`` and ``--otpm`` set per-key rate limits (see
:class:`~claude_emulator.RateLimits`), ``--rate-limit-time-scale`` speeds their minutes up.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pathlib
import platform
import re
import signal
import socket
import sys
import tempfile
import threading
from importlib import metadata
from types import FrameType
from typing import Iterator, List, Optional, Sequence

from . import _shell
from ._ratelimits import RateLimits
from .app import EMULATOR_API_KEY, EmulatorApp
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


def _per_minute(value: str) -> int:
    try:
        limit = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if limit < 1:
        raise argparse.ArgumentTypeError(f"a rate limit must be at least 1 per minute, not {limit}")
    return limit


def _time_scale(value: str) -> float:
    try:
        scale = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 < scale < float("inf"):
        raise argparse.ArgumentTypeError(f"the time scale must be a positive number, not {value}")
    return scale


def _profile(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", value):
        raise argparse.ArgumentTypeError(f"not an AWS profile name: {value!r} (use letters, digits, '_', '.' and '-')")
    return value


def _installed(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def version() -> str:
    """``claude-emulator 0.1.0 (claude-core 0.1.0, Python 3.11.7)``: what ``--version`` prints."""
    core = _installed("claude-core")
    return f"{PROG} {_installed('claude-emulator')} (claude-core {core}, Python {platform.python_version()})"


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="An offline Claude API emulator.")
    parser.add_argument("--version", action="version", version=version())
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser(
        "serve",
        help="serve the emulator over HTTP until interrupted",
        description="Serve the emulator over HTTP until interrupted; print the environment that points "
        "Anthropic(), AnthropicBedrock() and AnthropicVertex() at it.",
    )
    serve.add_argument("--version", action="version", version=version())
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
    serve.add_argument(
        "--rpm",
        type=_per_minute,
        metavar="N",
        help="rate limit: N Messages requests per minute per API key, answered with 429 beyond (default: none)",
    )
    serve.add_argument(
        "--itpm",
        type=_per_minute,
        metavar="N",
        help="rate limit: N input tokens per minute per API key (default: none)",
    )
    serve.add_argument(
        "--otpm",
        type=_per_minute,
        metavar="N",
        help="rate limit: N output tokens per minute per API key; max_tokens is reserved, the unused rest "
        "given back (default: none)",
    )
    serve.add_argument(
        "--rate-limit-time-scale",
        type=_time_scale,
        metavar="X",
        help="rate-limit minutes pass X times faster: 60 makes a minute last one second (default: 1)",
    )
    serve.add_argument("--quiet", action="store_true", help="do not log each request to stderr")
    serve.add_argument(
        "--config-dir",
        type=pathlib.Path,
        metavar="DIR",
        help="write the Vertex service-account key file (and the AWS files of --aws-profile) here, and keep "
        "them (default: a temporary directory, deleted on exit)",
    )
    serve.add_argument(
        "--aws-profile",
        type=_profile,
        metavar="NAME",
        help="write the Bedrock test credentials as AWS profile NAME in AWS config files, for "
        "AnthropicBedrock(aws_profile=NAME) (default: print them as AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)",
    )
    serve.add_argument(
        "--env-file",
        type=pathlib.Path,
        metavar="PATH",
        help="also write the export lines to PATH, for `source PATH` in another shell",
    )
    return parser


class _Terminated(KeyboardInterrupt):
    """SIGTERM: the server was asked to stop (exit status 0)."""


def _on_sigterm(signum: int, frame: Optional[FrameType]) -> None:
    raise _Terminated


def _reason(exc: OSError) -> str:
    """``address already in use``, not asyncio's long ``error while attempting to bind ...``."""
    if not isinstance(exc, socket.gaierror) and exc.errno is not None and exc.errno > 0:
        return os.strerror(exc.errno).lower()
    return str(exc.strerror or exc)


def _describe(app: EmulatorApp) -> str:
    limits = "" if app.rate_limits is None else f"; {app.rate_limits.describe()}"
    if not app.require_auth:
        return "no credentials needed" + limits
    if not app.strict:
        return "any API key accepted" + limits
    keys, tokens = len(app.api_keys or ()), len(app.auth_tokens or ())
    return f"strict: {keys} API key(s) and {tokens} bearer token(s) accepted{limits}"


@contextlib.contextmanager
def _config_dir(directory: Optional[pathlib.Path]) -> Iterator[pathlib.Path]:
    """``directory`` (made if missing, kept), else a temporary directory deleted on exit."""
    if directory is not None:
        directory.mkdir(parents=True, exist_ok=True)
        yield directory
        return
    with tempfile.TemporaryDirectory(prefix="claude-emulator-") as temporary:
        yield pathlib.Path(temporary)


def _environment(emulator: Emulator, directory: pathlib.Path, aws_profile: Optional[str]) -> List[str]:
    """Write the Vertex key file (and the AWS profile); the export lines pointing clients at ``emulator``."""
    key_file = emulator.vertex_service_account(
        directory / "vertex-service-account.json", project_id=_shell.VERTEX_PROJECT
    )
    access_key, secret_key, _ = emulator.aws_credentials
    profile = None if aws_profile is None else _shell.write_aws_profile(directory, aws_profile, access_key, secret_key)
    settings = _shell.client_environment(
        emulator.base_url,
        api_key=None if emulator.app.strict else EMULATOR_API_KEY,
        aws_credentials=(access_key, secret_key),
        aws_profile=profile,
        vertex_key_file=key_file.resolve(),
    )
    return _shell.export_lines(settings)


def serve(
    host: str,
    port: int,
    api_keys: Optional[List[str]] = None,
    require_auth: bool = True,
    event_chunks: bool = False,
    auth_tokens: Optional[List[str]] = None,
    *,
    quiet: bool = False,
    config_dir: Optional[pathlib.Path] = None,
    aws_profile: Optional[str] = None,
    env_file: Optional[pathlib.Path] = None,
    rate_limits: Optional[RateLimits] = None,
    prog: str = PROG,
    interrupted: int = 0,
) -> int:
    """Serve until SIGINT or SIGTERM; return the exit status (1 when the address cannot be bound,
    0 after SIGTERM, ``interrupted`` after Ctrl-C). ``prog`` begins the error lines: the command
    that was run."""
    app = EmulatorApp(
        api_keys=api_keys,
        auth_tokens=auth_tokens,
        require_auth=require_auth,
        event_chunks=event_chunks,
        rate_limits=rate_limits,
    )
    try:
        emulator = Emulator(app, host=host, port=port, log=None if quiet else sys.stderr).start()
    except OSError as exc:
        print(f"{prog}: cannot listen on {host}:{port}: {_reason(exc)}", file=sys.stderr, flush=True)
        return 1
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_sigterm)
    try:  # from here on a signal stops the server, whenever it comes (while printing the banner too)
        with _config_dir(config_dir) as directory:
            exports = _environment(emulator, directory, aws_profile)
            if env_file is not None:
                env_file.write_text("".join(line + "\n" for line in exports), encoding="utf-8")
            print(f"Claude API emulator listening on {emulator.base_url} ({_describe(app)})", flush=True)
            print("\n".join(exports), flush=True)
            while True:  # until a signal
                threading.Event().wait()
    except _Terminated:
        return 0
    except KeyboardInterrupt:
        return interrupted
    except OSError as exc:  # the config directory or the env file cannot be written
        print(f"{prog}: cannot write {exc.filename or 'a file'}: {_reason(exc)}", file=sys.stderr, flush=True)
        return 1
    finally:
        emulator.stop()


def main(argv: Optional[Sequence[str]] = None, prog: str = PROG, interrupted: int = 0) -> int:
    """Run the command in ``argv`` (default: ``sys.argv[1:]``) as ``prog``; return the exit status,
    ``interrupted`` after Ctrl-C. ``claude-core emulator`` runs it too, as
    ``prog="claude-core emulator"``, ``interrupted=130``."""
    parser = _parser(prog)
    args = parser.parse_args(argv)
    if args.command == "serve":
        if args.no_auth and (args.api_key or args.auth_token):
            parser.error("--no-auth accepts every request; it cannot be combined with --api-key or --auth-token")
        limits = (args.rpm, args.itpm, args.otpm)
        if args.rate_limit_time_scale is not None and all(limit is None for limit in limits):
            parser.error("--rate-limit-time-scale speeds up rate limits; give --rpm, --itpm or --otpm with it")
        rate_limits = None
        if any(limit is not None for limit in limits):
            scale = 1.0 if args.rate_limit_time_scale is None else args.rate_limit_time_scale
            rate_limits = RateLimits(*limits, time_scale=scale)
        return serve(
            args.host,
            args.port,
            args.api_key,
            not args.no_auth,
            args.event_chunks,
            args.auth_token,
            quiet=args.quiet,
            config_dir=args.config_dir,
            aws_profile=args.aws_profile,
            env_file=args.env_file,
            rate_limits=rate_limits,
            prog=prog,
            interrupted=interrupted,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
