# What the README's batch snippets (readme_batches_await.py) use without defining it: an async
# client, and the id of a batch that has ended. Run first, in the same namespace.
from anthropic import AsyncAnthropic

client = AsyncAnthropic()
_seed = {"model": "claude-sonnet-4-5", "max_tokens": 64, "messages": [{"role": "user", "content": "Hello, seeds"}]}
_batch = await client.messages.batches.create(requests=[{"custom_id": "seed", "params": _seed}])  # noqa: F704
batch_id = (await client.messages.batches.wait(_batch.id, poll_interval=0.01)).id  # noqa: F704
