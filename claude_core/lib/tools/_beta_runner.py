"""Compatibility path (``anthropic.lib.tools._beta_runner``): the tool runners and their bases."""

from ..._types import RequestOptions
from ...tools.compaction import DEFAULT_SUMMARY_PROMPT, DEFAULT_THRESHOLD, CompactionControl
from ...tools.runner import (
    BetaAsyncRunnableTool,
    BetaAsyncStreamingToolRunner,
    BetaAsyncToolRunner,
    BetaRunnableTool,
    BetaStreamingToolRunner,
    BetaToolRunner,
)
from ...tools.runner import _AsyncLoop as BaseAsyncToolRunner
from ...tools.runner import _SyncLoop as BaseSyncToolRunner
from ...tools.runner import _ToolLoop as BaseToolRunner
from ...types.parsed_message import ParsedMessage as ParsedBetaMessage
from ...types.parsed_message import ResponseFormatT

__all__ = [
    "BetaToolRunner",
    "BetaAsyncToolRunner",
    "BetaStreamingToolRunner",
    "BetaAsyncStreamingToolRunner",
    "BaseToolRunner",
    "BaseSyncToolRunner",
    "BaseAsyncToolRunner",
    "BetaRunnableTool",
    "BetaAsyncRunnableTool",
    "CompactionControl",
    "DEFAULT_SUMMARY_PROMPT",
    "DEFAULT_THRESHOLD",
    "ParsedBetaMessage",
    "ResponseFormatT",
    "RequestOptions",
]
