"""A tool call as the client's call observers see it: a call of endpoint ``"tools.call"``."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, List, Optional

from ..observers import CallInfo, CallObserver, CallResult, tell

if TYPE_CHECKING:
    from .._engine.pipeline import Pipeline
    from ..types.content import ToolUseBlock

__all__ = ["ToolCallWatch", "TOOL_CALL"]

#: The ``endpoint`` of a tool call in :class:`~claude_core.observers.CallInfo` and ``CallResult``.
TOOL_CALL = "tools.call"


class ToolCallWatch:
    """Tells observers that a tool call started (``body``: the ``tool_use`` block's ``id``,
    ``name`` and ``input``) and how it ended: the ``tool_result`` content or the exception,
    and how long it took. No attempts, no usage."""

    def __init__(self, pipeline: Pipeline, use: ToolUseBlock) -> None:
        self._provider = pipeline.provider
        info = CallInfo(
            endpoint=TOOL_CALL,
            provider=pipeline.provider,
            model=None,
            stream=False,
            is_async=pipeline.is_async,
            options=pipeline.options,
            body={"id": use.id, "name": use.name, "input": use.input},
        )
        found = pipeline.relay.call("claude_call_observer", call=info)
        self._observers: List[CallObserver] = [observer for observer in found if observer is not None]
        self._started = time.monotonic()

    def end(self, *, value: Any = None, error: Optional[BaseException] = None) -> None:
        duration = time.monotonic() - self._started
        result = CallResult(TOOL_CALL, self._provider, 0, value=value, error=error, duration=duration)
        tell(self._observers, "end", result)
