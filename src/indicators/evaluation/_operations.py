"""The arithmetic of each indicator kind, exact and over whole columns.

Every kind is a function of its input values that returns an exact number
(`int` or `Fraction`). A value that cannot be computed (a division by zero,
a percent change from a zero base) is an `Undetermined` carrying its reason;
it flows on to everything computed from it instead of stopping the run.

Evaluation works on columns: one value per member of a breakdown, a single
value for a plain fact. `apply` runs one kind over whole columns at once, so
a dimension with many members costs one call per indicator, not one per
member.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from .._numbers import Number, exact, format_number
from ..spec import _model as model


__all__ = [
    "Column",
    "Operation",
    "Undetermined",
    "Value",
    "apply",
    "operation_for",
]


@dataclass(frozen=True, slots=True)
class Undetermined:
    """A value that cannot be computed, with the reason and where it began.

    Attributes:
        reason: Why, in one sentence, such as "division by zero".
        origin: The id of the indicator where the reason arose.
        via: The indicators the value passed through on its way from
            ``origin``, the latest first; empty at the origin.
    """

    reason: str
    origin: str
    via: tuple[str, ...] = ()

    def passed_to(self, indicator_id: str) -> Undetermined:
        """Return this value as inherited by ``indicator_id``, one step on."""
        return Undetermined(self.reason, self.origin, (indicator_id, *self.via))

    def chain(self) -> tuple[str, ...]:
        """Return the ids from the holder's nearest input down to the origin."""
        return (*self.via[1:], self.origin)


Value = Number | Undetermined
Column = tuple[Value, ...]


class _Undefined(ArithmeticError):
    """Raised inside a kind's arithmetic when the result does not exist."""


@dataclass(frozen=True)
class Operation:
    """One indicator's arithmetic, ready to run.

    Attributes:
        indicator_id: The indicator the operation computes.
        compute: The exact arithmetic on one member's input values.
        written: How the operation reads with the input ids put in.
        describe: How the operation reads with the inputs' texts put in
            (each value already written for people, with its unit).
    """

    indicator_id: str
    compute: Callable[..., Number]
    written: str
    describe: Callable[[Sequence[str]], str]


def apply(operation: Operation, columns: Sequence[Column], scale: Fraction) -> Column:
    """Run ``operation`` over input ``columns``, member by member.

    A member with an undetermined input is undetermined, with the first
    such input's reason and the chain of indicators it came through; the
    others are computed and scaled by ``scale``.
    """
    compute = operation.compute
    indicator_id = operation.indicator_id

    def member(*values: Value) -> Value:
        for value in values:
            if isinstance(value, Undetermined):
                return value.passed_to(indicator_id)
        try:
            result = compute(*values)
        except (_Undefined, ZeroDivisionError) as error:
            return Undetermined(str(error) or "division by zero", indicator_id)
        if scale != 1:
            result = exact(result * scale)
        return result

    if not columns:
        return (member(),)
    return tuple(map(member, *columns))


def operation_for(
    indicator_id: str, indicator: model.Indicator, direction: str | None
) -> Operation:
    """Return the operation that computes ``indicator``."""
    names = indicator.inputs()
    if isinstance(indicator, model.ConvertIndicator):
        return _conversion(indicator_id, names, direction)
    if isinstance(indicator, model.FormulaIndicator):
        return _formula(indicator_id, indicator)
    build = _BUILDERS[indicator.kind]
    return build(indicator_id, names)


def _total(*values: Number) -> Number:
    return sum(values[1:], values[0])


def _sum(indicator_id: str, names: Sequence[str]) -> Operation:
    return Operation(
        indicator_id,
        _total,
        " + ".join(names),
        lambda texts: " + ".join(texts),
    )


def _minus(first: Number, second: Number) -> Number:
    return first - second


def _difference(indicator_id: str, names: Sequence[str]) -> Operation:
    return Operation(
        indicator_id,
        _minus,
        f"{names[0]} − {names[1]}",
        lambda texts: f"{texts[0]} − {texts[1]}",
    )


def _divide(numerator: Number, denominator: Number) -> Number:
    if denominator == 0:
        msg = "the denominator is zero"
        raise _Undefined(msg)
    return exact(Fraction(numerator) / denominator)


def _ratio(indicator_id: str, names: Sequence[str]) -> Operation:
    return Operation(
        indicator_id,
        _divide,
        f"{names[0]} / {names[1]}",
        lambda texts: f"{texts[0]} / {texts[1]}",
    )


def _percentage(part: Number, whole: Number) -> Number:
    if whole == 0:
        msg = "the whole is zero, so no share of it exists"
        raise _Undefined(msg)
    return exact(Fraction(part) * 100 / whole)


def _share(indicator_id: str, names: Sequence[str]) -> Operation:
    return Operation(
        indicator_id,
        _percentage,
        f"{names[0]} / {names[1]} × 100",
        lambda texts: f"{texts[0]} / {texts[1]} × 100",
    )


def _change(base: Number, new: Number) -> Number:
    if base == 0:
        msg = "the base value is zero, so a percent change from it does not exist"
        raise _Undefined(msg)
    if base < 0:
        msg = (
            f"the base value {format_number(base)} is negative, so a percent "
            "change from it would have a misleading sign"
        )
        raise _Undefined(msg)
    return exact(Fraction(new - base) * 100 / base)


def _percent_change(indicator_id: str, names: Sequence[str]) -> Operation:
    return Operation(
        indicator_id,
        _change,
        f"({names[1]} − {names[0]}) / {names[0]} × 100",
        lambda texts: f"({texts[1]} − {texts[0]}) / {texts[0]} × 100",
    )


def _conversion(
    indicator_id: str, names: Sequence[str], direction: str | None
) -> Operation:
    """Divide by the rate when its direction says so; multiply otherwise."""
    if direction == "divide":
        return Operation(
            indicator_id,
            _divide,
            f"{names[0]} / {names[1]}",
            lambda texts: f"{texts[0]} / {texts[1]}",
        )
    return Operation(
        indicator_id,
        _times,
        f"{names[0]} × {names[1]}",
        lambda texts: f"{texts[0]} × {texts[1]}",
    )


def _times(first: Number, second: Number) -> Number:
    return exact(Fraction(first) * second)


def _formula(indicator_id: str, indicator: model.FormulaIndicator) -> Operation:
    formula = indicator.formula
    names = formula.references()

    def compute(*values: Number) -> Number:
        return exact(Fraction(formula.evaluate(dict(zip(names, values, strict=True)))))

    def describe(texts: Sequence[str]) -> str:
        return formula.render(dict(zip(names, texts, strict=True)))

    return Operation(indicator_id, compute, formula.render(), describe)


_BUILDERS: dict[str, Callable[[str, Sequence[str]], Operation]] = {
    "sum": _sum,
    "difference": _difference,
    "net_migration": _difference,
    "ratio": _ratio,
    "share": _share,
    "percent_change": _percent_change,
}
