"""Response objects serialise as the official SDK's: the same methods, keywords and shapes."""

from __future__ import annotations

import inspect
import json

import claude_core
from claude_core.types import Message
from tests.conftest import MODEL, USER, Api

#: The keyword arguments of the official SDK's BaseModel.to_dict / to_json, with their defaults.
TO_DICT = {
    "mode": "python",
    "use_api_names": True,
    "exclude_unset": True,
    "exclude_defaults": False,
    "exclude_none": False,
    "warnings": True,
}
TO_JSON = {"indent": 2, **{k: v for k, v in TO_DICT.items() if k != "mode"}}


def test_to_dict_and_to_json_take_the_official_keywords() -> None:
    for method, expected in ((Message.to_dict, TO_DICT), (Message.to_json, TO_JSON)):
        parameters = list(inspect.signature(method).parameters.values())[1:]
        assert {p.name: p.default for p in parameters} == expected
        assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters)


def test_a_message_serialises_as_sent(api: Api) -> None:
    message = api(lambda c: c.messages.create(model=MODEL, max_tokens=16, messages=USER))
    sent = api.emulator.requests[-1]
    assert sent.path == "/v1/messages"
    as_dict = message.to_dict()
    assert as_dict["content"] == [{"type": "text", "text": "Echo: Hello there, Claude", "citations": None}]
    assert json.loads(message.to_json()) == as_dict == message.model_dump(exclude_unset=True)
    assert "citations" not in message.to_dict(exclude_none=True)["content"][0]
    assert message.to_json(indent=None) == json.dumps(as_dict, separators=(",", ":"))
    assert isinstance(message, claude_core.types.Message)
