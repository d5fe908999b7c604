"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from builders import fact
from indicators import Bound, Bounds


#: Country codes to draw destinations from (ISO 3166-1 alpha-2).
COUNTRY_CODES = ("RU", "KZ", "LT", "TR", "GB", "DE", "PL", "US", "CN", "AF")

#: The indicator kinds that can be declared over a dimension, with their roles.
OVER_KINDS: dict[str, tuple[str, str]] = {
    "percent_change": ("from", "to"),
    "ratio": ("numerator", "denominator"),
    "share": ("part", "whole"),
    "net_migration": ("arrivals", "departures"),
}


@st.composite
def members_over_destination(draw: st.DrawFn) -> dict[str, Any]:
    """Draw an indicator kind and, per destination, the two inputs' counts.

    Counts include zero, so that some members are undetermined.
    """
    kind = draw(st.sampled_from(sorted(OVER_KINDS)))
    codes = draw(
        st.lists(st.sampled_from(COUNTRY_CODES), min_size=1, max_size=6, unique=True)
    )
    counts = st.integers(min_value=0, max_value=10**9)
    values = {code: (draw(counts), draw(counts)) for code in codes}
    return {"kind": kind, "values": values}


#: Facts, indicators, checks and extra source ids, as `builders.run` takes them.
SpecSections = tuple[dict[str, Any], dict[str, Any], dict[str, Any], list[str]]

#: The source documents a drawn fact may cite (``report`` is always declared).
SOURCES = ("report", "other")


@st.composite
def spec_graphs(
    draw: st.DrawFn, max_facts: int = 6, max_indicators: int = 8, max_checks: int = 2
) -> SpecSections:
    """Draw the facts, indicators and checks of a random acyclic spec.

    Counts in persons are summed, subtracted and taken as shares of each
    other; each indicator uses only entries drawn before it, so the graph
    is acyclic, and units always agree. Some facts may stay unused. Each
    fact cites one of two source documents.
    """
    fact_count = draw(st.integers(min_value=1, max_value=max_facts))
    values = st.integers(min_value=0, max_value=10**6)
    facts = {
        f"f{index}": fact(draw(values), source=draw(st.sampled_from(SOURCES)))
        for index in range(fact_count)
    }
    counts = list(facts)

    indicators: dict[str, Any] = {}
    for index in range(draw(st.integers(min_value=0, max_value=max_indicators))):
        indicator_id = f"i{index}"
        kind = draw(st.sampled_from(["sum", "difference", "share"]))
        indicators[indicator_id] = _indicator(draw, kind, counts)
        if kind != "share":
            counts.append(indicator_id)

    checks: dict[str, Any] = {}
    for index in range(draw(st.integers(min_value=0, max_value=max_checks))):
        if len(counts) < 2:
            break
        chosen = draw(
            st.lists(st.sampled_from(counts), min_size=2, max_size=4, unique=True)
        )
        checks[f"c{index}"] = {
            "parts_sum_to": {"total": chosen[0], "parts": chosen[1:]}
        }
    return facts, indicators, checks, list(SOURCES[1:])


def _indicator(draw: st.DrawFn, kind: str, counts: list[str]) -> dict[str, Any]:
    pick = st.sampled_from(counts)
    if kind == "sum":
        return {"sum": draw(st.lists(pick, min_size=2, max_size=4))}
    first, second = draw(pick), draw(pick)
    if kind == "difference":
        return {"difference": [first, second]}
    return {"share": {"part": first, "whole": second}}


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
