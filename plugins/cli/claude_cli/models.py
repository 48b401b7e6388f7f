"""``claude-core models``: the models the API serves, as a table; ``models show ID`` for one."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Sequence

import click

from .errors import no_empty_id
from .hookspecs import hookimpl
from .output import json_flag, print_table, printable, table
from .state import State

__all__ = ["claude_register_commands", "rows", "details"]


def rows(models: Sequence[Dict[str, Any]]) -> List[List[str]]:
    """The table's rows (id, display name, the day it was created) of models dumped as JSON."""
    return [[model["id"], model["display_name"], str(model["created_at"])[:10]] for model in models]


def details(model: Dict[str, Any]) -> List[str]:
    """``models show``: one line per field of a model dumped as JSON (nested values as JSON),
    :func:`~.output.printable`."""
    width = max(len(name) for name in model)
    return [
        printable(f"{name:<{width}}  {value if isinstance(value, str) else json.dumps(value)}")
        for name, value in model.items()
        if value is not None
    ]


@hookimpl
def claude_register_commands(cli: click.Group) -> None:
    json_option = json_flag("Print JSON instead of a table.")

    @cli.group(name="models", invoke_without_command=True)
    @json_option
    @click.pass_context
    def models(ctx: click.Context, as_json: bool) -> None:
        """The models the API serves, newest first: id, display name and release day."""
        if ctx.invoked_subcommand is not None:
            return
        state: State = ctx.obj
        found = [model.model_dump(mode="json") for model in state.client().models.list()]
        if as_json:
            click.echo(json.dumps(found, indent=2))
            return
        print_table(table(("id", "display name", "created"), rows(found)))

    @models.command(name="show")
    @click.argument("model_id", metavar="ID", callback=no_empty_id("model", "claude-core models"))
    @json_option
    @click.pass_obj
    def show(state: State, model_id: str, as_json: bool) -> None:
        """One model, by id or alias: every field the API gives."""
        model = state.client().models.retrieve(model_id).model_dump(mode="json")
        click.echo(json.dumps(model, indent=2) if as_json else "\n".join(details(model)))
