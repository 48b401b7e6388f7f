"""claude-keyring: API keys for claude-core from the OS keyring.

Installed, it is found by claude_core through the ``claude_core.plugins`` entry point
(:mod:`claude_keyring.plugin`); the ``claude-keyring`` command (:mod:`claude_keyring.cli`)
stores, shows, deletes and lists the keys. Keys live in the keyring service
:data:`SERVICE`, one username per provider and profile: ``anthropic``, ``anthropic:work``...
"""

from __future__ import annotations

from ._store import PROFILE_ENV, SERVICE

__all__ = ["SERVICE", "PROFILE_ENV"]
__version__ = "0.1.0"
