"""A griffe extension for the docs site: Sphinx cross-reference roles become links.

The docstrings of ``claude_core`` write references the Sphinx way
(``:class:`~claude_core.credentials.RefreshableCredentials```). mkdocstrings does not
read roles and would print them as they stand, so this extension rewrites each one,
before the docstring is parsed, into an *optional* autorefs reference: a link where the
target is rendered somewhere on the site, plain code where it is not (no warning).

``~`` shows only the last part of the name, as in Sphinx. A name without a package
(``:func:`claude_sign_request```) is looked up in the module of the docstring. A hook
links to its section in hooks.md, whose heading anchor is the hook's name.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

ROLE = re.compile(r":(?:py:)?(?:func|class|meth|mod|attr|data|exc|obj|const):`(~?)([\w.]+)(\(\))?`")
#: Names starting with one of these are absolute; anything else is relative to the module.
PACKAGES = ("claude_core", "claude_emulator", "httpx", "pydantic", "pluggy", "typing")
HOOKS = "claude_core.hookspecs."


class SphinxRoles(griffe.Extension):
    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        docstring = obj.docstring
        if docstring is None or ":`" not in docstring.value:
            return
        module = obj.path if obj.is_module else obj.module.path

        def link(match: "re.Match[str]") -> str:
            short, name, call = match.group(1), match.group(2), match.group(3) or ""
            target = name if name.split(".")[0] in PACKAGES else f"{module}.{name}"
            if target.startswith(HOOKS):  # hooks.md gives each hook a heading of its own name
                target = target[len(HOOKS) :]
            shown = name.rsplit(".", 1)[-1] if short else name
            return f'<autoref identifier="{target}" optional><code>{shown}{call}</code></autoref>'

        docstring.value = ROLE.sub(link, docstring.value)
