"""``--provider bedrock`` and ``--provider vertex``: prompts reach the emulator's Bedrock and Vertex
routes (SigV4-signed, and with a Google access token from the emulator's OAuth endpoint), and a
command the provider cannot serve is a usage error in the command line's terms, over a subprocess."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

import pytest
from cli_support import Cli, cli_fixture, emu_fixture  # noqa: F401


def provider_env(cli: Cli, provider: str) -> Dict[str, str]:
    """What a shell pointed at the emulator's ``provider`` routes has (as ``claude-emulator serve``
    prints it): the emulator's AWS test keys, or a service-account key file whose token URI is its own."""
    if provider == "bedrock":
        access_key, secret_key, _ = cli.emu.aws_credentials
        return {
            "ANTHROPIC_BEDROCK_BASE_URL": cli.emu.base_url,
            "AWS_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": access_key,
            "AWS_SECRET_ACCESS_KEY": secret_key,
        }
    key_file: Path = cli.emu.vertex_service_account(cli.home / "vertex-service-account.json")
    return {
        "ANTHROPIC_VERTEX_BASE_URL": f"{cli.emu.base_url}/v1",
        "CLOUD_ML_REGION": "us-east5",
        "ANTHROPIC_VERTEX_PROJECT_ID": "emulator-project",
        "GOOGLE_APPLICATION_CREDENTIALS": str(key_file),
    }


@pytest.mark.parametrize("provider", ["bedrock", "vertex"])
def test_a_prompt_goes_through_the_providers_routes(cli: Cli, provider: str) -> None:
    done = cli("--provider", provider, "prompt", "hi", env=provider_env(cli, provider))
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Echo: hi\n"
    sent = cli.emu.requests[-1]
    if provider == "bedrock":
        assert sent.path.startswith("/model/") and sent.headers["authorization"].startswith("AWS4-HMAC-SHA256 ")
    else:
        assert "/publishers/anthropic/models/" in sent.path and sent.headers["authorization"].startswith("Bearer ")


@pytest.mark.parametrize("provider", ["bedrock", "vertex"])
@pytest.mark.parametrize(
    "command", [["models"], ["models", "show", "claude-sonnet-4-5"], ["batch", "list"], ["files", "list"]]
)
def test_a_command_the_provider_cannot_serve_names_the_option_that_can_serve_it(
    cli: Cli, provider: str, command: List[str]
) -> None:
    done = cli(*command, "--provider", provider, env=provider_env(cli, provider))
    assert done.returncode == 2, done.stderr
    (line,) = [line for line in done.stderr.splitlines() if line.startswith("Error: ")]
    assert line.startswith("Error: Invalid value for --provider: ")
    assert line.endswith("; use --provider anthropic for this command"), line
    assert "claude_core.Anthropic" not in done.stderr and "Traceback" not in done.stderr
    assert cli.emu.api_key not in done.stderr and done.stdout == ""
