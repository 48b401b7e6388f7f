"""``@beta_tool`` and ``@beta_async_tool``: a typed Python function as a tool the model can call.

The tool's ``input_schema`` is the JSON schema pydantic builds for the function's arguments
(``validate_call``), with each parameter's description taken from the docstring (Google, NumPy
or reST, read by docstring-parser); the tool's description is the docstring's summary, plus its
long description after a blank line. Schemas equal the official SDK's for the same function.

>>> @beta_tool
... def get_weather(location: str) -> str:
...     '''Get the weather for a city.
...
...     Args:
...         location: The city, e.g. Paris.
...     '''
...     return f"Sunny in {location}"
>>> get_weather.to_dict()["input_schema"]["properties"]["location"]["description"]
'The city, e.g. Paris.'
>>> get_weather.call({"location": "Paris"})
'Sunny in Paris'

Decorating a method works too: ``self`` never reaches the schema, and ``instance.method`` is a
tool bound to that instance.
"""

from __future__ import annotations

import inspect
import types
from typing import Any, Callable, Coroutine, Dict, Generic, Iterable, Optional, Type, TypeVar, Union, cast, overload

import pydantic

__all__ = [
    "BetaFunctionTool",
    "BetaAsyncFunctionTool",
    "BetaFunctionToolResultType",
    "beta_tool",
    "beta_async_tool",
]

#: What a tool function returns: text, or content blocks for the ``tool_result``.
BetaFunctionToolResultType = Union[str, Iterable[Any]]

Function = Callable[..., Any]
FunctionT = TypeVar("FunctionT", bound=Function)
AsyncFunction = Callable[..., Coroutine[Any, Any, Any]]
AsyncFunctionT = TypeVar("AsyncFunctionT", bound=AsyncFunction)
CallableT = TypeVar("CallableT", bound=Callable[..., Any])

InputSchema = Dict[str, Any]
_SchemaArg = Union[InputSchema, Type[pydantic.BaseModel], None]


class _FunctionTool(Generic[CallableT]):
    """What both tool kinds share: name, description, schema, ``to_dict()`` and validation."""

    func: CallableT
    """The wrapped function (a bound method once read from an instance)."""
    name: str
    """The tool name sent to the API (default: the function's ``__name__``)."""
    description: str
    """The tool description sent to the API (default: from the docstring)."""
    input_schema: InputSchema
    """The JSON schema of the arguments (default: from the type hints and docstring)."""

    def __init__(
        self,
        func: CallableT,
        *,
        name: Optional[str] = None,
        description: Optional[str] = None,
        input_schema: _SchemaArg = None,
        defer_loading: Optional[bool] = None,
    ) -> None:
        self.func = func
        self.name = name or func.__name__
        self._defer_loading = defer_loading
        self._validated: Optional[Callable[..., Any]] = None
        self._attribute: Optional[str] = None
        self._method = _looks_like_method(func)
        docstring = _parse_docstring(func)
        self.description = description if description is not None else _description(docstring)
        if isinstance(input_schema, type):
            self.input_schema = input_schema.model_json_schema()
        elif input_schema is not None:
            self.input_schema = dict(input_schema)
        else:
            validated = pydantic.validate_call(_as_bound(func) if self._method else func)
            self._validated = None if self._method else validated
            self.input_schema = _schema(validated, docstring)

    @property
    def __call__(self) -> CallableT:
        """Calling the tool calls the function itself, unvalidated, like the undecorated one."""
        return self.func

    def to_dict(self) -> Dict[str, Any]:
        """The tool parameter for ``messages.create(tools=[...])``: name, description, input_schema."""
        tool: Dict[str, Any] = {"name": self.name, "description": self.description, "input_schema": self.input_schema}
        if self._defer_loading is not None:
            tool["defer_loading"] = self._defer_loading
        return tool

    def _arguments(self, input: object) -> Dict[str, Any]:
        if not isinstance(input, dict):
            raise TypeError(f"Input must be a dictionary, got {type(input).__name__}")
        return input

    def _validating(self) -> Callable[..., Any]:
        if self._validated is None:
            self._validated = pydantic.validate_call(self.func)
        return self._validated

    def _invalid(self, error: pydantic.ValidationError) -> ValueError:
        details = "; ".join(
            f"{'.'.join(str(part) for part in e['loc']) or 'input'}: {e['msg']}" for e in error.errors()
        )
        return ValueError(f"Invalid arguments for function {self.name}: {details}")

    def __set_name__(self, owner: type, attribute: str) -> None:
        self._attribute = attribute

    def __get__(self, instance: Any, owner: Optional[type] = None) -> Any:
        """Read from an instance, a method's tool bound to it (cached in the instance's ``__dict__``).

        A tool made from a plain function stays itself, wherever it is stored.
        """
        if instance is None or not self._method:
            return self
        bound = object.__new__(type(self))
        bound.__dict__.update(self.__dict__)
        bound.func = cast(CallableT, types.MethodType(self.func, instance))
        bound._validated = None
        if self._attribute is not None and isinstance(getattr(instance, "__dict__", None), dict):
            instance.__dict__[self._attribute] = bound
        return bound

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, func={self.func!r})"


class BetaFunctionTool(_FunctionTool[FunctionT]):
    """A synchronous function as a tool; made by :func:`beta_tool`."""

    def call(self, input: object) -> BetaFunctionToolResultType:
        """Validate ``input`` (the model's ``tool_use.input``) against the hints, then run the function.

        Raises ``ValueError("Invalid arguments for function <name>: ...")`` for input that does
        not validate and ``TypeError`` when ``input`` is not a dict.
        """
        if inspect.iscoroutinefunction(self.func):
            raise RuntimeError("Cannot call a coroutine function synchronously. Use `@beta_async_tool` instead.")
        arguments = self._arguments(input)
        try:
            return cast(BetaFunctionToolResultType, self._validating()(**arguments))
        except pydantic.ValidationError as error:
            raise self._invalid(error) from error


class BetaAsyncFunctionTool(_FunctionTool[AsyncFunctionT]):
    """An ``async def`` function as a tool; made by :func:`beta_async_tool`."""

    async def call(self, input: object) -> BetaFunctionToolResultType:
        """Validate ``input`` against the hints, then await the function; errors as ``BetaFunctionTool.call``."""
        if not inspect.iscoroutinefunction(self.func):
            raise RuntimeError("Cannot call a synchronous function asynchronously. Use `@beta_tool` instead.")
        arguments = self._arguments(input)
        try:
            return cast(BetaFunctionToolResultType, await self._validating()(**arguments))
        except pydantic.ValidationError as error:
            raise self._invalid(error) from error


@overload
def beta_tool(func: FunctionT) -> BetaFunctionTool[FunctionT]: ...


@overload
def beta_tool(
    func: FunctionT,
    *,
    name: Optional[str] = None,
    description: Optional[str] = None,
    input_schema: _SchemaArg = None,
    defer_loading: Optional[bool] = None,
) -> BetaFunctionTool[FunctionT]: ...


@overload
def beta_tool(
    *,
    name: Optional[str] = None,
    description: Optional[str] = None,
    input_schema: _SchemaArg = None,
    defer_loading: Optional[bool] = None,
) -> Callable[[FunctionT], BetaFunctionTool[FunctionT]]: ...


def beta_tool(
    func: Optional[FunctionT] = None,
    *,
    name: Optional[str] = None,
    description: Optional[str] = None,
    input_schema: _SchemaArg = None,
    defer_loading: Optional[bool] = None,
) -> Union[BetaFunctionTool[FunctionT], Callable[[FunctionT], BetaFunctionTool[FunctionT]]]:
    """Make a synchronous function a tool: ``@beta_tool``, ``@beta_tool()`` or ``@beta_tool(name=...)``.

    :param func: the function (or bound method); omitted when called with options only.
    :param name: the tool name (default: ``func.__name__``).
    :param description: the description (default: the docstring's summary and long description).
    :param input_schema: a JSON schema or pydantic model replacing the one built from the hints.
    :param defer_loading: sent as the tool's ``defer_loading`` when given.
    :returns: a :class:`BetaFunctionTool`, or a decorator making one.
    """

    def make(function: FunctionT) -> BetaFunctionTool[FunctionT]:
        return BetaFunctionTool(
            function, name=name, description=description, input_schema=input_schema, defer_loading=defer_loading
        )

    return make if func is None else make(func)


@overload
def beta_async_tool(func: AsyncFunctionT) -> BetaAsyncFunctionTool[AsyncFunctionT]: ...


@overload
def beta_async_tool(
    func: AsyncFunctionT,
    *,
    name: Optional[str] = None,
    description: Optional[str] = None,
    input_schema: _SchemaArg = None,
    defer_loading: Optional[bool] = None,
) -> BetaAsyncFunctionTool[AsyncFunctionT]: ...


@overload
def beta_async_tool(
    *,
    name: Optional[str] = None,
    description: Optional[str] = None,
    input_schema: _SchemaArg = None,
    defer_loading: Optional[bool] = None,
) -> Callable[[AsyncFunctionT], BetaAsyncFunctionTool[AsyncFunctionT]]: ...


def beta_async_tool(
    func: Optional[AsyncFunctionT] = None,
    *,
    name: Optional[str] = None,
    description: Optional[str] = None,
    input_schema: _SchemaArg = None,
    defer_loading: Optional[bool] = None,
) -> Union[BetaAsyncFunctionTool[AsyncFunctionT], Callable[[AsyncFunctionT], BetaAsyncFunctionTool[AsyncFunctionT]]]:
    """Make an ``async def`` function a tool; the options are those of :func:`beta_tool`."""

    def make(function: AsyncFunctionT) -> BetaAsyncFunctionTool[AsyncFunctionT]:
        return BetaAsyncFunctionTool(
            function, name=name, description=description, input_schema=input_schema, defer_loading=defer_loading
        )

    return make if func is None else make(func)


def _parse_docstring(func: Callable[..., Any]) -> Any:
    import docstring_parser  # here: loaded by the first tool made, not by the runners that import this module

    return docstring_parser.parse(func.__doc__ or "")


def _description(docstring: Any) -> str:
    if not docstring.short_description:
        return ""
    if docstring.long_description:
        return f"{docstring.short_description}\n\n{docstring.long_description}"
    return str(docstring.short_description)


def _looks_like_method(func: Callable[..., Any]) -> bool:
    """A plain function defined in a class body whose first parameter is ``self``."""
    if not inspect.isfunction(func):
        return False
    scope = func.__qualname__.split(".")[:-1]
    if not scope or scope[-1] == "<locals>":
        return False
    first = next(iter(inspect.signature(func).parameters.values()), None)
    return first is not None and first.name == "self" and first.kind is not first.VAR_POSITIONAL


def _as_bound(func: Callable[..., Any]) -> Callable[..., Any]:
    """The method bound to a placeholder: its signature, and so its schema, lacks ``self``."""
    return types.MethodType(func, object())


def _schema(validated: Callable[..., Any], docstring: Any) -> InputSchema:
    """pydantic's schema of a ``validate_call`` function's arguments, plus docstring descriptions."""
    adapter: pydantic.TypeAdapter[Any] = pydantic.TypeAdapter(cast(Any, validated))
    schema: InputSchema = adapter.json_schema()
    properties = schema.get("properties")
    if schema.get("type") == "object" and isinstance(properties, dict):
        for param in docstring.params:
            prop = properties.get(param.arg_name)
            if isinstance(prop, dict) and param.description and "description" not in prop:
                prop["description"] = param.description
    return schema
