"""What one API method accepts: its parameters in wire order, the required ones, and its signature.

The body goes out with its keys in the official SDK's order for the method (required
parameters, then the optional ones alphabetically, unless the method lists its own order),
whatever order the caller wrote, so HTTP cassettes recorded with the official SDK replay.
An unknown keyword is a ``TypeError`` naming it and the closest valid name, before any I/O.
"""

from __future__ import annotations

import inspect
from typing import Any, Callable, Dict, FrozenSet, Mapping, Optional, Sequence, Tuple, TypeVar, Union

from typing_extensions import get_type_hints

from .._options import CallOptions, check_timeout
from .._types import NOT_GIVEN, NotGiven, Omit, RequestOptions, omit

__all__ = ["MethodSpec", "OPTION_KEYS", "STREAM_OPTION_KEYS"]

F = TypeVar("F", bound=Callable[..., Any])

#: The per-call options every method takes beside its API parameters, with their defaults.
OPTION_KEYS: Tuple[Tuple[str, object], ...] = (
    ("extra_headers", None),
    ("extra_query", None),
    ("extra_body", None),
    ("timeout", NOT_GIVEN),
)
#: The options of a streamed call (see :class:`~claude_core._types.StreamOptions`).
STREAM_OPTION_KEYS = ("stream_idle_timeout", "deadline")
_OPTIONS = frozenset(name for name, _ in OPTION_KEYS)
_ABSENT = (NotGiven, Omit)


class MethodSpec:
    """The parameters of one method, e.g. ``messages.create``.

    :param name: the method as users call it, for error messages.
    :param required: the required API parameters, in wire order.
    :param optional: the optional ones; sorted unless ``ordered`` (a method whose wire order
        is its own, like ``messages.stream``).
    :param local: keywords the method takes that are not sent in the body (``betas``, the
        stream options), with their defaults.
    :param positional: parameters before the keyword-only ones (a path part, like ``model_id``).
    :param annotations: the TypedDicts whose keys' types ``inspect.signature`` and ``help()`` show,
        or a function returning them. The signature is built when first read, so a call never
        imports TypedDicts that only the signature needs.
    """

    __slots__ = ("_position", "accepted", "local", "name", "order", "positional", "required", "signature")

    def __init__(
        self,
        name: str,
        required: Sequence[str],
        optional: Sequence[str],
        *,
        ordered: bool = False,
        local: Sequence[Tuple[str, object]] = (),
        positional: Sequence[str] = (),
        annotations: Union[Sequence[Any], Callable[[], Sequence[Any]]] = (),
    ) -> None:
        self.name = name
        self.required = tuple(required)
        self.order = self.required + (tuple(optional) if ordered else tuple(sorted(optional)))
        self._position = {key: index for index, key in enumerate(self.order)}
        self.local = tuple(local)
        self.positional = tuple(positional)
        self.accepted: FrozenSet[str] = frozenset(self.order) | {key for key, _ in self.local} | _OPTIONS
        typed_dicts = annotations if callable(annotations) else lambda: annotations
        self.signature: inspect.Signature = _LazySignature(
            build=lambda: _signature(self, _types_of((*typed_dicts(), RequestOptions)))
        )

    def body(self, params: Mapping[str, Any]) -> Dict[str, Any]:
        """The API parameters of ``params`` in wire order, unset ones (``NOT_GIVEN``, ``omit``) left out.

        Raises ``TypeError`` for an unknown keyword or a missing required parameter.
        """
        if not self.accepted.issuperset(params):
            raise self._unknown(sorted(params.keys() - self.accepted))
        position = self._position
        keys = sorted((key for key in params if key in position), key=position.__getitem__)
        body = {key: params[key] for key in keys if not isinstance(params[key], _ABSENT)}
        if len(body) < len(self.required) or not all(key in body for key in self.required):
            missing = ", ".join(repr(key) for key in self.required if key not in body)
            raise TypeError(f"{self.name}() missing required argument(s): {missing}")
        return body

    def split(self, params: Mapping[str, Any]) -> Tuple[Dict[str, Any], CallOptions]:
        """The body (see :meth:`body`) and the per-call options of ``params``."""
        return self.body(params), options_of(params)

    def _unknown(self, names: Sequence[str]) -> TypeError:
        import difflib  # here: only a mistyped keyword needs it

        parts = []
        for name in names:
            close = difflib.get_close_matches(name, sorted(self.accepted), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            parts.append(f"{name!r}{hint}")
        return TypeError(f"{self.name}() got unexpected keyword argument(s): {', '.join(parts)}")

    def applies(self, fn: F) -> F:
        """Give ``fn`` (a ``(self, **params)`` method) this spec's signature, for ``inspect`` and ``help()``."""
        setattr(fn, "__signature__", self.signature)  # noqa: B010  (functions accept it; typing does not know)
        return fn


def options_of(params: Mapping[str, Any]) -> CallOptions:
    """The per-call options (``extra_headers``, ``extra_query``, ``extra_body``, ``timeout``) of ``params``."""
    timeout = params.get("timeout", NOT_GIVEN)
    if not isinstance(timeout, (NotGiven, float)):
        check_timeout(timeout, "timeout=")
    return CallOptions(
        extra_headers=params.get("extra_headers"),
        extra_query=params.get("extra_query"),
        extra_body=params.get("extra_body"),
        timeout=params.get("timeout", NOT_GIVEN),
    )


class _LazySignature(inspect.Signature):
    """A signature built when first read (``inspect.signature``, ``help()``), by ``build``."""

    __slots__ = ("_build",)

    def __init__(self, *args: Any, build: Optional[Callable[[], inspect.Signature]] = None, **kwargs: Any) -> None:
        if build is None:  # a copy (``replace()``, as ``inspect`` makes for a bound method): a plain one
            super().__init__(*args, **kwargs)
        self._build = build

    def __getattr__(self, name: str) -> Any:  # reached only while the two slots of Signature are unset
        if name not in ("_parameters", "_return_annotation") or self._build is None:
            raise AttributeError(name)
        built = self._build()
        self._parameters, self._return_annotation = built.parameters, built.return_annotation
        return getattr(self, name)

    def __repr__(self) -> str:
        return f"<Signature {self}>"


def _types_of(typed_dicts: Sequence[Any]) -> Dict[str, Any]:
    """The key types of some TypedDicts, ``Required[...]`` unwrapped."""
    found: Dict[str, Any] = {}
    for typed_dict in typed_dicts:
        try:
            found.update(get_type_hints(typed_dict))
        except Exception:  # a name that does not resolve: show the annotations as written
            found.update(typed_dict.__annotations__)
    return found


def _signature(spec: MethodSpec, annotations: Mapping[str, Any]) -> inspect.Signature:
    keyword = inspect.Parameter.KEYWORD_ONLY
    empty = inspect.Parameter.empty
    positional = inspect.Parameter.POSITIONAL_OR_KEYWORD
    parameters = [inspect.Parameter(name, positional) for name in ("self", *spec.positional)]
    for key in spec.order:
        default: object = empty if key in spec.required else omit
        parameters.append(inspect.Parameter(key, keyword, default=default, annotation=annotations.get(key, empty)))
    for key, default in (*spec.local, *OPTION_KEYS):
        parameters.append(inspect.Parameter(key, keyword, default=default, annotation=annotations.get(key, empty)))
    return inspect.Signature(parameters)
