"""Evaluate a spec: every indicator in dependency order, then every finding.

The spec has already passed the graph stage, so evaluation only does
arithmetic: facts become columns of exact numbers, each indicator's
operation runs over its inputs' columns, and the printed figures and
breakdowns are compared with what came out.
"""

from __future__ import annotations

from fractions import Fraction

from .._numbers import exact
from ..graph import Plan, plan_for
from ..graph._units import unit_text
from ..spec._model import Spec
from ._findings import Finding, check_finding, reported_finding
from ._operations import Column, Operation, apply, operation_for
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
    _compute(plan, operations, values)
    findings = _findings(plan, values)
    return Results(plan, operations, values, findings)


def _operations(plan: Plan) -> dict[str, Operation]:
    spec = plan.spec
    return {
        indicator_id: operation_for(
            indicator_id,
            spec.indicators[indicator_id],
            plan.indicator_units[indicator_id].direction,
        )
        for indicator_id in plan.order
    }


def _fact_columns(spec: Spec) -> dict[str, Column]:
    return {fact_id: (exact(fact.value),) for fact_id, fact in spec.facts.items()}


def _compute(
    plan: Plan,
    operations: dict[str, Operation],
    values: dict[str, Column],
) -> None:
    indicators = plan.spec.indicators
    for indicator_id in plan.order:
        inputs = [values[input_id] for input_id in indicators[indicator_id].inputs()]
        scale: Fraction = plan.indicator_units[indicator_id].scale
        values[indicator_id] = apply(operations[indicator_id], inputs, scale)


def _findings(plan: Plan, values: dict[str, Column]) -> tuple[Finding, ...]:
    spec = plan.spec
    findings = [
        reported_finding(
            indicator_id,
            indicator.reported,
            values[indicator_id],
            _unit_name(plan, indicator_id),
        )
        for indicator_id, indicator in spec.indicators.items()
        if indicator.reported is not None
    ]
    findings.extend(
        check_finding(
            check_id, check, values, _unit_name(plan, check.breakdown().total)
        )
        for check_id, check in spec.checks.items()
    )
    return tuple(findings)


def _unit_name(plan: Plan, entry_id: str) -> str:
    return unit_text(plan.units[entry_id])
