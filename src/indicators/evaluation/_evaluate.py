"""Evaluate a spec: every indicator in dependency order, then every finding.

The spec has already passed the graph stage, so evaluation only does
arithmetic: facts become columns of exact numbers, each indicator's
operation runs over its inputs' columns, and the printed figures and
breakdowns are compared with what came out. When one fact changes, only
what rests on it is computed again.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Iterable, Mapping, MutableMapping

from .._numbers import exact
from ..graph import Plan, plan_for
from ..graph._graph import descendants_in_order
from ..graph._units import unit_text
from ..spec._model import Spec
from ..spec._yaml import _collector_paused
from ._findings import Finding, check_finding, reported_finding
from ._operations import Column, Operation, apply, operation_for
from ._results import Results

__all__ = ["evaluate", "reevaluate"]


def evaluate(spec: Spec) -> Results:
    """Compute every indicator and finding of ``spec``.

    Raises:
        SpecError: If the spec has reference, cycle or unit problems; nothing
            is computed then.
    """
    # Every value and operation built here outlives the loop and none is in
    # a cycle, so collector passes over them would find nothing to free.
    with _collector_paused():
        plan = plan_for(spec)
        operations = _operations(plan)
        values = _fact_columns(spec)
        _compute(plan, operations, values, plan.order)
        findings = _findings(plan, values)
    return Results(plan, operations, values, findings)


def reevaluate(
    plan: Plan,
    operations: Mapping[str, Operation],
    values: Mapping[str, Column],
    changes: dict[str, Column],
) -> tuple[dict[str, Column], list[Finding]]:
    """Recompute what rests on the facts in ``changes``, and nothing else.

    Returns:
        The new column of every changed fact and recomputed indicator, and
        the findings of the recomputed indicators and checks.
    """
    affected = descendants_in_order(plan.graph, changes)
    changed = dict(changes)
    sections = plan.graph.nodes
    indicators = [i for i in affected if sections[i]["section"] == "indicators"]
    _compute(plan, operations, ChainMap(changed, values), indicators)

    current = ChainMap(changed, values)
    findings = [_finding_of(plan, entry_id, current) for entry_id in affected]
    return changed, [finding for finding in findings if finding is not None]


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
    operations: Mapping[str, Operation],
    values: MutableMapping[str, Column],
    order: Iterable[str],
) -> None:
    indicators = plan.spec.indicators
    units = plan.indicator_units
    for indicator_id in order:
        inputs = [values[input_id] for input_id in indicators[indicator_id].inputs()]
        values[indicator_id] = apply(
            operations[indicator_id], inputs, units[indicator_id].scale
        )


def _findings(plan: Plan, values: Mapping[str, Column]) -> tuple[Finding, ...]:
    spec = plan.spec
    reported = (
        _finding_of(plan, indicator_id, values)
        for indicator_id, indicator in spec.indicators.items()
        if indicator.reported is not None
    )
    checks = (_finding_of(plan, check_id, values) for check_id in spec.checks)
    return tuple(f for f in (*reported, *checks) if f is not None)


def _finding_of(
    plan: Plan, entry_id: str, values: Mapping[str, Column]
) -> Finding | None:
    """Return the finding about ``entry_id``, or ``None`` if it has none."""
    spec = plan.spec
    check = spec.checks.get(entry_id)
    if check is not None:
        unit = _unit_name(plan, check.breakdown().total)
        return check_finding(entry_id, check, values, unit)

    indicator = spec.indicators.get(entry_id)
    if indicator is None or indicator.reported is None:
        return None
    unit = _unit_name(plan, entry_id)
    return reported_finding(entry_id, indicator.reported, values[entry_id], unit)


def _unit_name(plan: Plan, entry_id: str) -> str:
    return unit_text(plan.units[entry_id])
