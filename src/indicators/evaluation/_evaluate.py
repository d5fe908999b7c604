"""Evaluate a spec: every indicator in dependency order, then every finding.

The spec has already passed the graph stage, so evaluation only does
arithmetic: facts become columns of exact numbers, each indicator's
operation runs over its inputs' columns, and the printed figures and
breakdowns are compared with what came out. When one fact changes, only
what rests on it is computed again.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .._collector import collector_paused
from ..graph import Plan, plan_for
from ..graph._units import unit_text
from ..spec._model import Check, ConvertIndicator, Indicator, Qualifier, Reported, Spec
from ._approximate_findings import bounded_check_finding, bounded_reported_finding
from ._bounded import BoundsColumn, apply_bounds, bounded_for, fact_bounds, fact_value
from ._conversion import conversion_operation
from ._findings import Finding, check_finding, reported_finding
from ._members import member_bounds, member_columns
from ._operations import Column, Operation, apply, operation_for
from ._overlap import overlap_finding
from ._results import Results


__all__ = ["Change", "PlanOperations", "evaluate", "reevaluate", "restored_results"]


def evaluate(spec: Spec) -> Results:
    """Compute every indicator and finding of ``spec``.

    Raises:
        SpecError: If the spec has reference, cycle or unit problems; nothing
            is computed then.
    """
    # Every value built here outlives the loop and none is in a cycle, so
    # collector passes over them would find nothing to free.
    with collector_paused():
        plan = plan_for(spec)
        values, bounds = _fact_columns(spec)
        _compute(plan, _steps_in_plan_order(plan), values)
        if bounds:
            _compute_bounds(plan, values, bounds, plan.order)
        findings = _findings(plan, values, bounds)
    return Results(plan, PlanOperations(plan), values, findings, bounds)


def restored_results(
    plan: Plan,
    values: Mapping[str, Column],
    findings: Iterable[Finding],
    bounds: Mapping[str, BoundsColumn | None],
) -> Results:
    """Return results as they were pickled, with operations built from the plan."""
    return Results(plan, PlanOperations(plan), values, findings, bounds)


@dataclass(frozen=True, slots=True)
class Change:
    """What one changed fact changes: values, bounds and findings.

    Attributes:
        values: The new column of the fact and of every indicator below it.
        bounds: The new bounds of the same entries; ``None`` where an entry
            no longer has any.
        findings: The findings about the indicators and checks below it.
    """

    values: dict[str, Column]
    bounds: dict[str, BoundsColumn | None]
    findings: list[Finding]


def reevaluate(
    plan: Plan,
    operations: Mapping[str, Operation],
    values: Mapping[str, Column],
    bounds: Mapping[str, BoundsColumn | None],
    fact_id: str,
    written: int | Decimal | Fraction,
) -> Change:
    """Recompute what rests on fact ``fact_id`` written as ``written``, only that.

    The fact is read as if its spec said ``value: written``, with its scale,
    qualifier and margin unchanged; a fact printed as a range becomes an
    exact figure, since one value replaces both of its ends.
    """
    fact = plan.spec.facts[fact_id]
    qualifier = fact.qualifier
    if qualifier is Qualifier.RANGE:
        qualifier = Qualifier.EXACT
    fact = fact.model_copy(update={"value": written, "qualifier": qualifier})
    changed_values: dict[str, Column] = {fact_id: (fact_value(fact),)}
    own_bounds = fact_bounds(fact)
    changed_bounds: dict[str, BoundsColumn | None] = {
        fact_id: (own_bounds,) if own_bounds else None
    }

    affected = plan.descendants_in_order(fact_id)
    indicators = [i for i in affected if i in plan.spec.indicators]
    # Typeshed's ChainMap asks every map to be mutable, but it writes only to
    # the first: the results' own maps, read-only here, are never changed.
    current_values = ChainMap(changed_values, values)  # type: ignore[arg-type]
    current_bounds = _Present(ChainMap(changed_bounds, bounds))  # type: ignore[arg-type]
    units = plan.indicator_units
    steps = ((i, operations[i], units[i].scale) for i in indicators)
    _compute(plan, steps, current_values)
    _compute_bounds(plan, current_values, current_bounds, indicators)
    for indicator_id in indicators:
        changed_bounds.setdefault(indicator_id, None)

    findings = [
        finding
        for entry_id in affected
        for finding in _findings_of(plan, entry_id, current_values, current_bounds)
    ]
    return Change(changed_values, changed_bounds, findings)


class _Present(MutableMapping[str, BoundsColumn]):
    """A view of bounds that hides the ids mapped to ``None`` (no bounds)."""

    def __init__(self, bounds: ChainMap[str, BoundsColumn | None]) -> None:
        self._bounds = bounds

    def __getitem__(self, entry_id: str) -> BoundsColumn:
        found = self._bounds[entry_id]
        if found is None:
            raise KeyError(entry_id)
        return found

    def __setitem__(self, entry_id: str, column: BoundsColumn) -> None:
        self._bounds[entry_id] = column

    def __delitem__(self, entry_id: str) -> None:
        self._bounds[entry_id] = None

    def __iter__(self) -> Iterator[str]:
        return (i for i, found in self._bounds.items() if found is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class PlanOperations(Mapping[str, Operation]):
    """The operation of each indicator of a plan, built when first asked for.

    Evaluation builds each operation, applies it and lets it go, so a large
    spec keeps no table of them; explanations and updates ask for a few.
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._built: dict[str, Operation] = {}

    def __getitem__(self, indicator_id: str) -> Operation:
        found = self._built.get(indicator_id)
        if found is None:
            if indicator_id not in self.plan.spec.indicators:
                raise KeyError(indicator_id)
            found = self._built[indicator_id] = _operation(self.plan, indicator_id)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self.plan.spec.indicators)

    def __len__(self) -> int:
        return len(self.plan.spec.indicators)


def _operation(
    plan: Plan, indicator_id: str, indicator: Indicator | None = None
) -> Operation:
    if indicator is None:
        indicator = plan.spec.indicators[indicator_id]
    if isinstance(indicator, ConvertIndicator):
        conversion = plan.conversions[indicator_id]
        return conversion_operation(indicator_id, indicator.convert.amount, conversion)
    # Only a conversion has a direction, and its rates say what it is.
    return operation_for(indicator_id, indicator, None)


def _fact_columns(spec: Spec) -> tuple[dict[str, Column], dict[str, BoundsColumn]]:
    """Return the value of every fact, and the bounds of those not stated exactly.

    One pass over the facts reads both, so a large spec's facts are each
    visited once.
    """
    values: dict[str, Column] = {}
    bounds: dict[str, BoundsColumn] = {}
    for fact_id, fact in spec.facts.items():
        values[fact_id] = (fact_value(fact),)
        own = fact_bounds(fact)
        if own:
            bounds[fact_id] = (own,)
    return values, bounds


def _steps_in_plan_order(plan: Plan) -> Iterator[tuple[str, Operation, Fraction]]:
    """Yield each indicator of the plan with its operation and scale, in order.

    The unit check filled its table in the plan's order, one indicator
    each, and when that order is the spec's own, the spec's indicators
    come alongside in one pass. Looking each up by id instead would miss
    the processor's caches on every indicator of a large spec. Each
    operation is built while its indicator is at hand, and not kept.
    """
    indicators = plan.spec.indicators
    entries: Iterable[tuple[str, Indicator]] = indicators.items()
    if not plan.in_written_order:
        entries = ((i, indicators[i]) for i in plan.order)
    units = plan.indicator_units.values()
    for (indicator_id, indicator), unit in zip(entries, units, strict=True):
        yield indicator_id, _operation(plan, indicator_id, indicator), unit.scale


def _compute(
    plan: Plan,
    steps: Iterable[tuple[str, Operation, Fraction]],
    values: MutableMapping[str, Column],
) -> None:
    """Apply each indicator's operation, scaled, to its inputs' columns, in turn."""
    members = plan.members
    for indicator_id, operation, scale in steps:
        if members and indicator_id in members:
            inputs = _input_columns(plan, indicator_id, values)
        else:
            # An operation names its inputs as the indicator does; reading
            # them here spares a call into the model per indicator.
            inputs = [values[input_id] for input_id in operation.names]
        values[indicator_id] = apply(operation, inputs, scale)


def _input_columns(
    plan: Plan, indicator_id: str, values: Mapping[str, Column]
) -> list[Column]:
    """Return the columns an indicator computes from: its inputs' or its members'."""
    names = plan.operands(indicator_id)
    table = plan.members.get(indicator_id)
    if table is None:
        return [values[input_id] for input_id in names]
    return member_columns(indicator_id, names, table, values)


def _compute_bounds(
    plan: Plan,
    values: Mapping[str, Column],
    bounds: MutableMapping[str, BoundsColumn],
    order: Iterable[str],
) -> None:
    """Carry bounds to every indicator with a bounded input, and only to those."""
    indicators = plan.spec.indicators
    for indicator_id in order:
        table = plan.members.get(indicator_id)
        if table is None:
            inputs = plan.operands(indicator_id)
            bounds_columns = [bounds.get(input_id) for input_id in inputs]
        else:
            bounds_columns = member_bounds(table, bounds)
        if all(column is None for column in bounds_columns):
            bounds.pop(indicator_id, None)
            continue
        conversion = plan.conversions.get(indicator_id)
        legs = conversion.shape() if conversion else ()
        bounded = bounded_for(indicators[indicator_id], legs)
        bounds[indicator_id] = apply_bounds(
            bounded,
            _input_columns(plan, indicator_id, values),
            bounds_columns,
            plan.indicator_units[indicator_id].scale,
        )


def _findings(
    plan: Plan, values: Mapping[str, Column], bounds: Mapping[str, BoundsColumn]
) -> tuple[Finding, ...]:
    spec = plan.spec
    findings = [
        _reported_finding(plan, indicator_id, indicator.reported, values, bounds)
        for indicator_id, indicator in spec.indicators.items()
        if indicator.reported is not None
    ]
    for check_id, check in spec.checks.items():
        findings.extend(_check_findings(plan, check_id, check, values, bounds))
    return tuple(findings)


def _findings_of(
    plan: Plan,
    entry_id: str,
    values: Mapping[str, Column],
    bounds: Mapping[str, BoundsColumn],
) -> list[Finding]:
    """Return the findings about ``entry_id``: none, one, or a check and its overlap."""
    spec = plan.spec
    check = spec.checks.get(entry_id)
    if check is not None:
        return _check_findings(plan, entry_id, check, values, bounds)

    indicator = spec.indicators.get(entry_id)
    if indicator is None or indicator.reported is None:
        return []
    return [_reported_finding(plan, entry_id, indicator.reported, values, bounds)]


def _check_findings(
    plan: Plan,
    check_id: str,
    check: Check,
    values: Mapping[str, Column],
    bounds: Mapping[str, BoundsColumn],
) -> list[Finding]:
    """Return the finding of a check, and of its overlapping parts if any."""
    unit = _unit_name(plan, check.breakdown().total)
    finding = bounded_check_finding(check_id, check, values, bounds, unit)
    found = [finding or check_finding(check_id, check, values, unit)]
    overlaps = plan.overlaps.get(check_id)
    if overlaps:
        found.append(overlap_finding(check_id, check, overlaps, values, unit))
    return found


def _reported_finding(
    plan: Plan,
    entry_id: str,
    reported: Reported,
    values: Mapping[str, Column],
    bounds: Mapping[str, BoundsColumn],
) -> Finding:
    """Return the finding about the value printed for indicator ``entry_id``."""
    column, unit = values[entry_id], _unit_name(plan, entry_id)
    bounded = bounds.get(entry_id)
    finding = None
    if bounded is not None:
        finding = bounded_reported_finding(entry_id, reported, column, unit, bounded)
    return finding or reported_finding(entry_id, reported, column, unit)


def _unit_name(plan: Plan, entry_id: str) -> str:
    return unit_text(plan.units[entry_id])
