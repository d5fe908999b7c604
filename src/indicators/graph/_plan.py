"""The plan: a spec that has passed every check that needs no arithmetic.

A plan is what evaluation consumes: the dependency graph, the order to
compute in, and the unit of every fact and indicator. Building it is where a
spec is refused when it cannot be right, so that evaluation never has to
re-check anything.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..exceptions import SpecError, SpecErrorGroup, UnknownReferenceError
from ..spec._model import Spec
from ._graph import dependency_graph, find_cycles, find_reference_errors
from ._unit_check import IndicatorUnit, UnitChecker
from ._units import unit_catalogue


if TYPE_CHECKING:
    import pint

__all__ = ["Plan", "plan_for", "validate_spec"]


@dataclass(frozen=True)
class Plan:
    """A validated spec, ready to evaluate.

    Attributes:
        spec: The spec the plan was built from.
        graph: Edges from each input to what is computed from it.
        order: Indicator ids, each after all of its inputs.
        units: The unit of each fact and indicator.
        indicator_units: What the unit check found for each indicator.
    """

    spec: Spec
    graph: nx.DiGraph
    order: tuple[str, ...]
    units: dict[str, pint.Unit]
    indicator_units: dict[str, IndicatorUnit]


def plan_for(spec: Spec) -> Plan:
    """Return the plan of ``spec``, building it on first use.

    Raises:
        SpecError: If the spec has a reference, cycle or unit problem; a
            `SpecErrorGroup` when it has several.
    """
    if isinstance(spec._plan, Plan):
        return spec._plan

    plan, errors = _build(spec)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise SpecErrorGroup(errors)
    assert plan is not None
    return plan


def validate_spec(spec: Spec, unreadable: Set[str] = frozenset()) -> list[SpecError]:
    """Return every problem that keeps ``spec`` from being evaluated.

    ``unreadable`` names entries that were declared but could not be read;
    references to them are not reported again. An empty list means the
    spec is sound; its plan is then kept with it.
    """
    _plan, errors = _build(spec, unreadable)
    return errors


def _build(
    spec: Spec, unreadable: Set[str] = frozenset()
) -> tuple[Plan | None, list[SpecError]]:
    errors = find_reference_errors(spec, unreadable)
    graph = dependency_graph(spec)
    errors.extend(find_cycles(spec, graph))
    if errors or unreadable:
        return None, errors + _check_units(spec, _order(graph))[2]

    order = _order(graph)
    units, indicator_units, unit_errors = _check_units(spec, order)
    if unit_errors:
        return None, unit_errors

    plan = Plan(spec, graph, order, units, indicator_units)
    spec._plan = plan
    return plan, []


def _order(graph: nx.DiGraph) -> tuple[str, ...]:
    try:
        ordered = list(nx.topological_sort(graph))
    except nx.NetworkXUnfeasible:
        return ()
    return tuple(n for n in ordered if graph.nodes[n]["section"] == "indicators")


def _check_units(
    spec: Spec, order: tuple[str, ...]
) -> tuple[dict[str, pint.Unit], dict[str, IndicatorUnit], list[SpecError]]:
    catalogue = unit_catalogue()
    checker = UnitChecker(catalogue)
    units: dict[str, pint.Unit] = {}
    indicator_units: dict[str, IndicatorUnit] = {}
    errors: list[SpecError] = []

    for fact_id, fact in spec.facts.items():
        try:
            units[fact_id] = catalogue.parse(fact.unit)
        except SpecError as error:
            errors.append(error.with_location(spec.locate(("facts", fact_id, "unit"))))

    for indicator_id in order:
        indicator = spec.indicators[indicator_id]
        inputs = indicator.inputs()
        if any(input_id not in units for input_id in inputs):
            continue
        path = ("indicators", indicator_id, indicator.kind)
        try:
            found = checker.derive(indicator_id, indicator, [units[i] for i in inputs])
            path = ("indicators", indicator_id, "unit")
            found = checker.apply_declared(indicator_id, indicator.unit, found)
        except SpecError as error:
            path = _error_path(path, indicator, error)
            errors.append(error.with_location(spec.locate(path)))
            continue
        units[indicator_id] = found.unit
        indicator_units[indicator_id] = found

    for check_id, check in spec.checks.items():
        ids = check.inputs()
        if any(input_id not in units for input_id in ids):
            continue
        try:
            checker.check_breakdown(check_id, ids, [units[i] for i in ids])
        except SpecError as error:
            errors.append(
                error.with_location(spec.locate(("checks", check_id, check.kind)))
            )

    return units, indicator_units, errors


def _error_path(
    path: tuple[str, ...], indicator: Any, error: SpecError
) -> tuple[str, ...]:
    """Return where a unit error of ``indicator`` is written.

    An unknown currency in a conversion can only be its target, so the
    error points at ``convert.to`` rather than at the whole conversion.
    """
    if indicator.kind == "convert" and isinstance(error, UnknownReferenceError):
        return (*path, "to")
    return path
