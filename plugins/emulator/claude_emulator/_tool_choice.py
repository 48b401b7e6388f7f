"""Which tools a reply calls: the custom tools the user's text names (a whole name, or a word
of 4+ letters of it, as a whole word) as ``tool_choice`` allows, or else the web search server
tool when the text says "search"; and whether the conversation ends in a paused search."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Mapping, Optional, Tuple

__all__ = ["choose", "paused_search"]

_NAME_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
_SEARCH = re.compile(r"(?<!\w)search(?!\w)", re.IGNORECASE)
_MIN_NAME_WORD = 4


def _whole_word(word: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)", flags)


def _name_words(name: str) -> List[str]:
    """The words of a tool name that name it too: its parts (split on ``_``, ``-`` and camelCase)
    of at least 4 letters, lower-cased (``getWeatherNow`` -> ``["weather"]``)."""
    parts = (part.lower() for part in _NAME_PART.findall(name))
    return [part for part in parts if part.isalpha() and len(part) >= _MIN_NAME_WORD]


def _first_mention(name: str, said: str) -> Optional[int]:
    """Where ``said`` first names the tool: its whole name, or one of :func:`_name_words`, as a whole word."""
    found = [_whole_word(name).search(said)]
    found.extend(_whole_word(word, re.IGNORECASE).search(said) for word in _name_words(name))
    starts = [match.start() for match in found if match is not None]
    return min(starts) if starts else None


def _named_tools(tools: List[Dict[str, Any]], said: str) -> List[Dict[str, Any]]:
    """The tools ``said`` names, in the order it first mentions them (offer order on a tie)."""
    mentions: Dict[str, Tuple[int, int]] = {}
    by_name: Dict[str, Dict[str, Any]] = {}
    for index, tool in enumerate(tools):
        at = _first_mention(tool["name"], said)
        if at is not None and tool["name"] not in mentions:
            mentions[tool["name"]] = (at, index)
            by_name[tool["name"]] = tool
    return [by_name[name] for name in sorted(mentions, key=lambda name: mentions[name])]


def _web_search_name(params: Mapping[str, Any]) -> Optional[str]:
    """The name of the offered web search server tool (``"type": "web_search_..."``), if any."""
    for tool in params.get("tools") or ():
        if isinstance(tool, dict) and str(tool.get("type", "")).startswith("web_search_"):
            name = tool.get("name")
            return name if isinstance(name, str) else "web_search"
    return None


def choose(
    params: Mapping[str, Any], tools: List[Dict[str, Any]], said: str
) -> Tuple[List[Dict[str, Any]], Optional[str]]:
    """The custom tools to call, or else the name of the web search tool to call, per ``tool_choice``."""
    choice = params.get("tool_choice")
    choice = choice if isinstance(choice, dict) else {}
    kind = choice.get("type", "auto")
    if kind == "none":
        return [], None
    if kind == "tool":
        called = [tool for tool in tools if tool["name"] == choice.get("name")][:1]
    else:
        called = _named_tools(tools, said)
    search = _web_search_name(params)
    if not called and kind != "tool" and search is not None and _SEARCH.search(said):
        return [], search
    if not called and kind == "any":
        called = tools[:1]
    if choice.get("disable_parallel_tool_use") is True:
        called = called[:1]
    return called, None


def paused_search(messages: List[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    """The ``server_tool_use`` block ending the conversation's last (assistant) message, if it does."""
    last = messages[-1]
    content = last["content"]
    if last["role"] != "assistant" or not isinstance(content, list) or not content:
        return None
    block = content[-1]
    return block if block.get("type") == "server_tool_use" else None
