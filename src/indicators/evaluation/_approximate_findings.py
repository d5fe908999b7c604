"""Findings on approximate figures: decided by bounds, or left undetermined.

When a printed figure or a breakdown rests on an approximate fact, what the
inputs give is an interval, not a number. The printed figure stands for
the values that round to it at its precision (400 for [399.5, 400.5)); it
passes when that interval lies within the computed bounds or the bounds
lie within it, fails when the two share no value, and is undetermined
when a bound cuts the figure's rounding interval.

A breakdown check is decided the way three-valued logic decides: it
passes when every combination of values within the bounds satisfies it,
fails when none does, and is undetermined otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from .._numbers import Number, exact, format_fixed, format_number
from ..spec import _model as model
from ._bounded import BoundsColumn, printed_bounds
from ._bounds import Bound, Bounds
from ._findings import Finding, Status, _finding, _precision, _reported
from ._operations import Column, Undetermined


__all__ = ["bounded_check_finding", "bounded_reported_finding"]


def bounded_reported_finding(
    indicator_id: str,
    reported: model.Reported,
    value: Column,
    unit: str,
    bounds: BoundsColumn,
) -> Finding | None:
    """Compare a printed figure with the bounds of an approximate result.

    Returns ``None`` when the value is undetermined or exact after all, so
    that the plain comparison applies.
    """
    computed, interval = value[0], bounds[0]
    if isinstance(computed, Undetermined) or interval is None or interval.is_point:
        return None

    stated = exact(reported.value)
    half = exact(Fraction(1, 2) * Fraction(10) ** -reported.decimals)
    printed = printed_bounds(stated, half)
    if printed.within(interval) or interval.within(printed):
        status, verdict = Status.PASS, "lies within"
    elif not printed.meets(interval):
        status, verdict = Status.FAIL, "lies outside"
    else:
        status, verdict = Status.UNDETERMINED, "straddles a bound of"
    message = (
        f"the printed {format_fixed(stated, reported.places)} "
        f"(at {_precision(reported.decimals)}) "
        f"{verdict} what the approximate inputs give: {interval.describe(unit)}"
    )
    return _reported(indicator_id, status, computed, stated, unit, message, interval)


def bounded_check_finding(
    check_id: str,
    check: model.Check,
    values: Mapping[str, Column],
    bounds: Mapping[str, BoundsColumn],
    unit: str,
) -> Finding | None:
    """Test a breakdown whose total or parts are approximate, by their bounds.

    Returns ``None`` when no input has bounds, or one is undetermined, so
    that the plain check applies.
    """
    ids = check.inputs()
    if not any(entry_id in bounds for entry_id in ids):
        return None
    intervals = [_interval(entry_id, values, bounds) for entry_id in ids]
    if any(interval is None for interval in intervals):
        return None

    total, *parts = (interval for interval in intervals if interval is not None)
    summed = parts[0]
    for part in parts[1:]:
        summed = summed + part
    status, rule = _decide(check, summed - total)
    message = (
        f"the parts add up to {summed.describe(unit)} and the total is "
        f"{total.describe(unit)}, so {rule}"
    )
    computed = _point(ids[1:], values)
    return _finding(
        check_id,
        ids[0],
        check.kind,
        status,
        check.severity,
        computed,
        _point(ids[:1], values),
        unit,
        message,
        summed,
    )


def _decide(check: model.Check, gap: Bounds) -> tuple[Status, str]:
    if isinstance(check, model.PartsSumTo):
        tolerance = exact(check.breakdown().tolerance)
        allowed = Bounds(Bound(-tolerance, closed=True), Bound(tolerance, closed=True))
        claim = "the parts equal the total" + (
            f" within {format_number(tolerance)}" if tolerance else ""
        )
    else:
        allowed = Bounds(None, Bound(0, closed=True))
        claim = "the parts stay within the total"
    if gap.within(allowed):
        return Status.PASS, f"{claim} whatever the true values"
    if not gap.meets(allowed):
        return Status.FAIL, f"{claim} for no values within the bounds"
    return Status.UNDETERMINED, f"whether {claim} depends on the true values"


def _interval(
    entry_id: str, values: Mapping[str, Column], bounds: Mapping[str, BoundsColumn]
) -> Bounds | None:
    value = values[entry_id][0]
    if isinstance(value, Undetermined):
        return None
    column = bounds.get(entry_id)
    own = None if column is None else column[0]
    return Bounds.point(value) if own is None else own


def _point(ids: tuple[str, ...], values: Mapping[str, Column]) -> Number:
    total: Number = 0
    for entry_id in ids:
        value = values[entry_id][0]
        assert not isinstance(value, Undetermined)
        total = exact(Fraction(total) + value)
    return total
