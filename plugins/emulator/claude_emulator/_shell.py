"""What ``claude-emulator serve`` hands a shell: the variables that point each client at it.

:func:`client_environment` lists them (name, value, note): the first-party ``Anthropic()``,
``AnthropicBedrock()`` (the emulator's test AWS credentials, or a named profile in AWS config
files written for it) and ``AnthropicVertex()`` (a service-account key file whose token
endpoint is the emulator's). :func:`write_aws_profile` writes those AWS files;
:func:`export_lines` renders the list as ``export`` lines for a POSIX shell.
"""

from __future__ import annotations

import dataclasses
import pathlib
import shlex
from typing import List, Optional, Sequence, Tuple

__all__ = [
    "BEDROCK_REGION",
    "VERTEX_REGION",
    "VERTEX_PROJECT",
    "AwsProfile",
    "Setting",
    "client_environment",
    "write_aws_profile",
    "export_lines",
]

#: The regions written for the Bedrock and Vertex clients (the emulator serves any region).
BEDROCK_REGION = "us-east-1"
VERTEX_REGION = "us-east5"
VERTEX_PROJECT = "emulator-project"


@dataclasses.dataclass(frozen=True)
class AwsProfile:
    """An AWS profile written for the emulator: its name and the two files that hold it."""

    name: str
    config_file: pathlib.Path
    credentials_file: pathlib.Path


#: ``(name, value)`` of an environment variable; a value of None is a comment line instead.
Setting = Tuple[str, Optional[str]]


def write_aws_profile(directory: pathlib.Path, name: str, access_key: str, secret_key: str) -> AwsProfile:
    """Write profile ``name`` (the emulator's test credentials, region us-east-1) in AWS files in ``directory``."""
    profile = AwsProfile(name, directory / "aws-config", directory / "aws-credentials")
    section = "default" if name == "default" else f"profile {name}"
    profile.config_file.write_text(f"[{section}]\nregion = {BEDROCK_REGION}\n", encoding="utf-8")
    profile.credentials_file.write_text(
        f"[{name}]\naws_access_key_id = {access_key}\naws_secret_access_key = {secret_key}\n", encoding="utf-8"
    )
    return profile


def client_environment(
    base_url: str,
    *,
    api_key: Optional[str],
    aws_credentials: Tuple[str, str],
    aws_profile: Optional[AwsProfile],
    vertex_key_file: pathlib.Path,
) -> List[Setting]:
    """The environment that points ``Anthropic()``, ``AnthropicBedrock()`` and ``AnthropicVertex()`` at ``base_url``.

    ``api_key`` None (the emulator takes only the keys and tokens given to it) leaves the key
    out: the caller's own secrets are not repeated.
    """
    settings: List[Setting] = [("Anthropic():", None), ("ANTHROPIC_BASE_URL", base_url)]
    if api_key is None:
        settings.append(("ANTHROPIC_API_KEY / ANTHROPIC_AUTH_TOKEN: one given with --api-key / --auth-token", None))
    else:
        settings.append(("ANTHROPIC_API_KEY", api_key))
    if aws_profile is None:
        settings += [
            ("AnthropicBedrock():", None),
            ("ANTHROPIC_BEDROCK_BASE_URL", base_url),
            ("AWS_REGION", BEDROCK_REGION),
            ("AWS_ACCESS_KEY_ID", aws_credentials[0]),
            ("AWS_SECRET_ACCESS_KEY", aws_credentials[1]),
        ]
    else:
        settings += [
            (f"AnthropicBedrock(aws_profile={aws_profile.name!r}):", None),
            ("ANTHROPIC_BEDROCK_BASE_URL", base_url),
            ("AWS_CONFIG_FILE", str(aws_profile.config_file)),
            ("AWS_SHARED_CREDENTIALS_FILE", str(aws_profile.credentials_file)),
        ]
    settings += [
        ("AnthropicVertex():", None),
        ("ANTHROPIC_VERTEX_BASE_URL", f"{base_url}/v1"),
        ("CLOUD_ML_REGION", VERTEX_REGION),
        ("ANTHROPIC_VERTEX_PROJECT_ID", VERTEX_PROJECT),
        ("GOOGLE_APPLICATION_CREDENTIALS", str(vertex_key_file)),
    ]
    return settings


def export_lines(settings: Sequence[Setting]) -> List[str]:
    """``export NAME=value`` lines (values quoted for a POSIX shell), ``# note`` for the comments."""
    return [f"# {name}" if value is None else f"export {name}={shlex.quote(value)}" for name, value in settings]
