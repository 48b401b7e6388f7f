"""Streamed answers on screen: markdown redrawn as it arrives on a terminal, plain text when
piped; thinking dimmed (on stderr when piped, so stdout stays the answer) or hidden."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, Iterable, Optional, TextIO

from .output import is_terminal

if TYPE_CHECKING:
    from rich.console import Console
    from rich.live import Live

__all__ = ["Renderer", "render_events", "finished_blocks"]


class Renderer:
    """Writes one or more answers' text and thinking as their deltas arrive.

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
            self._screen().print(text, style="dim italic", end="")
        else:
            _write(sys.stderr, text)

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
        from rich.markdown import Markdown

        pending = self.answer[self._done :]
        end = finished_blocks(pending)
        if end:  # whole blocks are drawn once, for good; only the block still arriving is redrawn
            self._draw(Markdown(pending[:end]))
            self._stop()
            self._done += end
            pending = pending[end:]
        if pending.strip():
            self._draw(Markdown(pending))

    def _draw(self, markdown: Any) -> None:
        if self._live is None:
            from rich.live import Live

            self._live = Live(console=self._screen(), auto_refresh=False, vertical_overflow="visible")
            self._live.start()
        self._live.update(markdown, refresh=True)

    def _stop(self) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None

    def finish(self) -> None:
        """End the current answer (the next text starts a new one): a final newline, the live view stopped."""
        if self._live is not None:
            self._stop()
        elif self.answer and not self.markdown and not self.answer.endswith("\n"):
            _write(sys.stdout, "\n")
        if self._thought:
            self._thought = False
            _write(sys.stdout if self.markdown else sys.stderr, "\n")
        self.answer = ""
        self._done = 0


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
