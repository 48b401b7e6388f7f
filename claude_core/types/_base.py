"""The base of every response model."""

from typing import TYPE_CHECKING, Any, ClassVar, Dict, FrozenSet, Optional

import pydantic
from typing_extensions import Literal, Protocol

__all__ = ["BaseModel", "OfficialDumps", "TwinModel", "BETA", "is_beta"]

#: The ``__pydantic_private__`` of an object that came from a beta call (``client.beta...``).
#: Held there, not in a field, so that it never shows in dumps; pydantic's ``==`` compares it,
#: as the official SDK's ``BetaMessage`` never equals its ``Message``.
BETA: Dict[str, Any] = {"__twin__": "beta"}


def is_beta(model: pydantic.BaseModel) -> bool:
    """Whether ``model`` came from a beta call (its dumps are then those of the official ``Beta*`` model)."""
    private = model.__pydantic_private__
    return private is not None and private.get("__twin__") == "beta"


if TYPE_CHECKING:

    class _Dumps(Protocol):
        """What :class:`OfficialDumps` needs: pydantic's two dump methods (the keywords it passes)."""

        def model_dump(
            self,
            *,
            mode: Any = ...,
            by_alias: Any = ...,
            exclude_unset: bool = ...,
            exclude_defaults: bool = ...,
            exclude_none: bool = ...,
            warnings: Any = ...,
        ) -> Dict[str, Any]: ...

        def model_dump_json(
            self,
            *,
            indent: Optional[int] = ...,
            by_alias: Any = ...,
            exclude_unset: bool = ...,
            exclude_defaults: bool = ...,
            exclude_none: bool = ...,
            warnings: Any = ...,
        ) -> str: ...


class OfficialDumps:
    """``to_dict()`` and ``to_json()`` with the official SDK's keywords, over ``model_dump``/``model_dump_json``."""

    __slots__ = ()

    def to_dict(
        self: "_Dumps",
        *,
        mode: Literal["json", "python"] = "python",
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        warnings: bool = True,
    ) -> Dict[str, Any]:
        """The object as a dict, keeping only the fields the API sent (``exclude_unset``).

        ``use_api_names`` writes fields under their API names (aliases); ``mode="json"``
        makes every value JSON-compatible.
        """
        return self.model_dump(
            mode=mode,
            by_alias=use_api_names,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            warnings=warnings,
        )

    def to_json(
        self: "_Dumps",
        *,
        indent: Optional[int] = 2,
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        warnings: bool = True,
    ) -> str:
        """The object as a JSON string, keeping only the fields the API sent."""
        return self.model_dump_json(
            indent=indent,
            by_alias=use_api_names,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            warnings=warnings,
        )


class BaseModel(OfficialDumps, pydantic.BaseModel):
    """A response object. Unknown fields from newer API versions are kept, not dropped."""

    model_config = pydantic.ConfigDict(extra="allow", populate_by_name=True, protected_namespaces=(), defer_build=True)

    #: The ``request-id`` header of the response this object came from (top-level objects only).
    #: A class default rather than a pydantic private attribute: those cost time on every nested model.
    _request_id: ClassVar[Optional[str]] = None
    #: The deployment (:class:`~claude_core.providers.Provider`) that answered (top-level objects only).
    _provider: ClassVar[Optional[Any]] = None


class TwinModel(BaseModel):
    """A model that stands for both an official model and its ``Beta*`` twin, whose fields differ.

    A field the official model of the object's kind lacks is dumped only when the API sent it
    (``model_dump()`` of a non-beta ``ToolUseBlock`` has no ``caller: None``, as the official's
    has none); a field it has is dumped as the official dumps it. ``exclude_unset`` dumps
    (``to_dict()``, ``to_json()``) are the same either way.
    """

    #: Fields the official non-beta model lacks.
    _lacks: ClassVar[FrozenSet[str]] = frozenset()
    #: Fields the official ``Beta*`` model lacks.
    _beta_lacks: ClassVar[FrozenSet[str]] = frozenset()

    @pydantic.model_serializer(mode="wrap")
    def _dump_as_official(self, handler: "pydantic.SerializerFunctionWrapHandler") -> Any:
        data = handler(self)
        if not isinstance(self, TwinModel):  # a value of another type where this model is expected
            return data
        lacks = self._beta_lacks if is_beta(self) else self._lacks
        if isinstance(data, dict):
            fields_set = self.__pydantic_fields_set__
            for name in lacks:
                if name not in fields_set:
                    data.pop(name, None)
        return data
