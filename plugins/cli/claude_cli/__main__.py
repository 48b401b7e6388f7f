"""``python -m claude_cli``: the ``claude-core`` command."""

import sys

from .main import main

if __name__ == "__main__":
    sys.exit(main())
