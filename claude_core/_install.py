"""How to install this project's other distributions, in commands that work when pasted.

Nothing is published on PyPI yet: a distribution installs from the repository by VCS URL, or
from a clone by its folder. Every install hint the SDK prints comes from here.
"""

from __future__ import annotations

from typing import Dict, Tuple

__all__ = ["REPOSITORY", "PROJECT_PROVIDERS", "install_hint"]

REPOSITORY = "https://github.com/claude-core/claude-core"

#: Provider name -> (distribution, its folder in the repository).
PROJECT_PROVIDERS: Dict[str, Tuple[str, str]] = {
    "bedrock": ("claude-provider-bedrock", "provider_bedrock"),
    "vertex": ("claude-provider-vertex", "provider_vertex"),
    "emulator": ("claude-emulator", "plugins/emulator"),
}


def install_hint(distribution: str, folder: str) -> str:
    """The commands that install ``distribution`` (``folder`` is its folder in the repository)."""
    return (
        f'python3 -m pip install "{distribution} @ git+{REPOSITORY}#subdirectory={folder}" '
        f"(from a clone of the repository: python3 -m pip install ./{folder})"
    )
