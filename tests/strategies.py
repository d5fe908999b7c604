"""Hypothesis strategies shared by the property tests.

`spec_drafts` draws a spec as a `SpecDraft`: its facts and indicators as
the dicts `builders.spec_text` writes, plus the unit of each entry as text.
Every indicator takes its inputs from the entries drawn before it, so the
graph has no cycle, and only from entries whose units its kind accepts, so
the spec always loads. Values include zeros and negative numbers, so that
undetermined results (a zero denominator, a percent change from a zero or
negative base) and what rests on them are drawn too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
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


#: The units facts are drawn in; a rate connects the two currencies.
FACT_UNITS = ("person", "household", "RUB", "USD", "RUB/USD", "USD/RUB")

#: Formula templates over three inputs of one unit; the result has that unit.
FORMULAS = (
    "({a} + {b}) / 2 - {c}",
    "{a} - 2 * {b} + {c}",
    "max({a}, {b}) - min({b}, {c})",
    "abs({a} - {b}) + {c}",
    "{a} * {b} / {c}",
    "-({a} - {b}) * 3 / 4 + {c}",
)


@dataclass
class SpecDraft:
    """A spec being drawn: its entries and the unit of each, as text."""

    facts: dict[str, Any] = field(default_factory=dict)
    indicators: dict[str, Any] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)

    def ids_in(self, unit: str) -> list[str]:
        """Return the ids of the entries in exactly ``unit``."""
        return [entry_id for entry_id, known in self.units.items() if known == unit]


def exact_values() -> st.SearchStrategy[int | Decimal]:
    """Draw values as a spec writes them: whole numbers and short decimals."""
    whole = st.integers(min_value=-50, max_value=10**9)
    decimal = st.decimals(
        min_value=Decimal("-50"),
        max_value=Decimal("100000"),
        places=2,
        allow_nan=False,
        allow_infinity=False,
    )
    return st.one_of(st.sampled_from([0, 1, 100]), whole, decimal)


@st.composite
def spec_drafts(
    draw: st.DrawFn, max_facts: int = 8, max_indicators: int = 12
) -> SpecDraft:
    """Draw a spec of facts and indicators whose units agree."""
    draft = SpecDraft()
    for index in range(draw(st.integers(min_value=2, max_value=max_facts))):
        unit = draw(st.sampled_from(FACT_UNITS))
        draft.facts[f"f{index}"] = fact(draw(exact_values()), unit)
        draft.units[f"f{index}"] = unit

    for index in range(draw(st.integers(min_value=1, max_value=max_indicators))):
        drawn = draw(_unit_indicator(draft))
        if drawn is not None:
            body, unit = drawn
            draft.indicators[f"i{index}"] = body
            draft.units[f"i{index}"] = unit
    return draft


@st.composite
def _unit_indicator(
    draw: st.DrawFn, draft: SpecDraft
) -> tuple[dict[str, Any], str] | None:
    kind = draw(
        st.sampled_from(
            [
                "sum",
                "difference",
                "net_migration",
                "ratio",
                "share",
                "percent_change",
                "convert",
                "formula",
            ]
        )
    )
    if kind == "convert":
        return _conversion(draw, draft)
    if kind == "ratio":
        ids = list(draft.units)
        numerator, denominator = draw(
            st.lists(st.sampled_from(ids), min_size=2, max_size=2)
        )
        body = {"ratio": {"numerator": numerator, "denominator": denominator}}
        return body, f"({draft.units[numerator]}) / ({draft.units[denominator]})"

    unit = draw(st.sampled_from(sorted(set(draft.units.values()))))
    same = draft.ids_in(unit)
    count = {"sum": draw(st.integers(min_value=2, max_value=4)), "formula": 3}.get(
        kind, 2
    )
    ids = draw(st.lists(st.sampled_from(same), min_size=count, max_size=count))
    return _same_unit_kind(draw, kind, ids, unit)


def _same_unit_kind(
    draw: st.DrawFn, kind: str, ids: list[str], unit: str
) -> tuple[dict[str, Any], str]:
    first, second = ids[0], ids[1]
    if kind == "sum":
        return {"sum": ids}, unit
    if kind == "difference":
        return {"difference": [first, second]}, unit
    if kind == "net_migration":
        return {"net_migration": {"arrivals": first, "departures": second}}, unit
    if kind == "share":
        return {"share": {"part": first, "whole": second}}, "percent"
    if kind == "percent_change":
        return {"percent_change": {"from": first, "to": second}}, "percent"
    template = draw(st.sampled_from(FORMULAS))
    text = template.format(a=first, b=second, c=ids[2])
    return {"formula": text}, unit


def _conversion(draw: st.DrawFn, draft: SpecDraft) -> tuple[dict[str, Any], str] | None:
    pairs = [
        (amount, rate, target)
        for source, target in (("RUB", "USD"), ("USD", "RUB"))
        for amount in draft.ids_in(source)
        for rate in draft.ids_in(f"{source}/{target}")
        + draft.ids_in(f"{target}/{source}")
        if rate in draft.facts
    ]
    if not pairs:
        return None
    amount, rate, target = draw(st.sampled_from(pairs))
    return {"convert": {"amount": amount, "rate": rate, "to": target}}, target
