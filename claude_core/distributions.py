"""What a package that extends claude-core (a provider, a plugin, a command) may build on, besides
the hook contract (:mod:`claude_core.hookspecs`) and the cloud clients' base
(:mod:`claude_core.cloud_clients`): the helpers the project's own distributions use.

- :func:`lazy_exports`: a package's names imported on first use (PEP 562), so that importing the
  package (which claude-core does for every installed plugin) costs nothing until a name is read.
- :func:`install_hint`: the commands that install one of this project's distributions, worded
  as every hint of the SDK is.
"""

from __future__ import annotations

from ._install import install_hint
from ._lazy import lazy_exports

__all__ = ["install_hint", "lazy_exports"]
