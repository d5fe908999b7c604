"""Properties of the engine over series, dimensions, scales and bounds.

The specs come from `indicators.testing_series`. Each property compares the
engine with itself on a spec rewritten by hand: what it finds by position
or over a dimension must equal what it computes when the same facts are
named by id. The facts a position or a dimension points to are found here
from the drawn dict, by the rules the README states, without the engine.
"""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import given

from indicators import Bound, Bounds, Results, evaluate, load_spec_text
from strategies import SCALES, series_spec_dicts, spec_yaml


def _evaluate(document: dict[str, Any]) -> Results:
    return evaluate(load_spec_text(spec_yaml(document), "series.yaml"))


_TWO_LETTERS = {"TJK": "TJ", "KAZ": "KZ"}
_PERIOD = re.compile(r"(\d{4})(?:-([HSQM]?)(\d{1,2}))?")
_PER_YEAR = {"": 1, "H": 2, "S": 2, "Q": 4, "M": 12}


def _period_key(text: str) -> tuple[int, int, int]:
    """Read a drawn period as (periods per year, year, step), either spelling."""
    found = _PERIOD.fullmatch(text)
    assert found is not None, f"a drawn period this test cannot read: {text!r}"
    year, letter, step = found.groups()
    if step is None:
        return 1, int(year), 1
    per_year = _PER_YEAR[letter] if letter or len(step) == 1 else 12
    return per_year, int(year), int(step)


def _shifted(text: str, base: str) -> tuple[int, int, int]:
    """Return the period a base by position names, counted back from ``text``."""
    per_year, year, step = _period_key(text)
    back = 1 if base == "previous_period" else per_year
    index = year * per_year + step - 1 - back
    return per_year, index // per_year, index % per_year + 1


def _place(fact: dict[str, Any]) -> tuple[Any, ...]:
    """Return what a fact shares with the other facts of its place in a series.

    A unit is compared in the singular (`persons` is `person`), a country in
    two letters (`TJK` is `TJ`).
    """
    breakdown = tuple(sorted(fact.get("breakdown", {}).items()))
    unit = fact["unit"].removesuffix("s")
    area = _TWO_LETTERS.get(fact["area"], fact["area"])
    return fact["series"], unit, area, breakdown


def _base_fact(document: dict[str, Any], to_id: str, base: str) -> str:
    """Return the one fact a base by position names from ``to_id``."""
    facts = document["facts"]
    wanted = _shifted(facts[to_id]["period"], base)
    found = [
        fact_id
        for fact_id, fact in facts.items()
        if _place(fact) == _place(facts[to_id])
        and _period_key(fact["period"]) == wanted
    ]
    assert len(found) == 1, f"{base} of {to_id} names {found}"
    return found[0]


def _members(
    document: dict[str, Any], anchor_id: str, dimension: str
) -> dict[str, str]:
    """Return the member facts of ``anchor_id`` over ``dimension``, code by code."""
    facts = document["facts"]
    anchor = facts[anchor_id]
    series, unit, area, breakdown = _place(anchor)
    members = {}
    for fact_id, fact in facts.items():
        rest = dict(fact.get("breakdown", {}))
        code = rest.pop(dimension, None)
        if (
            code is not None
            and _place({**fact, "breakdown": rest}) == (series, unit, area, breakdown)
            and _period_key(fact["period"]) == _period_key(anchor["period"])
        ):
            members[code] = fact_id
    return members


def _named_inputs(
    document: dict[str, Any], indicator: dict[str, Any]
) -> dict[str, Any]:
    """Return an indicator's inputs with a base by position replaced by its fact."""
    (kind, inputs), *_ = indicator.items()
    named = dict(inputs)
    base = named.pop("base", None)
    if base is not None:
        named["from"] = _base_fact(document, inputs["to"], base)
    return {kind: named}


def _outcomes(results: Results) -> dict[str, tuple[Any, ...]]:
    """Return every result and finding as the values that must not change."""
    found: dict[str, tuple[Any, ...]] = {
        result.id: (result.value, result.status, result.bounds) for result in results
    }
    for finding in results.findings:
        found[finding.id] = (
            finding.status,
            finding.computed,
            finding.stated,
            finding.difference,
            finding.bounds,
        )
    return found


def _with_indicators_by_member(
    document: dict[str, Any],
) -> tuple[dict[str, Any], dict[str, str | None]]:
    """Add, for each member of each indicator over a dimension, the same indicator
    written with that member's facts by id.

    Returns:
        The new document, and for each member result id the id of the
        indicator written for it, or ``None`` when an input has no fact
        for that member.
    """
    rewritten = copy.deepcopy(document)
    by_member: dict[str, str | None] = {}
    for indicator_id, indicator in document.get("indicators", {}).items():
        (kind, inputs), *_ = _named_inputs(document, indicator).items()
        dimension = inputs.pop("over", None)
        if dimension is None:
            continue
        columns = {
            key: _members(document, fact, dimension) for key, fact in inputs.items()
        }
        codes = dict.fromkeys(code for column in columns.values() for code in column)
        for number, code in enumerate(codes, 1):
            member = f"{indicator_id}[{dimension}={code}]"
            by_member[member] = None
            if all(code in column for column in columns.values()):
                written = {key: column[code] for key, column in columns.items()}
                by_member[member] = f"{indicator_id}_member_{number}"
                rewritten["indicators"][by_member[member]] = {kind: written}
    return rewritten, by_member


def _printed_value(fact: dict[str, Any]) -> Fraction:
    """Return the value a fact prints, a range by its midpoint, before its scale."""
    value = fact["value"]
    if isinstance(value, dict):
        return (Fraction(value["low"]) + Fraction(value["high"])) / 2
    return Fraction(Decimal(value))


def _printed_ends(fact: dict[str, Any]) -> tuple[Fraction, Fraction] | None:
    """Return the printed ends of a range or of an approximate figure's margin."""
    value = fact["value"]
    if isinstance(value, dict):
        return Fraction(value["low"]), Fraction(value["high"])
    if "margin" not in fact:
        return None
    margin = Fraction(fact["margin"])
    return Fraction(value) - margin, Fraction(value) + margin


class TestSeriesSpecs:
    """Every drawn series spec loads, evaluates and explains its undetermined values."""

    @given(series_spec_dicts())
    def test_every_result_is_a_number_or_undetermined_with_a_reason(
        self, document: dict[str, Any]
    ) -> None:
        """Each result, member by member, has a value or says why it has none."""
        results = _evaluate(document)

        for result in results:
            if result.value is None:
                assert (result.status, bool(result.message)) == ("undetermined", True)
            else:
                assert isinstance(result.value, int | Fraction)


class TestIndicatorsOverADimension:
    """An indicator over a dimension is the same indicator written per member."""

    @given(series_spec_dicts())
    def test_each_member_equals_the_indicator_written_for_it_by_id(
        self, document: dict[str, Any]
    ) -> None:
        """A member equals its facts named by id, or is undetermined without one."""
        rewritten, by_member = _with_indicators_by_member(document)

        results = _evaluate(rewritten)

        members = {
            member
            for indicator_id in document.get("indicators", {})
            for member in results.members(indicator_id)
        }
        assert members == set(by_member)
        for member, written in by_member.items():
            if written is None:
                assert results[member].status == "undetermined"
            else:
                over, by_id = results[member], results[written]
                assert (over.value, over.status, over.bounds) == (
                    by_id.value,
                    by_id.status,
                    by_id.bounds,
                )


class TestBasesByPosition:
    """A base by position is the fact at that position, named by id."""

    @given(series_spec_dicts())
    def test_a_base_by_position_gives_what_the_base_named_by_id_gives(
        self, document: dict[str, Any]
    ) -> None:
        """Writing `from:` for every `base:` changes no result and no finding."""
        rewritten = copy.deepcopy(document)
        for indicator_id, indicator in document.get("indicators", {}).items():
            rewritten["indicators"][indicator_id] = {
                **indicator,
                **_named_inputs(document, indicator),
            }

        assert _outcomes(_evaluate(rewritten)) == _outcomes(_evaluate(document))


class TestChecksOverADimension:
    """A check over a dimension is the check with its parts listed."""

    @given(series_spec_dicts())
    def test_a_check_over_a_dimension_finds_what_its_listed_parts_find(
        self, document: dict[str, Any]
    ) -> None:
        """Listing the members in file order changes no finding."""
        rewritten = copy.deepcopy(document)
        for check in rewritten.get("checks", {}).values():
            kind = "parts_sum_to" if "parts_sum_to" in check else "parts_within"
            breakdown = check[kind]
            dimension = breakdown.pop("over")
            members = _members(document, breakdown["total"], dimension)
            breakdown["parts"] = list(members.values())

        assert _outcomes(_evaluate(rewritten)) == _outcomes(_evaluate(document))


class TestScaledFacts:
    """A scale word multiplies the printed number exactly."""

    @given(series_spec_dicts())
    def test_a_scaled_fact_is_its_printed_value_times_its_scale(
        self, document: dict[str, Any]
    ) -> None:
        """`value: 1.5, scale: million` is 1,500,000, with no rounding on the way."""
        results = _evaluate(document)

        for fact_id, fact in document["facts"].items():
            if "scale" in fact:
                expected = _printed_value(fact) * SCALES[fact["scale"]]
                assert results.value(fact_id) == expected

    @given(series_spec_dicts())
    def test_a_scaled_range_or_margin_has_its_printed_ends_times_its_scale(
        self, document: dict[str, Any]
    ) -> None:
        """ "2 to 4 million" lies in [2,000,000, 4,000,000], both ends included."""
        results = _evaluate(document)

        for fact_id, fact in document["facts"].items():
            ends = _printed_ends(fact)
            if ends is not None:
                scale = SCALES.get(fact.get("scale", ""), 1)
                low, high = (end * scale for end in ends)
                # Ends that meet are one exact value, which has no bounds.
                closed = Bounds(Bound(low, True), Bound(high, True))
                expected = None if low == high else closed
                assert results.bounds_of(fact_id) == expected
