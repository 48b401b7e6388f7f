# From the official SDK's README (anthropic 0.79.0), verbatim below this comment: user code that
# must run unchanged. tests/compat/test_alias.py runs it through claude_core.alias against the emulator.
# ruff: noqa  (kept as the README has it)
from anthropic import Anthropic

client = Anthropic()

all_batches = []
# Automatically fetches more pages as needed.
for batch in client.messages.batches.list(
    limit=20,
):
    # Do something with batch here
    all_batches.append(batch)
print(all_batches)
