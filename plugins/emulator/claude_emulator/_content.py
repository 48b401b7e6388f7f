"""The deterministic content of a reply, block by block, with the deltas that stream each block.

A :class:`Block` holds both the finished block (as a non-streaming Message carries it) and
the ``content_block_start`` block plus the deltas that rebuild it, so a streamed reply
always accumulates to exactly the non-streaming one. What a request gets:

- ``thinking: {"type": "enabled" | "adaptive"}``: first a ``thinking`` block with a signature;
- custom ``tools`` that the user's text (what the last user message typed, not tool results)
  names: ``"I'll use <name>, <name>."`` then one ``tool_use`` block per tool, in the order the
  text first mentions them, whose input follows the tool's ``input_schema`` (``tool_use``). A
  tool is named by its whole name (case-sensitive) or by one of its words of 4+ letters (its
  name split on ``_``, ``-`` and camelCase; case-insensitive), each as a whole word.
  ``tool_choice`` ``none`` calls nothing, ``tool`` exactly its tool, ``any`` the named tools or
  else the first custom tool; ``disable_parallel_tool_use`` keeps the first call only. The memory
  tool (``memory_20250818``, named ``memory``) is called like a custom tool, with the input
  Claude starts with: ``{"command": "view", "path": "/memories"}``;
- a ``web_search_*`` server tool and the word ``search`` in the user's text (no custom tool
  called): ``"I'll search."`` then a ``server_tool_use`` block (``pause_turn``). Sent back as
  the last (assistant) message, it gets a ``web_search_tool_result`` block then ``"Echo: "``
  plus the query (``end_turn``);
- a ``document`` with ``citations: {"enabled": true}``: the text cites its first sentence;
- ``output_config.format`` of type ``json_schema``: compact JSON of a value the schema accepts
  (see :func:`schema_value`);
- otherwise ``"Echo: "`` plus the last user message, cut by ``max_tokens`` (words) and
  ``stop_sequences``.

Benchmark knobs (request headers): ``x-emulator-text-deltas: N`` makes the text exactly N
words ``"w0 w1 ... "`` (one delta each, ``max_tokens`` ignored, ``stop_sequences`` honoured);
``x-emulator-tool-chunks: N`` with tools offered makes one ``tool_use`` block whose input JSON
streams in exactly N ``input_json_delta`` chunks; ``x-emulator-no-ping: 1`` drops pings.
"""

from __future__ import annotations

import ast
import base64
import dataclasses
import hashlib
import json
import math
import re
from typing import Any, Dict, List, Mapping, Optional, Tuple

from ._tool_choice import choose, paused_search
from ._wire import APIErrorReply

__all__ = [
    "Block",
    "Generated",
    "Knobs",
    "generate",
    "knob",
    "knobs_from_headers",
    "reply_text",
    "schema_value",
    "split_words",
]

_WORD = re.compile(r"\S+")
_PIECE = re.compile(r"\s*\S+\s*|\s+")
_SENTENCE = re.compile(r".*?[.!?](?=\s|$)", re.DOTALL)
_JSON_CHUNK = 7
_BENCH_CHUNK = 16
_MAX_KNOB = 10_000_000


@dataclasses.dataclass
class Block:
    """One content block: ``final`` as a Message holds it, ``start`` and ``deltas`` as a stream sends it."""

    final: Dict[str, Any]
    start: Dict[str, Any]
    deltas: List[Dict[str, Any]]


@dataclasses.dataclass
class Generated:
    blocks: List[Block]
    stop_reason: str
    stop_sequence: Optional[str]
    output_tokens: int


@dataclasses.dataclass(frozen=True)
class Knobs:
    """Benchmark knobs read from ``x-emulator-*`` request headers."""

    text_deltas: Optional[int] = None
    tool_chunks: Optional[int] = None
    pings: bool = True


def knob(headers: Mapping[str, str], name: str, minimum: int) -> Optional[int]:
    """An integer ``x-emulator-*`` header from ``minimum`` to 10,000,000 (None when absent; else a 400)."""
    raw = headers.get(name)
    if raw is None:
        return None
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if not minimum <= value <= _MAX_KNOB:
        raise APIErrorReply(400, f"{name}: should be an integer from {minimum} to {_MAX_KNOB}")
    return value


def knobs_from_headers(headers: Mapping[str, str]) -> Knobs:
    no_ping = headers.get("x-emulator-no-ping", "").strip().lower() in ("1", "true", "yes")
    return Knobs(knob(headers, "x-emulator-text-deltas", 0), knob(headers, "x-emulator-tool-chunks", 1), not no_ping)


def split_words(text: str) -> List[str]:
    """Word-sized pieces (each keeps the whitespace after it) whose concatenation is ``text``."""
    return _PIECE.findall(text)


# -- what the user said -----------------------------------------------------------


def _last_user(messages: List[Dict[str, Any]]) -> Dict[str, Any]:
    return next((m for m in reversed(messages) if m["role"] == "user"), messages[0])


def _tool_result_text(block: Mapping[str, Any]) -> str:
    content = block.get("content")
    if isinstance(content, list):
        content = " ".join(str(b.get("text", "")) for b in content if isinstance(b, dict) and b.get("type") == "text")
    label = "tool error" if block.get("is_error") else "tool result"
    text = f" {content}" if content else ""
    return f"[{label} {block.get('tool_use_id', '?')}:{text}]"


def reply_text(messages: List[Dict[str, Any]]) -> str:
    """``"Echo: "`` plus the text of the last user message (tool results are quoted)."""
    content = _last_user(messages)["content"]
    if isinstance(content, str):
        said = content
    else:
        parts = []
        for block in content:
            if block["type"] == "text":
                parts.append(str(block.get("text", "")))
            elif block["type"] == "tool_result":
                parts.append(_tool_result_text(block))
            else:
                parts.append(f"[{block['type']}]")
        said = " ".join(parts)
    return f"Echo: {said}" if said.strip() else "Echo: (no text)"


def _user_text(messages: List[Dict[str, Any]]) -> str:
    """Only what the user typed in the last user message (not tool results)."""
    content = _last_user(messages)["content"]
    if isinstance(content, str):
        return content
    return " ".join(str(b.get("text", "")) for b in content if b["type"] == "text")


def cut(text: str, max_tokens: int, stop_sequences: List[str]) -> Tuple[str, str, Optional[str]]:
    """Apply ``max_tokens`` (in words) and ``stop_sequences`` the way generation would meet them."""
    words = list(_WORD.finditer(text))
    limit_end = words[max_tokens - 1].end() if len(words) > max_tokens else len(text)
    hits = []
    for sequence in stop_sequences:
        index = text.find(sequence) if sequence else -1
        if index >= 0 and index + len(sequence) <= limit_end:
            hits.append((index, sequence))
    if hits:
        index, sequence = min(hits, key=lambda hit: hit[0])
        return text[:index], "stop_sequence", sequence
    if limit_end < len(text):
        return text[:limit_end], "max_tokens", None
    return text, "end_turn", None


# -- blocks -----------------------------------------------------------------------


def _text_block(
    text: str, citations: Optional[List[Dict[str, Any]]] = None, pieces: Optional[List[str]] = None
) -> Block:
    # the API writes "citations": null on text blocks without citations, in replies and in content_block_start
    final: Dict[str, Any] = {"type": "text", "text": text, "citations": citations}
    deltas: List[Dict[str, Any]] = []
    if citations is not None:
        deltas.extend({"type": "citations_delta", "citation": citation} for citation in citations)
    deltas.extend({"type": "text_delta", "text": piece} for piece in (split_words(text) if pieces is None else pieces))
    return Block(final, {"type": "text", "text": "", "citations": None}, deltas)


def _thinking_block(messages: List[Dict[str, Any]]) -> Block:
    words = len(_WORD.findall(_user_text(messages)))
    thinking = f"The user wrote {words} words, so I will answer them with a short, faithful echo."
    digest = hashlib.sha256(("emulator:" + thinking + reply_text(messages)).encode("utf-8")).digest()
    signature = base64.b64encode(digest[:30]).decode("ascii")
    deltas: List[Dict[str, Any]] = [{"type": "thinking_delta", "thinking": p} for p in split_words(thinking)]
    deltas.append({"type": "signature_delta", "signature": signature})  # the API sends it whole, once
    final = {"type": "thinking", "thinking": thinking, "signature": signature}
    return Block(final, {"type": "thinking", "thinking": "", "signature": ""}, deltas)


def _tool_block(
    tool_id: str, name: str, tool_input: Dict[str, Any], chunks: List[str], kind: str = "tool_use"
) -> Block:
    """A ``tool_use`` (or ``server_tool_use``) block: started with input ``{}``, its JSON in ``chunks``."""
    final = {"type": kind, "id": tool_id, "name": name, "input": tool_input}
    start = {"type": kind, "id": tool_id, "name": name, "input": {}}
    return Block(final, start, [{"type": "input_json_delta", "partial_json": c} for c in chunks])


def _json_chunks(encoded: str) -> List[str]:
    """An empty first piece, then ``encoded`` in pieces of 7 characters, as tool input streams."""
    return [""] + [encoded[i : i + _JSON_CHUNK] for i in range(0, len(encoded), _JSON_CHUNK)]


def _schema_value(name: str, schema: Any) -> Any:
    if not isinstance(schema, dict):
        return f"value for {name}"
    if "const" in schema:
        return schema["const"]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    options = schema.get("anyOf") or schema.get("oneOf")
    if isinstance(options, list) and options:
        usable = [o for o in options if not (isinstance(o, dict) and o.get("type") == "null")]
        return _schema_value(name, (usable or options)[0])
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    simple: Dict[Any, Any] = {"integer": 42, "number": 42, "boolean": True, "null": None}
    if kind in simple:
        return simple[kind]
    if kind == "array":
        return []
    if kind == "object":
        return {}
    return f"value for {name}"


def tool_input(tool: Mapping[str, Any]) -> Dict[str, Any]:
    """A deterministic input for a custom tool, one value per ``input_schema`` property (for the
    memory tool, a look at its directory)."""
    if tool.get("type") == _MEMORY_TOOL:
        return {"command": "view", "path": "/memories"}
    schema = tool.get("input_schema")
    properties = schema.get("properties") if isinstance(schema, dict) else None
    if not isinstance(properties, dict):
        return {}
    return {str(name): _schema_value(str(name), prop) for name, prop in properties.items()}


#: Example strings for the string formats structured outputs enforce.
_FORMATS = {
    "date-time": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "time": "00:00:00",
    "duration": "P1D",
    "email": "user@example.com",
    "hostname": "example.com",
    "uri": "https://example.com/",
    "ipv4": "127.0.0.1",
    "ipv6": "::1",
    "uuid": "00000000-0000-4000-8000-000000000000",
}
#: Below this many nested arrays or ``$ref``s, arrays are empty and a nullable choice is null.
_MAX_DEPTH = 4
_DESCRIBED_KEY = re.compile(r"(?:^\{|, )([A-Za-z_$][\w$]*): ")


def schema_value(schema: Any, root: Any = None, name: str = "value", depth: int = 0) -> Any:
    """A deterministic value that ``schema`` accepts: every property of an object (required ones
    included), one item per array, the first ``enum`` member, ``const``, the first ``anyOf``
    option, ``$ref`` resolved against ``root``'s ``$defs``; strings follow their ``format``."""
    if root is None:
        root = schema
    if not isinstance(schema, dict):
        return f"{name} value"
    if isinstance(schema.get("$ref"), str):
        return schema_value(_resolve(root, schema["$ref"]), root, name, depth + 1)
    schema = {**_described(schema.get("description")), **schema}
    if "const" in schema:
        const = schema["const"]
        return str(const) if schema.get("type") == "string" and not isinstance(const, str) else const
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    options = schema.get("anyOf") or schema.get("oneOf") or schema.get("allOf")
    if isinstance(options, list) and options:
        nulls = [o for o in options if isinstance(o, dict) and o.get("type") == "null"]
        option = nulls[0] if depth >= _MAX_DEPTH and nulls else options[0]
        return schema_value(option, root, name, depth)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object":
        properties = schema.get("properties")
        if not isinstance(properties, dict):
            return {}
        return {str(key): schema_value(prop, root, str(key), depth) for key, prop in properties.items()}
    if kind == "array":
        if depth >= _MAX_DEPTH:
            return []
        return [schema_value(schema.get("items"), root, name, depth + 1)]
    if kind in ("integer", "number"):
        low, high = schema.get("minimum"), schema.get("maximum")
        above, below = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
        value: Any = 1
        if isinstance(low, (int, float)) and value < low:
            value = math.ceil(low)
        if isinstance(above, (int, float)) and value <= above:
            value = math.floor(above) + 1
        if isinstance(high, (int, float)) and value > high:
            value = math.floor(high)
        if isinstance(below, (int, float)) and value >= below:
            value = math.ceil(below) - 1
        return value if kind == "integer" else float(value)
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    return _FORMATS.get(str(schema.get("format")), f"{name} value")


def _described(description: Any) -> Dict[str, Any]:
    """The keywords ``transform_schema`` moved into a description's last paragraph
    (``...\n\n{enum: ['a', 'b'], minimum: 1}``), values read as Python literals where they parse."""
    if not isinstance(description, str):
        return {}
    tail = description.rsplit("\n\n", 1)[-1]
    if not (tail.startswith("{") and tail.endswith("}")):
        return {}
    found: Dict[str, Any] = {}
    keys = list(_DESCRIBED_KEY.finditer(tail))
    for i, key in enumerate(keys):
        raw = tail[key.end() : keys[i + 1].start() if i + 1 < len(keys) else len(tail) - 1]
        try:
            found[key.group(1)] = ast.literal_eval(raw)
        except (ValueError, SyntaxError):
            found[key.group(1)] = raw  # a string, written without quotes
    return found


def _resolve(root: Any, ref: str) -> Any:
    """The schema a local ``$ref`` (``#/$defs/Name``) points at, None if it does not resolve."""
    node = root
    for part in ref.lstrip("#").split("/"):
        if not part:
            continue
        if not isinstance(node, dict):
            return None
        node = node.get(part.replace("~1", "/").replace("~0", "~"))
    return node


def _output_schema(params: Mapping[str, Any]) -> Any:
    """The schema of ``output_config.format`` when it asks for ``json_schema``, else None."""
    config = params.get("output_config")
    output = config.get("format") if isinstance(config, dict) else None
    if isinstance(output, dict) and output.get("type") == "json_schema":
        return output.get("schema")
    return None


_MEMORY_TOOL = "memory_20250818"


def _callable_tools(params: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """The tools a reply may call: the custom tools and the memory tool."""
    tools = params.get("tools") or []
    memory = [
        t for t in tools if isinstance(t, dict) and t.get("type") == _MEMORY_TOOL and isinstance(t.get("name"), str)
    ]
    return [*_custom_tools(params), *memory]


def _custom_tools(params: Mapping[str, Any]) -> List[Dict[str, Any]]:
    tools = params.get("tools") or []
    return [
        t
        for t in tools
        if isinstance(t, dict) and t.get("type", "custom") == "custom" and isinstance(t.get("name"), str)
    ]


def _used_blocks(messages: List[Dict[str, Any]], kind: str) -> int:
    """How many blocks of type ``kind`` the assistant messages of the conversation hold."""
    return sum(
        1
        for m in messages
        if m["role"] == "assistant" and isinstance(m["content"], list)
        for b in m["content"]
        if b.get("type") == kind
    )


def _next_tool_id(messages: List[Dict[str, Any]], later: int = 0) -> str:
    """``toolu_emu_N``: N counts the conversation's ``tool_use`` blocks, plus ``later`` more in this reply."""
    return f"toolu_emu_{_used_blocks(messages, 'tool_use') + later + 1}"


def _next_server_tool_id(messages: List[Dict[str, Any]]) -> str:
    return f"srvtoolu_emu_{_used_blocks(messages, 'server_tool_use') + 1}"


def _bench_tool_input(chunks: int) -> Tuple[Dict[str, Any], List[str]]:
    """``{"items": [...]}`` long enough to stream as exactly ``chunks`` pieces of about 16 characters."""
    count = max(1, math.ceil(_BENCH_CHUNK * chunks / 13))
    value: Dict[str, Any] = {"items": [f"item-{i:05d}" for i in range(count)]}
    encoded = _compact(value)
    size, extra = divmod(len(encoded), chunks)
    pieces, at = [], 0
    for i in range(chunks):
        end = at + size + (1 if i < extra else 0)
        pieces.append(encoded[at:end])
        at = end
    return value, pieces


def _compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _citations(messages: List[Dict[str, Any]]) -> Optional[List[Dict[str, Any]]]:
    """A citation of the first sentence of the first citable plain-text document, if any."""
    index = 0
    for message in messages:
        if message["role"] != "user" or isinstance(message["content"], str):
            continue
        for block in message["content"]:
            if block.get("type") != "document":
                continue
            source, citations = block.get("source"), block.get("citations")
            enabled = isinstance(citations, dict) and citations.get("enabled") is True
            if enabled and isinstance(source, dict) and isinstance(source.get("data"), str):
                data = source["data"]
                match = _SENTENCE.match(data)
                sentence = match.group(0) if match else data
                citation = {
                    "type": "char_location",
                    "cited_text": sentence,
                    "document_index": index,
                    "document_title": block.get("title"),
                    "start_char_index": 0,
                    "end_char_index": len(sentence),
                }
                return [citation]
            index += 1
    return None


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _tool_reply(
    called: List[Dict[str, Any]], messages: List[Dict[str, Any]], max_tokens: int, stops: List[str], announce: bool
) -> Generated:
    """``"I'll use a, b."`` then one ``tool_use`` block per called tool (none if the text is cut).

    Without ``announce`` (an output schema binds every text) only the ``tool_use`` blocks.
    """
    blocks: List[Block] = []
    reason, sequence, tokens = "end_turn", None, 0
    if announce:
        text, reason, sequence = cut(f"I'll use {', '.join(t['name'] for t in called)}.", max_tokens, stops)
        blocks, tokens = [_text_block(text)], _words(text)
    if reason == "end_turn":
        for number, tool in enumerate(called):
            value = tool_input(tool)
            encoded = _compact(value)
            blocks.append(_tool_block(_next_tool_id(messages, number), tool["name"], value, _json_chunks(encoded)))
            tokens += math.ceil(len(encoded) / 4)
        reason = "tool_use"
    return Generated(blocks, reason, sequence, tokens)


def _search_reply(name: str, messages: List[Dict[str, Any]], said: str, max_tokens: int, stops: List[str]) -> Generated:
    """``"I'll search."`` then a ``server_tool_use`` block searching for ``said``: the turn pauses."""
    text, reason, sequence = cut("I'll search.", max_tokens, stops)
    blocks, tokens = [_text_block(text)], _words(text)
    if reason == "end_turn":
        value = {"query": said}
        encoded = _compact(value)
        call_id = _next_server_tool_id(messages)
        blocks.append(_tool_block(call_id, name, value, _json_chunks(encoded), kind="server_tool_use"))
        reason, tokens = "pause_turn", tokens + math.ceil(len(encoded) / 4)
    return Generated(blocks, reason, sequence, tokens)


def _search_result_reply(call: Mapping[str, Any], max_tokens: int, stops: List[str]) -> Generated:
    """The paused search run: a ``web_search_tool_result`` block with one hit, then ``"Echo: <query>"``."""
    raw = call.get("input")
    query = raw.get("query") if isinstance(raw, dict) else None
    query = query if isinstance(query, str) else ""
    hit = {
        "type": "web_search_result",
        "url": "https://example.com/result",
        "title": f"Result for {query}",
        "encrypted_content": "ZW11bGF0b3I=",
        "page_age": None,
    }
    result = {"type": "web_search_tool_result", "tool_use_id": str(call.get("id", "")), "content": [hit]}
    text, reason, sequence = cut(f"Echo: {query}" if query.strip() else "Echo: (no text)", max_tokens, stops)
    # the API streams a search result whole, in its content_block_start
    return Generated([Block(result, result, []), _text_block(text)], reason, sequence, _words(text))


def _answer(params: Mapping[str, Any], knobs: Knobs) -> Generated:
    """The reply after any thinking block."""
    messages: List[Dict[str, Any]] = params["messages"]
    stops = list(params.get("stop_sequences") or ())
    tools = _custom_tools(params)
    if knobs.tool_chunks is not None and tools:
        value, chunks = _bench_tool_input(knobs.tool_chunks)
        block = _tool_block(_next_tool_id(messages), tools[0]["name"], value, chunks)
        return Generated([block], "tool_use", None, math.ceil(len("".join(chunks)) / 4))
    if knobs.text_deltas is not None:
        words = [f"w{i} " for i in range(knobs.text_deltas)]
        full = "".join(words)
        text, reason, sequence = cut(full, knobs.text_deltas + 1, stops)
        return Generated([_text_block(text, pieces=words if text == full else None)], reason, sequence, _words(text))
    paused = paused_search(messages)
    if paused is not None:
        return _search_result_reply(paused, params["max_tokens"], stops)
    said = _user_text(messages)
    called, search = choose(params, _callable_tools(params), said)
    if called:
        return _tool_reply(called, messages, params["max_tokens"], stops, announce=_output_schema(params) is None)
    if search is not None:
        return _search_reply(search, messages, said, params["max_tokens"], stops)
    schema = _output_schema(params)
    if schema is not None:
        text, reason, sequence = cut(_compact(schema_value(schema)), params["max_tokens"], stops)
        return Generated([_text_block(text)], reason, sequence, _words(text))
    text, reason, sequence = cut(reply_text(messages), params["max_tokens"], stops)
    return Generated([_text_block(text, _citations(messages))], reason, sequence, _words(text))


def generate(params: Mapping[str, Any], knobs: Knobs = Knobs()) -> Generated:
    """The content of the reply to validated Messages ``params``, derived only from them and ``knobs``."""
    answer = _answer(params, knobs)
    thinking = params.get("thinking")
    if not (isinstance(thinking, dict) and thinking.get("type") in ("enabled", "adaptive")):
        return answer
    block = _thinking_block(params["messages"])
    tokens = _words(block.final["thinking"]) + answer.output_tokens
    return Generated([block, *answer.blocks], answer.stop_reason, answer.stop_sequence, tokens)
