"""Evaluate a spec: every indicator in dependency order, then every finding.

The spec has already passed the graph stage, so evaluation only does
arithmetic: facts become columns of exact numbers, each indicator's
operation runs over its inputs' columns, and the printed figures and
breakdowns are compared with what came out.
"""

from __future__ import annotations

from fractions import Fraction

from ..graph import Plan, plan_for
from ..graph._units import unit_text
from ..spec._model import ConvertIndicator, Spec
from ._approximate_findings import bounded_check_finding, bounded_reported_finding
from ._bounded import BoundsColumn, apply_bounds, bounded_for, fact_bounds, fact_value
from ._conversion import conversion_operation
from ._findings import Finding, check_finding, reported_finding
from ._members import member_bounds, member_columns
from ._operations import Column, Operation, apply, operation_for
from ._overlap import overlap_finding
from ._results import Results


__all__ = ["evaluate"]


def evaluate(spec: Spec) -> Results:
    """Compute every indicator and finding of ``spec``.

    Raises:
        SpecError: If the spec has reference, cycle or unit problems; nothing
            is computed then.
    """
    plan = plan_for(spec)
    operations = _operations(plan)
    values = _fact_columns(spec)
    bounds = _fact_bounds(spec)
    _compute(plan, operations, values)
    if bounds:
        _compute_bounds(plan, values, bounds)
    findings = _findings(plan, values, bounds)
    return Results(plan, operations, values, findings, bounds)


def _operations(plan: Plan) -> dict[str, Operation]:
    spec = plan.spec
    operations = {}
    for indicator_id in plan.order:
        indicator = spec.indicators[indicator_id]
        if isinstance(indicator, ConvertIndicator):
            conversion = plan.conversions[indicator_id]
            operations[indicator_id] = conversion_operation(
                indicator_id, indicator.convert.amount, conversion
            )
            continue
        direction = plan.indicator_units[indicator_id].direction
        operations[indicator_id] = operation_for(indicator_id, indicator, direction)
    return operations


def _fact_columns(spec: Spec) -> dict[str, Column]:
    return {fact_id: (fact_value(fact),) for fact_id, fact in spec.facts.items()}


def _fact_bounds(spec: Spec) -> dict[str, BoundsColumn]:
    found = {fact_id: fact_bounds(fact) for fact_id, fact in spec.facts.items()}
    return {fact_id: (bounds,) for fact_id, bounds in found.items() if bounds}


def _compute(
    plan: Plan,
    operations: dict[str, Operation],
    values: dict[str, Column],
) -> None:
    indicators = plan.spec.indicators
    for indicator_id in plan.order:
        names = indicators[indicator_id].inputs()
        table = plan.members.get(indicator_id)
        if table is None:
            inputs = [values[input_id] for input_id in names]
        else:
            inputs = member_columns(indicator_id, names, table, values)
        scale: Fraction = plan.indicator_units[indicator_id].scale
        values[indicator_id] = apply(operations[indicator_id], inputs, scale)


def _compute_bounds(
    plan: Plan, values: dict[str, Column], bounds: dict[str, BoundsColumn]
) -> None:
    """Carry bounds to every indicator with a bounded input, and only to those."""
    indicators = plan.spec.indicators
    for indicator_id in plan.order:
        inputs = indicators[indicator_id].inputs()
        table = plan.members.get(indicator_id)
        if table is None:
            value_columns = [values[input_id] for input_id in inputs]
            bounds_columns = [bounds.get(input_id) for input_id in inputs]
        else:
            value_columns = member_columns(indicator_id, inputs, table, values)
            bounds_columns = member_bounds(table, bounds)
        if all(column is None for column in bounds_columns):
            continue
        conversion = plan.conversions.get(indicator_id)
        legs = conversion.shape() if conversion else ()
        bounded = bounded_for(indicators[indicator_id], legs)
        bounds[indicator_id] = apply_bounds(
            bounded,
            value_columns,
            bounds_columns,
            plan.indicator_units[indicator_id].scale,
        )


def _findings(
    plan: Plan, values: dict[str, Column], bounds: dict[str, BoundsColumn]
) -> tuple[Finding, ...]:
    spec = plan.spec
    findings = []
    for indicator_id, indicator in spec.indicators.items():
        if indicator.reported is None:
            continue
        column, unit = values[indicator_id], _unit_name(plan, indicator_id)
        bounded = bounds.get(indicator_id)
        finding = None
        if bounded is not None:
            finding = bounded_reported_finding(
                indicator_id, indicator.reported, column, unit, bounded
            )
        findings.append(
            finding or reported_finding(indicator_id, indicator.reported, column, unit)
        )

    for check_id, check in spec.checks.items():
        unit = _unit_name(plan, check.breakdown().total)
        finding = bounded_check_finding(check_id, check, values, bounds, unit)
        findings.append(finding or check_finding(check_id, check, values, unit))
        overlaps = plan.overlaps.get(check_id)
        if overlaps:
            findings.append(overlap_finding(check_id, check, overlaps, values, unit))
    return tuple(findings)


def _unit_name(plan: Plan, entry_id: str) -> str:
    return unit_text(plan.units[entry_id])
