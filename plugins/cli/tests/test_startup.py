"""A command loads what it uses: a shell user pays the start-up of every run.

Each run is the real command in a fresh interpreter (``main()`` as the console script calls it),
which then says which of the heavier modules it loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import List

from cli_support import Cli, cli_fixture, emu_fixture  # noqa: F401

#: What no command loads unless it needs it.
HEAVY = (
    "claude_core.tools.runner",  # the tool runner: prompt --tool only
    "claude_core.lib.tools",
    "rich.markdown",  # markdown: on a terminal only
    "pydantic",  # the SDK's types: a request's answer only
    "sqlite3",  # the log: a command that reads or writes it only
    "pygments",  # httpx's own command line, which claude_core defers
)

_RUN = """
import json, sys
from claude_cli.main import main
heavy = json.loads(sys.argv[1])
status = main(sys.argv[2:])
print(json.dumps({"status": status, "loaded": [m for m in heavy if m in sys.modules]}), file=sys.stderr)
"""


def loaded(cli: Cli, *args: str) -> List[str]:
    """The heavy modules ``claude-core ARGS`` loaded (it must succeed)."""
    result = subprocess.run(
        [sys.executable, "-c", _RUN, json.dumps(HEAVY), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=cli.env,
        cwd=cli.home,
        timeout=60,
    )
    said = json.loads(result.stderr.strip().splitlines()[-1])
    assert said["status"] == 0, result.stderr
    return list(said["loaded"])


def test_version_and_help_load_no_sdk_types_nor_the_log(cli: Cli) -> None:
    assert loaded(cli, "--version") == []
    assert loaded(cli, "prompt", "--help") == []


def test_a_piped_prompt_loads_neither_the_tool_runner_nor_markdown(cli: Cli) -> None:
    assert loaded(cli, "prompt", "hi") == ["pydantic", "sqlite3"]
    assert loaded(cli, "prompt", "--no-log", "hi") == ["pydantic"]
