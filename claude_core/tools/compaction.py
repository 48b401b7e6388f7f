"""Automatic compaction for the tool runner: ``tool_runner(compaction_control={"enabled": True})``.

After each turn the runner adds up the tokens of the message it just got (input tokens, cache
writes and reads included, plus output tokens). At or above ``context_token_threshold``
(default 100,000) it asks the model, with one plain ``beta.messages.create``, to summarise the
conversation so far, and then goes on from that summary alone: the next turn sends one user
message holding the summary text, and the tool calls of the turn that passed the threshold are
not run. The summary request sends the conversation as the runner would send it next (a
trailing assistant message keeps only its blocks that are not ``tool_use``) followed by the
summary prompt, with the runner's ``model`` (or ``compaction_control["model"]``) and
``max_tokens``, and nothing else: no system prompt, tools, betas or request options.

Everything here decides; nothing sends. The runners make the request.
"""

from typing import Any, Dict, List, Mapping, Optional

from typing_extensions import Required, TypedDict  # no __future__ annotations: Required must be real

__all__ = [
    "CompactionControl",
    "DEFAULT_SUMMARY_PROMPT",
    "DEFAULT_THRESHOLD",
    "check_compaction_control",
    "summary_request",
    "summary_messages",
    "tokens_used",
]

# The prompt text is what the API receives, so it is the official SDK's, word for word: a
# conversation compacted by either SDK sends the same request.
DEFAULT_SUMMARY_PROMPT = """You have been working on the task described above but have not yet completed it. Write a continuation summary that will allow you (or another instance of yourself) to resume work efficiently in a future context window where the conversation history will be replaced with this summary. Your summary should be structured, concise, and actionable. Include:
1. Task Overview
The user's core request and success criteria
Any clarifications or constraints they specified
2. Current State
What has been completed so far
Files created, modified, or analyzed (with paths if relevant)
Key outputs or artifacts produced
3. Important Discoveries
Technical constraints or requirements uncovered
Decisions made and their rationale
Errors encountered and how they were resolved
What approaches were tried that didn't work (and why)
4. Next Steps
Specific actions needed to complete the task
Any blockers or open questions to resolve
Priority order if multiple steps remain
5. Context to Preserve
User preferences or style requirements
Domain-specific details that aren't obvious
Any promises made to the user
Be concise but complete—err on the side of including information that would prevent duplicate work or repeated mistakes. Write in a way that enables immediate resumption of the task.
Wrap your summary in <summary></summary> tags."""  # noqa: E501

#: Tokens (input, cache and output of one message) at which the runner compacts by default.
DEFAULT_THRESHOLD = 100_000


class CompactionControl(TypedDict, total=False):
    """``tool_runner(compaction_control=...)``: when and how the runner summarises the conversation."""

    enabled: Required[bool]
    """Compact at all (False turns compaction off)."""
    context_token_threshold: int
    """Compact once a message's input (cache included) plus output tokens reach this (default 100,000)."""
    model: str
    """The model that writes the summary (default: the runner's ``model``)."""
    summary_prompt: str
    """The user message asking for the summary (default: :data:`DEFAULT_SUMMARY_PROMPT`)."""


_KEYS = frozenset(CompactionControl.__annotations__)


def check_compaction_control(control: Any) -> Optional[CompactionControl]:
    """``compaction_control`` as given, checked (None: no compaction); a clear error naming the key."""
    if control is None:
        return None
    where = "tool_runner(compaction_control=...)"
    if not isinstance(control, Mapping):
        raise TypeError(f'{where} takes a dict such as {{"enabled": True}}, not {type(control).__name__}')
    unknown = sorted(set(control) - _KEYS)
    if unknown:
        raise TypeError(f"{where}: unknown key(s) {unknown}; the keys are {sorted(_KEYS)}")
    if not isinstance(control.get("enabled"), bool):
        raise TypeError(f'{where} needs "enabled": True or False')
    threshold = control.get("context_token_threshold", DEFAULT_THRESHOLD)
    if not isinstance(threshold, int) or isinstance(threshold, bool) or threshold < 1:
        raise ValueError(f'{where}: "context_token_threshold" must be a whole number of tokens >= 1, not {threshold!r}')
    for key in ("model", "summary_prompt"):
        if key in control and not (isinstance(control[key], str) and control[key]):
            raise TypeError(f"{where}: {key!r} must be a non-empty string, not {control[key]!r}")
    return dict(control)  # type: ignore[return-value]


def tokens_used(usage: Any) -> int:
    """The tokens a message counts toward the threshold: input, cache writes and reads, and output."""
    fields = ("input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens", "output_tokens")
    return sum(int(getattr(usage, name, None) or 0) for name in fields)  # a gateway may leave some out


def summary_request(
    control: Optional[CompactionControl], params: Mapping[str, Any], usage: Any
) -> Optional[Dict[str, Any]]:
    """The ``beta.messages.create`` parameters asking for a summary, or None when no compaction is due."""
    if control is None or not control["enabled"] or usage is None:
        return None
    if tokens_used(usage) < control.get("context_token_threshold", DEFAULT_THRESHOLD):
        return None
    messages: List[Any] = list(params["messages"])
    last = messages[-1] if messages else None
    if last is not None and _field(last, "role") == "assistant" and not isinstance(_field(last, "content"), str):
        # a tool_use block would need its tool_result, which the summary request does not have
        kept = [block for block in _field(last, "content") if _field(block, "type") != "tool_use"]
        if kept:
            messages[-1] = {"role": "assistant", "content": kept}
        else:
            messages.pop()
    prompt = control.get("summary_prompt", DEFAULT_SUMMARY_PROMPT)
    return {
        "model": control.get("model", params["model"]),
        "messages": [*messages, {"role": "user", "content": prompt}],
        "max_tokens": params["max_tokens"],
    }


def summary_messages(summary: Any) -> List[Dict[str, Any]]:
    """The conversation the runner goes on with: one user message holding the summary's text."""
    first = summary.content[0] if summary.content else None
    if first is None or first.type != "text":
        kind = "no content" if first is None else f"a {first.type!r} block"
        raise ValueError(f"Compaction response content is not of type 'text': the summary began with {kind}")
    return [{"role": "user", "content": [{"type": "text", "text": first.text}]}]


def _field(value: Any, name: str) -> Any:
    return value.get(name) if isinstance(value, Mapping) else getattr(value, name, None)
