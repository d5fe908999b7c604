"""Approximate figures carried through the arithmetic as bounds.

A fact with a qualifier other than ``exact`` has bounds: ``more_than 22000``
is (22000, +∞), ``at_most 30`` is (−∞, 30], a range "2 to 4 million" is
[2000000, 4000000]. An approximate figure lies within its ``margin`` of the
printed value, or, without one, within half a unit of its last significant
digit: "approximately 860,000" is [855000, 865000], "about 10 per cent" is
[5, 15]. A ``rounded`` figure is one printed at the precision it is written
with, so 6.5 stands for every value that rounds half away from zero to it,
[6.45, 6.55).

Each indicator kind has an interval version of its arithmetic here. It runs
only for indicators with at least one bounded input; exact figures take the
plain path of `_operations`, untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction

from .._numbers import Number, decimals_written, exact
from ..spec import _model as model
from ._bounds import Bound, Bounds, BoundsUndefinedError, largest, mean, smallest
from ._operations import Column, Undetermined


__all__ = [
    "BoundsColumn",
    "apply_bounds",
    "bounded_for",
    "fact_bounds",
    "fact_value",
    "printed_bounds",
]

#: One bounds per member; ``None`` where the member's value is undetermined.
BoundsColumn = tuple[Bounds | None, ...]

#: The interval arithmetic of one indicator, on its inputs' bounds.
Bounded = Callable[..., Bounds]


def fact_value(fact: model.Fact) -> Number:
    """Return the value a fact stands for: as printed, times its scale.

    A range stands for its midpoint, which is what its value shows; its
    bounds say where the true value lies.
    """
    value = fact.value
    if isinstance(value, model.ValueRange):
        middle = (Fraction(value.low) + Fraction(value.high)) / 2
        return exact(middle * fact.multiplier)
    if fact.scale is None:
        return exact(value)
    return exact(Fraction(value) * fact.multiplier)


def fact_bounds(fact: model.Fact) -> Bounds | None:
    """Return where a fact's true value lies, or ``None`` when it is exact."""
    qualifier = fact.qualifier
    if qualifier is model.Qualifier.EXACT:
        return None
    if isinstance(fact.value, model.ValueRange):
        low, high = (_scaled(end, fact) for end in (fact.value.low, fact.value.high))
        return Bounds(Bound(low, closed=True), Bound(high, closed=True))

    value = _scaled(fact.value, fact)
    if qualifier is model.Qualifier.APPROXIMATE:
        half = _approximate_margin(fact.value, fact.margin) * fact.multiplier
        return _around(value, exact(half))
    if qualifier is model.Qualifier.ROUNDED:
        half = Fraction(1, 2) / 10 ** decimals_written(fact.value)
        return printed_bounds(value, exact(half * fact.multiplier))
    return _one_sided(qualifier, value)


def printed_bounds(printed: Number, half: Number) -> Bounds:
    """Return every value that rounds half away from zero to ``printed``.

    ``half`` is half a unit of the printed precision. Rounding away from
    zero sends a value exactly halfway to the larger magnitude, so the end
    nearer zero is included and the far end excluded: 6.5 stands for
    [6.45, 6.55), −6.5 for (−6.55, −6.45], and 0 for (−0.05, 0.05).
    """
    low = exact(Fraction(printed) - half)
    high = exact(Fraction(printed) + half)
    return Bounds(Bound(low, closed=printed > 0), Bound(high, closed=printed < 0))


def apply_bounds(
    bounded: Bounded,
    values: Sequence[Column],
    bounds: Sequence[BoundsColumn | None],
    scale: Fraction,
) -> BoundsColumn:
    """Run ``bounded`` over the members of input columns.

    An input without bounds takes its exact value as a one-point interval.
    A member whose value is undetermined has no bounds either. When the
    interval arithmetic has no answer (a divisor that may be zero), the
    member's bounds are the whole line: any value is then possible.
    """
    members = range(len(values[0]))
    return tuple(_member(bounded, values, bounds, scale, index) for index in members)


def _member(
    bounded: Bounded,
    values: Sequence[Column],
    bounds: Sequence[BoundsColumn | None],
    scale: Fraction,
    index: int,
) -> Bounds | None:
    intervals = []
    for column, bounds_column in zip(values, bounds, strict=True):
        value = column[index]
        if isinstance(value, Undetermined):
            return None
        own = None if bounds_column is None else bounds_column[index]
        intervals.append(Bounds.point(value) if own is None else own)
    try:
        result = bounded(*intervals)
    except BoundsUndefinedError as error:
        return Bounds(None, None, reason=str(error))
    return result if scale == 1 else result.scaled(scale)


def bounded_for(indicator: model.Indicator, legs: Sequence[Leg] = ()) -> Bounded:
    """Return the interval arithmetic of ``indicator``.

    Args:
        indicator: The indicator.
        legs: For a conversion, how many rates each step averages and
            whether it multiplies or divides.
    """
    if isinstance(indicator, model.FormulaIndicator):
        return _formula(indicator)
    if isinstance(indicator, model.ConvertIndicator):
        return _conversion(legs)
    return _KINDS[indicator.kind]


#: One step of a conversion: how many rate facts it averages, and whether
#: the amount is multiplied or divided by their mean.
Leg = tuple[int, str]


def _sum(*intervals: Bounds) -> Bounds:
    total = intervals[0]
    for interval in intervals[1:]:
        total = total + interval
    return total


def _difference(first: Bounds, second: Bounds) -> Bounds:
    return first - second


def _ratio(numerator: Bounds, denominator: Bounds) -> Bounds:
    return numerator / denominator


def _share(part: Bounds, whole: Bounds) -> Bounds:
    return (part / whole).scaled(100)


def _percent_change(base: Bounds, new: Bounds) -> Bounds:
    # Written as (new / base − 1) × 100 so each input appears once and the
    # interval stays as tight as the inputs allow.
    low = base.low
    if low is None or low.value < 0 or (low.value == 0 and low.closed):
        msg = f"the base may be zero or negative ({base.describe()})"
        raise BoundsUndefinedError(msg)
    return (new / base - Bounds.point(1)).scaled(100)


def _conversion(legs: Sequence[Leg]) -> Bounded:
    def convert(amount: Bounds, *rates: Bounds) -> Bounds:
        start = 0
        for count, direction in legs:
            rate = mean(rates[start : start + count])
            amount = amount * rate if direction == "multiply" else amount / rate
            start += count
        return amount

    return convert


def _formula(indicator: model.FormulaIndicator) -> Bounded:
    from ..graph._formula import fold

    formula = indicator.formula
    names = formula.references()

    def evaluate(*intervals: Bounds) -> Bounds:
        by_name = dict(zip(names, intervals, strict=True))
        return fold(
            formula.expression,
            number=lambda value: Bounds.point(exact(value)),
            reference=by_name.__getitem__,
            negation=_negation,
            binary=_binary,
            call=_call,
        )

    return evaluate


def _negation(operand: Bounds) -> Bounds:
    return -operand


def _binary(operator: str, left: Bounds, right: Bounds, node: object) -> Bounds:
    if operator == "+":
        return left + right
    if operator == "-":
        return left - right
    if operator == "*":
        return left * right
    if operator == "/":
        return left / right
    assert right.low is not None
    return left.power(int(right.low.value))


def _call(function: str, arguments: list[Bounds]) -> Bounds:
    if function == "abs":
        return abs(arguments[0])
    if function == "min":
        return smallest(arguments)
    return largest(arguments)


def _scaled(value: Decimal, fact: model.Fact) -> Number:
    return exact(Fraction(value) * fact.multiplier)


def _approximate_margin(value: Decimal, margin: Decimal | None) -> Fraction:
    if margin is not None:
        return Fraction(margin)
    return Fraction(1, 2) * _last_significant_unit(value)


def _last_significant_unit(value: Decimal) -> Fraction:
    """Return the place value of the last significant digit of a printed number.

    Written decimals are significant (``6.5`` gives 0.1); a whole number's
    trailing zeros are not (``860000`` gives 10000, ``140`` gives 10).
    """
    places = decimals_written(value)
    if places > 0:
        return Fraction(1, 10**places)
    whole = abs(int(value))
    unit = 1
    while whole and whole % 10 == 0:
        whole //= 10
        unit *= 10
    return Fraction(unit)


def _around(value: Number, half: Number) -> Bounds:
    low = Bound(exact(Fraction(value) - half), closed=True)
    high = Bound(exact(Fraction(value) + half), closed=True)
    return Bounds(low, high)


def _one_sided(qualifier: model.Qualifier, value: Number) -> Bounds:
    if qualifier is model.Qualifier.MORE_THAN:
        return Bounds(Bound(value, closed=False), None)
    if qualifier is model.Qualifier.AT_LEAST:
        return Bounds(Bound(value, closed=True), None)
    if qualifier is model.Qualifier.LESS_THAN:
        return Bounds(None, Bound(value, closed=False))
    return Bounds(None, Bound(value, closed=True))


_KINDS: dict[str, Bounded] = {
    "sum": _sum,
    "difference": _difference,
    "net_migration": _difference,
    "ratio": _ratio,
    "share": _share,
    "percent_change": _percent_change,
}
