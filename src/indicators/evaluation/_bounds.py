"""Bounds: where the true value of an approximate figure lies, exactly.

A report that prints "over 22 thousand transactions" does not give a number
but an interval, (22000, +∞). `Bounds` is such an interval with exact ends,
each open or closed (``more_than`` excludes its figure, ``at_least``
includes it) or missing (unbounded). The arithmetic here is interval
arithmetic: the bounds of a result contain every value the result can take
when each input takes any value within its own bounds.

Bounds are only built for figures that rest on an approximate input; the
exact figures of a spec never pay for them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .._numbers import Number, exact, format_number
from ..graph._units import unit_words


__all__ = ["Bound", "Bounds", "BoundsUndefinedError"]

#: An end value during arithmetic: an exact number or ±infinity.
_Extended = Number | float


class BoundsUndefinedError(ArithmeticError):
    """Raised when an operation has no bounds, such as a division by (0, 5]."""


@dataclass(frozen=True, slots=True)
class Bound:
    """One end of an interval: its exact value and whether it is included.

    Attributes:
        value: The end, exactly.
        closed: ``True`` when the value itself is possible (``at_least``),
            ``False`` when it is excluded (``more_than``).
    """

    value: Number
    closed: bool


@dataclass(frozen=True, slots=True)
class Bounds:
    """An interval of possible values; a missing end means unbounded.

    Attributes:
        low: The lower end, or ``None`` for no lower bound.
        high: The upper end, or ``None`` for no upper bound.
        reason: Why the interval is unbounded on both sides when the
            arithmetic had no answer (a divisor that may be zero).
    """

    low: Bound | None
    high: Bound | None
    reason: str | None = field(default=None, compare=False)

    @classmethod
    def point(cls, value: Number) -> Bounds:
        """Return the interval holding ``value`` alone."""
        end = Bound(value, closed=True)
        return cls(end, end)

    @property
    def is_point(self) -> bool:
        """Whether the interval holds one value only, so is exact."""
        low, high = self.low, self.high
        return low is not None and high is not None and low.value == high.value

    @property
    def qualifier(self) -> str:
        """Name the shape of the interval the way a spec names a fact's qualifier."""
        low, high = self.low, self.high
        if self.is_point:
            return "exact"
        if low is not None and high is not None:
            return "range"
        if low is not None:
            return "at_least" if low.closed else "more_than"
        if high is not None:
            return "at_most" if high.closed else "less_than"
        return "unbounded"

    def contains(self, value: Number) -> bool:
        """Tell whether ``value`` is one of the possible values."""
        low, high = self.low, self.high
        above = low is None or value > low.value or (low.closed and value == low.value)
        below = (
            high is None or value < high.value or (high.closed and value == high.value)
        )
        return above and below

    def contains_zero(self) -> bool:
        """Tell whether zero is a possible value, which forbids dividing by it."""
        return self.contains(0)

    def within(self, other: Bounds) -> bool:
        """Tell whether every value of this interval is also one of ``other``."""
        return _tighter_low(self.low, other.low) and _tighter_high(
            self.high, other.high
        )

    def meets(self, other: Bounds) -> bool:
        """Tell whether the two intervals share at least one value."""
        low = self.low if _tighter_low(self.low, other.low) else other.low
        high = self.high if _tighter_high(self.high, other.high) else other.high
        if low is None or high is None:
            return True
        if low.value != high.value:
            return low.value < high.value
        return low.closed and high.closed

    def describe(self, unit: str = "") -> str:
        """Say the interval in words: ``more than 22,000 transaction``.

        The unit follows the last number, and is worded for it (``at most
        1 percentage point``, ``less than 2 percentage points``).
        """
        low, high = self.low, self.high
        if self.is_point:
            assert low is not None
            number = format_number(low.value)
            return f"exactly {number}{_unit_after(unit, number)}"
        words = []
        number = ""
        if low is not None:
            lead = "at least" if low.closed else "more than"
            number = format_number(low.value)
            words.append(f"{lead} {number}")
        if high is not None:
            lead = "at most" if high.closed else "less than"
            number = format_number(high.value)
            words.append(f"{lead} {number}")
        if not words:
            why = f" ({self.reason})" if self.reason else ""
            return f"no bound could be derived{why}"
        return " and ".join(words) + _unit_after(unit, number)

    def to_dict(self, encode: Callable[[Number], Any] | None = None) -> dict[str, Any]:
        """Return JSON-ready data: each end a number or ``None`` (unbounded),
        whether it is included (``at_least``) or not (``more_than``), the shape
        and the words.

        Args:
            encode: How to write each end; by default whole ends are exact
                integers and others the nearest double.
        """
        write = encode or _json_number
        low, high = self.low, self.high
        return {
            "low": None if low is None else write(low.value),
            "low_included": None if low is None else low.closed,
            "high": None if high is None else write(high.value),
            "high_included": None if high is None else high.closed,
            "qualifier": self.qualifier,
            "text": self.describe(),
        }

    def __neg__(self) -> Bounds:
        return Bounds(_negated(self.high), _negated(self.low))

    def __add__(self, other: Bounds) -> Bounds:
        return Bounds(_added(self.low, other.low), _added(self.high, other.high))

    def __sub__(self, other: Bounds) -> Bounds:
        return self + (-other)

    def __mul__(self, other: Bounds) -> Bounds:
        candidates = [
            _product(mine, theirs) for mine in _ends(self) for theirs in _ends(other)
        ]
        return _hull(candidates)

    def __truediv__(self, other: Bounds) -> Bounds:
        return self * other.reciprocal()

    def scaled(self, factor: Fraction | int) -> Bounds:
        """Return the interval multiplied by an exact constant."""
        return self * Bounds.point(exact(Fraction(factor)))

    def reciprocal(self) -> Bounds:
        """Return the interval of 1 / x for every x of this one.

        Raises:
            BoundsUndefinedError: If zero is a possible value.
        """
        if self.contains_zero():
            msg = f"the divisor may be zero ({self.describe()})"
            raise BoundsUndefinedError(msg)
        return Bounds(_inverted(self.high), _inverted(self.low))

    def power(self, exponent: int) -> Bounds:
        """Return the interval of x ** exponent for a whole exponent.

        Raises:
            BoundsUndefinedError: If the exponent is negative and zero is a
                possible value.
        """
        if exponent < 0:
            return self.reciprocal().power(-exponent)
        if exponent == 0:
            return Bounds.point(1)
        if exponent % 2 == 0 and self.contains_zero():
            magnitude = abs(self)
            return _repeated(magnitude, exponent)
        return _repeated(self, exponent)

    def __abs__(self) -> Bounds:
        if not self.contains_zero():
            return self if _is_positive(self) else -self
        high = _larger(_negated(self.low), self.high)
        return Bounds(Bound(0, closed=True), high)


def _json_number(value: Number) -> int | float:
    if isinstance(value, int) or value.denominator == 1:
        return int(value)
    return float(value)


def mean(intervals: Sequence[Bounds]) -> Bounds:
    """Return the interval of the arithmetic mean of values in ``intervals``."""
    total = intervals[0]
    for interval in intervals[1:]:
        total = total + interval
    return total.scaled(Fraction(1, len(intervals)))


def smallest(intervals: Sequence[Bounds]) -> Bounds:
    """Return the interval of min(x1, x2, ...) for values in ``intervals``."""
    return _pick(intervals, _smaller_low, _smaller_high)


def largest(intervals: Sequence[Bounds]) -> Bounds:
    """Return the interval of max(x1, x2, ...) for values in ``intervals``."""
    return _pick(intervals, _larger_low, _larger)


def _pick(
    intervals: Sequence[Bounds],
    low_of: Callable[[Bound | None, Bound | None], Bound | None],
    high_of: Callable[[Bound | None, Bound | None], Bound | None],
) -> Bounds:
    low, high = intervals[0].low, intervals[0].high
    for interval in intervals[1:]:
        low = low_of(low, interval.low)
        high = high_of(high, interval.high)
    return Bounds(low, high)


def _repeated(interval: Bounds, times: int) -> Bounds:
    result = interval
    for _ in range(times - 1):
        result = result * interval
    return result


def _is_positive(interval: Bounds) -> bool:
    low = interval.low
    return low is not None and low.value >= 0


def _negated(end: Bound | None) -> Bound | None:
    return None if end is None else Bound(-end.value, end.closed)


def _added(first: Bound | None, second: Bound | None) -> Bound | None:
    if first is None or second is None:
        return None
    return Bound(
        exact(Fraction(first.value) + second.value), first.closed and second.closed
    )


def _inverted(end: Bound | None) -> Bound | None:
    if end is None:
        return Bound(0, closed=False)
    if end.value == 0:
        return None
    return Bound(exact(1 / Fraction(end.value)), end.closed)


def _ends(interval: Bounds) -> tuple[tuple[_Extended, bool], tuple[_Extended, bool]]:
    low, high = interval.low, interval.high
    first = (-math.inf, False) if low is None else (low.value, low.closed)
    last = (math.inf, False) if high is None else (high.value, high.closed)
    return first, last


def _product(
    first: tuple[_Extended, bool], second: tuple[_Extended, bool]
) -> tuple[_Extended, bool]:
    (left, left_closed), (right, right_closed) = first, second
    if left == 0 or right == 0:
        # Zero times any value is zero, so a closed zero end is reached
        # whatever the other factor; an open one only approaches it.
        closed = (left == 0 and left_closed) or (right == 0 and right_closed)
        return 0, closed
    if math.isinf(left) or math.isinf(right):
        return left * right, False
    return exact(Fraction(left) * Fraction(right)), left_closed and right_closed


def _hull(candidates: list[tuple[_Extended, bool]]) -> Bounds:
    values = [value for value, _closed in candidates]
    low_value, high_value = min(values), max(values)
    return Bounds(_end(low_value, candidates), _end(high_value, candidates))


def _end(value: _Extended, candidates: list[tuple[_Extended, bool]]) -> Bound | None:
    if isinstance(value, float):
        return None
    closed = any(closed for found, closed in candidates if found == value)
    return Bound(value, closed)


def _tighter_low(mine: Bound | None, theirs: Bound | None) -> bool:
    if theirs is None:
        return True
    if mine is None:
        return False
    if mine.value != theirs.value:
        return mine.value > theirs.value
    return theirs.closed or not mine.closed


def _tighter_high(mine: Bound | None, theirs: Bound | None) -> bool:
    if theirs is None:
        return True
    if mine is None:
        return False
    if mine.value != theirs.value:
        return mine.value < theirs.value
    return theirs.closed or not mine.closed


def _smaller_low(first: Bound | None, second: Bound | None) -> Bound | None:
    if first is None or second is None:
        return None
    return second if _tighter_low(first, second) else first


def _larger_low(first: Bound | None, second: Bound | None) -> Bound | None:
    if first is None:
        return second
    if second is None:
        return first
    return first if _tighter_low(first, second) else second


def _smaller_high(first: Bound | None, second: Bound | None) -> Bound | None:
    if first is None:
        return second
    if second is None:
        return first
    return first if _tighter_high(first, second) else second


def _larger(first: Bound | None, second: Bound | None) -> Bound | None:
    if first is None or second is None:
        return None
    return second if _tighter_high(first, second) else first


def _unit_after(unit: str, number: str) -> str:
    """Return the unit as it follows ``number`` in a sentence, or nothing."""
    return f" {unit_words(unit, number)}" if unit else ""
