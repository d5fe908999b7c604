"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

from indicators import Bound, Bounds


#: Exact rationals of moderate size, the numbers reports print.
numbers = st.fractions(min_value=-1000, max_value=1000, max_denominator=50)

#: Exact positive rationals, such as exchange rates.
positive = st.fractions(min_value=Fraction(1, 100), max_value=1000, max_denominator=100)

#: ISO 4217 codes a test spec may use.
CURRENCIES = ("KZT", "USD", "TJS", "RUB", "EUR", "CNY")


@st.composite
def bounded_values(draw: st.DrawFn) -> tuple[Bounds, Fraction]:
    """Draw an interval and one exact value that lies within it.

    Ends may be open, closed or missing; an end at the value itself is
    closed, so the value always belongs to the interval.
    """
    value = draw(numbers)
    low = _end(draw, value, -1)
    high = _end(draw, value, 1)
    return Bounds(low, high), value


@st.composite
def positive_bounded_values(draw: st.DrawFn) -> tuple[Bounds, Fraction]:
    """Draw an interval of positive values only, and one value within it."""
    value = draw(positive)
    share = draw(
        st.fractions(min_value=0, max_value=Fraction(99, 100), max_denominator=100)
    )
    closed = share == 0 or draw(st.booleans())
    return Bounds(Bound(value * (1 - share), closed), _end(draw, value, 1)), value


def _end(draw: st.DrawFn, value: Fraction, side: int) -> Bound | None:
    if draw(st.booleans()) and draw(st.booleans()):
        return None
    distance = draw(st.fractions(min_value=0, max_value=100, max_denominator=20))
    closed = distance == 0 or draw(st.booleans())
    return Bound(value + side * distance, closed)


@st.composite
def currency_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """Draw two different currency codes."""
    first = draw(st.sampled_from(CURRENCIES))
    second = draw(st.sampled_from([c for c in CURRENCIES if c != first]))
    return first, second
