"""The official SDK's module paths under ``claude_core``: ``anthropic.X.Y`` imports as ``claude_core.X.Y``.

Kept apart from the code that works: :mod:`.paths` is the lazy finder (appended last to
``sys.meta_path``), :mod:`.paths_table` the generated table of official modules and names,
:mod:`.homes` the names that live elsewhere in claude-core. Nothing here sends a request.
"""
