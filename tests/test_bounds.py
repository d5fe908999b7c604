"""Interval arithmetic on the bounds of approximate figures."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators import Bound, Bounds
from indicators._numbers import exact, round_half_away
from indicators.evaluation._bounded import bounded_for, printed_bounds
from indicators.evaluation._bounds import BoundsUndefinedError
from indicators.spec import _model as model
from strategies import bounded_values, positive_bounded_values


OPERATIONS: dict[str, Callable[[Fraction, Fraction], Fraction]] = {
    "+": lambda x, y: x + y,
    "-": lambda x, y: x - y,
    "*": lambda x, y: x * y,
    "/": lambda x, y: x / y,
}

SHARE = model.ShareIndicator(share={"part": "a", "whole": "b"})
CHANGE = model.PercentChangeIndicator(percent_change={"from": "a", "to": "b"})
RATIO = model.RatioIndicator(ratio={"numerator": "a", "denominator": "b"})
FORMULA = model.FormulaIndicator(formula="abs(a - b) ^ 2 + min(a, b) - max(a, b) / 3")


def _combine(symbol: str, first: Bounds, second: Bounds) -> Bounds:
    if symbol == "+":
        return first + second
    if symbol == "-":
        return first - second
    if symbol == "*":
        return first * second
    return first / second


class TestIntervalProperties:
    """Every result's bounds hold the result of any inputs within the input bounds."""

    @pytest.mark.parametrize("symbol", sorted(OPERATIONS))
    @given(first=bounded_values(), second=bounded_values())
    def test_arithmetic_contains_every_result(
        self,
        symbol: str,
        first: tuple[Bounds, Fraction],
        second: tuple[Bounds, Fraction],
    ) -> None:
        """x op y lies within X op Y for x in X and y in Y."""
        (left, x), (right, y) = first, second
        if symbol == "/" and right.contains_zero():
            with pytest.raises(BoundsUndefinedError, match="may be zero"):
                _combine(symbol, left, right)
            return

        assert _combine(symbol, left, right).contains(OPERATIONS[symbol](x, y))

    @given(first=bounded_values(), second=positive_bounded_values())
    def test_share_contains_every_share(
        self, first: tuple[Bounds, Fraction], second: tuple[Bounds, Fraction]
    ) -> None:
        """part / whole × 100 lies within the share of the bounds."""
        (part, x), (whole, y) = first, second

        assert bounded_for(SHARE)(part, whole).contains(x / y * 100)

    @given(first=positive_bounded_values(), second=bounded_values())
    def test_percent_change_contains_every_change(
        self, first: tuple[Bounds, Fraction], second: tuple[Bounds, Fraction]
    ) -> None:
        """(new − base) / base × 100 lies within the change of the bounds."""
        (base, x), (new, y) = first, second

        assert bounded_for(CHANGE)(base, new).contains((y - x) / x * 100)

    @given(first=bounded_values(), second=bounded_values())
    def test_formula_contains_every_result(
        self, first: tuple[Bounds, Fraction], second: tuple[Bounds, Fraction]
    ) -> None:
        """A formula with abs, a power, min and max keeps every result in bounds."""
        (a, x), (b, y) = first, second
        expected = abs(x - y) ** 2 + min(x, y) - max(x, y) / 3

        assert bounded_for(FORMULA)(a, b).contains(expected)


class TestOpenAndClosedEnds:
    """Strict and non-strict bounds stay apart through the arithmetic."""

    def test_ratio_over_more_than_is_less_than(self) -> None:
        """A numerator over "more than 22,000" is less than its ratio at 22,000."""
        total = Bounds.point(8827250)
        count = Bounds(Bound(22000, closed=False), None)

        result = bounded_for(RATIO)(total, count)

        assert (result.low, result.high) == (
            Bound(0, closed=False),
            Bound(Fraction(8827250, 22000), closed=False),
        )

    def test_ratio_over_at_least_is_at_most(self) -> None:
        """A numerator over "at least 22,000" is at most its ratio at 22,000."""
        count = Bounds(Bound(22000, closed=True), None)

        result = bounded_for(RATIO)(Bounds.point(44000), count)

        assert result.high == Bound(2, closed=True)

    def test_sum_of_open_and_closed_is_open(self) -> None:
        """more than 2 plus at least 3 is more than 5."""
        result = Bounds(Bound(2, closed=False), None) + Bounds(
            Bound(3, closed=True), None
        )

        assert (result.low, result.high, result.qualifier) == (
            Bound(5, closed=False),
            None,
            "more_than",
        )

    def test_percent_change_from_a_base_that_may_be_zero_is_undefined(self) -> None:
        """A base of "at most 5" may be zero, so the change has no bounds."""
        base = Bounds(None, Bound(5, closed=True))

        with pytest.raises(BoundsUndefinedError, match="zero or negative"):
            bounded_for(CHANGE)(base, Bounds.point(3))

    @given(st.fractions(min_value=-10, max_value=10, max_denominator=9))
    def test_a_point_is_exact(self, value: Fraction) -> None:
        """An interval of one value is the exact qualifier and holds only it."""
        point = Bounds.point(value)

        assert (point.qualifier, point.contains(value), point.contains(value + 1)) == (
            "exact",
            True,
            False,
        )


class TestPrintedBounds:
    """The values a printed figure stands for are those that round to it."""

    @given(
        value=st.fractions(min_value=-100, max_value=100, max_denominator=40),
        decimals=st.integers(min_value=-1, max_value=2),
    )
    def test_membership_matches_rounding(self, value: Fraction, decimals: int) -> None:
        """v lies in the interval of p exactly when v rounds half away to p."""
        printed = round_half_away(value, decimals)
        half = Fraction(1, 2) * Fraction(10) ** -decimals
        neighbour = exact(Fraction(printed) + 2 * half)

        assert (
            printed_bounds(printed, exact(half)).contains(value),
            printed_bounds(neighbour, exact(half)).contains(value),
        ) == (True, False)

    @given(first=bounded_values(), second=bounded_values())
    def test_within_implies_meeting(
        self, first: tuple[Bounds, Fraction], second: tuple[Bounds, Fraction]
    ) -> None:
        """An interval inside another shares its values with it."""
        (inner, value), (outer, _) = first, second

        assert not inner.within(outer) or (outer.meets(inner) and outer.contains(value))
