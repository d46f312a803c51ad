"""A package's names imported from their modules on first use (a module `__getattr__`, PEP 562).

A command that needs one name of a package should not pay for every module the package
gathers: `trustworks.report` and `trustworks.ledger` list which module holds each name, and
import it when it is first asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def attribute_getter(
    package: str, modules: Mapping[str, str], namespace: dict[str, Any]
) -> Callable[[str], Any]:
    """The `__getattr__` of ``package``: ``modules`` maps each name to the submodule it is in,
    and a name found is kept in the package's ``namespace``, so it is looked up only once."""

    def getattr_(name: str) -> Any:
        module = modules.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    return getattr_
