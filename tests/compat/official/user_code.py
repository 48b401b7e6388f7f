"""Code written for the official ``anthropic`` SDK 0.79, unchanged (run by test_alias.py).

It imports ``anthropic`` only; the test runs it with ``claude_core.alias`` installed,
against the emulator named by ANTHROPIC_BASE_URL / ANTHROPIC_API_KEY.
"""

import asyncio
import functools

import anthropic
from anthropic import APIStatusError, AsyncAnthropic, NotFoundError
from anthropic.lib.streaming._messages import MessageStreamManager
from anthropic.resources.messages import Messages
from anthropic.types import Message, RawMessageStreamEvent, TextBlock, Usage
from anthropic.types.beta import BetaMessageParam

MODEL = "claude-sonnet-4-5"
calls = []


def traced(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        calls.append(kwargs.get("model"))
        return method(self, *args, **kwargs)

    return wrapper


Messages.create = traced(Messages.create)  # what tracing instrumentations do

client = anthropic.Anthropic()
history: list[BetaMessageParam] = [{"role": "user", "content": "Hello from old code"}]
message = client.messages.create(model=MODEL, max_tokens=32, messages=history)
assert isinstance(message, Message) and isinstance(message.content[0], TextBlock)
assert isinstance(message.usage, Usage) and message._request_id
assert calls == [MODEL]

events = list(client.messages.create(model=MODEL, max_tokens=32, messages=history, stream=True))
assert events[0].type == "message_start" and events[-1].type == "message_stop"

manager = client.messages.stream(model=MODEL, max_tokens=32, messages=history)
assert isinstance(manager, MessageStreamManager)
with manager as stream:
    text = "".join(stream.text_stream)
assert text == stream.get_final_message().content[0].text

raw = client.messages.with_raw_response.create(model=MODEL, max_tokens=8, messages=history)
assert raw.status_code == 200 and raw.parse().id
assert client.messages.count_tokens(model=MODEL, messages=history).input_tokens > 0
assert any(model.id.startswith(MODEL) for model in client.models.list())

try:
    client.messages.create(model="claude-does-not-exist", max_tokens=8, messages=history)
except NotFoundError as error:
    assert isinstance(error, APIStatusError) and error.status_code == 404
else:
    raise AssertionError("an unknown model must be a 404")


async def main() -> None:
    async with AsyncAnthropic() as aclient:
        reply = await aclient.messages.create(model=MODEL, max_tokens=16, messages=history)
        assert reply.content[0].text
        async with aclient.messages.stream(model=MODEL, max_tokens=16, messages=history) as astream:
            assert (await astream.get_final_text()) == reply.content[0].text


asyncio.run(main())
print("official-sdk code ran:", len(calls), "traced calls", RawMessageStreamEvent is not None)
