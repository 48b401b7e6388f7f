"""``AnthropicBetaParam``: a beta feature name sent in the ``anthropic-beta`` header."""

from __future__ import annotations

from typing import Union

from typing_extensions import Literal

__all__ = ["AnthropicBetaParam"]

AnthropicBetaParam = Union[
    str,
    Literal[
        "message-batches-2024-09-24",
        "prompt-caching-2024-07-31",
        "computer-use-2024-10-22",
        "computer-use-2025-01-24",
        "computer-use-2025-11-24",
        "pdfs-2024-09-25",
        "token-counting-2024-11-01",
        "token-efficient-tools-2025-02-19",
        "output-128k-2025-02-19",
        "files-api-2025-04-14",
        "extended-cache-ttl-2025-04-11",
        "mcp-client-2025-04-04",
        "mcp-client-2025-11-20",
        "dev-full-thinking-2025-05-14",
        "interleaved-thinking-2025-05-14",
        "fine-grained-tool-streaming-2025-05-14",
        "code-execution-2025-05-22",
        "context-management-2025-06-27",
        "context-1m-2025-08-07",
        "model-context-window-exceeded-2025-08-26",
        "skills-2025-10-02",
        "structured-outputs-2025-11-13",
        "structured-outputs-2025-12-15",
        "compact-2026-01-12",
        "fast-mode-2026-02-01",
    ],
]
"""A beta name; the literals help editors complete, any string is accepted."""
