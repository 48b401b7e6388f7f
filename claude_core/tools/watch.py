"""The tool runner as the client's call observers see it: a run (endpoint ``"tools.run"``)
and each tool call in it (``"tools.call"``), each a call of its own."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, ContextManager, List, Optional

from ..observers import CallInfo, CallObserver, CallResult, scope, tell

if TYPE_CHECKING:
    from .._engine.pipeline import Pipeline
    from ..types.content import ToolUseBlock

__all__ = ["CallWatch", "TOOL_CALL", "TOOL_RUN", "watch_tool_call", "watch_run"]

#: The ``endpoint`` of a tool call in :class:`~claude_core.observers.CallInfo` and ``CallResult``.
TOOL_CALL = "tools.call"
#: The ``endpoint`` of a tool runner's whole run.
TOOL_RUN = "tools.run"


class CallWatch:
    """Tells the observers the client's plugins give that a call of the runner started, lends
    them their context (:meth:`active`) and tells them how it ended. No attempts, no usage."""

    def __init__(self, pipeline: Pipeline, endpoint: str, model: Optional[str], body: Any) -> None:
        self._provider = pipeline.provider
        self._endpoint = endpoint
        info = CallInfo(
            endpoint=endpoint,
            provider=pipeline.provider,
            model=model,
            stream=False,
            is_async=pipeline.is_async,
            options=pipeline.options,
            body=body,
        )
        self._observers: List[CallObserver] = pipeline.observing.observers(info)
        self._started = time.monotonic()
        self._ended = False

    def active(self) -> ContextManager[None]:
        """The observers' context, for the work of this call (a tool's function, a run's turns)."""
        return scope(self._observers)

    def end(
        self, *, value: Any = None, error: Optional[BaseException] = None, attempts: int = 0, completed: bool = True
    ) -> None:
        """Tell the observers how the call ended; only the first call counts."""
        if self._ended:
            return
        self._ended = True
        duration = time.monotonic() - self._started
        result = CallResult(
            self._endpoint, self._provider, attempts, value=value, error=error, completed=completed, duration=duration
        )
        tell(self._observers, "end", result)


def watch_tool_call(pipeline: Pipeline, use: ToolUseBlock) -> CallWatch:
    """A tool call: ``body`` is the ``tool_use`` block's ``id``, ``name`` and ``input``."""
    return CallWatch(pipeline, TOOL_CALL, None, {"id": use.id, "name": use.name, "input": use.input})


def watch_run(pipeline: Pipeline, model: Any, tools: List[str], max_iterations: Optional[int]) -> CallWatch:
    """A runner's run: ``body`` names its tools and its turn limit."""
    model = model if isinstance(model, str) else None
    return CallWatch(pipeline, TOOL_RUN, model, {"tools": tools, "max_iterations": max_iterations})
