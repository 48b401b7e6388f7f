"""The main job: a real round trip through the whole client stack, offline.

Starts the Claude API emulator on 127.0.0.1, then uses claude_core exactly as you
would against api.anthropic.com: a message, the same message streamed, a token count,
a paginated model list, a retried overload and a handled error.
"""

from __future__ import annotations

from claude_emulator import Emulator

import claude_core

MODEL = "claude-sonnet-4-5"


def main() -> None:
    with Emulator() as emulator:
        print(f"emulator listening on {emulator.base_url}")
        client = claude_core.Anthropic(api_key=emulator.api_key, base_url=emulator.base_url)
        conversation = [{"role": "user", "content": "Hello, Claude! What can an SDK do offline?"}]

        message = client.messages.create(model=MODEL, max_tokens=200, messages=conversation)
        print(f"message {message.id} ({message.stop_reason}): {message.content[0].text}")
        print(
            f"  usage: {message.usage.input_tokens} in / {message.usage.output_tokens} out, "
            f"request id {message._request_id}"
        )

        with client.messages.stream(model=MODEL, max_tokens=200, messages=conversation) as stream:
            pieces = list(stream.text_stream)
            streamed = stream.get_final_message()
        print(
            f"streamed in {len(pieces)} text deltas, same text: {streamed.content[0].text == message.content[0].text}"
        )

        count = client.messages.count_tokens(model=MODEL, messages=conversation)
        print(f"token count: {count.input_tokens} input tokens")

        models = [model.id for model in client.models.list(limit=3)]
        pages = sum(1 for request in emulator.requests if request.path == "/v1/models")
        print(f"models ({len(models)} over {pages} pages of 3): {', '.join(models)}")

        emulator.enqueue(
            status=529,
            headers={"retry-after-ms": "50"},
            json={"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}},
        )
        retried = client.messages.create(model=MODEL, max_tokens=20, messages=conversation)
        print(f"overloaded once, retried automatically: {retried.content[0].text[:40]}...")

        try:
            client.messages.create(model=MODEL, max_tokens=20, messages=[])
        except claude_core.BadRequestError as error:
            reason = error.body["error"]["message"]
            print(f"handled error: {type(error).__name__} {error.status_code} ({error.type}): {reason}")
        client.close()
    print("demo finished: every call went over HTTP to 127.0.0.1")


if __name__ == "__main__":
    main()
