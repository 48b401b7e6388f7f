"""What a command that passes its arguments on completes: the options an argparse parser takes."""

from __future__ import annotations

import argparse

import pytest
from claude_cli.forwarded import options, subparser


def tool() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tool")
    parser.add_argument("--version", action="version", version="1")
    commands = parser.add_subparsers(dest="command", required=True)
    sync = commands.add_parser("sync")
    sync.add_argument("-n", "--dry-run", action="store_true", help="change nothing")
    sync.add_argument("--secret-flag", action="store_true", help=argparse.SUPPRESS)
    sync.add_argument("target")
    commands.add_parser("status")
    return parser


def test_options_are_each_option_string_with_its_help_hidden_ones_left_out() -> None:
    assert options(subparser(tool(), "sync")) == [
        ("-h", "show this help message and exit"),
        ("--help", "show this help message and exit"),
        ("-n", "change nothing"),
        ("--dry-run", "change nothing"),
    ]
    assert [flag for flag, _ in options(tool())] == ["-h", "--help", "--version"]


def test_subparser_finds_a_subcommand_or_says_which_parser_has_none() -> None:
    assert subparser(tool(), "status").prog == "tool status"
    with pytest.raises(LookupError, match="tool has no subcommand 'push'"):
        subparser(tool(), "push")
