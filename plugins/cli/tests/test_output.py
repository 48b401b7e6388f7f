"""The I/O-free helpers of claude_cli.output: what reaches a terminal, and where a file is written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from claude_cli.output import OutputPathError, OutputTarget, check_output, output_target, printable, table


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("x \x1b[31mred\x1b[0m", "x red"),  # SGR colour
        ("\x1b[2J\x1b[Hclear", "clear"),  # erase the screen, cursor home
        ("\x1b[?1049hscreen", "screen"),  # private CSI (alternate screen)
        ("\x9b31mz", "z"),  # 8-bit CSI
        ("\x1b]0;title\x07ok", "ok"),  # OSC window title ended by BEL
        ("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"),  # OSC 8 hyperlink ended by ST
        ("\x9d0;title\x9cok", "ok"),  # 8-bit OSC and ST
        ("\x1bPq#0;1\x1b\\ok", "ok"),  # DCS (sixel)
        ("\x1b_apc\x1b\\ok", "ok"),  # APC
        ("a\x1bcb\x1b(Bc\x1b7d", "abcd"),  # ESC c (reset), ESC ( B (charset), ESC 7 (save cursor)
        ("a\rb\x00c\x07d\x08e\x0bf\x0cg\x7fh\x85i", "abcdefghi"),  # C0, DEL, C1
        ("if admin\u202e\u2066 then\u2069\u2067x\u2068y\u202a\u202b\u202c\u202d", "if admin thenxy"),  # bidi
    ],
)
def test_printable_removes_escape_sequences_and_control_characters(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_printable_keeps_newlines_tabs_and_any_other_text() -> None:
    text = "line one\n\tindented: é ünï 日本 🙂 [31m ~ שלום \u200f مرحبا\n"  # RTL text and its marks stay
    assert printable(text) == text


def test_a_sequence_cut_short_loses_its_escape_and_nothing_obeys_the_rest() -> None:
    for text in ("tail \x1b[31", "tail \x1b]0;title without end", "tail \x1b"):
        shown = printable(text)
        assert shown.startswith("tail ")
        assert not any(ord(c) < 32 or 127 <= ord(c) < 160 for c in shown)


def test_table_cells_are_printable() -> None:
    shown = table(("id", "name"), [("m-\x1b[2J1", "\x1b]0;title\x07M One")])
    assert [list(column.cells) for column in shown.columns] == [["m-1"], ["M One"]]


def test_an_output_through_symlinks_is_their_target(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "file").write_text("x")
    (tmp_path / "link").symlink_to(tmp_path / "real" / "file")
    (tmp_path / "link2").symlink_to("link")  # relative, through another link
    expected = OutputTarget(os.path.realpath(tmp_path / "real" / "file"), exists=True)
    assert output_target(str(tmp_path / "link2")) == expected
    (tmp_path / "dangling").symlink_to(tmp_path / "real" / "new")
    assert output_target(str(tmp_path / "dangling")) == OutputTarget(os.path.realpath(tmp_path / "real" / "new"), False)


def test_pipes_devices_and_descriptors_are_written_straight(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    assert output_target(str(tmp_path / "fifo")).straight
    assert output_target("/dev/null") == OutputTarget("/dev/null", exists=True, straight=True)
    assert output_target("/dev/stdout").descriptor == 1
    read_end, write_end = os.pipe()
    try:
        assert output_target(f"/dev/fd/{write_end}").descriptor == write_end
        assert output_target(f"/proc/self/fd/{write_end}").descriptor == write_end
        check_output(f"/dev/fd/{write_end}", force=False)  # open: no --force needed
    finally:
        os.close(read_end)
        os.close(write_end)
    with pytest.raises(OutputPathError, match=f"-o /dev/fd/{write_end}: descriptor {write_end} is not open"):
        check_output(f"/dev/fd/{write_end}", force=False)
    check_output("/dev/null", force=False)
    check_output(str(tmp_path / "fifo"), force=False)


def test_a_regular_file_is_overwritten_only_with_force_and_a_links_folder_must_exist(tmp_path: Path) -> None:
    (tmp_path / "there").write_text("x")
    (tmp_path / "link").symlink_to(tmp_path / "there")
    for path in (str(tmp_path / "there"), str(tmp_path / "link")):
        with pytest.raises(OutputPathError) as refused:
            check_output(path, force=False)
        assert refused.value.message == f"{path} exists: pass --force to overwrite it, or -o another path"
        check_output(path, force=True)
    (tmp_path / "astray").symlink_to(tmp_path / "gone" / "file")
    with pytest.raises(OutputPathError, match=r"the folder .*gone does not exist"):
        check_output(str(tmp_path / "astray"), force=False)
