"""Compatibility path (``anthropic.lib.tools._beta_compaction_control``): the runner's compaction settings."""

from ...tools.compaction import DEFAULT_SUMMARY_PROMPT, DEFAULT_THRESHOLD, CompactionControl

__all__ = ["CompactionControl", "DEFAULT_SUMMARY_PROMPT", "DEFAULT_THRESHOLD"]
