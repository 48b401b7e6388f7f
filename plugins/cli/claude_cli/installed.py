"""``claude-core plugins``: the installed providers, plugins and command plugins, with versions."""

from __future__ import annotations

import json
from typing import Any, Dict, List

import click

import claude_core
from claude_core.plugins import PLUGIN_GROUP, PROVIDER_GROUP, describe

from .hookspecs import PROJECT, hookimpl
from .output import json_flag, print_table, table
from .plugins import entry_points, failed_plugins, get_plugin_manager

__all__ = ["claude_register_commands", "installed"]


def _versions(group: str) -> Dict[str, str]:
    """Entry point name -> the version of the distribution that declares it."""
    found: Dict[str, str] = {}
    for point in entry_points(group=group):
        dist = getattr(point, "dist", None)
        if dist is not None:
            found.setdefault(point.name, f"{dist.metadata['Name']} {dist.version}")
    return found


def installed() -> List[Dict[str, Any]]:
    """Every provider and plugin of claude-core, and every distribution adding commands here."""
    versions = {"provider": _versions(PROVIDER_GROUP), "plugin": _versions(PLUGIN_GROUP)}
    sdk = f"claude-core {claude_core.__version__}"
    rows = []
    for row in describe():
        row = dict(row)
        found = versions[row["kind"]].get(row["name"], sdk)  # no entry point: one of the SDK's default plugins
        row["distribution"] = f"{sdk} (built in)" if found == sdk else found  # the SDK's own, entry point or not
        rows.append(row)
    commands = _versions(PROJECT)
    manager = get_plugin_manager()
    for name, plugin in manager.list_name_plugin():
        if name in commands:
            hooks = sorted(caller.name for caller in manager.get_hookcallers(plugin) or [])
            rows.append({"kind": "commands", "name": name, "distribution": commands[name], "hooks": hooks})
    return rows


@hookimpl
def claude_register_commands(cli: click.Group) -> None:
    @cli.command(name="plugins")
    @json_flag("Print JSON instead of a table.")
    def plugins(as_json: bool) -> None:
        """The installed providers and plugins, the hooks each implements, and their versions."""
        for line in failed_plugins():  # first: it catches what the SDK says as it loads its plugins
            click.echo(line, err=True)
        rows = installed()
        if as_json:
            click.echo(json.dumps(rows, indent=2))
            return
        cells = ((row["kind"], row["name"], row["distribution"], ", ".join(row.get("hooks", []))) for row in rows)
        print_table(table(("kind", "name", "distribution", "hooks"), cells))
