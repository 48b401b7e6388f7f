"""The model table and each deployment's ids; Vertex AI as a deployment, and a Bedrock -> Vertex chain."""

from __future__ import annotations

import json
from typing import Any, List

import pytest
from claude_emulator import Emulator
from claude_fallback import MODELS, Bedrock, Breakers, Fallback, FirstParty, Vertex
from claude_fallback.models import bedrock_id, canonical, vertex_id
from fallback_support import (  # noqa: F401
    BEDROCK_MODEL,
    MODEL,
    PARAMS,
    PROJECT,
    VERTEX_MODEL,
    Api,
    api_fixture,
    bedrock,
    breakers_fixture,
    clock_fixture,
    first_fixture,
    isolated_env_fixture,
    second_fixture,
    servers_fixture,
    stream_text,
    third_fixture,
    vertex,
)
from typing_extensions import get_args

import claude_core
from claude_core.types import ModelParam


def test_the_table_covers_every_model_the_types_name() -> None:
    literal = get_args(ModelParam)[0]
    named = set(get_args(literal))
    covered = {name for ids in MODELS for name in (ids.first_party, *ids.aliases)}
    assert named == covered


@pytest.mark.parametrize(
    ("model", "bedrock", "vertex"),
    [
        ("claude-sonnet-4-5", "anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5@20250929"),
        ("claude-opus-4-0", "anthropic.claude-opus-4-20250514-v1:0", "claude-opus-4@20250514"),
        ("claude-3-5-haiku-latest", "anthropic.claude-3-5-haiku-20241022-v1:0", "claude-3-5-haiku@20241022"),
        ("claude-opus-4-6", "anthropic.claude-opus-4-6-v1", "claude-opus-4-6"),
        ("claude-sonnet-4-6", "anthropic.claude-sonnet-4-6", "claude-sonnet-4-6"),
    ],
)
def test_ids_on_each_platform(model: str, bedrock: str, vertex: str) -> None:
    assert bedrock_id(model) == bedrock and vertex_id(model) == vertex
    assert bedrock_id(model, "global") == f"global.{bedrock}"
    dated = canonical(bedrock)
    assert canonical(vertex) == dated == canonical(f"us.{bedrock}") and dated.startswith("claude-")
    assert canonical(f"arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.{bedrock}") == dated


def test_unknown_models_have_no_cloud_id() -> None:
    assert bedrock_id("claude-made-up-1") is None and vertex_id("claude-made-up-1") is None
    assert canonical("claude-made-up-1") == "claude-made-up-1"


def test_each_deployment_kind_and_its_overrides() -> None:
    first_party = FirstParty(base_url="https://eu.example")
    assert first_party.name == "anthropic:https://eu.example"
    assert first_party.model_for(BEDROCK_MODEL) == "claude-sonnet-4-5-20250929"
    assert first_party.model_for("claude-made-up-1") == "claude-made-up-1"  # the API decides
    assert first_party.model_for("us.anthropic.claude-made-up-v1:0") is None  # a cloud id with no first-party one
    cloud = Bedrock("us-west-2", models={"claude-made-up-1": "arn:aws:bedrock:x", "claude-3-haiku-20240307": None})
    assert cloud.model_for("claude-made-up-1") == "arn:aws:bedrock:x"
    assert cloud.model_for("claude-3-haiku-20240307") is None  # switched off here
    assert cloud.model_for(VERTEX_MODEL) == BEDROCK_MODEL
    assert Vertex("europe-west1").model_for("claude-haiku-4-5") == "claude-haiku-4-5@20251001"


def test_bad_chains_are_refused() -> None:
    with pytest.raises(TypeError, match="takes a list of deployments"):
        Fallback("anthropic")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="needs at least one deployment"):
        Fallback([])
    with pytest.raises(TypeError, match="a chain entry is a Deployment"):
        Fallback([42])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="on_status= takes HTTP statuses"):
        Fallback(["anthropic"], on_status=["429"])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="region= must be a non-empty str"):
        Bedrock("")


@pytest.mark.parametrize("module", ["provider_vertex", "provider_bedrock"])
def test_a_missing_provider_distribution_is_named(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == module else real(name))
    distribution = module.replace("_", "-")
    with pytest.raises(claude_core.AnthropicError, match=f"needs the claude-{distribution} distribution") as caught:
        Vertex("us-east5") if module == "provider_vertex" else Bedrock("us-east-1")
    assert f"python3 -m pip install ./{module}" in str(caught.value)


def vertex_paths(server: Emulator) -> List[str]:
    return [request.path for request in server.requests]


def models_path(model: str, method: str) -> str:
    return f"/v1/projects/{PROJECT}/locations/us-east5/publishers/anthropic/models/{model}:{method}"


def test_vertex_answers_a_create_and_a_stream(api: Api, third: Emulator, breakers: Breakers) -> None:
    fallback = Fallback(["anthropic", vertex(third)], breakers=breakers)
    client = api.make(fallback)
    api.server.enqueue(status=529)
    message = api(lambda c: c.messages.create(**PARAMS), client)
    assert message._provider is fallback.chain[1].provider()
    api.server.enqueue(drop=True)
    text, provider = stream_text(api, client)
    assert text == "Echo: Hello there, Claude" and provider is message._provider
    assert vertex_paths(third) == [
        models_path(VERTEX_MODEL, "rawPredict"),
        models_path(VERTEX_MODEL, "streamRawPredict"),
    ]
    assert third.requests[0].headers["authorization"].startswith("Bearer ya29.emulator-")


def test_a_bedrock_to_vertex_chain(api: Api, second: Emulator, third: Emulator, breakers: Breakers) -> None:
    fallback = Fallback([bedrock(second, inference_profile="us"), vertex(third)], breakers=breakers)
    client = api.make(fallback)
    second.enqueue(status=503)
    count = api(lambda c: c.messages.count_tokens(model="claude-haiku-4-5", messages=PARAMS["messages"]), client)
    assert count.input_tokens > 0
    assert [r.path for r in second.requests] == ["/model/us.anthropic.claude-haiku-4-5-20251001-v1:0/count-tokens"]
    assert vertex_paths(third) == [models_path("count-tokens", "rawPredict")]
    sent: Any = json.loads(third.requests[0].body)
    assert sent["model"] == "claude-haiku-4-5@20251001"
    assert api.server.requests == []  # the client's own deployment is not in the chain


def test_first_party_behind_a_cloud_client_gets_first_party_ids(
    first: Emulator, second: Emulator, breakers: Breakers
) -> None:
    from claude_emulator import EMULATOR_AWS_ACCESS_KEY_ID, EMULATOR_AWS_SECRET_ACCESS_KEY

    from provider_bedrock import AnthropicBedrock

    backup = FirstParty(base_url=first.base_url, api_key=first.api_key)
    client = AnthropicBedrock(
        aws_access_key=EMULATOR_AWS_ACCESS_KEY_ID,
        aws_secret_key=EMULATOR_AWS_SECRET_ACCESS_KEY,
        aws_region="us-east-1",
        base_url=second.base_url,
        max_retries=0,
        plugins=[Fallback(["bedrock", backup], breakers=breakers)],
    )
    second.enqueue(status=500)
    message = client.messages.create(model=f"us.{BEDROCK_MODEL}", max_tokens=16, messages=PARAMS["messages"])
    assert message._provider is backup.provider()
    assert first.requests[0].json()["model"] == "claude-sonnet-4-5-20250929"
    assert MODEL in first.requests[0].json()["model"]
