"""The ``claude-core`` command, and the hook marker its plugins use to add commands."""

from .hookspecs import hookimpl

__all__ = ["hookimpl", "__version__"]

__version__ = "0.1.0"
