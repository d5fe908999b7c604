"""The plan: a spec that has passed every check that needs no arithmetic.

A plan is what evaluation consumes: the inputs of every entry, the order to
compute in, and the unit of every fact and indicator; the networkx graph is
drawn from the inputs when a lineage question needs it. Building a plan is
where a spec is refused when it cannot be right, so that evaluation never
has to re-check anything.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Set
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

from .._collector import collector_paused
from ..exceptions import (
    CyclicDependencyError,
    RateError,
    SpecError,
    SpecErrorGroup,
    UnknownReferenceError,
)
from ..spec import _model as model
from ._breakdowns import Overlap, find_breakdown_errors, find_overlaps
from ._dependents import below, dependents_of, in_computing_order
from ._formula import Expression, fold
from ._periods import find_period_errors
from ._rates import Conversion, RatePicker
from ._references import find_reference_errors, read_inputs
from ._resolution import resolve_positions
from ._series import MemberTable
from ._unit_check import IndicatorUnit, UnitChecker
from ._units import unit_catalogue


if TYPE_CHECKING:
    import networkx as nx
    import pint

    from ..spec._model import Indicator, Spec

__all__ = ["Plan", "plan_for", "validate_spec"]


@dataclass(frozen=True)
class Plan:
    """A validated spec, ready to evaluate.

    Attributes:
        spec: The spec the plan was built from.
        order: Indicator ids, each after all of its inputs.
        units: The unit of each fact and indicator.
        indicator_units: What the unit check found for each indicator.
        inputs: The direct inputs of each indicator and check: the member
            facts of an indicator over a dimension, the amount and the rates
            picked for a conversion.
        members: For each indicator over a dimension, its member facts.
        overlaps: For each check whose parts overlap, the overlapping pairs.
        conversions: The rates each conversion uses, step by step.
        in_written_order: Whether ``order`` is the order the spec lists its
            indicators in, as it is when each comes after its inputs.
    """

    spec: Spec
    order: tuple[str, ...]
    units: dict[str, pint.Unit]
    indicator_units: dict[str, IndicatorUnit]
    inputs: dict[str, tuple[str, ...]]
    members: dict[str, MemberTable] = field(default_factory=dict)
    overlaps: dict[str, tuple[Overlap, ...]] = field(default_factory=dict)
    conversions: dict[str, Conversion] = field(default_factory=dict)
    in_written_order: bool = False

    def __reduce__(self) -> tuple[Any, tuple[Spec]]:
        """Pickle the plan as its spec, from which `plan_for` builds it again.

        Its units belong to the engine's unit registry, which pint cannot
        unpickle them into; the spec pickles, and planning it is cheap next
        to sending every table.
        """
        return plan_for, (self.spec,)

    def __deepcopy__(self, memo: dict[int, Any]) -> Plan:
        """Return this plan: it is never changed, and a copied spec plans anew.

        Copying it through `__reduce__` would plan the spec being copied
        while it is only half built.
        """
        return self

    def inputs_of(self, entry_id: str) -> tuple[str, ...]:
        """Return what entry ``entry_id`` is computed from; nothing for a fact."""
        return self.inputs.get(entry_id, ())

    def operands(self, indicator_id: str) -> tuple[str, ...]:
        """Return the ids indicator ``indicator_id``'s arithmetic takes, in order.

        They are the inputs it names, but for a conversion its amount and
        the rates picked for it. Unlike `inputs_of`, an indicator over a
        dimension gives the series facts it names; its members are in
        `members`.
        """
        conversion = self.conversions.get(indicator_id)
        indicator = self.spec.indicators[indicator_id]
        if conversion is None or not isinstance(indicator, model.ConvertIndicator):
            return indicator.inputs()
        return (indicator.convert.amount, *conversion.rate_ids)

    def named_series(self, indicator_id: str) -> tuple[str, ...]:
        """Return the series facts an indicator over a dimension names.

        Its members are computed from facts of those series, not from the
        facts it names, so these are no inputs; lineage still shows them.
        Any other entry names none.
        """
        if indicator_id not in self.members:
            return ()
        return self.operands(indicator_id)

    @cached_property
    def graph(self) -> nx.DiGraph[str]:
        """The networkx graph: an edge from each input to its dependent.

        An indicator over a dimension also has an edge from each series
        fact it names, marked ``names_series`` (see `named_series`). The
        graph is drawn on first use, by lineage questions, updates and
        exports; evaluation needs only each entry's inputs, so checking a
        spec never pays for a graph of every node (nor for importing
        networkx).
        """
        from ._graph import dependency_graph

        named = {i: self.named_series(i) for i in self.members}
        return dependency_graph(self.spec, self.inputs, named)

    @cached_property
    def dependents(self) -> dict[str, list[str]]:
        """For each entry, the indicators and checks computed from it directly.

        Made on first use, in one pass over the inputs; updates and the
        walks down from an entry or a source need nothing more. Its lists
        form no cycle, so the collector is paused while they are made.
        """
        with collector_paused():
            return dependents_of(self.inputs)

    @cached_property
    def series_dependents(self) -> dict[str, list[str]]:
        """For each series fact, the indicators over a dimension that name it."""
        return dependents_of({i: self.named_series(i) for i in self.members})

    def descendants_in_order(self, entry_id: str) -> list[str]:
        """Return every entry computed from ``entry_id``, each after its inputs.

        A series fact's naming is not followed: an indicator over a
        dimension is computed from its members. The cost follows the number
        of descendants once `dependents` is made.
        """
        reached = below([entry_id], self.dependents)
        return in_computing_order(reached, self.inputs_of, self.dependents)


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


def validate_spec(
    spec: Spec,
    unreadable: Set[str] = frozenset(),
    unreadable_facts: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[SpecError]:
    """Return every problem that keeps ``spec`` from being evaluated.

    ``unreadable`` names entries that were declared but could not be read;
    references to them are not reported again. ``unreadable_facts`` holds
    the YAML values of the facts among them: a fact looked for by its
    series, or a rate by its currencies, that one of them may be is not
    reported missing. An empty list means the spec is sound; its plan is
    then kept with it.
    """
    _plan, errors = _build(spec, unreadable, unreadable_facts or {})
    return errors


def _build(
    spec: Spec,
    unreadable: Set[str] = frozenset(),
    unreadable_facts: Mapping[str, Mapping[str, Any]] | None = None,
) -> tuple[Plan | None, list[SpecError]]:
    written = spec
    unreadable_facts = unreadable_facts or {}
    errors = find_breakdown_errors(spec, unreadable)
    resolution = resolve_positions(spec, unreadable, unreadable_facts)
    spec = resolution.spec
    unreadable = unreadable | resolution.unresolved
    errors.extend(resolution.errors)
    errors.extend(find_reference_errors(spec, unreadable))
    found = read_inputs(spec, resolution.members, unreadable)
    errors.extend(found.errors)
    errors.extend(find_period_errors(spec))

    inputs = found.of
    order, cycles = _order(spec, inputs, found.in_written_order)
    errors.extend(cycles)
    if found.in_written_order:
        in_order: Iterable[tuple[str, Indicator]] = spec.indicators.items()
    else:
        in_order = [(i, spec.indicators[i]) for i in order]
    if errors or unreadable:
        unit_errors = _check_units(spec, in_order)[2]
        if any("/" in str(fact.get("unit")) for fact in unreadable_facts.values()):
            # A rate picked by period may be among the facts that could not
            # be read; their own errors say what to fix.
            unit_errors = [e for e in unit_errors if not isinstance(e, RateError)]
        return None, errors + unit_errors

    conversions: dict[str, Conversion] = {}
    units, indicator_units, unit_errors = _check_units(spec, in_order, conversions)
    if unit_errors:
        return None, unit_errors

    # The unit check picked each conversion's rates; they are inputs too,
    # after the amount, which a conversion names first.
    for indicator_id, conversion in conversions.items():
        amount = inputs[indicator_id][0]
        inputs[indicator_id] = (amount, *conversion.rate_ids)
    plan = Plan(
        spec,
        order,
        units,
        indicator_units,
        inputs,
        members=resolution.members,
        overlaps=find_overlaps(spec),
        conversions=conversions,
        in_written_order=found.in_written_order,
    )
    spec._plan = plan
    written._plan = plan
    return plan, []


def _order(
    spec: Spec, inputs: dict[str, tuple[str, ...]], in_written_order: bool
) -> tuple[tuple[str, ...], list[CyclicDependencyError]]:
    """Return the indicators in dependency order, and an error for each cycle.

    Specs usually declare an indicator after what it is computed from; that
    order is then one to compute in. Only a spec written out of order (or
    with a cycle) has its networkx graph drawn and sorted.
    """
    if in_written_order:
        return tuple(spec.indicators), []

    from ._graph import dependency_graph, sorted_indicators

    return sorted_indicators(spec, dependency_graph(spec, inputs))


def _check_units(
    spec: Spec,
    in_order: Iterable[tuple[str, Indicator]],
    conversions: dict[str, Conversion] | None = None,
) -> tuple[dict[str, pint.Unit], dict[str, IndicatorUnit], list[SpecError]]:
    """Return the unit of every fact and indicator, and what is wrong with them.

    ``in_order`` gives each indicator with its id in the computing order,
    so the indicators' units come out in that order too.
    """
    unit_pass = _UnitPass(spec, {} if conversions is None else conversions)
    unit_pass.facts()
    unit_pass.indicators(in_order)
    unit_pass.checks()
    return unit_pass.units, unit_pass.indicator_units, unit_pass.errors


class _UnitPass:
    """The units of one spec: facts parsed, indicators derived, checks compared."""

    def __init__(self, spec: Spec, conversions: dict[str, Conversion]) -> None:
        self.spec = spec
        self.catalogue = unit_catalogue()
        self.checker = UnitChecker(self.catalogue)
        self.picker = RatePicker(spec, self.catalogue)
        self.conversions = conversions
        self.units: dict[str, pint.Unit] = {}
        self.indicator_units: dict[str, IndicatorUnit] = {}
        self.errors: list[SpecError] = []
        # A rule other than a conversion's depends only on the kind, the
        # inputs' units and what the indicator declares, and a large spec
        # repeats a few such combinations; each is settled once.
        self.settled: dict[Hashable, IndicatorUnit] = {}

    def facts(self) -> None:
        for fact_id, fact in self.spec.facts.items():
            try:
                self.units[fact_id] = self.catalogue.parse(fact.unit)
            except SpecError as error:
                self._fail(error, ("facts", fact_id, "unit"))

    def indicators(self, in_order: Iterable[tuple[str, Indicator]]) -> None:
        for indicator_id, indicator in in_order:
            inputs = indicator.inputs()
            # Each input's unit is looked up once: on a large spec every
            # lookup in a table of all the units misses the processor's caches.
            input_units = [self.units.get(input_id) for input_id in inputs]
            if any(unit is None for unit in input_units):
                continue
            found = self._indicator_unit(
                indicator_id, indicator, cast("list[pint.Unit]", input_units)
            )
            if found is not None:
                self.units[indicator_id] = found.unit
                self.indicator_units[indicator_id] = found

    def checks(self) -> None:
        for check_id, check in self.spec.checks.items():
            ids = check.inputs()
            if any(input_id not in self.units for input_id in ids):
                continue
            try:
                units = [self.units[i] for i in ids]
                self.checker.check_breakdown(check_id, ids, units)
            except SpecError as error:
                self._fail(error, ("checks", check_id, check.kind))

    def _indicator_unit(
        self,
        indicator_id: str,
        indicator: model.Indicator,
        input_units: list[pint.Unit],
    ) -> IndicatorUnit | None:
        key = None
        if not isinstance(indicator, model.ConvertIndicator):
            key = _rule_key(indicator, input_units)
            found = self.settled.get(key)
            if found is not None:
                return found

        path = ("indicators", indicator_id, indicator.kind)
        try:
            found = self._derive(indicator_id, indicator, input_units)
            path = ("indicators", indicator_id, "unit")
            found = self.checker.apply_declared(
                indicator_id, indicator.unit, found, indicator.kind
            )
        except SpecError as error:
            self._fail(error, _error_path(path, indicator, error))
            return None

        if key is not None:
            self.settled[key] = found
        return found

    def _derive(
        self,
        indicator_id: str,
        indicator: model.Indicator,
        input_units: list[pint.Unit],
    ) -> IndicatorUnit:
        if isinstance(indicator, model.ConvertIndicator):
            found, conversion = _convert(
                self.picker, self.checker, indicator_id, indicator, self.units
            )
            self.conversions[indicator_id] = conversion
            return found
        return self.checker.derive(indicator_id, indicator, input_units)

    def _fail(self, error: SpecError, path: tuple[str | int, ...]) -> None:
        self.errors.append(error.with_location(self.spec.locate(path)))


def _convert(
    picker: RatePicker,
    checker: UnitChecker,
    indicator_id: str,
    indicator: model.ConvertIndicator,
    units: dict[str, pint.Unit],
) -> tuple[IndicatorUnit, Conversion]:
    if indicator.convert.rate is None:
        amount = units[indicator.convert.amount]
        conversion = picker.pick(indicator_id, indicator, amount)
        target = checker.catalogue.parse(indicator.convert.to)
        return IndicatorUnit(target), conversion

    inputs = [units[i] for i in indicator.inputs()]
    found = checker.derive(indicator_id, indicator, inputs)
    direction = found.direction or "multiply"
    amount = units[indicator.convert.amount]
    return found, picker.named(indicator_id, indicator, amount, direction)


def _error_path(
    path: tuple[str, ...], indicator: Indicator, error: SpecError
) -> tuple[str, ...]:
    """Return where a unit error of ``indicator`` is written.

    An unknown currency in a conversion can only be its target, so the
    error points at ``convert.to`` rather than at the whole conversion.
    """
    if indicator.kind == "convert" and isinstance(error, UnknownReferenceError):
        return (*path, "to")
    return path


def _rule_key(indicator: Indicator, input_units: list[pint.Unit]) -> Hashable:
    """Return what the unit rule of ``indicator`` depends on, as a key."""
    extra: Hashable = None
    if isinstance(indicator, model.FormulaIndicator):
        extra = _shape(indicator)
    return (indicator.kind, tuple(input_units), indicator.unit, extra)


def _shape(indicator: model.FormulaIndicator) -> Hashable:
    """Return the formula's tree with each id replaced by its input position."""
    position = {name: index for index, name in enumerate(indicator.inputs())}

    def reference(name: str) -> Hashable:
        return ("input", position[name])

    return fold(
        indicator.formula.expression,
        number=_number_shape,
        reference=reference,
        negation=_negation_shape,
        binary=_operation_shape,
        call=_call_shape,
    )


# The shape of each kind of node, typed as the `Hashable` they all are, so
# that `fold` knows the type of its result.
def _number_shape(value: Fraction) -> Hashable:
    return value


def _negation_shape(operand: Hashable) -> Hashable:
    return ("-", operand)


def _operation_shape(
    operator: str, left: Hashable, right: Hashable, _node: Expression
) -> Hashable:
    return (operator, left, right)


def _call_shape(function: str, arguments: list[Hashable]) -> Hashable:
    return (function, *arguments)
