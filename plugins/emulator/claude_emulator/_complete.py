"""The legacy Text Completions API, ``POST /v1/complete``: validate, answer, stream.

A prompt is a ``"\\n\\nHuman: ..."`` / ``"\\n\\nAssistant:"`` transcript, after an optional
system prompt, ending with the assistant's turn. The completion is the Messages reply to
the last human turn with a leading space (``" Echo: <text>"``), cut by
``max_tokens_to_sample`` (in words) and ``stop_sequences``. It stops with ``stop_sequence``
when it ends on its own (the API stops at ``"\\n\\nHuman:"``) and ``max_tokens`` when cut.

A stream is one ``completion`` event per word-sized piece (``stop_reason: null``), then
one with ``"completion": ""`` and the stop reason; a ``ping`` follows the first event
and every fifth one after it.
"""

from __future__ import annotations

import dataclasses
import math
import secrets
from typing import Any, Dict, List, Mapping, Optional

from ._content import cut, reply_text, split_words
from ._messages import bad, check_fields, check_model, check_sampling, is_int
from ._stream import PING, PING_EVERY, frame
from ._wire import dumps

__all__ = [
    "COMPLETE_FIELDS",
    "HUMAN_PROMPT",
    "AI_PROMPT",
    "Completion",
    "validate_params",
    "last_human_turn",
    "complete",
    "new_id",
    "build",
    "render_events",
]

HUMAN_PROMPT = "\n\nHuman:"
AI_PROMPT = "\n\nAssistant:"

#: The top-level fields of ``POST /v1/complete``.
COMPLETE_FIELDS = frozenset(
    {
        "model",
        "prompt",
        "max_tokens_to_sample",
        "stop_sequences",
        "stream",
        "temperature",
        "top_k",
        "top_p",
        "metadata",
    }
)
_REQUIRED = ("model", "prompt", "max_tokens_to_sample")


@dataclasses.dataclass(frozen=True)
class Completion:
    """What answers a validated body: the text, why it stopped, and how many input tokens it had."""

    text: str
    stop_reason: str
    input_tokens: int


def _check_prompt(prompt: str) -> None:
    human = prompt.find(HUMAN_PROMPT)
    assistant = prompt.find(AI_PROMPT)
    if human < 0 or 0 <= assistant < human:
        raise bad('prompt must start with "\\n\\nHuman:" turn after an optional system prompt')
    if not prompt.endswith(AI_PROMPT):
        raise bad('prompt must end with "\\n\\nAssistant:" turn')


def validate_params(body: object) -> Dict[str, Any]:
    """Check a Text Completions body the way the API does; raise an error naming the field."""
    if not isinstance(body, dict):
        raise bad("body: Input should be a valid JSON object")
    check_fields(body, COMPLETE_FIELDS)
    for field in _REQUIRED:
        if field not in body:
            raise bad(f"{field}: Field required")
    if not isinstance(body["model"], str):
        raise bad("model: Input should be a valid string")
    if not isinstance(body["prompt"], str):
        raise bad("prompt: Input should be a valid string")
    max_tokens = body["max_tokens_to_sample"]
    if not is_int(max_tokens):
        raise bad("max_tokens_to_sample: Input should be a valid integer")
    if max_tokens < 1:
        raise bad("max_tokens_to_sample: Input should be greater than or equal to 1")
    check_sampling(body)
    metadata = body.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise bad("metadata: Input should be a valid dictionary or object")
    _check_prompt(body["prompt"])
    check_model(body["model"])
    return body


def last_human_turn(prompt: str) -> str:
    """The text of the last ``Human:`` turn of a valid prompt."""
    turn = prompt[prompt.rfind(HUMAN_PROMPT) + len(HUMAN_PROMPT) :]
    end = turn.find(AI_PROMPT)
    return (turn if end < 0 else turn[:end]).strip()


def complete(params: Mapping[str, Any]) -> Completion:
    """The completion answering validated ``params``, derived only from them."""
    prompt: str = params["prompt"]
    said = last_human_turn(prompt)
    text = " " + reply_text([{"role": "user", "content": said}])
    stops: List[str] = list(params.get("stop_sequences") or ())
    text, reason, _ = cut(text, params["max_tokens_to_sample"], stops)
    stop_reason = "max_tokens" if reason == "max_tokens" else "stop_sequence"
    return Completion(text, stop_reason, max(1, math.ceil(len(prompt) / 4)))


def new_id() -> str:
    """A fresh ``compl_...`` id (random, as the API's are)."""
    return "compl_" + secrets.token_hex(12)


def build(params: Mapping[str, Any], completion: Completion, completion_id: str) -> Dict[str, Any]:
    """The non-streaming Completion object."""
    return _object(completion_id, completion.text, completion.stop_reason, params["model"])


def _object(completion_id: str, text: str, stop_reason: Optional[str], model: str) -> Dict[str, Any]:
    return {"type": "completion", "id": completion_id, "completion": text, "stop_reason": stop_reason, "model": model}


def render_events(
    params: Mapping[str, Any], completion: Completion, completion_id: str, *, pings: bool = True
) -> List[bytes]:
    """Every frame of the streamed completion."""
    model = params["model"]
    pieces = [_object(completion_id, piece, None, model) for piece in split_words(completion.text)]
    pieces.append(_object(completion_id, "", completion.stop_reason, model))
    frames: List[bytes] = []
    for number, piece in enumerate(pieces):
        frames.append(frame("completion", dumps(piece)))
        if pings and number % PING_EVERY == 0 and number < len(pieces) - 1:
            frames.append(PING)
    return frames
