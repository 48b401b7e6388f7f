"""The command group: version, the plugins listing, commands other distributions add, usage
errors and exit statuses, over a subprocess against the emulator."""

from __future__ import annotations

import json
import re
from importlib.metadata import version
from pathlib import Path

from cli_support import Cli, cli_fixture, emu_fixture  # noqa: F401

import claude_core


def test_version_names_the_cli_and_the_sdk(cli: Cli) -> None:
    done = cli("--version")
    assert done.returncode == 0
    cli_version, sdk_version = version("claude-cli"), version("claude-core")
    assert done.stdout == f"claude-core {cli_version} (claude-cli {cli_version}, claude_core SDK {sdk_version})\n"
    assert sdk_version == claude_core.__version__


def test_plugins_lists_providers_plugins_and_command_plugins_with_versions(cli: Cli) -> None:
    done = cli("plugins", "--json")
    assert done.returncode == 0, done.stderr
    rows = {(row["kind"], row["name"]): row for row in json.loads(done.stdout)}
    assert rows[("provider", "emulator")]["distribution"] == "claude-emulator 0.1.0"
    assert rows[("provider", "bedrock")]["distribution"].startswith("claude-provider-bedrock ")
    assert "claude_credentials" in rows[("plugin", "keyring")]["hooks"]
    assert rows[("commands", "greet")]["distribution"] == "claude-test-clicommands 0.0.1"
    for name in ("greet", "keyring", "emulator"):  # command plugins, with the CLI's hook they implement
        assert rows[("commands", name)]["hooks"] == ["claude_register_commands"]
    table = cli("plugins")
    assert table.returncode == 0 and "claude-emulator" in table.stdout and "claude_credentials" in table.stdout
    (greet,) = [
        line.split() for line in table.stdout.splitlines() if line.startswith("commands ") and " greet " in line
    ]
    assert greet == ["commands", "greet", "claude-test-clicommands", "0.0.1", "claude_register_commands"]


def test_a_command_another_distribution_adds_runs_with_the_runs_client(cli: Cli) -> None:
    done = cli("greet", "Ada")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Echo: Hello Ada\n"
    assert cli.emu.requests[-1].headers["x-api-key"] == cli.emu.api_key


def test_a_command_plugin_that_fails_to_load_is_said_where_it_matters_and_the_rest_works(cli: Cli) -> None:
    line = (
        "claude-core: skipped the commands of 'clibroken': ImportError: "
        "claude_test_clibroken needs a library that is not installed"
    )
    done = cli("greet", "Ada")
    assert done.returncode == 0 and done.stderr == ""  # not on every run
    assert line in cli("plugins").stderr.splitlines()
    assert line in cli("clibroken").stderr.splitlines()  # an unknown command may be theirs
    assert line in cli("--debug", "greet", "Ada").stderr.splitlines()


def test_a_broken_sdk_plugin_is_said_in_one_line_where_broken_commands_are_and_nowhere_else(cli: Cli) -> None:
    line = (
        "claude-core: skipped the SDK plugins that failed to load: 'broken' (claude_test_broken.plugin): "
        "ImportError: claude_test_broken needs a library that is not installed"
    )
    warnings_on = {"PYTHONWARNINGS": "default::RuntimeWarning"}  # shown, as in a user's shell
    for quiet in (cli("greet", "Ada", env=warnings_on), cli("prompt", "hi", env=warnings_on)):
        assert quiet.returncode == 0 and quiet.stderr == "", quiet.stderr
    for args in (["plugins", "--json"], ["nope"], ["--debug", "greet", "Ada"]):
        said = cli(*args, env=warnings_on)
        assert said.stderr.splitlines().count(line) == 1, (args, said.stderr)
        assert "PluginLoadWarning" not in said.stderr and "get_plugin_manager" not in said.stderr


def test_the_runs_client_is_closed_when_the_command_ends(cli: Cli) -> None:
    for args in (["greet", "Ada"], ["prompt", "hi"], ["models", "--json"]):
        done = cli(*args, env={"PYTHONWARNINGS": "default"})  # an unclosed connection is a ResourceWarning
        assert done.returncode == 0 and done.stderr == "", (args, done.stderr)


def test_usage_errors_exit_2_with_one_error_line(cli: Cli) -> None:
    for args in (["nope"], ["--provider", "nope", "greet", "Ada"], ["plugins", "--bogus"]):
        done = cli(*args)
        assert done.returncode == 2, (args, done.stderr)
        errors = [line for line in done.stderr.splitlines() if line.startswith("Error: ")]
        assert len(errors) == 1 and "Traceback" not in done.stderr
    assert "installed providers: anthropic," in cli("--provider", "nope", "greet", "Ada").stderr


def test_api_failures_exit_1_in_one_line_and_debug_adds_the_traceback(cli: Cli) -> None:
    no_key = cli("greet", "Ada", env={"ANTHROPIC_API_KEY": ""})
    assert no_key.returncode == 1
    assert no_key.stderr.splitlines()[-1].startswith("Error: no credentials for the 'anthropic' provider")
    assert no_key.stderr.splitlines()[-1].endswith("or store it with `claude-core keys set`")
    assert "Traceback" not in no_key.stderr
    cli.emu.enqueue(status=400, json={"type": "error", "error": {"type": "invalid_request_error", "message": "bad"}})
    refused = cli("greet", "Ada")
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[-1] == "Error: the API answered 400: invalid_request_error: bad"
    down = cli("--base-url", "http://127.0.0.1:9", "greet", "Ada", env={"ANTHROPIC_BASE_URL": ""})
    assert down.returncode == 1 and "could not reach the API" in down.stderr.splitlines()[-1]
    debug = cli("--debug", "greet", "Ada", env={"ANTHROPIC_API_KEY": ""})
    assert debug.returncode == 1 and "Traceback" in debug.stderr
    for done in (no_key, refused, down, debug):
        assert cli.emu.api_key not in done.stderr + done.stdout


def test_provider_comes_from_the_environment(cli: Cli) -> None:
    done = cli("greet", "Ada", env={"CLAUDE_CORE_PROVIDER": "nope"})
    assert done.returncode == 2 and "--provider" in done.stderr


def test_the_global_options_also_come_after_the_command(cli: Cli) -> None:
    done = cli("greet", "Ada", "--base-url", cli.emu.base_url, env={"ANTHROPIC_BASE_URL": ""})
    assert done.returncode == 0 and done.stdout == "Echo: Hello Ada\n", done.stderr
    wrong = cli("greet", "Ada", "--provider", "nope")
    assert wrong.returncode == 2 and "Invalid value for --provider" in wrong.stderr
    down = cli("greet", "Ada", "--base-url", "http://127.0.0.1:9", "--debug")
    assert down.returncode == 1 and "Traceback" in down.stderr
    assert "--provider" in cli("greet", "--help").stdout
    models = cli("models", "--json", "--base-url", cli.emu.base_url)  # a group that is a command too
    assert models.returncode == 0, models.stderr


def test_a_bad_provider_does_not_stop_the_commands_that_need_no_client(cli: Cli) -> None:
    done = cli("plugins", "--json", env={"CLAUDE_CORE_PROVIDER": "nope"})
    assert done.returncode == 0, done.stderr


def test_with_no_command_it_prints_its_help(cli: Cli) -> None:
    done = cli()
    assert done.returncode == 0 and done.stdout.startswith("Usage: claude-core") and "Error" not in done.stderr
    assert "Commands:" in done.stdout and "prompt" in done.stdout


def test_text_from_the_api_is_never_read_as_markup_and_piped_tables_are_whole(cli: Cli) -> None:
    name = "[red]notes" + "x" * 150 + ".txt"  # as markup, rich would print "notes..." in red
    (cli.home / name).write_text("hello")
    assert cli("files", "upload", name).returncode == 0
    listed = cli("files", "list")
    assert listed.returncode == 0, listed.stderr
    assert name in listed.stdout


def test_a_log_that_cannot_be_written_costs_the_answer_nothing(cli: Cli) -> None:
    corrupt = cli.home / "corrupt.db"
    corrupt.write_text("not a database")
    done = cli("prompt", "--json", "hi", env={"CLAUDE_CORE_LOG_PATH": str(corrupt)})
    assert done.returncode == 0 and '"text": "Echo: hi"' in done.stdout
    assert done.stderr.startswith("Warning: not logged: ")
    bad = cli("prompt", "hi", env={"CLAUDE_CORE_LOG": "maybe"})
    assert bad.returncode == 2 and "CLAUDE_CORE_LOG" in bad.stderr and "Traceback" not in bad.stderr


def test_the_sdk_s_own_providers_and_plugins_show_as_built_in_as_the_docs_show_them(cli: Cli) -> None:
    done = cli("plugins")
    assert done.returncode == 0, done.stderr
    rows = {tuple(line.split()[:2]): " ".join(line.split()) for line in done.stdout.splitlines()[1:]}
    built_in = f"claude-core {claude_core.__version__} (built in)"
    assert rows[("provider", "anthropic")] == f"provider anthropic {built_in}"
    assert rows[("plugin", "claude_core.default_plugins.retry")].startswith(
        f"plugin claude_core.default_plugins.retry {built_in}"
    )
    docs = (Path(__file__).parents[3] / "docs" / "cli.md").read_text()
    example = docs.split("$ claude-core plugins\n", 1)[1].split("```", 1)[0]
    documented = [" ".join(line.split()) for line in example.splitlines()[1:]]
    assert f"provider anthropic {built_in}" in documented
    for line in documented:  # every row the docs show is as the command shows it here
        assert rows[tuple(line.split()[:2])] == line, line


def test_a_base_url_without_http_or_https_is_a_usage_error_before_any_request(cli: Cli) -> None:
    before = len(cli.emu.requests)
    for given, env in (
        (["--base-url", "127.0.0.1:8799"], {}),
        (["--base-url", "ftp://127.0.0.1:8799"], {}),
        ([], {"ANTHROPIC_BASE_URL": "localhost:8799"}),
    ):
        done = cli(*given, "prompt", "-n", "hi", env=env)
        assert done.returncode == 2, (given, env, done.stderr)
        line = done.stderr.splitlines()[-1]
        assert line.startswith("Error: Invalid value for " + ("--base-url" if given else "ANTHROPIC_BASE_URL")), line
        assert re.search(
            r"add http:// or https:// \(http://(127.0.0.1|localhost):8799\)|give one such as https://", line
        )
        assert "Traceback" not in done.stderr
    assert len(cli.emu.requests) == before
    fine = cli("--base-url", cli.emu.base_url + "/", "prompt", "-n", "hi", env={"ANTHROPIC_BASE_URL": ""})
    assert fine.returncode == 0 and fine.stdout == "Echo: hi\n", fine.stderr


def test_base_url_problems_name_the_fix() -> None:
    from claude_cli.state import base_url_problem

    assert base_url_problem("https://api.anthropic.com") is None
    assert base_url_problem("http://127.0.0.1:8080/") is None
    assert base_url_problem("127.0.0.1:8080") == "has no scheme: add http:// or https:// (http://127.0.0.1:8080)"
    assert base_url_problem("ftp://host") == "is not an http:// or https:// URL: give one such as https://host"
    assert base_url_problem("http:/host") == "is not a URL: write it as http://HOST[:PORT] or https://HOST"
    assert base_url_problem("https://") == "has no host: give one such as https://api.anthropic.com"


def test_an_error_line_shows_escape_sequences_from_the_api_as_text(cli: Cli) -> None:
    hostile = {"type": "error", "error": {"type": "invalid_request_error", "message": "bad \x1b[2J\x1b]0;title\x07end"}}
    cli.emu.enqueue(status=400, json=hostile)
    done = cli("prompt", "--no-log", "-n", "hi")
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == "Error: the API answered 400: invalid_request_error: bad end"
