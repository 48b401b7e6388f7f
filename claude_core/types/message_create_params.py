"""Compatibility path of ``anthropic.types.message_create_params`` (a real module, so type checkers see it).

``MessageCreateParams`` is claude-core's parameter TypedDict (without ``stream``); the official
module's ``MessageCreateParams`` is the union of the streaming and non-streaming sets below.
"""

from .request_params import MessageCreateParams, MessageCreateParamsNonStreaming, MessageCreateParamsStreaming
from .request_params import MessageCreateParams as MessageCreateParamsBase
from .request_params import MetadataParam as Metadata
from .tool_params import ToolChoiceAnyParam as ToolChoiceToolChoiceAny
from .tool_params import ToolChoiceAutoParam as ToolChoiceToolChoiceAuto
from .tool_params import ToolChoiceParam as ToolChoice
from .tool_params import ToolChoiceToolParam as ToolChoiceToolChoiceTool

__all__ = [
    "MessageCreateParams",
    "MessageCreateParamsBase",
    "MessageCreateParamsNonStreaming",
    "MessageCreateParamsStreaming",
    "Metadata",
    "ToolChoice",
    "ToolChoiceToolChoiceAuto",
    "ToolChoiceToolChoiceAny",
    "ToolChoiceToolChoiceTool",
]
