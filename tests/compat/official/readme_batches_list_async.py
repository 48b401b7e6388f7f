# From the official SDK's README (anthropic 0.79.0), verbatim below this comment: user code that
# must run unchanged. tests/compat/test_alias.py runs it through claude_core.alias against the emulator.
# ruff: noqa  (kept as the README has it)
import asyncio
from anthropic import AsyncAnthropic

client = AsyncAnthropic()


async def main() -> None:
    all_batches = []
    # Iterate through items across all pages, issuing requests as needed.
    async for batch in client.messages.batches.list(
        limit=20,
    ):
        all_batches.append(batch)
    print(all_batches)


asyncio.run(main())
