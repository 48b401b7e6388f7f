"""Compatibility path of ``anthropic.types.beta.beta_web_fetch_tool_result_block_param``."""

from ..server_block_params import (
    WebFetchToolResultBlockParam as BetaWebFetchToolResultBlockParam,
)
from ..server_block_params import (
    WebFetchToolResultBlockParamContent as Content,
)

__all__ = ["BetaWebFetchToolResultBlockParam", "Content"]
