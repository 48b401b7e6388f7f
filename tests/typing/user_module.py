# pyright: strict
"""A user module written against the official ``anthropic`` SDK, with its imports changed to ``claude_core``.

It is what a careful user writes: request params built as the SDK's TypedDicts, response blocks,
stream events and deltas narrowed by their ``type``, usage fields read with their types, pages walked
by hand and by iteration. ``tox -e typing`` checks it with ``mypy --strict`` and pyright, both with
zero errors; ``test_user_module.py`` runs every function against the emulator over HTTP.

It uses no claude-core-only name: with ``claude_core`` replaced by ``anthropic`` it passes both
checkers against the official SDK 0.79 too (``test_user_module.py`` says how to check that).
"""

from __future__ import annotations

import base64
from typing import Dict, List, Optional, Tuple

import pydantic

from claude_core import Anthropic, APIStatusError, AsyncAnthropic, beta_tool, omit
from claude_core.pagination import AsyncPage, SyncPage
from claude_core.types import (
    Base64PDFSourceParam,
    CacheControlEphemeralParam,
    ContentBlock,
    ContentBlockParam,
    DocumentBlockParam,
    ImageBlockParam,
    Message,
    MessageDeltaUsage,
    MessageParam,
    MessageTokensCount,
    MetadataParam,
    Model,
    ModelInfo,
    ModelParam,
    RawContentBlockDelta,
    RawMessageStreamEvent,
    StopReason,
    TextBlock,
    TextBlockParam,
    TextCitation,
    ThinkingConfigParam,
    ToolChoiceParam,
    ToolParam,
    ToolResultBlockParam,
    ToolUnionParam,
    ToolUseBlock,
    ToolUseBlockParam,
    Usage,
)
from claude_core.types.beta import (
    BetaContentBlock,
    BetaMessage,
    BetaMessageParam,
    BetaTextBlockParam,
    BetaToolParam,
)
from claude_core.types.message import Message as MessageAtItsPath
from claude_core.types.raw_content_block_delta_event import RawContentBlockDeltaEvent
from claude_core.types.tool_result_block_param import ToolResultBlockParam as ToolResultAtItsPath

MODEL: ModelParam = "claude-sonnet-4-5"
SYSTEM: List[TextBlockParam] = [
    {"type": "text", "text": "You answer in one short sentence.", "cache_control": {"type": "ephemeral"}}
]
METADATA: MetadataParam = {"user_id": "user-7f3a"}
# A 1x1 transparent PNG.
PIXEL = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
    )
).decode("ascii")


# --- request params -----------------------------------------------------------------------------


def weather_tool() -> ToolParam:
    cache: CacheControlEphemeralParam = {"type": "ephemeral"}
    return {
        "name": "get_weather",
        "description": "The weather in a city.",
        "input_schema": {
            "type": "object",
            "properties": {"city": {"type": "string"}, "days": {"type": "integer"}},
            "required": ["city"],
        },
        "cache_control": cache,
    }


def question(text: str) -> List[MessageParam]:
    """One user turn with a text, an image and a plain-text document."""
    image: ImageBlockParam = {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": PIXEL}}
    document: DocumentBlockParam = {
        "type": "document",
        "source": {"type": "text", "media_type": "text/plain", "data": "The sky is blue. Grass is green."},
        "title": "Colours",
        "citations": {"enabled": True},
    }
    blocks: List[ContentBlockParam] = [document, image, {"type": "text", "text": text}]
    return [{"role": "user", "content": blocks}]


def pdf_source() -> Base64PDFSourceParam:
    return {"type": "base64", "media_type": "application/pdf", "data": base64.b64encode(b"%PDF-1.4").decode()}


# --- response blocks ----------------------------------------------------------------------------


def describe_citation(citation: TextCitation) -> str:
    if citation.type == "char_location":
        return f"chars {citation.start_char_index}-{citation.end_char_index} of document {citation.document_index}"
    if citation.type == "page_location":
        return f"pages {citation.start_page_number}-{citation.end_page_number}"
    if citation.type == "content_block_location":
        return f"blocks {citation.start_block_index}-{citation.end_block_index}"
    if citation.type == "web_search_result_location":
        return f"web page {citation.url}"
    if citation.type == "search_result_location":
        return f"search result {citation.source}"
    return "another citation"


def describe(block: ContentBlock) -> str:
    """One line per block, reading each block type's own fields."""
    if block.type == "text":
        cited = [describe_citation(c) for c in block.citations or []]
        return f"text {block.text!r}" + (f" citing {'; '.join(cited)}" if cited else "")
    if block.type == "thinking":
        return f"thinking ({len(block.thinking)} chars, signed {bool(block.signature)})"
    if block.type == "redacted_thinking":
        return f"redacted thinking ({len(block.data)} bytes)"
    if block.type == "tool_use":
        return f"tool call {block.name}({', '.join(sorted(block.input))}) id={block.id}"
    if block.type == "server_tool_use":
        return f"server tool call {block.name} id={block.id}"
    if block.type == "web_search_tool_result":
        if isinstance(block.content, list):
            return f"web results {[hit.url for hit in block.content]}"
        return f"web search failed: {block.content.error_code}"
    return f"a {block.type} block"


def texts(message: Message) -> List[str]:
    return [block.text for block in message.content if isinstance(block, TextBlock)]


def tool_calls(message: MessageAtItsPath) -> List[ToolUseBlock]:
    return [block for block in message.content if block.type == "tool_use"]


def usage_summary(usage: Usage) -> Dict[str, int]:
    server = usage.server_tool_use
    tier: Optional[str] = usage.service_tier
    return {
        "input": usage.input_tokens,
        "output": usage.output_tokens,
        "cache_write": usage.cache_creation_input_tokens or 0,
        "cache_read": usage.cache_read_input_tokens or 0,
        "web_searches": server.web_search_requests if server is not None else 0,
        "priority": 1 if tier == "priority" else 0,
    }


# --- create, tools, raw responses ---------------------------------------------------------------


def ask(client: Anthropic, text: str) -> Message:
    thinking: ThinkingConfigParam = {"type": "enabled", "budget_tokens": 1024}
    return client.messages.create(
        model=MODEL,
        max_tokens=2048,
        system=SYSTEM,
        messages=question(text),
        thinking=thinking,
        metadata=METADATA,
        stop_sequences=["\n\nHuman:"],
        temperature=1.0,
    )


def tool_round_trip(client: Anthropic) -> Tuple[Message, Message]:
    """Ask with a tool, answer its calls with tool results, and get the final message."""
    tools: List[ToolUnionParam] = [weather_tool()]
    choice: ToolChoiceParam = {"type": "auto", "disable_parallel_tool_use": True}
    history: List[MessageParam] = [{"role": "user", "content": "Use get_weather for Paris, please."}]
    first = client.messages.create(model=MODEL, max_tokens=512, messages=history, tools=tools, tool_choice=choice)
    results: List[ToolResultBlockParam] = []
    for call in tool_calls(first):
        results.append(
            {
                "type": "tool_result",
                "tool_use_id": call.id,
                "content": [{"type": "text", "text": f"Sunny in {call.input.get('city')}"}],
                "is_error": False,
            }
        )
    history.append({"role": "assistant", "content": first.content})
    history.append({"role": "user", "content": results})
    second = client.messages.create(model=MODEL, max_tokens=512, messages=history, tools=tools)
    return first, second


def replay_tool_use(call: ToolUseBlock) -> Tuple[ToolUseBlockParam, ToolResultAtItsPath]:
    """A tool call and its result as request blocks, for a conversation stored as dicts."""
    use: ToolUseBlockParam = {"type": "tool_use", "id": call.id, "name": call.name, "input": call.input}
    result: ToolResultAtItsPath = {"type": "tool_result", "tool_use_id": call.id, "content": "done"}
    return use, result


def raw_create(client: Anthropic) -> Tuple[int, Optional[str], Message]:
    response = client.messages.with_raw_response.create(
        model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "Hello"}]
    )
    message: Message = response.parse()
    request_id: Optional[str] = response.headers.get("request-id")
    status: int = response.status_code
    return status, request_id, message


def ask_with_optional_settings(client: Anthropic, text: str, temperature: Optional[float] = None) -> Message:
    """Optional parameters forwarded as ``omit`` when unset, as wrappers around the SDK do."""
    return client.messages.create(
        model=MODEL,
        max_tokens=64,
        messages=question(text),
        temperature=temperature if temperature is not None else omit,
        top_k=omit,
    )


def count(client: Anthropic, text: str) -> int:
    counted: MessageTokensCount = client.messages.count_tokens(
        model=MODEL, system="Be brief.", messages=[{"role": "user", "content": text}], tools=[weather_tool()]
    )
    return counted.input_tokens


def status_of_bad_request(client: Anthropic) -> int:
    try:
        client.messages.create(model=MODEL, max_tokens=0, messages=[{"role": "user", "content": "Hi"}])
    except APIStatusError as error:
        return error.status_code
    return 200


# --- streaming ----------------------------------------------------------------------------------


def on_delta(event: RawContentBlockDeltaEvent, pieces: List[str]) -> None:
    delta: RawContentBlockDelta = event.delta
    if delta.type == "text_delta":
        pieces.append(delta.text)
    elif delta.type == "input_json_delta":
        pieces.append(f"<json {delta.partial_json}>")
    elif delta.type == "thinking_delta":
        pieces.append(f"<thinking {len(delta.thinking)}>")
    elif delta.type == "signature_delta":
        pieces.append(f"<signature {len(delta.signature)}>")
    elif delta.type == "citations_delta":
        pieces.append(f"<citation {describe_citation(delta.citation)}>")


def handle(event: RawMessageStreamEvent, pieces: List[str]) -> Optional[StopReason]:
    """Record what one raw event says; the stop reason when it carries one."""
    if event.type == "message_start":
        pieces.append(f"<start {event.message.id} in={event.message.usage.input_tokens}>")
    elif event.type == "content_block_start":
        pieces.append(f"<block {event.index} {event.content_block.type}>")
    elif event.type == "content_block_delta":
        if event.delta.type == "text_delta":
            pieces.append(event.delta.text)
        else:
            on_delta(event, pieces)
    elif event.type == "content_block_stop":
        pieces.append(f"<end {event.index}>")
    elif event.type == "message_delta":
        usage: MessageDeltaUsage = event.usage
        pieces.append(f"<out={usage.output_tokens}>")
        return event.delta.stop_reason
    elif event.type == "message_stop":
        pieces.append("<stop>")
    return None


def stream_raw(client: Anthropic, text: str) -> Tuple[List[str], Optional[StopReason]]:
    pieces: List[str] = []
    stop: Optional[StopReason] = None
    with client.messages.create(
        model=MODEL, max_tokens=256, messages=[{"role": "user", "content": text}], stream=True
    ) as stream:
        for event in stream:
            stop = handle(event, pieces) or stop
    return pieces, stop


def stream_helper(client: Anthropic, text: str) -> Tuple[str, str, Message]:
    with client.messages.stream(model=MODEL, max_tokens=256, messages=[{"role": "user", "content": text}]) as stream:
        streamed = "".join(stream.text_stream)
        final = stream.get_final_message()
    with client.messages.stream(model=MODEL, max_tokens=256, messages=[{"role": "user", "content": text}]) as stream:
        snapshots: List[str] = []
        stopped: List[str] = []
        for event in stream:
            if event.type == "text":
                snapshots.append(event.snapshot)
            elif event.type == "thinking":
                snapshots.append(event.thinking)
            elif event.type == "content_block_stop":
                stopped.append(event.content_block.type)
            elif event.type == "message_stop":
                stopped.append(event.message.id)
        last = snapshots[-1] if snapshots else ""
        assert len(stopped) == 2
    return streamed, last, final


# --- models and pages ---------------------------------------------------------------------------


def model_ids(client: Anthropic, page_size: int) -> Tuple[List[str], List[str]]:
    """The model ids page by page (``has_next_page`` / ``get_next_page``), and by iterating."""
    page: SyncPage[ModelInfo] = client.models.list(limit=page_size)
    by_page = [model.id for model in page.data]
    while page.has_next_page():
        page = page.get_next_page()
        by_page.extend(model.id for model in page.data)
    iterated = [model.id for model in client.models.list(limit=page_size)]
    return by_page, iterated


def newest_model(client: Anthropic) -> Tuple[Model, str]:
    info = client.models.list(limit=1).data[0]
    model: Model = info.id
    return model, f"{info.display_name} ({info.created_at.year})"


# --- async --------------------------------------------------------------------------------------


async def ask_async(client: AsyncAnthropic, text: str) -> Message:
    return await client.messages.create(
        model=MODEL, max_tokens=256, system="Be brief.", messages=[{"role": "user", "content": text}]
    )


async def stream_raw_async(client: AsyncAnthropic, text: str) -> Tuple[List[str], Optional[StopReason]]:
    pieces: List[str] = []
    stop: Optional[StopReason] = None
    stream = await client.messages.create(
        model=MODEL, max_tokens=256, messages=[{"role": "user", "content": text}], stream=True
    )
    async with stream:
        async for event in stream:
            stop = handle(event, pieces) or stop
    return pieces, stop


async def stream_helper_async(client: AsyncAnthropic, text: str) -> Tuple[str, Message]:
    async with client.messages.stream(
        model=MODEL, max_tokens=256, messages=[{"role": "user", "content": text}]
    ) as stream:
        pieces = [piece async for piece in stream.text_stream]
        final = await stream.get_final_message()
    return "".join(pieces), final


async def count_async(client: AsyncAnthropic, text: str) -> int:
    counted = await client.messages.count_tokens(model=MODEL, messages=[{"role": "user", "content": text}])
    return counted.input_tokens


async def model_ids_async(client: AsyncAnthropic, page_size: int) -> Tuple[List[str], List[str]]:
    page: AsyncPage[ModelInfo] = await client.models.list(limit=page_size)
    by_page = [model.id for model in page.data]
    while page.has_next_page():
        page = await page.get_next_page()
        by_page.extend(model.id for model in page.data)
    iterated = [model.id async for model in client.models.list(limit=page_size)]
    return by_page, iterated


# --- beta ---------------------------------------------------------------------------------------


def describe_beta(block: BetaContentBlock) -> str:
    if block.type == "text":
        return block.text
    if block.type == "mcp_tool_use":
        return f"mcp {block.server_name}.{block.name}"
    if block.type == "mcp_tool_result":
        return "mcp result" + (" (error)" if block.is_error else "")
    if block.type == "container_upload":
        return f"uploaded {block.file_id}"
    return block.type


def ask_beta(client: Anthropic, text: str) -> Tuple[BetaMessage, List[str]]:
    greeting: BetaTextBlockParam = {"type": "text", "text": text}
    messages: List[BetaMessageParam] = [{"role": "user", "content": [greeting]}]
    tool: BetaToolParam = {"name": "lookup", "input_schema": {"type": "object", "properties": {}}}
    message = client.beta.messages.create(
        model=MODEL, max_tokens=128, messages=messages, tools=[tool], betas=["token-efficient-tools-2025-02-19"]
    )
    return message, [describe_beta(block) for block in message.content]


# --- tool helpers and structured outputs --------------------------------------------------------


class Forecast(pydantic.BaseModel):
    city: str
    days: List[int]


@beta_tool
def lookup_weather(city: str) -> str:
    """Look up the weather in a city.

    Args:
        city: The city's name.
    """
    return f"Sunny in {city}"


def run_tools(client: Anthropic) -> Tuple[List[Optional[str]], str]:
    """The README's tool runner: a message per turn, then the final one."""
    runner = client.beta.messages.tool_runner(
        model=MODEL,
        max_tokens=512,
        tools=[lookup_weather],
        messages=[{"role": "user", "content": "What is the weather in Oslo?"}],
    )
    reasons: List[Optional[str]] = [message.stop_reason for message in runner]
    final = runner.until_done()
    return reasons, "".join(block.text for block in final.content if block.type == "text")


def stream_tools(client: Anthropic) -> List[str]:
    """The tool runner with ``stream=True``: each turn's text, read from its stream."""
    runner = client.beta.messages.tool_runner(
        model=MODEL,
        max_tokens=512,
        tools=[lookup_weather],
        messages=[{"role": "user", "content": "What is the weather in Oslo?"}],
        stream=True,
    )
    return ["".join(stream.text_stream) for stream in runner]


def stream_structured(client: Anthropic) -> Forecast:
    """``stream(output_format=...)``: the final message's ``parsed_output`` is a ``Forecast``."""
    with client.messages.stream(
        model=MODEL, max_tokens=512, messages=[{"role": "user", "content": "Plan a week"}], output_format=Forecast
    ) as stream:
        final = stream.get_final_message()
    parsed = final.parsed_output
    if parsed is None:
        raise ValueError("no parsed output")
    return parsed


# --- batches and files --------------------------------------------------------------------------


def batch_texts(client: Anthropic, batch_id: str) -> Dict[str, str]:
    """Each request's answer (its text, or what became of it), by custom id."""
    found: Dict[str, str] = {}
    for entry in client.messages.batches.results(batch_id):
        result = entry.result
        if result.type == "succeeded":
            found[entry.custom_id] = "".join(b.text for b in result.message.content if b.type == "text")
        elif result.type == "errored":
            found[entry.custom_id] = f"error: {result.error.error.type}"
        else:
            found[entry.custom_id] = result.type
    return found


def store_and_fetch(client: Anthropic, data: bytes) -> Tuple[str, int, bytes]:
    stored = client.beta.files.upload(file=("data.bin", data, "application/octet-stream"))
    return stored.id, stored.size_bytes, client.beta.files.download(stored.id).read()
