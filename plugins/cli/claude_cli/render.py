"""Streamed answers on screen: markdown redrawn as it arrives on a terminal, plain text when
piped; thinking dimmed (on stderr when piped, so stdout stays the answer) or hidden."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional, TextIO

from .output import is_terminal, printable, stop_writing

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions
    from rich.live import Live
    from rich.markdown import Markdown
    from rich.segment import Segment

__all__ = ["Renderer", "render_events", "finished_blocks", "markdown"]


class Renderer:
    """Writes one or more answers' text and thinking as their deltas arrive.

    On a terminal, the answer is drawn as markdown: each finished block once, for good, and the
    block still arriving redrawn in place, cropped to its last lines that fit on the screen (the
    lines above it have scrolled out of reach of a redraw; drawn then, they would be repeated
    in the scrollback). Text from the API is shown :func:`~claude_cli.output.printable` there.

    :param markdown: redraw the answer as markdown (default: when stdout is a terminal).
    :param show_thinking: show thinking at all (``--hide-thinking`` turns it off).
    """

    def __init__(self, markdown: Optional[bool] = None, show_thinking: bool = True) -> None:
        self.markdown = is_terminal() if markdown is None else markdown
        self.show_thinking = show_thinking
        self.answer = ""
        self._done = 0  # how much of the answer is drawn for good
        self._thought = False
        self._console: Optional[Console] = None
        self._live: Optional[Live] = None
        self._block = ""  # the block the live view shows

    def _screen(self) -> Console:
        if self._console is None:
            from .output import stdout

            self._console = stdout()
        return self._console

    def thinking(self, text: str) -> None:
        if not self.show_thinking or not text:
            return
        self._thought = True
        if self.markdown:
            self._screen().print(printable(text), style="dim italic", end="")
        else:
            _write(sys.stderr, printable(text) if is_terminal(sys.stderr) else text)

    def text(self, text: str) -> None:
        if not text:
            return
        if self._thought:
            self._thought = False
            if self.markdown:
                self._screen().print("\n")
            else:
                _write(sys.stderr, "\n")
        self.answer += text
        if not self.markdown:
            _write(sys.stdout, text)
            return
        pending = self.answer[self._done :]
        end = finished_blocks(pending)
        if end:  # whole blocks are drawn once, for good; only the block still arriving is redrawn
            self._block = pending[:end]
            self._commit()
            self._done += end
            pending = pending[end:]
        if pending.strip():
            self._block = pending
            live = self._view()
            live.update(_Tail(markdown(pending), self._screen().size.height - 1), refresh=True)

    def _view(self) -> Live:
        if self._live is None:
            from rich.live import Live

            self._live = Live(console=self._screen(), auto_refresh=False, vertical_overflow="visible")
            self._live.start()
        return self._live

    def _commit(self) -> None:
        """Draw the block for good, whole (its top scrolls out of the screen, once), and end the live view."""
        if self._block:
            live = self._view()
            live.update(markdown(self._block), refresh=False)  # stopping draws it, once
            live.stop()
        self._live = None
        self._block = ""

    def finish(self) -> None:
        """End the current answer (the next text starts a new one): a final newline, the live view
        stopped. A reader of stdout gone by then (``| cat`` that got the same Ctrl-C) loses only
        that newline: whatever ends the answer goes on to ``main()`` as it was."""
        try:
            if self._live is not None:
                self._commit()
            elif self.answer and not self.markdown and not self.answer.endswith("\n"):
                _write(sys.stdout, "\n")
            if self._thought:
                self._thought = False
                _write(sys.stdout if self.markdown else sys.stderr, "\n")
        except BrokenPipeError:
            stop_writing()
        finally:
            self.answer = ""
            self._done = 0
            self._live = None
            self._block = ""


def markdown(text: str) -> Markdown:
    """``text`` as rich markdown for a terminal: escape sequences removed, and a single newline
    kept as a line break (a poem, an address; CommonMark would join the lines)."""
    from rich.markdown import Markdown

    shown = Markdown(printable(text))
    for token in shown.parsed:
        for child in token.children or ():
            if child.type == "softbreak":
                child.type = "hardbreak"
    return shown


class _Tail:
    """The last ``height`` lines of ``renderable``: all of it a live view can redraw in place."""

    def __init__(self, renderable: Any, height: int) -> None:
        self.renderable = renderable
        self.height = max(height, 1)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        from rich.segment import Segment

        lines = console.render_lines(self.renderable, options.update(height=None), pad=False)
        for line in lines[-self.height :]:
            yield from line
            yield Segment.line()


def finished_blocks(text: str) -> int:
    """How much of ``text`` is whole markdown blocks: up to its last blank line outside a code
    fence (0: none yet). Those are drawn once; redrawing the whole answer on every delta would
    repeat an answer taller than the terminal on screen, and cost more with every delta."""
    end = 0
    fenced = False
    position = 0
    for line in text.splitlines(keepends=True):
        position += len(line)
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and not line.strip() and position < len(text):
            end = position
    return end


def render_events(events: Iterable[Any], renderer: Renderer) -> None:
    """Feed a message stream's text and thinking deltas to ``renderer`` as they arrive."""
    for event in events:
        if event.type != "content_block_delta":
            continue
        delta = event.delta
        if delta.type == "text_delta":
            renderer.text(delta.text)
        elif delta.type == "thinking_delta":
            renderer.thinking(delta.thinking)


def _write(stream: TextIO, text: str) -> None:
    stream.write(text)
    stream.flush()
