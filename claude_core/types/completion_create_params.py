"""The parameters of the legacy Text Completions API, ``completions.create`` (``POST /v1/complete``)."""

# No `from __future__ import annotations` here: `Required[...]` must be evaluated for `__required_keys__`.
from typing import List, Sequence, Union

from typing_extensions import Literal, Required, TypedDict

from .anthropic_beta_param import AnthropicBetaParam
from .model_param import ModelParam
from .request_params import MetadataParam

__all__ = [
    "CompletionCreateParamsBase",
    "Metadata",
    "CompletionCreateParamsNonStreaming",
    "CompletionCreateParamsStreaming",
    "CompletionRequestStreamingMetadata",
    "CompletionRequestNonStreamingMetadata",
    "CompletionRequestNonStreaming",
    "CompletionRequestStreaming",
    "CompletionCreateParams",
]


class CompletionCreateParamsBase(TypedDict, total=False):
    """The body of ``POST /v1/complete`` without ``stream``; ``betas`` goes to the ``anthropic-beta`` header."""

    max_tokens_to_sample: Required[int]
    model: Required[ModelParam]
    prompt: Required[str]
    """``"\\n\\nHuman: {question}\\n\\nAssistant:"`` (see ``HUMAN_PROMPT`` and ``AI_PROMPT``)."""
    metadata: MetadataParam
    stop_sequences: Sequence[str]
    temperature: float
    top_k: int
    top_p: float
    betas: List[AnthropicBetaParam]


Metadata = MetadataParam


class CompletionCreateParamsNonStreaming(CompletionCreateParamsBase, total=False):
    stream: Literal[False]


class CompletionCreateParamsStreaming(CompletionCreateParamsBase):
    stream: Required[Literal[True]]


CompletionRequestStreamingMetadata = MetadataParam
CompletionRequestNonStreamingMetadata = MetadataParam
CompletionRequestNonStreaming = CompletionCreateParamsNonStreaming
CompletionRequestStreaming = CompletionCreateParamsStreaming

CompletionCreateParams = Union[CompletionCreateParamsNonStreaming, CompletionCreateParamsStreaming]
