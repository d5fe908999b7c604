"""The two baselines the engine is measured against.

Both compute the indicators of a `Recipe` in the same order as the engine
and with the same formulas. The first uses plain floats, with no unit and
no provenance: the bare cost of the arithmetic in Python. The second uses a
pint quantity per value, one operation at a time, which is what most people
reach for first when they want units checked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from synthetic import Recipe


__all__ = ["float_baseline", "id_lookups", "pint_baseline", "pint_registry"]


def _total(*values: Any) -> Any:
    result = values[0]
    for value in values[1:]:
        result = result + value
    return result


def _float_operations() -> dict[str, Callable[..., float]]:
    return {
        "sum": _total,
        "difference": lambda first, second: first - second,
        "net_migration": lambda arrivals, departures: arrivals - departures,
        "ratio": lambda numerator, denominator: numerator / denominator,
        "share": lambda part, whole: part * 100 / whole,
        "percent_change": lambda base, new: (new - base) * 100 / base,
        # Every rate of the synthetic specs is roubles per dollar.
        "convert": lambda amount, rate: amount / rate,
        # The only formula of the synthetic specs: "(a + b) / 2 - c".
        "formula": lambda a, b, c: (a + b) / 2 - c,
    }


def float_baseline(recipe: Recipe) -> dict[str, float]:
    """Compute every indicator of ``recipe`` with floats."""
    operations = _float_operations()
    values: dict[str, Any] = {
        fact_id: float(value) for fact_id, (value, _unit) in recipe.facts.items()
    }
    for step in recipe.steps:
        compute = operations[step.kind]
        values[step.id] = compute(*[values[i] for i in step.inputs])
    for total, parts in recipe.checks.values():
        _total(*[values[part] for part in parts]) - values[total]
    return values


def pint_registry() -> Any:
    """Return a float pint registry knowing persons and the recipe's currencies."""
    import pint

    registry = pint.UnitRegistry()
    registry.define("person = [person]")
    for code in ("RUB", "USD"):
        registry.define(f"{code} = [currency_{code}]")
    return registry


def _pint_operations() -> dict[str, Callable[..., Any]]:
    """The float operations, but with shares and changes brought to percent."""
    return {
        **_float_operations(),
        "share": lambda part, whole: (part / whole).to("percent"),
        "percent_change": lambda base, new: ((new - base) / base).to("percent"),
    }


def pint_baseline(recipe: Recipe, registry: Any) -> dict[str, Any]:
    """Compute every indicator of ``recipe`` with a pint quantity per value."""
    operations = _pint_operations()
    quantity = registry.Quantity
    units = {
        name: registry.Unit(name) for name in {u for _v, u in recipe.facts.values()}
    }
    values: dict[str, Any] = {
        fact_id: quantity(float(value), units[unit])
        for fact_id, (value, unit) in recipe.facts.items()
    }
    for step in recipe.steps:
        compute = operations[step.kind]
        values[step.id] = compute(*[values[i] for i in step.inputs])
    for total, parts in recipe.checks.values():
        _total(*[values[part] for part in parts]) - values[total]
    return values


def id_lookups(recipe: Recipe) -> tuple[int, Callable[[], object]]:
    """Return the number of inputs and a pass that looks each one up by id.

    Not a baseline of the arithmetic but of the machine: the same look-ups
    the indicators make, in the same order, in one dict of every fact and
    indicator, with nothing else done. How its cost per look-up changes
    with the size shows what the processor's caches do to any table keyed
    by id.
    """
    table = dict.fromkeys([*recipe.facts, *(step.id for step in recipe.steps)])
    inputs = [input_id for step in recipe.steps for input_id in step.inputs]

    def look_up() -> object:
        return [table[input_id] for input_id in inputs]

    return len(inputs), look_up
