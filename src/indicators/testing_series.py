"""Hypothesis strategies that generate specs of series over periods and dimensions.

`indicators.testing` draws specs whose facts share one period and carry
free breakdowns. The strategies here draw the other half of the format,
for property-testing what rests on series and dimensions::

    from hypothesis import given
    from indicators import evaluate, load_spec_text
    from indicators.testing_series import series_spec_texts

    @given(series_spec_texts())
    def test_every_series_spec_evaluates(text):
        evaluate(load_spec_text(text))

A spec drawn by `series_spec_dicts` holds:

- one or two declared ``dimensions``: ``sex`` (exhaustive codes),
  ``destination`` (the ISO 3166 code list, sometimes with a group and a
  group member among the facts, so that overlap findings are drawn),
  ``region`` (exhaustive codes of the area TJ) or a dimension with drawn
  id and drawn codes (any text without ``[``, ``]`` or ``=``);
- one or two ``series``, each in one unit and one country (about one
  fact in four writes the unit in the plural, and one in four the
  country in three letters: ``persons``, ``TJK``), with a fact for every
  period and every place: the total, each member of each dimension and,
  when two dimensions are drawn, sometimes each pair of members. A member
  fact may be missing, so some members of an indicator are undetermined;
  no place holds two facts, so a base by position names exactly one fact;
  the file sometimes lists the facts shuffled;
- periods of one kind (years, half-years, quarters or months) in a run,
  sometimes with the same run a year earlier; half-years and months are
  written in both spellings (``2024-H1`` and ``2024-S1``, ``2024-04`` and
  ``2024-M04``);
- values that are plain non-negative numbers (zero included, so divisions
  by zero are drawn), some with a ``scale``, some approximate: every
  qualifier, ``margin``, and ranges ``{low, high}``; some totals are the
  exact sum of their members, so breakdown checks pass as well as fail;
- indicators over a dimension (``ratio``, ``share``, ``percent_change``,
  ``net_migration``), percent changes with a base by position
  (``same_period_last_year`` or ``previous_period``), with and without
  ``over``, some of them with a printed ``reported`` value;
- checks over a dimension: ``parts_sum_to`` over an exhaustive dimension
  whose every code has a fact, ``parts_within`` over any dimension.

Not drawn here: indicators of the other kinds, indicators or checks whose
parts are listed by id, currencies and conversions, negative values,
periods of mixed kinds, and facts without a series. Every drawn spec
loads without error.

Hypothesis is needed here as in `indicators.testing`: install it with
``pip install 'indicators[test]'``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - depends on the environment
    msg = (
        "indicators.testing_series needs the hypothesis package; install it with "
        "`pip install 'indicators[test]'` (or `pip install hypothesis`)"
    )
    raise ImportError(msg) from error

from .testing import ids, spec_yaml, texts, written_numbers


__all__ = [
    "OVER_KINDS",
    "PERIODS_PER_YEAR",
    "SCALES",
    "SERIES_UNITS",
    "printed_values",
    "series_periods",
    "series_spec_dicts",
    "series_spec_texts",
    "series_specs",
]

#: How many periods of each kind a year holds.
PERIODS_PER_YEAR = {"year": 1, "half": 2, "quarter": 4, "month": 12}

#: The scale words a fact may be printed with, and their factors.
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

#: The units a series is drawn in.
SERIES_UNITS = ("person", "household")

#: The indicator kinds that take ``over:``, with the keys of their inputs.
OVER_KINDS = {
    "ratio": ("numerator", "denominator"),
    "share": ("part", "whole"),
    "percent_change": ("from", "to"),
    "net_migration": ("arrivals", "departures"),
}

_BOUND_QUALIFIERS = ("more_than", "at_least", "less_than", "at_most", "rounded")
_COUNTRIES = ("RU", "KZ", "DE", "LT", "PL", "TR")
_EUROPE = ("DE", "LT", "PL")
_THREE_LETTERS = {"TJ": "TJK", "KZ": "KAZ"}
_REGIONS = ("Dushanbe", "Sughd", "Khatlon", "GBAO")
_STATUSES = ("provisional", "E", "normal")

#: A period as (year, step in the year, from 1).
_PeriodKey = tuple[int, int]

#: A breakdown as a sorted tuple of (dimension, code).
_Breakdown = tuple[tuple[str, str], ...]


def _period_text(kind: str, key: _PeriodKey, other_spelling: bool) -> str:
    """Write a period of ``kind``, in its second spelling when asked."""
    year, step = key
    if kind == "year":
        return str(year)
    if kind == "half":
        return f"{year}-{'S' if other_spelling else 'H'}{step}"
    if kind == "quarter":
        return f"{year}-Q{step}"
    return f"{year}-{'M' if other_spelling else ''}{step:02d}"


def _back(kind: str, key: _PeriodKey, steps: int) -> _PeriodKey:
    """Return the period ``steps`` periods of ``kind`` before ``key``."""
    per_year = PERIODS_PER_YEAR[kind]
    index = key[0] * per_year + key[1] - 1 - steps
    return index // per_year, index % per_year + 1


@st.composite
def _period_keys(draw: st.DrawFn, max_periods: int) -> tuple[str, list[_PeriodKey]]:
    """Draw a kind and a run of its periods, maybe with the run a year earlier."""
    kind = draw(st.sampled_from(sorted(PERIODS_PER_YEAR)))
    per_year = PERIODS_PER_YEAR[kind]
    last = (draw(st.integers(2001, 2030)), draw(st.integers(1, per_year)))
    run = draw(st.integers(1, max_periods))
    keys = {_back(kind, last, steps) for steps in range(run)}
    if 2 * run <= max_periods and draw(st.booleans()):
        keys |= {_back(kind, key, per_year) for key in keys}
    return kind, sorted(keys)


def series_periods(max_periods: int = 4) -> st.SearchStrategy[list[str]]:
    """Return a strategy of period texts of one kind, oldest first.

    The periods form a run of consecutive periods, sometimes with the same
    run a year earlier, so that bases by position can be found among them.

    Args:
        max_periods: The most periods drawn, at least 1.
    """
    return _period_keys(max_periods).map(
        lambda drawn: [_period_text(drawn[0], key, False) for key in drawn[1]]
    )


_AMOUNTS = st.one_of(
    st.just(Decimal(0)),
    written_numbers(max_magnitude=10**6, max_places=2).map(abs),
)
_MARGINS = written_numbers(max_magnitude=1000, max_places=1).map(abs)
_SHAPES = st.sampled_from(["exact", "exact", "approximate", "bound", "range"])
_SCALE_WORDS = st.sampled_from([None, None, None, *SCALES])
_QUALIFIERS = st.sampled_from(_BOUND_QUALIFIERS)
_STATUS_WORDS = st.sampled_from(_STATUSES)
#: True for about one draw in four: a unit in the plural, a country in three letters.
_PLURAL = st.integers(0, 3).map(lambda drawn: drawn == 3)
_LOCATORS = st.sampled_from(["p. 1", "Table 2", "Figure 3, note", "NO"])


def _printed(draw: st.DrawFn) -> dict[str, Any]:
    shape = draw(_SHAPES)
    amount = draw(_AMOUNTS)
    printed: dict[str, Any] = {"value": amount}
    if shape == "approximate":
        printed["qualifier"] = "approximate"
        if draw(st.booleans()):
            printed["margin"] = draw(_MARGINS)
    elif shape == "bound":
        printed["qualifier"] = draw(_QUALIFIERS)
    elif shape == "range":
        printed["value"] = {"low": amount, "high": amount + draw(_AMOUNTS)}
    scale = draw(_SCALE_WORDS)
    if scale is not None:
        printed["scale"] = scale
    return printed


def printed_values() -> st.SearchStrategy[dict[str, Any]]:
    """Return a strategy of the keys of a fact that say its value as printed.

    ``value`` (a number, or a range ``{low, high}``), and sometimes
    ``scale``, ``qualifier`` and ``margin``; numbers are non-negative.
    """
    return st.composite(_printed)()


@dataclass
class _Dimension:
    """A dimension being drawn: its id, its entry and the codes facts use."""

    id: str
    entry: dict[str, Any]
    codes: list[str]

    @property
    def exhaustive(self) -> bool:
        return bool(self.entry.get("exhaustive"))


def _member_codes() -> st.SearchStrategy[str]:
    return texts().filter(lambda text: not set(text) & set("[]="))


@st.composite
def _dimension(draw: st.DrawFn, name: str, max_codes: int) -> _Dimension:
    """Draw one dimension by ``name``; ``other`` gets a drawn id and codes."""
    if name == "sex":
        entry = {"codes": ["male", "female"], "exhaustive": True}
        return _Dimension("sex", entry, ["male", "female"])
    if name == "region":
        codes = list(_REGIONS[: draw(st.integers(1, max_codes))])
        entry = {"codes": codes, "exhaustive": True, "area": "TJ"}
        return _Dimension("region", entry, codes)
    if name == "destination":
        return _destination(draw, max_codes)
    codes = draw(st.lists(_member_codes(), min_size=1, max_size=max_codes, unique=True))
    entry = {"codes": codes, "exhaustive": draw(st.booleans())}
    return _Dimension(draw(ids()), entry, codes)


def _destination(draw: st.DrawFn, max_codes: int) -> _Dimension:
    entry: dict[str, Any] = {"codelist": "iso3166"}
    codes = draw(
        st.lists(
            st.sampled_from(_COUNTRIES), min_size=1, max_size=max_codes, unique=True
        )
    )
    if draw(st.booleans()):
        entry["groups"] = {"Europe": list(_EUROPE)}
        if draw(st.booleans()):
            codes.append("Europe")
    return _Dimension("destination", entry, codes)


@st.composite
def _dimensions(draw: st.DrawFn, max_codes: int) -> list[_Dimension]:
    names = draw(
        st.lists(
            st.sampled_from(["sex", "destination", "region", "other"]),
            min_size=1,
            max_size=2,
            unique=True,
        )
    )
    drawn = [draw(_dimension(name, max_codes)) for name in names]
    if len({dimension.id for dimension in drawn}) < len(drawn):
        return drawn[:1]
    return drawn


@dataclass(frozen=True)
class _Place:
    """Where a fact sits: its series, period and breakdown."""

    series: str
    period: _PeriodKey
    breakdown: _Breakdown

    def member(self, dimension: str, code: str) -> _Place:
        breakdown = tuple(sorted((*self.breakdown, (dimension, code))))
        return _Place(self.series, self.period, breakdown)

    def at(self, period: _PeriodKey) -> _Place:
        return _Place(self.series, period, self.breakdown)


@dataclass
class _Draft:
    """A series spec being drawn: its facts by place, and what they share."""

    kind: str
    area: str
    units: dict[str, str]
    dimensions: list[_Dimension]
    facts: dict[_Place, tuple[str, dict[str, Any]]] = field(default_factory=dict)

    def fact_id(self, place: _Place) -> str | None:
        found = self.facts.get(place)
        return None if found is None else found[0]

    def members(self, anchor: _Place, dimension: _Dimension) -> list[str]:
        """Return the ids of the facts of ``anchor``'s members over ``dimension``."""
        found = (
            self.fact_id(anchor.member(dimension.id, code)) for code in dimension.codes
        )
        return [fact_id for fact_id in found if fact_id is not None]

    def anchors(self, dimension: _Dimension) -> list[_Place]:
        """Return the places with members over ``dimension``."""
        return [
            place
            for place in self.facts
            if dimension.id not in dict(place.breakdown)
            and self.members(place, dimension)
        ]


def _places(draft: _Draft, periods: list[_PeriodKey]) -> Iterator[_Place]:
    """Yield every place a fact may take, totals first, then members."""
    for series in draft.units:
        for period in periods:
            total = _Place(series, period, ())
            yield total
            for dimension in draft.dimensions:
                for code in dimension.codes:
                    yield total.member(dimension.id, code)


def _crossed(draft: _Draft, periods: list[_PeriodKey]) -> Iterator[_Place]:
    """Yield the places of pairs of members of the two dimensions."""
    first, second = draft.dimensions
    for series in draft.units:
        for period in periods:
            for code in first.codes:
                for other in second.codes:
                    total = _Place(series, period, ())
                    yield total.member(first.id, code).member(second.id, other)


@st.composite
def _facts(draw: st.DrawFn, draft: _Draft, periods: list[_PeriodKey]) -> None:
    """Draw a fact for each place, leaving about one member in five out."""
    places = list(_places(draft, periods))
    if len(draft.dimensions) == 2 and draw(st.booleans()):
        places.extend(_crossed(draft, periods))
    for place in places:
        if place.breakdown and draw(st.integers(0, 4)) == 0:
            continue
        draft.facts[place] = (f"f{len(draft.facts) + 1}", _fact(draw, draft, place))


def _fact(draw: st.DrawFn, draft: _Draft, place: _Place) -> dict[str, Any]:
    entry: dict[str, Any] = _printed(draw)
    unit = draft.units[place.series]
    entry.update(
        unit=f"{unit}s" if draw(_PLURAL) else unit,
        period=_period_text(draft.kind, place.period, draw(st.booleans())),
        area=_THREE_LETTERS[draft.area] if draw(_PLURAL) else draft.area,
        series=place.series,
    )
    if place.breakdown:
        entry["breakdown"] = dict(place.breakdown)
    if draw(st.integers(0, 5)) == 0:
        entry["status"] = draw(_STATUS_WORDS)
    entry.update(source="report", locator=draw(_LOCATORS))
    return entry


def _printed_amount(entry: dict[str, Any]) -> Decimal:
    """Return the value a fact's printed figure stands for, scale applied."""
    value = entry["value"]
    if isinstance(value, dict):
        value = (value["low"] + value["high"]) / 2
    return Decimal(value) * SCALES.get(entry.get("scale", ""), 1)


@st.composite
def _add_up_totals(draw: st.DrawFn, draft: _Draft) -> None:
    """Make some totals the exact sum of their members over the first dimension."""
    dimension = draft.dimensions[0]
    for anchor in draft.anchors(dimension):
        if not draw(st.booleans()):
            continue
        places = (anchor.member(dimension.id, code) for code in dimension.codes)
        members = [draft.facts[place][1] for place in places if place in draft.facts]
        total = sum((_printed_amount(entry) for entry in members), Decimal(0))
        entry = draft.facts[anchor][1]
        for key in ("scale", "qualifier", "margin"):
            entry.pop(key, None)
        entry["value"] = total


def _base_place(draft: _Draft, place: _Place, base: str) -> _Place:
    """Return the place a base by position names from ``place``."""
    steps = 1 if base == "previous_period" else PERIODS_PER_YEAR[draft.kind]
    return place.at(_back(draft.kind, place.period, steps))


def _same_unit(draft: _Draft, place: _Place, candidates: list[_Place]) -> list[_Place]:
    unit = draft.units[place.series]
    return [other for other in candidates if draft.units[other.series] == unit]


@st.composite
def _over_indicator(draw: st.DrawFn, draft: _Draft) -> dict[str, Any] | None:
    """Draw a ratio, share, percent change or net migration over a dimension."""
    dimension = draw(st.sampled_from(draft.dimensions))
    anchors = draft.anchors(dimension)
    if not anchors:
        return None
    kind = draw(st.sampled_from(sorted(OVER_KINDS)))
    second = draw(st.sampled_from(anchors))
    others = anchors if kind == "ratio" else _same_unit(draft, second, anchors)
    first = draw(st.sampled_from(others))
    first_key, second_key = OVER_KINDS[kind]
    inputs = {
        first_key: draft.fact_id(first),
        second_key: draft.fact_id(second),
        "over": dimension.id,
    }
    if kind == "percent_change" and draw(st.booleans()):
        base = draw(st.sampled_from(["same_period_last_year", "previous_period"]))
        # Each input of an indicator over a dimension needs members of its own.
        if _base_place(draft, second, base) in anchors:
            del inputs["from"]
            inputs["base"] = base
    return {kind: inputs}


@st.composite
def _change_by_position(draw: st.DrawFn, draft: _Draft) -> dict[str, Any] | None:
    """Draw a percent change whose base is named by position, if one resolves."""
    base = draw(st.sampled_from(["same_period_last_year", "previous_period"]))
    found = [
        place for place in draft.facts if _base_place(draft, place, base) in draft.facts
    ]
    if not found:
        return None
    change = {"to": draft.fact_id(draw(st.sampled_from(found))), "base": base}
    indicator: dict[str, Any] = {"percent_change": change}
    if draw(st.booleans()):
        indicator["reported"] = draw(written_numbers(max_magnitude=10**4))
    if draw(st.booleans()):
        indicator["decimals"] = draw(st.integers(0, 3))
    return indicator


@st.composite
def _check_over(draw: st.DrawFn, draft: _Draft) -> dict[str, Any] | None:
    """Draw a check over a dimension whose parts the spec holds."""
    dimension = draw(st.sampled_from(draft.dimensions))
    anchors = draft.anchors(dimension)
    if not anchors:
        return None
    complete = [
        anchor
        for anchor in anchors
        if len(draft.members(anchor, dimension)) == len(dimension.codes)
    ]
    summed = dimension.exhaustive and complete and draw(st.booleans())
    total = draw(st.sampled_from(complete if summed else anchors))
    breakdown: dict[str, Any] = {"total": draft.fact_id(total), "over": dimension.id}
    if summed and draw(st.booleans()):
        breakdown["tolerance"] = draw(written_numbers(max_magnitude=100).map(abs))
    check: dict[str, Any] = {"parts_sum_to" if summed else "parts_within": breakdown}
    if draw(st.booleans()):
        check["severity"] = draw(st.sampled_from(["error", "warning"]))
    return check


@st.composite
def series_spec_dicts(
    draw: st.DrawFn,
    max_periods: int = 4,
    max_codes: int = 3,
    max_indicators: int = 4,
    max_checks: int = 2,
) -> dict[str, Any]:
    """Draw a valid spec of series over periods and dimensions, as a plain dict.

    See the module docstring for what is drawn. Facts are ``f1``, ``f2``,
    ... (totals before their members, periods in order, though the file
    sometimes lists them shuffled), indicators ``i1``, ... and checks
    ``c1``, ...

    Args:
        max_periods: The most periods of the series, at least 1.
        max_codes: The most codes a dimension's facts use, at least 1.
        max_indicators: The most indicators.
        max_checks: The most checks.
    """
    kind, periods = draw(_period_keys(max_periods))
    dimensions = draw(_dimensions(max_codes))
    in_tajikistan = any(dimension.id == "region" for dimension in dimensions)
    series = draw(st.lists(ids(), min_size=1, max_size=2, unique=True))
    draft = _Draft(
        kind=kind,
        area="TJ" if in_tajikistan else draw(st.sampled_from(sorted(_THREE_LETTERS))),
        units={name: draw(st.sampled_from(SERIES_UNITS)) for name in series},
        dimensions=dimensions,
    )
    draw(_facts(draft, periods))
    draw(_add_up_totals(draft))

    document: dict[str, Any] = {
        "spec": draw(ids()),
        "title": draw(texts()),
        "sources": {"report": _source(draw)},
        "dimensions": {d.id: d.entry for d in dimensions},
        "facts": dict(draw(_file_order(list(draft.facts.values())))),
    }
    indicators = _drawn(draw, max_indicators, draft, "i", _indicator_of)
    checks = _drawn(draw, max_checks, draft, "c", _check_over)
    if indicators:
        document["indicators"] = indicators
    if checks:
        document["checks"] = checks
    return document


def _file_order(entries: list[Any]) -> st.SearchStrategy[list[Any]]:
    """Keep the drawn order (totals before members, periods in order) or shuffle."""
    return st.one_of(st.just(entries), st.permutations(entries))


def _indicator_of(draft: _Draft) -> st.SearchStrategy[dict[str, Any] | None]:
    return st.one_of(_over_indicator(draft), _change_by_position(draft))


def _drawn(
    draw: st.DrawFn, most: int, draft: _Draft, prefix: str, strategy: Any
) -> dict[str, Any]:
    """Draw up to ``most`` entries, numbered after ``prefix``, leaving out misses."""
    entries = (draw(strategy(draft)) for _ in range(draw(st.integers(0, most))))
    found = [entry for entry in entries if entry is not None]
    return {f"{prefix}{index}": entry for index, entry in enumerate(found, 1)}


def _source(draw: st.DrawFn) -> dict[str, Any]:
    return {"title": draw(texts()), "publisher": draw(texts()), "published": "2024-07"}


def series_spec_texts(**limits: int) -> st.SearchStrategy[str]:
    """Return a strategy of valid series spec YAML texts.

    Args:
        limits: ``max_periods``, ``max_codes``, ``max_indicators`` and
            ``max_checks``, passed to `series_spec_dicts`.
    """
    return series_spec_dicts(**limits).map(spec_yaml)


def series_specs(**limits: int) -> st.SearchStrategy[Any]:
    """Return a strategy of loaded, valid `indicators.Spec` models of series.

    Args:
        limits: Passed to `series_spec_dicts`.
    """
    from .spec import load_spec_text

    return series_spec_texts(**limits).map(
        lambda text: load_spec_text(text, "<generated>")
    )
