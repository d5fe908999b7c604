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
        self, indicator_id: str, declared: str | None, found: IndicatorUnit
    ) -> IndicatorUnit:
        """Bring ``found`` to the unit the indicator declares, if it declares one.

        Raises:
            UnitMismatchError: If the declared unit measures something else.
            UnknownReferenceError: If the declared unit is not known.
        """
        if declared is None:
            return found
        return self._declared(indicator_id, declared, found)

    def check_breakdown(
        self, check_id: str, ids: Sequence[str], units: Sequence[pint.Unit]
    ) -> None:
        """Require the total and every part of a check to share one unit.

        Raises:
            UnitMismatchError: Naming the first part whose unit differs.
        """
        total = units[0]
        for part_id, unit in zip(ids[1:], units[1:], strict=True):
            if unit != total:
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
        self, indicator_id: str, declared: str, found: IndicatorUnit
    ) -> IndicatorUnit:
        target = self.catalogue.parse(declared)
        if self.percentages.relabels(found.unit, target):
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
        ids = indicator.inputs()
        unit = inputs[0]
        for input_id, addend in zip(ids[1:], inputs[1:], strict=True):
            added = self.percentages.added(unit, addend)
            if added is None:
                raise self._combining(
                    indicator_id, "sum", ids[0], unit, input_id, addend
                )
            unit = added
        return IndicatorUnit(unit)

    def _difference(
        self, indicator_id: str, indicator: model.Indicator, inputs: Sequence[pint.Unit]
    ) -> IndicatorUnit:
        first, second = inputs
        unit = self.percentages.subtracted(first, second)
        if unit is None:
            ids = indicator.inputs()
            raise self._combining(
                indicator_id, indicator.kind, ids[0], first, ids[1], second
            )
        return IndicatorUnit(unit)

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
        dimensionless = self.catalogue.parse("dimensionless")

        def binary(
            operator: str, left: pint.Unit, right: pint.Unit, node: Expression
        ) -> pint.Unit:
            return _combine(indicator_id, operator, left, right, node, self.percentages)

        def call(function: str, arguments: list[pint.Unit]) -> pint.Unit:
            other = next((u for u in arguments if u != arguments[0]), None)
            if function != "abs" and other is not None:
                problem = (
                    f"indicator {indicator_id!r} compares values in different units "
                    f"in {function}(): {', '.join(_name(unit) for unit in arguments)}"
                )
                hint = self.percentages.hint(arguments[0], other)
                raise UnitMismatchError(
                    problem, hint=hint or "give every argument one unit"
                )
            return arguments[0]

        unit = fold(
            indicator.formula.expression,
            number=lambda _value: dimensionless,
            reference=units.__getitem__,
            negation=lambda operand: operand,
            binary=binary,
            call=call,
        )
        return IndicatorUnit(unit)


def _combine(
    indicator_id: str,
    operator: str,
    left: pint.Unit,
    right: pint.Unit,
    node: Expression,
    percentages: PercentRules,
) -> pint.Unit:
    if operator in "+-":
        if operator == "+":
            unit = percentages.added(left, right)
        else:
            unit = percentages.subtracted(left, right)
        if unit is None:
            verb = "adds" if operator == "+" else "subtracts"
            problem = (
                f"indicator {indicator_id!r} {verb} {_name(left)} and {_name(right)}"
            )
            hint = percentages.hint(left, right) or _combining_hint(left, right)
            raise UnitMismatchError(problem, hint=hint)
        return unit
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
            f"these inputs give a percentage; declare `unit: {_name(found)}`"
        )
    return UnitMismatchError(problem, hint=hint)


def _combining_hint(first: pint.Unit, second: pint.Unit) -> str:
    """Say how to bring two units together, which depends on what they are."""
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
