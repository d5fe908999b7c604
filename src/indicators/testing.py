"""Hypothesis strategies that generate valid facts, indicator graphs and specs.

For property-testing specs, extensions and tools built on `indicators`::

    from hypothesis import given
    from indicators import evaluate, load_spec_text
    from indicators.testing import spec_texts

    @given(spec_texts())
    def test_every_generated_spec_evaluates(text):
        evaluate(load_spec_text(text))

Every spec drawn here loads without error: its ids are unique, its
facts share one period, its indicator graph is acyclic, the units along
it agree (sums of one unit, differences of percentages in percentage points,
shares and percent changes of like with like, conversions through a rate
whose unit connects the two currencies) and its checks compare a total
with parts of the same unit. Values are `decimal.Decimal` numbers with the
digits they are written with (``5.00`` keeps its two places). Text fields
include strings that YAML 1.1 would misread (``NO``, ``010``, ``1:20``).

Specs of series over periods, with declared dimensions, indicators and
checks over a dimension, bases by position, scales and bounds, come from
`indicators.testing_series`.

Hypothesis is needed only here: install it with ``pip install
'indicators[test]'``.
"""

from __future__ import annotations

import keyword
from collections.abc import Callable
from decimal import Decimal
from typing import Any


try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - depends on the environment
    msg = (
        "indicators.testing needs the hypothesis package; install it with "
        "`pip install 'indicators[test]'` (or `pip install hypothesis`)"
    )
    raise ImportError(msg) from error

from .graph._formula import FUNCTIONS


__all__ = [
    "facts",
    "ids",
    "periods",
    "spec_dicts",
    "spec_texts",
    "spec_yaml",
    "specs",
    "texts",
    "written_numbers",
]

#: The units facts are drawn in: counting units and currencies.
UNITS = ("person", "household", "USD", "KZT")

#: The exchange rate's unit; it connects the two currencies of `UNITS`.
RATE_UNIT = "KZT/USD"

_AREAS = ("TJ", "KZ", "RU", "NO", "TJK", "TJ-KT")
_TRICKY_TEXT = (
    "NO",
    "yes",
    "off",
    "010",
    "1:20",
    "null",
    "~",
    "2024-06-30",
    "1e3",
    "# not a comment",
    "a: b",
    " padded ",
    "'quoted'",
    '"double"',
    "Душанбе",
)
_RESERVED = frozenset(FUNCTIONS) | {"inf", "nan", "e"}


def ids() -> st.SearchStrategy[str]:
    """Return a strategy of valid ids that formulas can also name."""
    return st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True).filter(
        lambda text: not keyword.iskeyword(text) and text not in _RESERVED
    )


def written_numbers(
    max_magnitude: int = 10**9, max_places: int = 3
) -> st.SearchStrategy[Decimal]:
    """Return a strategy of finite numbers as they are written, trailing zeros kept."""
    return st.builds(
        lambda digits, places: Decimal(digits).scaleb(-places),
        st.integers(-max_magnitude, max_magnitude),
        st.integers(0, max_places),
    )


def periods() -> st.SearchStrategy[str]:
    """Return a strategy of period texts in every accepted form."""
    years = st.integers(1990, 2035)
    return st.one_of(
        years.map(str),
        st.builds("{}-H{}".format, years, st.integers(1, 2)),
        st.builds("{}-Q{}".format, years, st.integers(1, 4)),
        st.builds("{}-{:02d}".format, years, st.integers(1, 12)),
        st.builds(
            "{}-{:02d}-{:02d}".format, years, st.integers(1, 12), st.integers(1, 28)
        ),
        st.builds("{0}-01/{0}-06".format, years),
    )


def texts() -> st.SearchStrategy[str]:
    """Return a strategy of free text, including strings YAML 1.1 misreads."""
    letters = st.characters(
        min_codepoint=32,
        max_codepoint=0x2FFF,
        exclude_categories=("Cc", "Cs", "Zl", "Zp", "Co", "Cn"),
    )
    return st.one_of(
        st.sampled_from(_TRICKY_TEXT),
        st.text(letters, min_size=1, max_size=24),
    )


def facts(
    unit: str | None = None, source: str = "report", period: str | None = None
) -> st.SearchStrategy[dict[str, Any]]:
    """Return a strategy of fact entries, as a spec's YAML writes them.

    Args:
        unit: The fact's unit; drawn from `UNITS` when ``None``.
        source: The id of the source the fact cites.
        period: The fact's period; drawn from `periods` when ``None``.
    """
    optional = st.fixed_dictionaries(
        {},
        optional={
            "breakdown": st.dictionaries(ids(), texts(), max_size=2),
            "qualifier": st.sampled_from(
                [
                    "exact",
                    "approximate",
                    "more_than",
                    "at_least",
                    "less_than",
                    "at_most",
                ]
            ),
            "quote": texts(),
        },
    )
    required = st.fixed_dictionaries(
        {
            "value": written_numbers(),
            "unit": st.just(unit) if unit else st.sampled_from(UNITS),
            "period": st.just(period) if period else periods(),
            "area": st.sampled_from(_AREAS),
            "source": st.just(source),
            "locator": texts(),
        }
    )
    return st.builds(lambda first, rest: {**first, **rest}, required, optional)


def _sources() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"title": texts(), "publisher": texts(), "published": periods()},
        optional={"url": st.just("https://example.org/report"), "note": texts()},
    )


@st.composite
def spec_dicts(
    draw: st.DrawFn,
    max_facts: int = 8,
    max_indicators: int = 8,
    max_checks: int = 3,
) -> dict[str, Any]:
    """Draw a valid spec as the plain dict its YAML reads into.

    The indicators form an acyclic graph over the facts and the earlier
    indicators, with every kind represented as the draws allow.
    """
    names = draw(
        st.lists(
            ids(),
            min_size=2 + max_facts + max_indicators + max_checks,
            max_size=2 + max_facts + max_indicators + max_checks,
            unique=True,
        )
    )
    source_id, rate_id, *rest = names
    fact_count = draw(st.integers(1, max_facts))
    fact_ids, rest = rest[:fact_count], rest[fact_count:]
    # One period for every fact: figures of different periods are not
    # comparable, and a rate must cover the amounts it converts.
    period = draw(periods())
    entries = {
        fact_id: draw(facts(source=source_id, period=period)) for fact_id in fact_ids
    }
    entries[rate_id] = draw(facts(unit=RATE_UNIT, source=source_id, period=period))

    pool = [(fact_id, entry["unit"]) for fact_id, entry in entries.items()]
    indicators: dict[str, Any] = {}
    for indicator_id in rest[: draw(st.integers(0, max_indicators))]:
        drawn = draw(_indicator(pool, rate_id))
        if drawn is None:
            continue
        indicator, unit = drawn
        indicators[indicator_id] = indicator
        if unit is not None:
            pool.append((indicator_id, unit))

    checks = {}
    for check_id in rest[max_indicators:][: draw(st.integers(0, max_checks))]:
        check = draw(_check(pool))
        if check is not None:
            checks[check_id] = check

    document: dict[str, Any] = {
        "spec": draw(ids()),
        "title": draw(texts()),
        "sources": {source_id: draw(_sources())},
        "facts": entries,
    }
    if indicators:
        document["indicators"] = indicators
    if checks:
        document["checks"] = checks
    return document


_Pool = list[tuple[str, str]]


def _same_unit_ids(
    draw: st.DrawFn, pool: _Pool, least: int, most: int
) -> tuple[list[str], str] | None:
    """Draw ``least`` to ``most`` ids of one unit (repeats allowed)."""
    units = sorted({unit for _, unit in pool if unit != RATE_UNIT})
    if not units:
        return None
    unit = draw(st.sampled_from(units))
    members = [entry_id for entry_id, member_unit in pool if member_unit == unit]
    chosen = draw(st.lists(st.sampled_from(members), min_size=least, max_size=most))
    return chosen, unit


@st.composite
def _indicator(
    draw: st.DrawFn, pool: _Pool, rate_id: str
) -> tuple[dict[str, Any], str | None] | None:
    kind = draw(st.sampled_from(sorted(_KINDS)))
    drawn = _KINDS[kind](draw, pool, rate_id)
    if drawn is None:
        return None
    indicator, unit = drawn
    extra = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "label": texts(),
                "decimals": st.integers(0, 3),
                "reported": st.one_of(
                    written_numbers(max_magnitude=10**6),
                    st.builds(
                        lambda value, places: {"value": value, "decimals": places},
                        written_numbers(max_magnitude=10**6),
                        st.integers(0, 4),
                    ),
                ),
            },
        )
    )
    if unit is not None and draw(st.booleans()):
        extra["unit"] = unit
    return {**indicator, **extra}, unit


def _sum(draw: st.DrawFn, pool: _Pool, _rate: str) -> Any:
    drawn = _same_unit_ids(draw, pool, 2, 4)
    if drawn is None:
        return None
    chosen, unit = drawn
    return {"sum": chosen}, unit


def _pair(key: str, first: str, second: str, result: str | None) -> Callable[..., Any]:
    def build(draw: st.DrawFn, pool: _Pool, _rate: str) -> Any:
        drawn = _same_unit_ids(draw, pool, 2, 2)
        if drawn is None:
            return None
        (one, two), unit = drawn
        return {key: {first: one, second: two}}, result or _minus(unit)

    return build


def _difference(draw: st.DrawFn, pool: _Pool, _rate: str) -> Any:
    drawn = _same_unit_ids(draw, pool, 2, 2)
    if drawn is None:
        return None
    chosen, unit = drawn
    return {"difference": chosen}, _minus(unit)


def _minus(unit: str) -> str:
    """Return the unit of a difference of two values in ``unit``.

    The difference of two percentages is in percentage points.
    """
    return "percentage_point" if unit == "percent" else unit


def _ratio(draw: st.DrawFn, pool: _Pool, _rate: str) -> Any:
    ids_ = [entry_id for entry_id, unit in pool if unit != RATE_UNIT]
    numerator, denominator = draw(
        st.lists(st.sampled_from(ids_), min_size=2, max_size=2)
    )
    # A ratio's unit is a quotient; it is left out of the pool of summable values.
    return {"ratio": {"numerator": numerator, "denominator": denominator}}, None


def _convert(draw: st.DrawFn, pool: _Pool, rate_id: str) -> Any:
    amounts = [(entry_id, unit) for entry_id, unit in pool if unit in ("USD", "KZT")]
    if not amounts:
        return None
    amount, currency = draw(st.sampled_from(amounts))
    target = "KZT" if currency == "USD" else "USD"
    return {"convert": {"amount": amount, "rate": rate_id, "to": target}}, target


def _formula(draw: st.DrawFn, pool: _Pool, _rate: str) -> Any:
    drawn = _same_unit_ids(draw, pool, 2, 3)
    if drawn is None:
        return None
    chosen, unit = drawn
    shapes = (
        "({0} + {1}) / 2 - {2}",
        "max({0}, {1}) - min({1}, {2})",
        "abs({0} - {2}) * 3",
        "-{0} + {1} * 2.5",
    )
    shape = draw(st.sampled_from(shapes))
    padded = [*chosen, chosen[0], chosen[0]]
    # Each shape both adds and takes away its inputs, so over percentages it
    # is in percentage points.
    return {"formula": shape.format(*padded)}, _minus(unit)


_KINDS: dict[str, Callable[..., Any]] = {
    "sum": _sum,
    "difference": _difference,
    "ratio": _ratio,
    "share": _pair("share", "part", "whole", "percent"),
    "percent_change": _pair("percent_change", "from", "to", "percent"),
    "net_migration": _pair("net_migration", "arrivals", "departures", None),
    "convert": _convert,
    "formula": _formula,
}


@st.composite
def _check(draw: st.DrawFn, pool: _Pool) -> dict[str, Any] | None:
    drawn = _same_unit_ids(draw, pool, 2, 4)
    if drawn is None:
        return None
    (total, *parts), _unit = drawn
    kind = draw(st.sampled_from(["parts_sum_to", "parts_within"]))
    breakdown: dict[str, Any] = {"total": total, "parts": parts}
    if kind == "parts_sum_to" and draw(st.booleans()):
        breakdown["tolerance"] = draw(written_numbers(max_magnitude=1000)).copy_abs()
    check: dict[str, Any] = {kind: breakdown}
    if draw(st.booleans()):
        check["severity"] = draw(st.sampled_from(["error", "warning"]))
    return check


def spec_texts(**limits: int) -> st.SearchStrategy[str]:
    """Return a strategy of valid spec YAML texts.

    Args:
        limits: ``max_facts``, ``max_indicators`` and ``max_checks``, passed
            to `spec_dicts`.
    """
    return spec_dicts(**limits).map(spec_yaml)


def specs(**limits: int) -> st.SearchStrategy[Any]:
    """Return a strategy of loaded, valid `indicators.Spec` models."""
    from .spec import load_spec_text

    return spec_texts(**limits).map(lambda text: load_spec_text(text, "<generated>"))


def spec_yaml(document: dict[str, Any]) -> str:
    """Write a spec dict as YAML text, numbers exactly as the Decimals hold them."""
    from .spec._write import dump_document

    return dump_document(document)
