"""Reading a response body into the SDK's objects: leniently built, or validated when the client asks.

Two flags travel with the parse function rather than through every call: :func:`validating`
(a client made with ``_strict_response_validation=True``) and :func:`beta_call` (the objects
of a ``client.beta...`` call dump as the official ``Beta*`` models).
"""

from __future__ import annotations

import json
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Callable, Type, TypeVar

import httpx

from ..errors import APIResponseValidationError
from ..types._base import BaseModel as SDKModel
from ..types._construct import construct, mark_beta

if TYPE_CHECKING:
    from ..providers import Provider
    from ..types._base import BaseModel

__all__ = ["parse_response", "validating", "beta_call", "stamp"]

ModelT = TypeVar("ModelT", bound="BaseModel")
T = TypeVar("T")


#: Set while a client made with ``_strict_response_validation=True`` parses a response.
_validating: ContextVar[bool] = ContextVar("claude_core_validating", default=False)
#: Set while the response of a beta call (``client.beta...``) is parsed.
_beta_call: ContextVar[bool] = ContextVar("claude_core_beta_call", default=False)


def _with_flag(flag: ContextVar[bool], parse: Callable[[httpx.Response], T]) -> Callable[[httpx.Response], T]:
    """``parse``, run with ``flag`` set."""

    def parse_flagged(response: httpx.Response) -> T:
        token = flag.set(True)
        try:
            return parse(response)
        finally:
            flag.reset(token)

    return parse_flagged


def validating(parse: Callable[[httpx.Response], T]) -> Callable[[httpx.Response], T]:
    """``parse``, with every SDK model it builds validated by pydantic instead of constructed."""
    return _with_flag(_validating, parse)


def beta_call(parse: Callable[[httpx.Response], T]) -> Callable[[httpx.Response], T]:
    """``parse``, for the response of a beta call: the objects dump as the official ``Beta*`` models."""
    return _with_flag(_beta_call, parse)


def parse_response(response: httpx.Response, cast_to: Type[ModelT]) -> ModelT:
    """A read response body as ``cast_to``.

    The SDK's own models are built by :func:`~claude_core.types._construct.construct` (leniently,
    no pydantic validator compiled), unless the client validates responses; any other pydantic
    model is validated. The objects of a beta call (see :func:`beta_call`) dump as the official ``Beta*`` ones.
    """
    beta = _beta_call.get()
    try:
        if issubclass(cast_to, SDKModel) and not _validating.get():
            # json, not pydantic_core.from_json: jiter's string cache and code cost 0.6 MiB of RSS
            return construct(cast_to, json.loads(response.content), beta=beta)
        validated = cast_to.model_validate_json(response.content)
        return mark_beta(validated) if beta and issubclass(cast_to, SDKModel) else validated
    except ValueError as exc:
        try:
            body: object = response.json()
        except ValueError:
            body = response.text
        raise APIResponseValidationError(
            response, body, message=f"Response did not match {cast_to.__name__}: {exc}"
        ) from exc


def stamp(value: Any, response: httpx.Response, provider: Provider) -> Any:
    """Attach the request id and the answering provider to a response object."""
    if isinstance(value, SDKModel):
        object.__setattr__(value, "_request_id", provider.request_id(response))
        object.__setattr__(value, "_provider", provider)
    return value
