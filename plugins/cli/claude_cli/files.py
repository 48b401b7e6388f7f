"""``claude-core files``: upload, list, download and delete files of the Files API (beta).

Uploads stream from disk and downloads stream to disk, as ``client.beta.files`` does them.
"""

from __future__ import annotations

import json
import os
import pathlib
from typing import Any, Iterable, Optional, Tuple

import click

import claude_core

from .errors import EXIT_ERROR, describe, no_empty_id
from .hookspecs import hookimpl
from .output import check_output, json_flag, print_table, printable, table, utc_time, whole_file
from .state import State

__all__ = ["claude_register_commands", "files", "download_path"]

#: An id argument, refused when empty.
_ID = no_empty_id("file", "claude-core files list")


def download_path(output: Optional[str], filename: str, file_id: str) -> str:
    """Where ``files download`` writes: ``output`` as given (an existing directory: the file's
    name in it), else the file's own name here. Of a name from the API only its last part is
    used, and one that would be hidden, read as an option or stdout, or holds control
    characters is replaced by the file's id."""
    name = os.path.basename(filename.replace("\\", "/"))
    if not name or name.startswith((".", "-")) or any(ord(c) < 32 or ord(c) == 127 for c in name):
        name = file_id
    if output is None:
        return name
    return os.path.join(output, name) if output != "-" and os.path.isdir(output) else output


def _table(found: Iterable[Any]) -> Any:
    rows = (
        (item.id, item.filename, item.mime_type, f"{item.size_bytes:,}", utc_time(item.created_at)) for item in found
    )
    return table(("id", "filename", "mime type", "bytes", "created (UTC)"), rows)


@click.group(name="files")
def files() -> None:
    """Files you refer to in messages by id (the Files API, beta)."""


@files.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, readable=True))
@json_flag("Print each file's metadata as a JSON line.")
@click.pass_obj
def upload(state: State, paths: Tuple[str, ...], as_json: bool) -> None:
    """Upload PATHS; print each file's id and name."""
    client = state.client()
    for path in paths:
        stored = client.beta.files.upload(file=pathlib.Path(path))
        click.echo(stored.to_json(indent=None) if as_json else f"{stored.id}\t{printable(stored.filename)}")


@files.command(name="list")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True, help="At most this many files.")
@json_flag("Print JSON instead of a table.")
@click.pass_obj
def list_files(state: State, limit: int, as_json: bool) -> None:
    """The uploaded files, newest first."""
    import itertools

    found = list(itertools.islice(state.client().beta.files.list(limit=min(limit, 1000)), limit))
    if as_json:
        click.echo(json.dumps([item.to_dict(mode="json") for item in found], indent=2))
        return
    print_table(_table(found))


@files.command()
@click.argument("file_id", callback=_ID)
@click.option("-o", "--output", help="Where to write it (-: stdout) [default: the file's name, here].")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.pass_obj
def download(state: State, file_id: str, output: Optional[str], force: bool) -> None:
    """Download file FILE_ID, streamed to disk."""
    wants_name = output is None or (output != "-" and os.path.isdir(output))
    client = state.client()
    name = client.beta.files.retrieve_metadata(file_id).filename if wants_name else ""
    path = download_path(output, name, file_id)
    check_output(path, force)  # before the content is fetched
    response = client.beta.files.download(file_id)
    with response, whole_file(path) as out:  # a download that fails leaves no partial file
        for chunk in response.iter_bytes():
            out.write(chunk)
    if path != "-":
        click.echo(f"saved {path}", err=True)


@files.command(name="rm")
@click.argument("file_ids", nargs=-1, required=True, callback=_ID)
@click.pass_obj
def remove(state: State, file_ids: Tuple[str, ...]) -> None:
    """Delete FILE_IDS; one that cannot be deleted is named on stderr and the others are deleted (exit 1 then)."""
    client = state.client()
    failed = False
    for file_id in dict.fromkeys(file_ids):
        try:
            client.beta.files.delete(file_id)
        except claude_core.AuthenticationError:  # the same for every file
            raise
        except claude_core.APIStatusError as exc:  # this file's answer: the others may still go
            click.echo(f"Error: {file_id}: {describe(exc)[0]}", err=True)
            failed = True
            continue
        click.echo(f"deleted {file_id}")
    if failed:
        raise click.exceptions.Exit(EXIT_ERROR)


@hookimpl
def claude_register_commands(cli: click.Group) -> None:
    cli.add_command(files)
