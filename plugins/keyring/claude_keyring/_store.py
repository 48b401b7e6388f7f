"""The one place that talks to the OS keyring: claude-core's entries, read, written, deleted, listed.

Entries live in the keyring service ``claude-core``, one username per provider and profile:
``anthropic`` for the default profile, ``anthropic:work`` for the profile ``work``,
``bedrock``... keyring has no listing API, so the usernames stored through this module are
also kept, one a line, in the entry ``__index__`` of the same service.

``keyring`` is imported on first use, never at import. Every error a backend raises (none
installed, locked, broken) becomes :class:`KeyringUnavailable`, whose message is one line
and never holds a secret.
"""

from __future__ import annotations

import contextlib
import os
import re
from typing import Any, Iterator, List, Optional

__all__ = [
    "SERVICE",
    "INDEX",
    "PROFILE_ENV",
    "KeyringUnavailable",
    "valid_name",
    "profile_from_env",
    "username",
    "backend_name",
    "read",
    "write",
    "delete",
    "stored",
]

SERVICE = "claude-core"
#: The entry listing the usernames stored through this module (it cannot clash: names start alphanumeric).
INDEX = "__index__"
PROFILE_ENV = "CLAUDE_CORE_PROFILE"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")


class KeyringUnavailable(Exception):
    """No keyring backend is available, or the backend failed."""


def valid_name(name: str) -> bool:
    """Whether ``name`` can be a provider or profile name: letters, digits, ``_``, ``.``, ``-``."""
    return _NAME.match(name) is not None


def profile_from_env() -> Optional[str]:
    """``CLAUDE_CORE_PROFILE``, or None (the default profile) when it is unset or empty."""
    return os.environ.get(PROFILE_ENV) or None


def username(provider: str, profile: Optional[str]) -> str:
    """The username of ``provider``'s entry for ``profile`` (None: the default profile)."""
    if profile is None:
        return provider
    if not valid_name(profile):
        raise ValueError(f"invalid keyring profile name {profile!r}: use letters, digits, '_', '.' and '-'")
    return f"{provider}:{profile}"


@contextlib.contextmanager
def _keyring() -> Iterator[Any]:
    """The ``keyring`` module; whatever fails inside becomes :class:`KeyringUnavailable`."""
    try:
        import keyring
        from keyring.errors import NoKeyringError
    except Exception as exc:
        raise KeyringUnavailable(f"keyring cannot be imported: {_line(exc)}") from exc
    try:
        yield keyring
    except NoKeyringError as exc:
        raise KeyringUnavailable("no keyring backend is available") from exc
    except Exception as exc:
        raise KeyringUnavailable(f"the keyring backend failed: {_line(exc)}") from exc


def _line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def backend_name() -> str:
    """The class of the keyring backend in use, e.g. ``keyring.backends.SecretService.Keyring``."""
    with _keyring() as keyring:
        backend = type(keyring.get_keyring())
        return f"{backend.__module__}.{backend.__qualname__}"


def read(user: str) -> Optional[str]:
    """The secret stored for ``user``, or None (an empty one counts as none)."""
    with _keyring() as keyring:
        return keyring.get_password(SERVICE, user) or None


def write(user: str, secret: str) -> None:
    """Store ``secret`` for ``user``, replacing any secret stored before, and list ``user``."""
    with _keyring() as keyring:
        keyring.set_password(SERVICE, user, secret)
        names = _index(keyring)
        if user not in names:
            keyring.set_password(SERVICE, INDEX, "\n".join(sorted({*names, user})))


def delete(user: str) -> bool:
    """Delete ``user``'s entry; False when there was none."""
    with _keyring() as keyring:
        found = keyring.get_password(SERVICE, user) is not None
        if found:
            keyring.delete_password(SERVICE, user)
        names = _index(keyring)
        if user in names:
            names.remove(user)
            if names:
                keyring.set_password(SERVICE, INDEX, "\n".join(names))
            else:
                keyring.delete_password(SERVICE, INDEX)
        return found


def stored() -> List[str]:
    """The usernames stored through this module that still hold a secret, sorted."""
    with _keyring() as keyring:
        return [name for name in _index(keyring) if keyring.get_password(SERVICE, name) is not None]


def _index(keyring: Any) -> List[str]:
    return sorted(set((keyring.get_password(SERVICE, INDEX) or "").split()))
