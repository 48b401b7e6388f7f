"""The fallback plugin: where a call starts, when it moves on, and what each deployment's breaker hears.

Decision code only, shared by the sync and the async client: the core does the sending
and the waiting. Three hooks of the public contract carry it:

* ``claude_route_call``: a call starts at the first deployment of the chain that has an id
  for its model and whose breaker lets it through;
* ``claude_retry_policy``: a failed attempt is retried where it is while the default rules
  allow, counting only the retries taken there (``Attempt.provider_retries``); then, if
  the failure is one that fails over, the call moves to the next such deployment;
* ``claude_call_observer``: failures that fail over count against their deployment's
  breaker, a call that ends well closes it.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING, Any, Collection, FrozenSet, List, Optional, Sequence, Set, Tuple, Union

from claude_core import APIConnectionError, hookimpl
from claude_core.observers import AttemptRecord, CallInfo, CallObserver, CallResult
from claude_core.retries import Attempt, DefaultRetryPolicy, RetryDecision

from .breaker import DEFAULT_BREAKERS, Breakers
from .deployments import ClientDeployment, Deployment
from .models import canonical

if TYPE_CHECKING:
    from claude_core.providers import Provider

__all__ = ["Fallback", "ROUTED_ENDPOINTS", "FAILOVER_STATUSES", "logger"]

logger = logging.getLogger("claude_fallback")

#: The endpoints a chain routes; every other call (batches, files, models) stays where the client sends it.
ROUTED_ENDPOINTS: FrozenSet[str] = frozenset({"messages.create", "messages.count_tokens"})
#: Statuses that always fail over (with every status >= 500): a timeout, and overloaded.
FAILOVER_STATUSES: FrozenSet[int] = frozenset({408, 529})

Entry = Union[str, Deployment]


def _status(attempt_response: Any, error: Optional[BaseException]) -> Optional[int]:
    if attempt_response is not None:
        status: int = attempt_response.status_code
        return status
    found = getattr(error, "status_code", None)
    return found if isinstance(found, int) else None


class Fallback:
    """Fail over along an ordered chain of deployments; pass it in ``plugins=[...]``.

    :param chain: the deployments, first choice first: :class:`~claude_fallback.Deployment`
        objects (:class:`~claude_fallback.FirstParty`, :class:`~claude_fallback.Bedrock`,
        :class:`~claude_fallback.Vertex`) or strings as ``CLAUDE_FALLBACK`` writes them
        (a provider's name, ``"anthropic"``: the client's own deployment; ``"bedrock:us-east-1"``,
        ``"bedrock:us-east-1:us"``, ``"vertex:us-east5"``, ``"vertex:us-east5:my-project"``).
    :param on_status: statuses that fail over besides 408, 529 and every status >= 500,
        such as 429 (a rate limit) or 403; a status the default rules retry (429) is
        first retried where it is.
    :param breakers: the circuit breakers to count in; by default the process-wide
        :data:`~claude_fallback.breaker.DEFAULT_BREAKERS`, shared by every chain.
    """

    def __init__(
        self,
        chain: Sequence[Entry],
        *,
        on_status: Collection[int] = (),
        breakers: Optional[Breakers] = None,
    ) -> None:
        from .environment import parse_entry  # the spec grammar, shared with CLAUDE_FALLBACK

        if isinstance(chain, (str, bytes)) or not isinstance(chain, Sequence):
            raise TypeError("Fallback(chain) takes a list of deployments, e.g. ['anthropic', Bedrock('us-east-1')]")
        if not chain:
            raise ValueError("Fallback(chain) needs at least one deployment")
        deployments: List[Deployment] = []
        for entry in chain:
            if isinstance(entry, str):
                deployments.append(parse_entry(entry))
            elif isinstance(entry, Deployment):
                deployments.append(entry)
            else:
                raise TypeError(
                    f"a chain entry is a Deployment (FirstParty, Bedrock, Vertex) or a str such as "
                    f"'bedrock:us-east-1', got {type(entry).__name__}"
                )
        names = [deployment.name for deployment in deployments]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValueError(f"the chain names {', '.join(map(repr, repeated))} twice: give one of them name=...")
        for status in on_status:
            if not isinstance(status, int) or not 100 <= status <= 599:
                raise ValueError(f"on_status= takes HTTP statuses such as 429, got {status!r}")
        if breakers is not None and not isinstance(breakers, Breakers):
            raise TypeError(f"breakers= takes a claude_fallback.Breakers, got {type(breakers).__name__}")
        self.chain: Tuple[Deployment, ...] = tuple(deployments)
        self.on_status: FrozenSet[int] = frozenset(on_status)
        self.breakers = breakers if breakers is not None else DEFAULT_BREAKERS
        self._unmapped: Set[Tuple[str, str]] = set()

    def __repr__(self) -> str:
        return f"Fallback([{', '.join(deployment.name for deployment in self.chain)}])"

    # -- the chain ----------------------------------------------------------------------

    def deployment_of(self, provider: Provider) -> Optional[Deployment]:
        """The deployment of the chain ``provider`` belongs to (as ``message._provider`` names it), or None."""
        for deployment in self.chain:
            if deployment.owns(provider):
                return deployment
        for deployment in self.chain:
            if isinstance(deployment, ClientDeployment) and deployment.provider_name == provider.name:
                return deployment  # a provider of that name no deployment of the chain made: the client's
        return None

    def _serves(self, deployment: Deployment, model: str, client_provider: str) -> bool:
        """Whether ``deployment`` can take a call for ``model`` from a client of ``client_provider``."""
        if isinstance(deployment, ClientDeployment):
            return deployment.provider_name == client_provider
        if deployment.model_for(model) is not None:
            return True
        if (deployment.name, model) not in self._unmapped:  # said once per deployment and model
            self._unmapped.add((deployment.name, model))
            logger.warning(
                "claude_fallback: skipping %r for model %r: it has no id for that model "
                "(add one with models={%r: ...})",
                deployment.name,
                model,
                model,
            )
        return False

    def target_of(self, deployment: Deployment) -> Optional[Provider]:
        """What the core is told: None for the client's own deployment, else the deployment's provider."""
        return None if isinstance(deployment, ClientDeployment) else deployment.provider()

    def next_after(self, after: int, model: str, client_provider: str) -> Optional[Deployment]:
        """The first deployment after position ``after`` that takes ``model`` and whose breaker lets a call through."""
        for deployment in self.chain[after + 1 :]:
            if self._serves(deployment, model, client_provider) and self.breakers.allow(deployment.name):
                return deployment
        return None

    # -- hooks --------------------------------------------------------------------------

    @hookimpl
    def claude_route_call(self, call: CallInfo) -> Optional[Provider]:
        if call.endpoint not in ROUTED_ENDPOINTS or not isinstance(call.model, str):
            return None
        client_provider = call.provider.name
        first = self.next_after(-1, call.model, client_provider)
        if first is None:  # every deployment that takes the model is open: the first of them anyway
            served = [d for d in self.chain if self._serves(d, call.model, client_provider)]
            if not served:
                return None
            first = served[0]
        if first is not self.chain[0]:
            logger.info("claude_fallback: %s %s starts at %r", call.endpoint, call.model, first.name)
        return self.target_of(first)

    @hookimpl
    def claude_retry_policy(self, provider: Provider) -> FallbackPolicy:
        return FallbackPolicy(self, provider)

    @hookimpl
    def claude_call_observer(self, call: CallInfo) -> Optional[CallObserver]:
        if call.endpoint not in ROUTED_ENDPOINTS:
            return None
        return _Health(self)

    # -- what fails over ----------------------------------------------------------------

    def fails_over(self, response: Any, error: Optional[BaseException]) -> bool:
        """Whether a failure moves a call on: a connection error or timeout, 408, 529, a status
        >= 500, or one of ``on_status``; never another 4xx."""
        status = _status(response, error)
        if status is None:
            return isinstance(error, APIConnectionError)  # APITimeoutError is one too
        return status >= 500 or status in FAILOVER_STATUSES or status in self.on_status


class FallbackPolicy:
    """One client's retry policy: the default rules at each deployment, then the next deployment."""

    def __init__(self, fallback: Fallback, client_provider: Provider) -> None:
        self.fallback = fallback
        #: The client's own deployment: a decision naming it sends the call back there.
        self.client_provider = client_provider
        self.rules = DefaultRetryPolicy()

    def __repr__(self) -> str:
        return f"FallbackPolicy({self.fallback!r})"

    def decide(self, attempt: Attempt) -> RetryDecision:
        here = self.rules.decide(dataclasses.replace(attempt, retries_taken=attempt.provider_retries))
        if here.retry:
            return here  # the deployment's own retries first
        fallback = self.fallback
        provider = attempt.provider
        if attempt.endpoint not in ROUTED_ENDPOINTS or provider is None:
            return here
        if not fallback.fails_over(attempt.response, attempt.error):
            return here
        current = fallback.deployment_of(provider)
        if current is None:
            return here
        if attempt.model is None:
            return here
        model = canonical(attempt.model)
        target = fallback.next_after(fallback.chain.index(current), model, self.client_provider.name)
        if target is None:
            return here
        status = _status(attempt.response, attempt.error)
        logger.warning(
            "claude_fallback: %s failed on %r (%s) after %d retries there; failing over to %r. "
            "Prompt caching does not carry over: %r starts with a cold cache",
            attempt.endpoint,
            current.name,
            status if status is not None else type(attempt.error).__name__,
            attempt.provider_retries,
            target.name,
            target.name,
        )
        moved_to = fallback.target_of(target)
        return RetryDecision(True, 0.0, provider=moved_to if moved_to is not None else self.client_provider)


class _Health(CallObserver):
    """Tells the breakers how one call fared at each deployment it tried."""

    def __init__(self, fallback: Fallback) -> None:
        self.fallback = fallback
        self.counted: Optional[Tuple[Any, Any]] = None  # the last failure counted: (response, error)

    def _count_failure(self, provider: Provider, response: Any, error: Optional[BaseException]) -> None:
        fallback = self.fallback
        if not fallback.fails_over(response, error):
            return
        deployment = fallback.deployment_of(provider)
        if deployment is not None and fallback.breakers.failure(deployment.name):
            logger.warning(
                "claude_fallback: %r failed %d times within %g s: skipped for %g s",
                deployment.name,
                fallback.breakers.failures,
                fallback.breakers.window,
                fallback.breakers.cooldown,
            )

    def attempt(self, record: AttemptRecord) -> None:
        if record.decision is None:
            return  # a response arrived; the call's end says whether it was good
        self.counted = (record.response, record.error)
        self._count_failure(record.provider, record.response, record.error)

    def end(self, result: CallResult) -> None:
        fallback = self.fallback
        error = result.error
        if error is None:
            if not result.completed:
                return  # a stream closed early says nothing either way
            deployment = fallback.deployment_of(result.provider)
            if deployment is not None and fallback.breakers.success(deployment.name):
                logger.warning("claude_fallback: %r answered again: its breaker is closed", deployment.name)
            return
        counted = self.counted
        response = result.response
        if counted is not None and (error is counted[1] or (response is not None and response is counted[0])):
            return  # the attempt that ended the call was counted already
        self._count_failure(result.provider, result.response, error)  # a stream that failed after content
