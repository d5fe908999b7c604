"""The engine's fast path against a slow reference, and updates against reruns.

The engine checks units once per indicator and then computes plain exact
numbers. The reference here does what a careful person would do by hand:
one pint quantity per value, with `Fraction` magnitudes, one operation at a
time, so that pint checks and carries the units of every step. Both must
give the same value and the same unit for every indicator of any spec.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import Any

import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import fact, load, run
from indicators import FactUpdateError, Results
from strategies import (
    DESTINATION,
    FACT_UNITS,
    SpecDraft,
    exact_values,
    series_sections,
    spec_drafts,
)


class _Undetermined(Exception):
    """The reference's value for a result that cannot be computed."""


@cache
def _registry() -> pint.UnitRegistry:
    registry = pint.UnitRegistry(non_int_type=Fraction)
    registry.define("percentage_point = 0.01")
    for name in ("person", "household"):
        registry.define(f"{name} = [{name}]")
    for code in ("RUB", "USD"):
        registry.define(f"{code} = [currency_{code}]")
    return registry


def _quantity(value: Any, unit: str) -> pint.Quantity:
    registry = _registry()
    return registry.Quantity(Fraction(str(value)), registry.Unit(unit))


def _reference(draft: SpecDraft) -> dict[str, pint.Quantity | _Undetermined]:
    """Compute every indicator of ``draft`` with one pint quantity per value."""
    values: dict[str, Any] = {
        fact_id: _quantity(entry["value"], entry["unit"])
        for fact_id, entry in draft.facts.items()
    }
    for indicator_id, body in draft.indicators.items():
        values[indicator_id] = _reference_step(body, values)
    return values


def _reference_step(body: dict[str, Any], values: dict[str, Any]) -> Any:
    kind, spelled = next(iter(body.items()))
    try:
        return _REFERENCE_KINDS[kind](spelled, values)
    except (_Undetermined, ZeroDivisionError):
        return _Undetermined()


def _known(values: dict[str, Any], entry_id: str) -> pint.Quantity:
    value = values[entry_id]
    if isinstance(value, _Undetermined):
        raise _Undetermined
    return value


def _sum(ids: list[str], values: dict[str, Any]) -> pint.Quantity:
    total = _known(values, ids[0])
    for entry_id in ids[1:]:
        total = _add(total, _known(values, entry_id))
    return total


def _minus(first: str, second: str, values: dict[str, Any]) -> pint.Quantity:
    return _subtract(_known(values, first), _known(values, second))


def _add(left: pint.Quantity, right: pint.Quantity) -> pint.Quantity:
    return _run((1, left), (1, right))


def _subtract(left: pint.Quantity, right: pint.Quantity) -> pint.Quantity:
    return _run((1, left), (-1, right))


def _run(*terms: tuple[int, pint.Quantity]) -> pint.Quantity:
    """Add and subtract as pint does, labelled as a run of percentages is.

    Percentages both added and taken away in one run give percentage
    points; otherwise a run holding a percentage is in percent.
    """
    total = sum((sign * quantity for sign, quantity in terms[1:]), terms[0][1])
    names = {_name(quantity) for _sign, quantity in terms}
    if "percent" not in names or not names <= {"percent", "percentage_point"}:
        return total
    added = any(s > 0 and _name(q) == "percent" for s, q in terms)
    taken = any(s < 0 and _name(q) == "percent" for s, q in terms)
    label = "percentage_point" if added and taken else "percent"
    return _registry().Quantity(total.to("percent").magnitude, label)


def _name(quantity: pint.Quantity) -> str | None:
    """Return the name of a quantity's unit when it is one unit to the first power."""
    parts = list(quantity.units._units.items())
    return parts[0][0] if len(parts) == 1 and parts[0][1] == 1 else None


def _share(spelled: dict[str, str], values: dict[str, Any]) -> pint.Quantity:
    return (_known(values, spelled["part"]) / _known(values, spelled["whole"])).to(
        "percent"
    )


def _percent_change(spelled: dict[str, str], values: dict[str, Any]) -> pint.Quantity:
    base, new = _known(values, spelled["from"]), _known(values, spelled["to"])
    if base.magnitude < 0:
        raise _Undetermined
    return ((new - base) / base).to("percent")


def _convert(spelled: dict[str, str], values: dict[str, Any]) -> pint.Quantity:
    amount, rate = _known(values, spelled["amount"]), _known(values, spelled["rate"])
    target = _registry().Unit(spelled["to"])
    if rate.magnitude == 0:
        # A zero rate converts nothing, whichever way it is applied.
        raise _Undetermined
    if (amount.units / rate.units).dimensionality == target.dimensionality:
        return (amount / rate).to(target)
    return (amount * rate).to(target)


def _formula(text: str, values: dict[str, Any]) -> pint.Quantity:
    """Evaluate the strategies' formula templates, one pint operation at a time."""
    names = dict.fromkeys(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))
    scope = {
        name: _known(values, name)
        for name in names
        if name not in ("max", "min", "abs")
    }
    a, b, c = _formula_operands(text, scope)
    forms = {
        "({a} + {b}) / 2 - {c}": lambda: _subtract(_add(a, b) / 2, c),
        "{a} - 2 * {b} + {c}": lambda: _run((1, a), (-1, 2 * b), (1, c)),
        "max({a}, {b}) - min({b}, {c})": lambda: _subtract(max(a, b), min(b, c)),
        "abs({a} - {b}) + {c}": lambda: _add(abs(_subtract(a, b)), c),
        "{a} * {b} / {c}": lambda: a * b / c,
        "-({a} - {b}) * 3 / 4 + {c}": lambda: _add(-_subtract(a, b) * 3 / 4, c),
    }
    for template, compute in forms.items():
        if re.fullmatch(_template_pattern(template), text):
            return compute()
    raise AssertionError(text)


def _formula_operands(text: str, scope: dict[str, Any]) -> tuple[Any, Any, Any]:
    for template in _TEMPLATES:
        match = re.fullmatch(_template_pattern(template), text)
        if match:
            return tuple(scope[match.group(name)] for name in "abc")  # type: ignore[return-value]
    raise AssertionError(text)


def _template_pattern(template: str) -> str:
    pattern = re.escape(template)
    for name in "abc":
        slot = re.escape("{" + name + "}")
        group = rf"(?P<{name}>\w+)"
        pattern = pattern.replace(slot, group, 1)
        pattern = pattern.replace(slot, rf"(?P={name})")
    return pattern


_TEMPLATES = (
    "({a} + {b}) / 2 - {c}",
    "{a} - 2 * {b} + {c}",
    "max({a}, {b}) - min({b}, {c})",
    "abs({a} - {b}) + {c}",
    "{a} * {b} / {c}",
    "-({a} - {b}) * 3 / 4 + {c}",
)

_REFERENCE_KINDS = {
    "sum": _sum,
    "difference": lambda ids, values: _minus(ids[0], ids[1], values),
    "net_migration": lambda spelled, values: _minus(
        spelled["arrivals"], spelled["departures"], values
    ),
    "ratio": lambda spelled, values: (
        _known(values, spelled["numerator"]) / _known(values, spelled["denominator"])
    ),
    "share": _share,
    "percent_change": _percent_change,
    "convert": _convert,
    "formula": _formula,
}


def _engine_unit(results: Results, entry_id: str) -> pint.Unit:
    return _registry().Unit(results[entry_id].unit)


class TestFastPathAgainstReference:
    @given(spec_drafts())
    def test_values_and_units_equal_the_pint_reference(self, draft: SpecDraft) -> None:
        """Every indicator has the value and unit that pint, step by step, gives."""
        results = run(draft.facts, draft.indicators)
        reference = _reference(draft)

        for indicator_id in draft.indicators:
            expected = reference[indicator_id]
            result = results[indicator_id]
            if isinstance(expected, _Undetermined):
                assert result.status == "undetermined", indicator_id
                continue
            assert result.value == expected.magnitude, indicator_id
            assert _engine_unit(results, indicator_id) == expected.units, indicator_id


def _rewritten(draft: SpecDraft, fact_id: str, value: int | Decimal) -> dict[str, Any]:
    facts = dict(draft.facts)
    facts[fact_id] = {**facts[fact_id], "value": value}
    return facts


def _series_example() -> tuple[dict[str, Any], ...]:
    facts = {
        "a": fact(100, series="s", source="other"),
        "b": fact(50, series="t", source="other"),
    }
    for code, value in (("RU", 60), ("KZ", 30)):
        place = {"breakdown": {"destination": code}}
        facts[f"a_{code}"] = fact(value, series="s", **place)
        facts[f"b_{code}"] = fact(value // 2, series="t", **place)
    ratio = {"numerator": "b", "denominator": "a"}
    indicators = {
        "whole": {"ratio": {**ratio, "over": "destination"}},
        "totals": {"ratio": ratio},
    }
    return facts, indicators, {}


class TestUpdate:
    @given(spec_drafts(), st.data())
    def test_equals_a_full_evaluation_of_the_changed_spec(
        self, draft: SpecDraft, data: st.DataObject
    ) -> None:
        """Updating one fact gives the results of evaluating the changed spec anew."""
        fact_id = data.draw(st.sampled_from(sorted(draft.facts)))
        value = data.draw(exact_values())
        updated = run(draft.facts, draft.indicators).update(fact_id, value)
        rerun = run(_rewritten(draft, fact_id, value), draft.indicators)

        for entry_id in [*draft.facts, *draft.indicators]:
            assert updated[entry_id] == rerun[entry_id], entry_id
        assert updated.findings == rerun.findings

    @given(spec_drafts(), st.data())
    def test_leaves_the_results_it_started_from_unchanged(
        self, draft: SpecDraft, data: st.DataObject
    ) -> None:
        """The results an update starts from keep every value they had."""
        fact_id = data.draw(st.sampled_from(sorted(draft.facts)))
        results = run(draft.facts, draft.indicators)
        before = [results[entry_id] for entry_id in [*draft.facts, *draft.indicators]]

        results.update(fact_id, data.draw(exact_values()))

        after = [results[entry_id] for entry_id in [*draft.facts, *draft.indicators]]
        assert after == before

    @given(series_sections(), st.data())
    def test_equals_a_full_evaluation_with_an_indicator_over_a_dimension(
        self, sections: tuple[dict[str, Any], ...], data: st.DataObject
    ) -> None:
        """Updating a total or a member fact gives what evaluating anew gives."""
        facts, indicators, checks = sections
        fact_id = data.draw(st.sampled_from(sorted(facts)))
        value = data.draw(st.integers(min_value=0, max_value=10**9))
        options: dict[str, Any] = {"sources": ["other"], "dimensions": DESTINATION}
        updated = run(facts, indicators, checks, **options).update(fact_id, value)
        changed = {**facts, fact_id: {**facts[fact_id], "value": value}}
        rerun = run(changed, indicators, checks, **options)

        assert list(updated) == list(rerun)
        assert [updated[f] for f in facts] == [rerun[f] for f in facts]
        assert updated.findings == rerun.findings

    def test_a_series_fact_named_recomputes_no_member(self) -> None:
        """The indicator over a dimension does not take the totals it names."""
        facts, indicators, checks = _series_example()
        options: dict[str, Any] = {"sources": ["other"], "dimensions": DESTINATION}
        results = run(facts, indicators, checks, **options)

        updated = results.update("a", 7)

        assert "whole" not in results.plan.descendants_in_order("a")
        assert updated.values["whole"] is results.values["whole"]
        assert updated.value("totals") != results.value("totals")

    def test_recomputes_only_the_descendants(self) -> None:
        """Indicators that do not rest on the changed fact keep their very objects."""
        results = run(
            {"a": _fact(10), "b": _fact(20), "c": _fact(5)},
            {"ab": {"sum": ["a", "b"]}, "bc": {"sum": ["b", "c"]}},
        )
        updated = results.update("c", 7)

        assert updated.value("bc") == 27
        assert updated.values["ab"] is results.values["ab"]

    def test_recomputes_the_findings_that_rest_on_the_fact(self) -> None:
        """A check on the changed fact is tested again with the new value."""
        facts = {"total": _fact(30), "men": _fact(10), "women": _fact(20)}
        checks = {
            "by_sex": {"parts_sum_to": {"total": "total", "parts": ["men", "women"]}}
        }
        results = evaluate_spec(facts, checks)

        updated = results.update("women", 25)

        assert results.finding("by_sex").status == "pass"
        assert updated.finding("by_sex").status == "fail"

    def test_refuses_an_indicator(self) -> None:
        """An indicator's value follows from its inputs, so it cannot be set."""
        results = run({"a": _fact(1), "b": _fact(2)}, {"ab": {"sum": ["a", "b"]}})

        with pytest.raises(
            FactUpdateError, match="'ab' is an indicator computed from its inputs"
        ):
            results.update("ab", 5)

    def test_refuses_an_unknown_fact_with_a_suggestion(self) -> None:
        """An id that names no fact is refused, with the closest fact's id."""
        results = run(
            {"men": _fact(1), "women": _fact(2)}, {"all": {"sum": ["men", "women"]}}
        )

        with pytest.raises(LookupError, match="Did you mean 'women'"):
            results.update("wemen", 5)

    def test_refuses_a_float(self) -> None:
        """A float is not exact, so it is refused rather than turned into a fraction."""
        results = run({"a": _fact(1), "b": _fact(2)}, {"ab": {"sum": ["a", "b"]}})

        with pytest.raises(FactUpdateError, match="must be an exact number"):
            results.update("a", 0.1)


def _fact(value: int) -> dict[str, Any]:
    from builders import fact

    return fact(value)


def evaluate_spec(facts: dict[str, Any], checks: dict[str, Any]) -> Results:
    from indicators import evaluate

    return evaluate(load(facts, None, checks))


def test_strategies_cover_every_fact_unit() -> None:
    """The drawn fact units are the ones the reference registry defines."""
    for unit in FACT_UNITS:
        assert _registry().Unit(unit) is not None


class TestUpdateEdgeCases:
    def test_a_range_fact_updated_to_one_value_becomes_exact(self) -> None:
        """Replacing a printed range by one value leaves no bounds behind."""
        from builders import fact, run

        results = run(
            {"g": fact({"low": 1, "high": 3}), "a": fact(100)},
            {"s": {"sum": ["g", "a"]}},
        )

        updated = results.update("g", 2)

        assert updated.value("s") == 102
        assert updated.bounds_of("s") is None

    def test_a_value_no_report_prints_is_refused(self) -> None:
        """An update beyond 10^30 is refused like the same value in a spec."""
        from decimal import Decimal

        from builders import fact, run

        results = run({"a": fact(1)}, {"s": {"sum": ["a", "a"]}})

        with pytest.raises(FactUpdateError, match="beyond 10\\^30"):
            results.update("a", Decimal("1E+40"))

    def test_a_fraction_for_a_fact_whose_digits_give_its_precision(self) -> None:
        """An approximate fact without a margin needs written digits, not a fraction."""
        from builders import fact

        results = run(
            {"a": fact(140, qualifier="approximate"), "b": fact(1)},
            {"s": {"sum": ["a", "b"]}},
        )

        with pytest.raises(FactUpdateError, match="Decimal written to the places"):
            results.update("a", Fraction(1, 3))
        assert results.update("a", Fraction(150)).value("s") == 151
        assert results.update("a", Decimal("150")).bounds_of("s") is not None
