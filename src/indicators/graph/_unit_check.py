"""The unit of every indicator, derived from its inputs' units along the graph.

Each indicator kind has a rule: a sum needs one unit throughout, a share
needs a part and a whole that measure the same thing, a conversion needs a
rate whose currencies connect the amount's currency to the target. Sums and
differences of percentages follow `PercentRules`: the difference of two
percentages is in percentage points. The rules run once per indicator, and
what they find (the result's unit, a factor to the declared unit, the
direction of a conversion) is kept for evaluation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

from ..exceptions import FormulaError, UnitMismatchError
from ..spec import _model as model
from ._formula import Expression, Number, fold
from ._percentages import PercentRules
from ._units import UnitCatalogue, unit_text


if TYPE_CHECKING:
    import pint

__all__ = ["IndicatorUnit", "UnitChecker"]

#: How a conversion applies its rate: by multiplying or by dividing.
Direction = Literal["multiply", "divide"]


@dataclass(frozen=True, slots=True)
class IndicatorUnit:
    """What the unit check found out about one indicator.

    Attributes:
        unit: The unit of the result, after ``scale`` is applied.
        scale: The exact factor from the computed unit to the declared one
            (100 when a plain ratio is declared in percent).
        direction: For a conversion, whether the rate multiplies or divides.
    """

    unit: pint.Unit
    scale: Fraction = Fraction(1)
    direction: Direction | None = None


class UnitChecker:
    """Apply each indicator kind's unit rule.

    Args:
        catalogue: The unit catalogue that parses unit names.
    """

    def __init__(self, catalogue: UnitCatalogue) -> None:
        self.catalogue = catalogue
        self.percentages = PercentRules(
            catalogue.parse("percent"), catalogue.parse("percentage_point")
        )
        self._rules: dict[str, Callable[..., IndicatorUnit]] = {
            "sum": self._sum,
            "difference": self._difference,
            "net_migration": self._difference,
            "ratio": self._ratio,
            "share": self._share,
            "percent_change": self._percent_change,
            "convert": self._convert,
            "formula": self._formula,
        }

    def derive(
        self,
        indicator_id: str,
        indicator: model.Indicator,
        inputs: Sequence[pint.Unit],
    ) -> IndicatorUnit:
        """Return the unit of ``indicator`` computed from ``inputs``' units.

        Raises:
            UnitMismatchError: If the inputs' units do not fit the kind's rule.
        """
        return self._rules[indicator.kind](indicator_id, indicator, inputs)

    def apply_declared(
        self,
        indicator_id: str,
        declared: str | None,
        found: IndicatorUnit,
        kind: str = "",
    ) -> IndicatorUnit:
        """Bring ``found`` to the unit the indicator declares, if it declares one.

        ``kind`` is the indicator's kind: a ratio is a relative measure, so
        it may not be declared in percentage points, though a difference of
        plain proportions (0.45 - 0.42) may.

        Raises:
            UnitMismatchError: If the declared unit measures something else.
            UnknownReferenceError: If the declared unit is not known.
        """
        if declared is None:
            return found
        return self._declared(indicator_id, declared, found, kind)

    def check_breakdown(
        self, check_id: str, ids: Sequence[str], units: Sequence[pint.Unit]
    ) -> None:
        """Require the parts of a check to add up to the unit of its total.

        The parts add up as a `sum` does, so percentages with points beside
        them give a percentage.

        Raises:
            UnitMismatchError: Naming the first part whose unit differs, or
                the unit the parts add up to.
        """
        total, parts = units[0], units[1:]
        if self.percentages.added_up([(1, unit) for unit in parts]) == total:
            return

        part_id, unit = next(
            (i, u) for i, u in zip(ids[1:], parts, strict=True) if u != total
        )
        problem = (
            f"check {check_id!r} compares parts with its total, but part "
            f"{part_id!r} is in {_name(unit)} and the total {ids[0]!r} in "
            f"{_name(total)}"
        )
        hint = self.percentages.hint(unit, total) or (
            "parts and total must be in the same unit"
        )
        raise UnitMismatchError(problem, hint=hint)

    def _declared(
        self, indicator_id: str, declared: str, found: IndicatorUnit, kind: str
    ) -> IndicatorUnit:
        target = self.catalogue.parse(declared)
        rules = self.percentages
        relative = kind == "ratio" and rules.invents_points(found.unit, target)
        if relative or rules.relabels(found.unit, target):
            raise _relabelled(indicator_id, declared, found.unit, self.percentages)
        factor = self.catalogue.factor(found.unit, target)
        if factor is None:
            problem = (
                f"indicator {indicator_id!r} declares the unit {declared!r}, but its "
                f"inputs give {_name(found.unit)}"
            )
            hint = f"set `unit: {_name(found.unit)}` or fix the inputs"
            raise UnitMismatchError(problem, hint=hint)
        return IndicatorUnit(target, found.scale * factor, found.direction)

    def _sum(
        self, indicator_id: str, indicator: model.Indicator, inputs: Sequence[pint.Unit]
    ) -> IndicatorUnit:
        return self._added_up(indicator_id, indicator, [1] * len(inputs), inputs)

    def _difference(
        self, indicator_id: str, indicator: model.Indicator, inputs: Sequence[pint.Unit]
    ) -> IndicatorUnit:
        return self._added_up(indicator_id, indicator, [1, -1], inputs)

    def _added_up(
        self,
        indicator_id: str,
        indicator: model.Indicator,
        signs: Sequence[int],
        inputs: Sequence[pint.Unit],
    ) -> IndicatorUnit:
        """Return the unit of inputs added or taken away, as `PercentRules` says."""
        unit = self.percentages.added_up(list(zip(signs, inputs, strict=True)))
        if unit is not None:
            return IndicatorUnit(unit)

        ids = indicator.inputs()
        second = next(
            (i for i, u in enumerate(inputs) if u != inputs[0]), len(inputs) - 1
        )
        raise self._combining(
            indicator_id,
            indicator.kind,
            ids[0],
            inputs[0],
            ids[second],
            inputs[second],
        )

    def _require_one_unit(
        self,
        indicator_id: str,
        ids: Sequence[str],
        units: Sequence[pint.Unit],
        operation: str,
    ) -> None:
        for input_id, unit in zip(ids[1:], units[1:], strict=True):
            if unit != units[0]:
                raise self._combining(
                    indicator_id, operation, ids[0], units[0], input_id, unit
                )

    def _combining(
        self,
        indicator_id: str,
        operation: str,
        first_id: str,
        first: pint.Unit,
        second_id: str,
        second: pint.Unit,
    ) -> UnitMismatchError:
        problem = (
            f"indicator {indicator_id!r} ({operation}) combines {first_id!r} in "
            f"{_name(first)} with {second_id!r} in {_name(second)}"
        )
        hint = self.percentages.hint(first, second) or _combining_hint(first, second)
        return UnitMismatchError(problem, hint=hint)

    def _ratio(
        self, indicator_id: str, indicator: model.Indicator, inputs: Sequence[pint.Unit]
    ) -> IndicatorUnit:
        return IndicatorUnit(inputs[0] / inputs[1])

    def _share(
        self, indicator_id: str, indicator: model.Indicator, inputs: Sequence[pint.Unit]
    ) -> IndicatorUnit:
        self._require_one_unit(indicator_id, indicator.inputs(), inputs, "share")
        return IndicatorUnit(self.percentages.percent)

    def _percent_change(
        self, indicator_id: str, indicator: model.Indicator, inputs: Sequence[pint.Unit]
    ) -> IndicatorUnit:
        ids = indicator.inputs()
        self._require_one_unit(indicator_id, ids, inputs, "percent change")
        return IndicatorUnit(self.percentages.percent)

    def _convert(
        self,
        indicator_id: str,
        indicator: model.ConvertIndicator,
        inputs: Sequence[pint.Unit],
    ) -> IndicatorUnit:
        amount, rate = inputs
        source = self.catalogue.currency_of(amount)
        target_unit = self.catalogue.parse(indicator.convert.to)
        target = self.catalogue.currency_of(target_unit)
        if source is None or target is None:
            problem = (
                f"indicator {indicator_id!r} converts {_name(amount)} to "
                f"{indicator.convert.to!r}, but both must be currencies"
            )
            hint = "convert an amount in one ISO 4217 currency to another"
            raise UnitMismatchError(problem, hint=hint)

        if source == target:
            problem = f"indicator {indicator_id!r} converts {source} to {source}"
            raise UnitMismatchError(problem, hint="convert to another currency")
        if rate == amount / target_unit:
            return IndicatorUnit(target_unit, direction="divide")
        if rate == target_unit / amount:
            return IndicatorUnit(target_unit, direction="multiply")
        problem = (
            f"indicator {indicator_id!r} converts {source} to {target} with the rate "
            f"{indicator.convert.rate!r} in {_name(rate)}, which does not connect them"
        )
        hint = f"use a rate in {source}/{target} or {target}/{source}"
        raise UnitMismatchError(problem, hint=hint)

    def _formula(
        self,
        indicator_id: str,
        indicator: model.FormulaIndicator,
        inputs: Sequence[pint.Unit],
    ) -> IndicatorUnit:
        units = dict(zip(indicator.inputs(), inputs, strict=True))
        formula = _FormulaUnits(indicator_id, self.percentages)
        dimensionless = self.catalogue.parse("dimensionless")

        unit = fold(
            indicator.formula.expression,
            number=lambda _value: dimensionless,
            reference=units.__getitem__,
            negation=formula.negation,
            binary=formula.binary,
            call=formula.call,
        )
        return IndicatorUnit(formula.settled(unit))


class _FormulaUnits:
    """The unit of each node of one formula, worked out from its inputs' units.

    Additions and subtractions are gathered into runs (`_Run`) and a run is
    given its unit where something else takes it, so that brackets which
    change nothing in the arithmetic change nothing in the unit.
    """

    def __init__(self, indicator_id: str, percentages: PercentRules) -> None:
        self.indicator_id = indicator_id
        self.percentages = percentages

    def settled(self, found: pint.Unit | _Run) -> pint.Unit:
        """Return the unit of a node, adding up a run of terms if it is one."""
        if isinstance(found, _Run):
            return self._run_unit(found)
        return found

    def binary(
        self,
        operator: str,
        left: pint.Unit | _Run,
        right: pint.Unit | _Run,
        node: Expression,
    ) -> pint.Unit | _Run:
        """Return the unit of an operation, or the run a + or - extends."""
        if operator in "+-":
            sign = 1 if operator == "+" else -1
            return _Run(_terms(left) + _terms(right, sign))
        left_unit, right_unit = self.settled(left), self.settled(right)
        return _combine(self.indicator_id, operator, left_unit, right_unit, node)

    def negation(self, operand: pint.Unit | _Run) -> _Run:
        """Return the run of a negated node: its terms with their signs turned."""
        return _Run(_terms(operand, -1))

    def call(self, function: str, arguments: list[pint.Unit | _Run]) -> pint.Unit:
        """Return the unit of ``abs``, ``min`` or ``max``, whose arguments agree.

        Raises:
            UnitMismatchError: If ``min`` or ``max`` compares different units.
        """
        found = [self.settled(argument) for argument in arguments]
        other = next((u for u in found if u != found[0]), None)
        if function == "abs" or other is None:
            return found[0]

        problem = (
            f"indicator {self.indicator_id!r} compares values in different units "
            f"in {function}(): {', '.join(_name(unit) for unit in found)}"
        )
        hint = self.percentages.hint(found[0], other) or "give every argument one unit"
        raise UnitMismatchError(problem, hint=hint)

    def _run_unit(self, run: _Run) -> pint.Unit:
        """Return the unit of a run of additions and subtractions.

        Raises:
            UnitMismatchError: If its units do not add up.
        """
        unit = self.percentages.added_up(run.terms)
        if unit is not None:
            return unit

        first = run.terms[0][1]
        sign, other = next(((s, u) for s, u in run.terms if u != first), run.terms[-1])
        verb = "adds" if sign > 0 else "subtracts"
        problem = (
            f"indicator {self.indicator_id!r} {verb} {_name(first)} and {_name(other)}"
        )
        hint = self.percentages.hint(first, other) or _combining_hint(first, other)
        raise UnitMismatchError(problem, hint=hint)


@dataclass(frozen=True, slots=True)
class _Run:
    """Terms of a formula added (sign 1) or taken away (-1), not yet settled.

    A run is given its unit as a whole, where something other than ``+`` or
    ``-`` takes it, so that ``a - b - c`` and ``a - (b + c)`` agree.
    """

    terms: tuple[tuple[int, pint.Unit], ...]


def _terms(found: pint.Unit | _Run, sign: int = 1) -> tuple[tuple[int, pint.Unit], ...]:
    if isinstance(found, _Run):
        return tuple((sign * s, unit) for s, unit in found.terms)
    return ((sign, found),)


def _combine(
    indicator_id: str,
    operator: str,
    left: pint.Unit,
    right: pint.Unit,
    node: Expression,
) -> pint.Unit:
    """Return the unit of ``left`` times, over or to the power of ``right``."""
    # Pint leaves * and / on units untyped and types ** as giving its base
    # class; each gives a unit of the registry's own class.
    if operator == "*":
        return left * right  # type: ignore[no-any-return]
    if operator == "/":
        return left / right  # type: ignore[no-any-return]
    return left ** _exponent(indicator_id, node)  # type: ignore[return-value]


def _exponent(indicator_id: str, node: Expression) -> int:
    exponent = getattr(node, "right", None)
    value = _literal(exponent)
    if value is None or value.denominator != 1:
        problem = (
            f"indicator {indicator_id!r} raises to a power that is not a whole number"
        )
        raise FormulaError(problem, hint="use a whole-number exponent such as ^2")
    return int(value)


def _literal(expression: Expression | None) -> Fraction | None:
    if isinstance(expression, Number):
        return expression.value
    operand = getattr(expression, "operand", None)
    if operand is not None and isinstance(operand, Number):
        return -operand.value
    return None


def _relabelled(
    indicator_id: str, declared: str, found: pint.Unit, percentages: PercentRules
) -> UnitMismatchError:
    """Return the error for a unit declared as percent where points are meant.

    The numbers would not change, only the label, and the label is what
    tells a relative change (percent) from a difference of percentages
    (percentage points).
    """
    problem = (
        f"indicator {indicator_id!r} declares the unit {declared!r}, but its "
        f"inputs give {_name(found)}"
    )
    if str(percentages.point) in found._units:
        hint = (
            "the difference of two percentages is in percentage points (42 % to "
            "45 % is +3 percentage points, not +3 %); declare "
            f"`unit: {_name(found)}`, or use `percent_change` for the change "
            "relative to the first value"
        )
    else:
        hint = (
            "percentage points are for a difference of two percentages, and "
            f"these inputs give {_name(found)}, a level or a ratio, not a "
            f"difference; declare `unit: {_name(found)}`"
        )
    return UnitMismatchError(problem, hint=hint)


def _combining_hint(first: pint.Unit, second: pint.Unit) -> str:
    """Say how to bring two units together, which depends on what they are."""
    if "percent" in (str(first), str(second)):
        return (
            "a percentage is a share of a whole, not a count or an amount; add "
            "percentages to percentages, or take the share of the count with "
            "`share` or `ratio`"
        )
    if first.dimensionless or second.dimensionless:
        return (
            "a plain number has no unit, so it cannot be added to a count or an "
            "amount; declare it as a fact with its unit"
        )
    if _is_currency(first) and _is_currency(second):
        return (
            "amounts in different currencies must be converted first, with a "
            "`convert` indicator and an exchange-rate fact"
        )
    return "both inputs must count the same thing in the same unit"


def _is_currency(unit: pint.Unit) -> bool:
    return all(str(name).startswith("[currency_") for name in unit.dimensionality)


def _name(unit: pint.Unit) -> str:
    return unit_text(unit)
