"""What a cloud provider's distribution builds its clients from (claude-provider-bedrock and
claude-provider-vertex do; public, for any other cloud's).

Their clients (``AnthropicBedrock``, ``AnthropicVertex`` and the async ones) are the core
clients with the official constructor and a few attributes, written once for sync and async
in a generic base (``BaseBedrockClient``) that derives from :class:`CloudClient`:
:func:`client_arguments` turns such a constructor's parameters into the core client's
arguments, :class:`ProviderOption` reads one provider option back as a client attribute, and
:func:`beta_classes` makes the ``client.beta`` and ``client.beta.messages`` classes of a
provider's own, which :attr:`CloudClient.beta` returns. Their providers refuse an endpoint the
cloud does not serve with :func:`check_served`.

Nothing in the core imports this module: it loads with a provider distribution.
"""

from __future__ import annotations

from functools import cached_property
from importlib import import_module
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Dict,
    FrozenSet,
    Generic,
    Iterable,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Type,
    TypeVar,
    cast,
    overload,
)

import httpx

from ._client import AsyncAnthropic
from .errors import UnsupportedEndpointError
from .providers import merge_options

if TYPE_CHECKING:
    from ._options import ClientOptions
    from .providers import Provider
    from .resources.beta import AsyncBeta, Beta
    from .resources.beta.messages.messages import AsyncMessages, Messages

__all__ = ["HttpClientT", "CloudClient", "client_arguments", "ProviderOption", "beta_classes", "check_served"]

#: The httpx client a provider client takes: ``httpx.Client`` (sync) or ``httpx.AsyncClient``.
HttpClientT = TypeVar("HttpClientT", httpx.Client, httpx.AsyncClient)
T = TypeVar("T")

#: Names in a constructor's ``locals()`` that are not parameters of the core client.
_NOT_ARGUMENTS = ("self", "__class__", "kwargs")


def client_arguments(parameters: Mapping[str, Any], own: Iterable[str]) -> Dict[str, Any]:
    """The core client's keyword arguments, from the ``locals()`` of a provider client's
    constructor: the parameters named in ``own`` (those not None or NotGiven) over its
    ``provider_options``, the other parameters as they are, and its ``**kwargs``."""
    arguments = {name: value for name, value in parameters.items() if name not in _NOT_ARGUMENTS}
    given = {name: arguments.pop(name) for name in own}
    arguments["provider_options"] = merge_options(given, arguments.get("provider_options"))
    arguments.update(parameters.get("kwargs") or {})
    return arguments


class ProviderOption(Generic[T]):
    """A read-only client attribute: the provider option ``name`` the client was given (as a
    constructor argument or in ``provider_options``), else None."""

    def __init__(self, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, client: None, owner: Any) -> ProviderOption[T]: ...

    @overload
    def __get__(self, client: object, owner: Any) -> Optional[T]: ...

    def __get__(self, client: Any, owner: Any) -> Any:
        return self if client is None else client.options.extra.get(self.name)

    def __set__(self, client: object, value: object) -> None:
        raise AttributeError(f"{self.name} is read-only: give it to the constructor or in provider_options")


class CloudClient(Generic[HttpClientT]):
    """What a provider distribution's generic client base derives from (``class
    BaseBedrockClient(CloudClient[HttpClientT], beta_module="provider_bedrock._beta")``); its
    clients put it before the core client (``class AnthropicBedrock(BaseBedrockClient[httpx.Client],
    Anthropic)``). It gives ``client.beta`` the classes of ``beta_module`` (made by
    :func:`beta_classes`) and declares, for the type checker, the core client attributes that
    the provider's own attributes read."""

    _beta_module: ClassVar[str]

    def __init_subclass__(cls, beta_module: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if beta_module:
            cls._beta_module = beta_module

    if not TYPE_CHECKING:  # type checkers see the core client's ``beta``, a base class of these

        @cached_property
        def beta(self):
            """The beta namespace; its ``messages`` is a class of the provider's own (as in ``anthropic.lib``)."""
            classes = import_module(self._beta_module)
            return (classes.AsyncBeta if isinstance(self, AsyncAnthropic) else classes.Beta)(self)

    if TYPE_CHECKING:  # the core client's, which comes after this class in the method order

        @property
        def options(self) -> ClientOptions: ...

        @property
        def deployment_provider(self) -> Provider: ...


def beta_classes(module: str, client: str) -> Tuple[Type[Beta], Type[AsyncBeta], Type[Messages], Type[AsyncMessages]]:
    """``Beta``, ``AsyncBeta``, ``Messages`` and ``AsyncMessages`` of the module ``module``, for
    the provider client named ``client`` (``"AnthropicBedrock"``).

    As in the official SDK, a cloud client's ``beta.messages`` is a class of its own whose
    methods are the first-party functions (copied by ``own_methods``), so that a tracer
    patching ``create`` at the provider's path or the first-party one wraps each call once.
    """
    # loaded with the first ``client.beta`` of a provider client, not with the client
    from .resources.beta import AsyncBeta, Beta
    from .resources.beta.messages.messages import AsyncMessages, Messages, own_methods

    package = module.partition(".")[0]

    def subclass(base: Type[T], name: str, path: str, **namespace: Any) -> Type[T]:
        owner = f"Async{client}" if name.startswith("Async") else client
        doc = f"``client.{path}`` of :class:`~{package}.{owner}`."
        return cast("Type[T]", type(name, (base,), {"__module__": module, "__doc__": doc, **namespace}))

    messages = own_methods(subclass(Messages, "Messages", "beta.messages"))
    async_messages = own_methods(subclass(AsyncMessages, "AsyncMessages", "beta.messages"))
    beta = subclass(Beta, "Beta", "beta", messages=cached_property(lambda self: messages(self._client, self._mode)))
    async_beta = subclass(
        AsyncBeta, "AsyncBeta", "beta", messages=cached_property(lambda self: async_messages(self._client, self._mode))
    )
    return beta, async_beta, messages, async_messages


def check_served(
    endpoint: str, served: FrozenSet[str], alternatives: Sequence[Tuple[str, str]], otherwise: str
) -> None:
    """Raise :class:`~claude_core.UnsupportedEndpointError` for an ``endpoint`` not in ``served``:
    ``"{endpoint}: {alternative}"`` for the first ``(prefix, alternative)`` it starts with,
    else ``"{endpoint} {otherwise}"``."""
    if endpoint in served:
        return
    for prefix, alternative in alternatives:
        if endpoint.startswith(prefix):
            raise UnsupportedEndpointError(f"{endpoint}: {alternative}")
    raise UnsupportedEndpointError(f"{endpoint} {otherwise}")
