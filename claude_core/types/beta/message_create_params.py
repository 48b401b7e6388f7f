"""Compatibility path of ``anthropic.types.beta.message_create_params`` (a real module, so type checkers see it).

``MessageCreateParams`` here is claude-core's beta parameter TypedDict (without ``stream``).
"""

from typing import Union

from ..request_params import BetaMessageCreateParams as MessageCreateParams
from ..request_params import BetaMessageCreateParams as MessageCreateParamsBase
from ..request_params import BetaMessageCreateParamsNonStreaming as MessageCreateParamsNonStreaming
from ..request_params import BetaMessageCreateParamsStreaming as MessageCreateParamsStreaming
from ..request_params import ContainerParams
from ..request_params import JSONOutputFormatParam as OutputFormat

__all__ = [
    "Container",
    "MessageCreateParams",
    "MessageCreateParamsBase",
    "MessageCreateParamsNonStreaming",
    "MessageCreateParamsStreaming",
    "OutputFormat",
]

Container = Union[ContainerParams, str]
"""``container``: a container's settings, or the id of an existing container."""
