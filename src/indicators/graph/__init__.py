"""The graph stage: dependencies, reference checks, cycles and units."""

from __future__ import annotations

import typing as _typing


if _typing.TYPE_CHECKING:
    from ._plan import Plan, plan_for, validate_spec


__all__ = ["Plan", "plan_for", "validate_spec"]


def __getattr__(name: str) -> object:
    """Import the plan's names on first use.

    The spec model imports the formula grammar from this package; importing
    the plan eagerly here would import the model back before it is built.

    Raises:
        AttributeError: If ``name`` is not a public name of the package.
    """
    if name not in __all__:
        msg = f"module 'indicators.graph' has no attribute {name!r}"
        raise AttributeError(msg)
    from . import _plan

    return getattr(_plan, name)
