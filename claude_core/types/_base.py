"""The base of every response model."""

from __future__ import annotations

from typing import Any, ClassVar, Dict, Optional

import pydantic
from typing_extensions import Literal

__all__ = ["BaseModel"]


class BaseModel(pydantic.BaseModel):
    """A response object. Unknown fields from newer API versions are kept, not dropped."""

    model_config = pydantic.ConfigDict(extra="allow", populate_by_name=True, protected_namespaces=(), defer_build=True)

    #: The ``request-id`` header of the response this object came from (top-level objects only).
    #: A class default rather than a pydantic private attribute: those cost time on every nested model.
    _request_id: ClassVar[Optional[str]] = None
    #: The deployment (:class:`~claude_core.providers.Provider`) that answered (top-level objects only).
    _provider: ClassVar[Optional[Any]] = None

    def to_dict(
        self,
        *,
        mode: Literal["json", "python"] = "python",
        exclude_unset: bool = True,
        exclude_none: bool = False,
    ) -> Dict[str, Any]:
        """The object as a dict, keeping only the fields the API sent (``exclude_unset``)."""
        return self.model_dump(mode=mode, exclude_unset=exclude_unset, exclude_none=exclude_none, by_alias=True)

    def to_json(self, *, indent: Optional[int] = 2, exclude_unset: bool = True, exclude_none: bool = False) -> str:
        """The object as a JSON string, keeping only the fields the API sent."""
        return self.model_dump_json(
            indent=indent, exclude_unset=exclude_unset, exclude_none=exclude_none, by_alias=True
        )
