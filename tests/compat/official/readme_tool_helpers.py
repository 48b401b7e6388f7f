# The "Tool helpers" example of the official SDK's README (anthropic 0.79.0), verbatim below this
# comment: user code that must run unchanged. tests/compat/test_alias.py runs it through
# claude_core.alias against the emulator.
# ruff: noqa  (kept as the README has it)
import json
import rich
from typing_extensions import Literal
from anthropic import Anthropic, beta_tool

client = Anthropic()


@beta_tool
def get_weather(location: str) -> str:
    """Lookup the weather for a given city in either celsius or fahrenheit

    Args:
        location: The city and state, e.g. San Francisco, CA
    Returns:
        A dictionary containing the location, temperature, and weather condition.
    """
    # Here you would typically make an API call to a weather service
    # For demonstration, we return a mock response
    return json.dumps(
        {
            "location": location,
            "temperature": "68°F",
            "condition": "Sunny",
        }
    )


runner = client.beta.messages.tool_runner(
    max_tokens=1024,
    model="claude-sonnet-4-5-20250929",
    tools=[get_weather],
    messages=[
        {"role": "user", "content": "What is the weather in SF?"},
    ],
)
for message in runner:
    rich.print(message)
