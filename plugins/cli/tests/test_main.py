"""The command group: version, the plugins listing, commands other distributions add, usage
errors and exit statuses, over a subprocess against the emulator."""

from __future__ import annotations

import json

from cli_support import Cli, cli_fixture, emu_fixture  # noqa: F401

import claude_core


def test_version_names_the_cli_and_the_sdk(cli: Cli) -> None:
    done = cli("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"claude-core 0.1.0 (claude-core {claude_core.__version__})"


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
        assert "RuntimeWarning" not in said.stderr and "get_plugin_manager" not in said.stderr


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
