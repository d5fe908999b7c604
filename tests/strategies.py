"""Hypothesis strategies shared by the property tests.

Valid specs come from `indicators.testing`, the strategies users get too;
the graphs, bounds and currencies below serve particular tests.
`spec_drafts` draws specs together with the unit of every entry as text,
so that the fast path can be compared with a pint reference; every
indicator takes inputs whose units its kind accepts, and values include
zeros and negative numbers, so undetermined results are drawn too. The
mutations at the end break valid specs the ways people and attackers do:
keys deleted, values of the wrong type, ids renamed, YAML tricks (tags,
anchors and aliases, duplicate keys, merge keys), the file cut off, tabs
and odd characters put in.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from builders import fact
from indicators import Bound, Bounds
from indicators.testing import (
    facts,
    ids,
    periods,
    spec_dicts,
    spec_texts,
    spec_yaml,
    specs,
    texts,
    written_numbers,
)
from indicators.testing_series import (
    SCALES,
    printed_values,
    series_periods,
    series_spec_dicts,
    series_spec_texts,
    series_specs,
)


__all__ = [
    "COUNTRY_CODES",
    "CURRENCIES",
    "DESTINATION",
    "FACT_UNITS",
    "FORMULAS",
    "OVER_KINDS",
    "SCALES",
    "SOURCES",
    "SpecDraft",
    "SpecSections",
    "bounded_values",
    "currency_pairs",
    "exact_values",
    "facts",
    "ids",
    "members_over_destination",
    "mutated_spec_texts",
    "numbers",
    "percentages",
    "periods",
    "positive",
    "positive_bounded_values",
    "printed_values",
    "series_periods",
    "series_sections",
    "series_spec_dicts",
    "series_spec_texts",
    "series_specs",
    "spec_dicts",
    "spec_drafts",
    "spec_graphs",
    "spec_texts",
    "spec_yaml",
    "specs",
    "texts",
    "written_numbers",
]

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


#: The dimensions a spec drawn by `series_sections` declares.
DESTINATION = {"destination": {"codelist": "iso3166"}}


@st.composite
def series_sections(draw: st.DrawFn) -> tuple[dict[str, Any], ...]:
    """Draw facts, indicators and checks around one indicator over a dimension.

    Series ``emigrants`` and ``other`` each have a total (``a``, ``b``),
    cited from the document ``other``, and a fact per drawn destination
    (``a_RU``, ``b_RU``, ...), cited from ``report``. ``whole`` is the drawn
    kind over destination, naming the totals; ``totals`` is the same kind
    of the totals themselves; ``a_within`` checks ``a``'s members against
    it. Give the sections to `builders.run` with ``sources=["other"]`` and
    ``dimensions=DESTINATION``.
    """
    drawn = draw(members_over_destination())
    kind, values = drawn["kind"], drawn["values"]
    first, second = OVER_KINDS[kind]
    counts = st.integers(min_value=0, max_value=10**9)
    facts = {
        "a": fact(draw(counts), series="emigrants", source="other"),
        "b": fact(draw(counts), series="other", source="other"),
    }
    for code, (left, right) in values.items():
        place = {"breakdown": {"destination": code}}
        facts[f"a_{code}"] = fact(left, series="emigrants", **place)
        facts[f"b_{code}"] = fact(right, series="other", **place)

    indicators = {
        "whole": {kind: {first: "a", second: "b", "over": "destination"}},
        "totals": {kind: {first: "a", second: "b"}},
    }
    checks = {"a_within": {"parts_within": {"total": "a", "over": "destination"}}}
    return facts, indicators, checks


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


# Mutations of valid specs, for the fuzz test.

_Path = tuple[Any, ...]


def _paths(document: Any, prefix: _Path = ()) -> list[_Path]:
    """Return the path of every value inside ``document``."""
    found = []
    if isinstance(document, dict):
        for key, value in document.items():
            found.append((*prefix, key))
            found.extend(_paths(value, (*prefix, key)))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found.append((*prefix, index))
            found.extend(_paths(value, (*prefix, index)))
    return found


def _parent(document: Any, path: _Path) -> Any:
    for step in path[:-1]:
        document = document[step]
    return document


_ODD_VALUES = (
    None,
    True,
    False,
    0,
    -1,
    10**30,
    "",
    "NO",
    "392,805",
    "18 million RUB",
    "2024-06-30",
    "1:20",
    [],
    [1, [2]],
    {},
    {"value": {"value": 1}},
    "__class__",
)


@st.composite
def _delete_key(draw: st.DrawFn, document: dict[str, Any]) -> None:
    paths = _paths(document)
    path = draw(st.sampled_from(paths))
    parent = _parent(document, path)
    del parent[path[-1]]


@st.composite
def _swap_type(draw: st.DrawFn, document: dict[str, Any]) -> None:
    path = draw(st.sampled_from(_paths(document)))
    _parent(document, path)[path[-1]] = draw(st.sampled_from(_ODD_VALUES))


@st.composite
def _rename_id(draw: st.DrawFn, document: dict[str, Any]) -> None:
    # An earlier mutation may have turned a section into a scalar or a list.
    sections = [
        name
        for name in ("facts", "indicators", "checks", "sources")
        if isinstance(document.get(name), dict) and document[name]
    ]
    if not sections:
        return
    section = document[draw(st.sampled_from(sections))]
    old = draw(st.sampled_from(sorted(section)))
    new = draw(st.one_of(ids(), st.sampled_from(["__import__", "1abc", "a b", "é"])))
    section[new] = section.pop(old)


_DOCUMENT_MUTATIONS = (_delete_key, _swap_type, _rename_id)

_INJECTIONS = (
    "!!python/object/apply:os.system ['echo hacked']",
    "!custom value",
    "!!binary aGVsbG8=",
    "&anchor 5",
    "*undefined",
    "[*a, *a, *a]",
    "{<<: {value: 1}}",
    "\t1",
    "\ufeff",
    "\u202e42",
    "\u2028",
    "\x00",
    "\ud800",
    "0o17",
    "0x1F",
    ".inf",
    "-.nan",
    "1e99999",
    "9" * 5000,
    "[" * 300,
    "'unterminated",
    "key: value: other",
)


def _truncate(draw: st.DrawFn, text: str) -> str:
    return text[: draw(st.integers(0, len(text)))]


def _inject(draw: st.DrawFn, text: str) -> str:
    where = draw(st.integers(0, len(text)))
    piece = draw(st.sampled_from(_INJECTIONS))
    return text[:where] + piece + text[where:]


def _duplicate_line(draw: st.DrawFn, text: str) -> str:
    lines = text.splitlines(keepends=True)
    index = draw(st.integers(0, max(0, len(lines) - 1)))
    return "".join(lines[: index + 1] + lines[index:])


def _anchor_and_alias(draw: st.DrawFn, text: str) -> str:
    lines = text.splitlines(keepends=True)
    with_values = [i for i, line in enumerate(lines) if ": " in line]
    if len(with_values) < 2:
        return text
    first, second = sorted(
        draw(
            st.lists(st.sampled_from(with_values), min_size=2, max_size=2, unique=True)
        )
    )
    key, _, value = lines[first].partition(": ")
    lines[first] = f"{key}: &shared {value}"
    key, _, _ = lines[second].partition(": ")
    lines[second] = f"{key}: *shared\n"
    return "".join(lines)


def _tabs(draw: st.DrawFn, text: str) -> str:
    lines = text.splitlines(keepends=True)
    if not lines:
        return "\t"
    index = draw(st.integers(0, len(lines) - 1))
    lines[index] = "\t" + lines[index].lstrip(" ")
    return "".join(lines)


_TEXT_MUTATIONS: tuple[Callable[[st.DrawFn, str], str], ...] = (
    _truncate,
    _inject,
    _duplicate_line,
    _anchor_and_alias,
    _tabs,
)


@st.composite
def mutated_spec_texts(draw: st.DrawFn) -> str:
    """Draw the YAML text of a valid spec with one to three things broken."""
    document = copy.deepcopy(draw(spec_dicts(max_facts=4, max_indicators=4)))
    for mutation in draw(st.lists(st.sampled_from(_DOCUMENT_MUTATIONS), max_size=2)):
        draw(mutation(document))

    text = spec_yaml(document)
    count = draw(st.integers(0 if document else 1, 2))
    for mutation in draw(
        st.lists(st.sampled_from(_TEXT_MUTATIONS), min_size=count, max_size=count)
    ):
        text = mutation(draw, text)
    return text


#: The units facts are drawn in; a rate connects the two currencies.
FACT_UNITS = (
    "person",
    "household",
    "percent",
    "percentage_point",
    "RUB",
    "USD",
    "RUB/USD",
    "USD/RUB",
)

#: Formula templates over three inputs of one unit; the result has that unit,
#: except over percentages (see `_POINT_FORMULAS`).
FORMULAS = (
    "({a} + {b}) / 2 - {c}",
    "{a} - 2 * {b} + {c}",
    "max({a}, {b}) - min({b}, {c})",
    "abs({a} - {b}) + {c}",
    "{a} * {b} / {c}",
    "-({a} - {b}) * 3 / 4 + {c}",
)


#: The templates that both add and take away percentages in one run of + and -,
#: so are in percentage points when the inputs are percentages; the others add
#: a percentage to points, so stay in percent.
_POINT_FORMULAS = frozenset(
    {
        "({a} + {b}) / 2 - {c}",
        "{a} - 2 * {b} + {c}",
        "max({a}, {b}) - min({b}, {c})",
    }
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


def percentages() -> st.SearchStrategy[Decimal]:
    """Draw percentages as a report prints them: 0 to 100, at most two decimals."""
    return st.decimals(
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        places=2,
        allow_nan=False,
        allow_infinity=False,
    )


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
        value = draw(exact_values())
        if "/" in unit:
            # An exchange rate is positive; the engine refuses to convert with others.
            value = abs(value) or 1
        draft.facts[f"f{index}"] = fact(value, unit)
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
        return {"difference": [first, second]}, _minus(unit)
    if kind == "net_migration":
        body = {"net_migration": {"arrivals": first, "departures": second}}
        return body, _minus(unit)
    if kind == "share":
        return {"share": {"part": first, "whole": second}}, "percent"
    if kind == "percent_change":
        return {"percent_change": {"from": first, "to": second}}, "percent"
    template = draw(st.sampled_from(FORMULAS))
    text = template.format(a=first, b=second, c=ids[2])
    return {"formula": text}, _minus(unit) if template in _POINT_FORMULAS else unit


def _minus(unit: str) -> str:
    """Return the unit of a difference of two values in ``unit``."""
    return "percentage_point" if unit == "percent" else unit


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
