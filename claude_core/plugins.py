"""Finding, loading and calling plugins.

Two entry-point groups:

* ``claude_core.plugins``: modules or objects with ``@hookimpl`` functions, registered
  with one pluggy ``PluginManager`` (project name ``claude_core``). Only this group's entry
  points are read, from the distributions' ``entry_points.txt`` files themselves
  (:mod:`claude_core._entry_points`, which leaves to ``importlib.metadata`` only what a plain
  scan cannot be sure of), and each is imported by itself.
* ``claude_core.providers``: Provider classes by name, loaded one at a time with
  stevedore when a client asks for that name (never for ``anthropic``, the core's own).

Nothing is scanned at ``import claude_core``; the first client request loads the
plugins once and the result is cached for the process. Every installed plugin module is
imported then, whichever provider the client uses: a plugin imports its heavy
dependencies inside its hooks, once it knows the call is for it (docs/plugins.md).
``importlib.metadata`` is not imported for that.
"""

from __future__ import annotations

import importlib
import os
import threading
import warnings
from types import FunctionType, MethodType, ModuleType, TracebackType
from typing import TYPE_CHECKING, Any, Collection, Dict, List, Optional, Sequence, Tuple, Type, cast

import pluggy
from pluggy import HookImpl

from . import hookspecs
from ._entry_points import EntryPoint, entry_points
from ._install import PROJECT_PROVIDERS, install_hint
from .errors import AnthropicError, PluginError
from .providers import Provider
from .providers.anthropic import AnthropicProvider

if TYPE_CHECKING:
    from .tools.registry import ToolRegistry

__all__ = [
    "PLUGIN_GROUP",
    "PROVIDER_GROUP",
    "DISABLE_ENV",
    "get_plugin_manager",
    "load_provider",
    "check_provider",
    "describe",
    "failed_plugins",
    "PluginLoadWarning",
    "ClientHooks",
    "call_impl",
]


class PluginLoadWarning(RuntimeWarning):
    """Warned once a process when installed plugins failed to load (the SDK skips them): a tool
    that says so in its own words (from :func:`failed_plugins`) silences this category."""


PLUGIN_GROUP = "claude_core.plugins"
PROVIDER_GROUP = "claude_core.providers"
DISABLE_ENV = "CLAUDE_CORE_DISABLE_PLUGINS"

#: The built-in signer's plugin name: while it alone signs, the engine adds its headers while building.
BUILTIN_SIGNER = "claude_core.default_plugins.signing"
#: The core's own hook implementations, registered by module name (nothing imports them).
_DEFAULT_PLUGINS = (
    "claude_core.default_plugins.credentials",
    BUILTIN_SIGNER,
    "claude_core.default_plugins.transport",
    "claude_core.default_plugins.retry",
)

#: What a module's hook implementation can be, as pluggy finds them in a module.
_MODULE_HOOK_KINDS = (FunctionType, MethodType, staticmethod, classmethod)

_lock = threading.Lock()
_manager: Optional[pluggy.PluginManager] = None
#: One line for each plugin the manager skipped, set when it loads (:func:`failed_plugins`).
_failures: List[str] = []
_providers: Dict[str, Type[Provider]] = {}


def disabled_from_env() -> List[str]:
    return [name.strip() for name in os.environ.get(DISABLE_ENV, "").split(",") if name.strip()]


class _PluginManager(pluggy.PluginManager):
    """pluggy's manager, looking for hook implementations among a plugin's own names only.

    Registering a plugin, pluggy inspects every name ``dir()`` lists, and for an object those are
    mostly the two dozen special methods every object has (``__eq__``, ``__init_subclass__``...),
    and for a module, the names it imported: a dunder name is never taken for a hook
    implementation, and a module's name is looked at only when it holds a function (or a
    method), which makes a first request with every distribution installed register its plugins
    in a fifth of the time.
    """

    def parse_hookimpl_opts(self, plugin: object, name: str) -> Optional[pluggy.HookimplOpts]:
        if name.startswith("__") and name.endswith("__"):
            return None
        if isinstance(plugin, ModuleType) and not isinstance(plugin.__dict__.get(name), _MODULE_HOOK_KINDS):
            return None  # what pluggy would find there is no function: its static lookup need not run
        return super().parse_hookimpl_opts(plugin, name)


def _new_manager() -> pluggy.PluginManager:
    pm = _PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    return pm


def _entry_points(group: str) -> List[EntryPoint]:
    """The group's entry points, by name (the order plugins are registered in)."""
    return sorted(entry_points(group), key=lambda ep: ep.name)


def get_plugin_manager() -> pluggy.PluginManager:
    """The process-wide manager: core defaults plus every installed, enabled plugin.

    Loaded on first call and cached. Plugins named in ``CLAUDE_CORE_DISABLE_PLUGINS``
    are not even imported; a plugin that fails to import is skipped with one warning.
    """
    global _manager
    if _manager is not None:
        return _manager
    with _lock:
        if _manager is None:
            _manager = _load_manager()
    return _manager


def _load_manager() -> pluggy.PluginManager:
    pm = _new_manager()
    disabled = set(disabled_from_env())
    for module_name in _DEFAULT_PLUGINS:
        if module_name not in disabled:
            pm.register(importlib.import_module(module_name), name=module_name)
    for name in disabled:
        pm.set_blocked(name)

    failures: List[str] = []
    for entry_point in _entry_points(PLUGIN_GROUP):
        if entry_point.name in disabled:
            continue
        # each entry point of this one group, imported by itself: stevedore would first read (and
        # cache) the entry points of every group of every installed distribution
        plugin: object = None
        try:
            plugin = entry_point.load()
            pm.register(plugin, name=entry_point.name)
            _check_hooks(pm, entry_point.name)
        except Exception as exc:  # a plugin that fails to import, or has a bad hook, must not break the SDK
            if plugin is not None and pm.is_registered(plugin):
                pm.unregister(plugin)
            failures.append(f"{entry_point.name!r} ({entry_point.value}): {type(exc).__name__}: {exc}")
    _failures[:] = failures
    if failures:
        warnings.warn(
            "claude_core skipped plugins that failed to load: " + "; ".join(failures),
            PluginLoadWarning,
            stacklevel=3,
        )
    return pm


#: Hooks the core calls implementation by implementation (to remember the signer that
#: answered, to stack transport wrappers), where pluggy's own wrappers do not apply.
_ONE_BY_ONE = frozenset({"claude_sign_request", "claude_wrap_transport"})


def _check_hooks(pm: pluggy.PluginManager, name: str) -> None:
    plugin = pm.get_plugin(name)
    for hook_caller in pm.get_hookcallers(plugin) or []:
        if hook_caller.spec is None:
            raise pluggy.PluginValidationError(plugin, f"unknown hook {hook_caller.name!r}")
        if hook_caller.name in _ONE_BY_ONE:
            for impl in hook_caller.get_hookimpls():
                if impl.plugin is plugin and (impl.wrapper or impl.hookwrapper):
                    raise pluggy.PluginValidationError(
                        plugin, f"{hook_caller.name} does not take wrapper=True or hookwrapper=True implementations"
                    )


def load_provider(name: str) -> Type[Provider]:
    """The Provider class registered under ``name`` in ``claude_core.providers``."""
    cls = _providers.get(name)
    if cls is not None:
        return cls
    if name == "anthropic":
        cls = AnthropicProvider
    else:
        # here: only a provider of another distribution needs it (the first-party one never does)
        from stevedore import DriverManager
        from stevedore.exception import NoMatches

        try:
            cls = cast(Type[Provider], DriverManager(PROVIDER_GROUP, name, invoke_on_load=False).driver)
        except NoMatches:
            raise AnthropicError(_unknown_provider(name)) from None
        except Exception as exc:
            raise AnthropicError(f"provider {name!r} failed to load: {type(exc).__name__}: {exc}") from exc
    if not (isinstance(cls, type) and issubclass(cls, Provider)):
        raise AnthropicError(f"provider {name!r} is not a claude_core.providers.Provider subclass: {cls!r}")
    _providers[name] = cls
    return cls


#: The providers of this project's other distributions: name -> (distribution, its folder in the repository).
def _unknown_provider(name: str) -> str:
    """The error for a provider name no installed distribution declares: the installed ones,
    and how to install this project's others (commands that work when pasted)."""
    installed = sorted({"anthropic", *(ep.name for ep in _entry_points(PROVIDER_GROUP))})
    message = f"unknown provider {name!r}; installed providers: {', '.join(installed)}."
    missing = [(other, *where) for other, where in PROJECT_PROVIDERS.items() if other not in installed]
    if missing:
        lines = [f"  {other}: {install_hint(dist, folder)}" for other, dist, folder in missing]
        message += " To install another of this project's providers:\n" + "\n".join(lines)
    return message


def check_provider(name: object) -> None:
    """Raise now, at client construction, for a provider name that cannot be loaded (an unknown
    name, a broken distribution) rather than at the first request."""
    if not isinstance(name, str):
        raise TypeError(f"provider= takes a provider's name (a str, such as 'bedrock'), got {type(name).__name__}")
    if name != "anthropic":
        load_provider(name)


def failed_plugins() -> List[str]:
    """The plugins skipped because they failed to load, one line each, as the warning said once
    per process lists them: ``'name' (module:attribute): ExceptionType: message``.

    Loads the plugins first when no client has yet (a tool listing what is installed can call it
    inside ``warnings.catch_warnings()`` to say it in its own words).
    """
    get_plugin_manager()
    return list(_failures)


def describe() -> List[Dict[str, Any]]:
    """Every provider and plugin found, with the hooks each plugin implements.

    Providers are listed from their entry points without being imported.
    """
    rows: List[Dict[str, Any]] = []
    seen = {"anthropic"}
    rows.append({"kind": "provider", "name": "anthropic", "entry_point": "claude_core.providers.anthropic"})
    for ep in _entry_points(PROVIDER_GROUP):
        if ep.name not in seen:
            seen.add(ep.name)
            rows.append({"kind": "provider", "name": ep.name, "entry_point": ep.value})
    pm = get_plugin_manager()
    entry_values = {ep.name: ep.value for ep in _entry_points(PLUGIN_GROUP)}
    for name, plugin in pm.list_name_plugin():
        if plugin is None:
            continue
        hooks = sorted(caller.name for caller in pm.get_hookcallers(plugin) or [])
        rows.append({"kind": "plugin", "name": name, "entry_point": entry_values.get(name, name), "hooks": hooks})
    return rows


class ClientHooks:
    """The hooks as one client sees them.

    The process-wide plugins minus the client's ``disable_plugins``, plus the client's
    own ``plugins=[...]``, which no other client sees.
    """

    def __init__(self, plugins: Sequence[object] = (), disabled: Collection[str] = ()) -> None:
        base = get_plugin_manager()
        if not plugins and not disabled:
            self._pm = base
        else:
            pm = _new_manager()
            for name, plugin in base.list_name_plugin():
                if plugin is not None and name not in disabled:
                    pm.register(plugin, name=name)
            for plugin in plugins:
                name = getattr(plugin, "__name__", None) or type(plugin).__name__
                try:
                    pm.register(plugin, name=f"{name}@{id(plugin):x}")
                    _check_hooks(pm, f"{name}@{id(plugin):x}")
                except pluggy.PluginValidationError as exc:
                    raise PluginError(name, "registration", exc) from exc
            self._pm = pm
        self.hook = self._pm.hook

    def has_implementations(self, hook_name: str) -> bool:
        return bool(getattr(self._pm.hook, hook_name).get_hookimpls())

    def call(self, hook_name: str, **kwargs: Any) -> Any:
        """Call a hook; an exception from an implementation is re-raised naming its plugin."""
        caller = getattr(self._pm.hook, hook_name)
        try:
            return caller(**kwargs)
        except AnthropicError:
            raise
        except Exception as exc:
            raise PluginError(_culprit(caller, exc.__traceback__), hook_name, exc) from exc

    def implementations(self, hook_name: str) -> List[HookImpl]:
        """The hook's implementations in the order pluggy calls them (``tryfirst`` first)."""
        return list(reversed(getattr(self._pm.hook, hook_name).get_hookimpls()))

    def collect_tools(self) -> ToolRegistry:
        """Call every ``claude_register_tools`` implementation once, each owning what it registers."""
        from .tools.registry import ToolRegistry  # only a tool runner given tool names needs it

        registry = ToolRegistry()
        for impl in self.implementations("claude_register_tools"):
            with registry.owned_by(impl.plugin_name):
                call_impl(impl, "claude_register_tools", {"registry": registry})
        return registry

    def first_answer(self, hook_name: str, **kwargs: Any) -> Tuple[Optional[HookImpl], Any]:
        """Like :meth:`call` for a firstresult hook, also naming the implementation that answered."""
        for impl in self.implementations(hook_name):
            result = call_impl(impl, hook_name, kwargs)
            if result is not None:
                return impl, result
        return None, None

    def wrap(self, hook_name: str, value_name: str, value: Any, **kwargs: Any) -> Any:
        """Pass ``value`` through every implementation, each wrapping the one before.

        The implementation pluggy would call last wraps first, so the one it would call
        first (``tryfirst``) ends up outermost. An implementation returning None leaves
        the value as it was.
        """
        for impl in reversed(self.implementations(hook_name)):
            kwargs[value_name] = value
            result = call_impl(impl, hook_name, kwargs)
            if result is not None:
                value = result
        return value


def call_impl(impl: HookImpl, hook_name: str, kwargs: Dict[str, Any]) -> Any:
    """Call one implementation with the arguments it accepts; errors name its plugin."""
    try:
        return impl.function(*[kwargs[name] for name in impl.argnames])
    except AnthropicError:
        raise
    except Exception as exc:
        raise PluginError(impl.plugin_name, hook_name, exc) from exc


def _culprit(caller: pluggy.HookCaller, tb: Optional[TracebackType]) -> str:
    codes = {impl.function.__code__: impl.plugin_name for impl in caller.get_hookimpls()}
    while tb is not None:
        name = codes.get(tb.tb_frame.f_code)
        if name is not None:
            return name
        tb = tb.tb_next
    return "<unknown>"
