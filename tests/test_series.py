"""A percent change may name its base by position within a series."""

from __future__ import annotations

from fractions import Fraction

import pytest

from builders import fact, load, run, spec_text
from indicators import SpecError, UnknownReferenceError, load_spec_text


def _emigrants(period: str, value: int, **extra: object) -> dict[str, object]:
    return fact(value, period=period, series="emigrants", **extra)


class TestPositionalBase:
    """`base: same_period_last_year` and `base: previous_period`."""

    def test_same_period_last_year_finds_the_fact_a_year_before(self) -> None:
        """The base of 2024-H1 is the fact of the series for 2023-H1."""
        facts = {
            "e_2023h1": _emigrants("2023-H1", 80),
            "e_2023h2": _emigrants("2023-H2", 90),
            "e_2024h1": _emigrants("2024-H1", 100),
        }
        change = {"percent_change": {"to": "e_2024h1", "base": "same_period_last_year"}}

        results = run(facts, {"change": change})

        assert results.value("change") == 25
        assert results["change"].inputs == ("e_2023h1", "e_2024h1")

    def test_previous_period_finds_the_period_just_before(self) -> None:
        """The previous period of 2024-H1 is 2023-H2."""
        facts = {
            "e_2023h1": _emigrants("2023-H1", 80),
            "e_2023h2": _emigrants("2023-H2", 90),
            "e_2024h1": _emigrants("2024-H1", 100),
        }
        change = {"percent_change": {"to": "e_2024h1", "base": "previous_period"}}

        results = run(facts, {"change": change})

        assert results.value("change") == Fraction(10 * 100, 90)

    def test_an_unreadable_base_is_not_also_reported_missing(self) -> None:
        """Only the base's own error is given, not a second one saying it is absent."""
        facts = {
            "e_2023": _emigrants("2023-H1", "12,000"),
            "e_2024": _emigrants("2024-H1", 100),
        }
        change = {"percent_change": {"to": "e_2024", "base": "same_period_last_year"}}

        with pytest.raises(SpecError) as error:
            load(facts, {"change": change})

        assert "without thousands separators" in str(error.value)
        assert "cannot be found" not in str(error.value)

    def test_an_unreadable_fact_of_another_series_hides_nothing(self) -> None:
        """A missing base is still reported beside an unrelated fact that cannot be read."""
        facts = {
            "e_2024": _emigrants("2024-H1", 100),
            "households": fact("1,000", "household"),
        }
        change = {"percent_change": {"to": "e_2024", "base": "same_period_last_year"}}

        with pytest.raises(SpecError) as error:
            load(facts, {"change": change})

        assert "cannot be found" in str(error.value)
        assert "without thousands separators" in str(error.value)

    def test_a_plural_unit_is_the_same_unit(self) -> None:
        """A base written in `persons` is found for a fact in `person`."""
        facts = {
            "e_2023": _emigrants("2023-H1", 80, unit="persons"),
            "e_2024": _emigrants("2024-H1", 100),
        }
        change = {"percent_change": {"to": "e_2024", "base": "same_period_last_year"}}

        results = run(facts, {"change": change})

        assert results["change"].inputs == ("e_2023", "e_2024")

    def test_a_three_letter_area_is_the_same_country(self) -> None:
        """A base about `TJK` is found for a fact about `TJ`."""
        facts = {
            "e_2023": _emigrants("2023-H1", 80, area="TJK"),
            "e_2024": _emigrants("2024-H1", 100),
        }
        change = {"percent_change": {"to": "e_2024", "base": "same_period_last_year"}}

        results = run(facts, {"change": change})

        assert results["change"].inputs == ("e_2023", "e_2024")

    def test_the_base_keeps_the_breakdown_and_the_series(self) -> None:
        """Facts of another series or another member are not the base."""
        facts = {
            "returns_2023": fact(70, period="2023-H1", series="returns"),
            "e_2023_ru": _emigrants("2023-H1", 50, breakdown={"destination": "RU"}),
            "e_2023": _emigrants("2023-H1", 80),
            "e_2024": _emigrants("2024-H1", 100),
        }
        change = {"percent_change": {"to": "e_2024", "base": "same_period_last_year"}}

        results = run(facts, {"change": change})

        assert results["change"].inputs == ("e_2023", "e_2024")

    def test_a_missing_base_names_what_was_looked_for(self) -> None:
        """Without a fact for the shifted period, the error says which one is sought."""
        text = spec_text(
            {"e_2024": _emigrants("2024-H1", 100)},
            {
                "change": {
                    "percent_change": {"to": "e_2024", "base": "same_period_last_year"}
                }
            },
        )

        with pytest.raises(
            UnknownReferenceError, match="series 'emigrants'.*period 2023-H1"
        ) as error:
            load_spec_text(text, "t.yaml")

        assert error.value.key == "indicators.change.percent_change.base"
        assert error.value.line is not None

    def test_a_base_by_position_needs_a_series(self) -> None:
        """A `to` fact with no `series` cannot have a base found by position."""
        with pytest.raises(SpecError, match="needs 'e_2024' to declare its series"):
            load(
                {"e_2024": fact(100)},
                {
                    "change": {
                        "percent_change": {"to": "e_2024", "base": "previous_period"}
                    }
                },
            )

    def test_two_candidate_bases_are_ambiguous(self) -> None:
        """Two facts at the base position are refused as ambiguous."""
        facts = {
            "a": _emigrants("2023-H1", 80),
            "b": _emigrants("2023-H1", 81),
            "e_2024": _emigrants("2024-H1", 100),
        }
        change = {"percent_change": {"to": "e_2024", "base": "same_period_last_year"}}

        with pytest.raises(SpecError, match="ambiguous: a, b"):
            load(facts, {"change": change})

    def test_from_and_base_together_are_refused(self) -> None:
        """A base is named by id or by position, not both."""
        facts = {"a": _emigrants("2023-H1", 80), "e": _emigrants("2024-H1", 100)}
        change = {"percent_change": {"from": "a", "to": "e", "base": "previous_period"}}

        with pytest.raises(SpecError, match="exactly one of them"):
            load(facts, {"change": change})

    def test_an_unknown_position_gets_a_suggestion(self) -> None:
        """A misspelt position is refused with the closest one."""
        facts = {"e": _emigrants("2024-H1", 100)}
        change = {"percent_change": {"to": "e", "base": "same_period_lastyear"}}

        with pytest.raises(SpecError, match="(?i)did you mean 'same_period_last_year'"):
            load(facts, {"change": change})

    def test_the_explanation_shows_the_resolved_base(self) -> None:
        """The explanation of a change by position descends into the base fact."""
        facts = {"old": _emigrants("2023-H1", 80), "new": _emigrants("2024-H1", 100)}
        change = {"percent_change": {"to": "new", "base": "same_period_last_year"}}

        explanation = run(facts, {"change": change}).explain("change")

        assert explanation.leaves() == {"old", "new"}


class TestBaseBySpan:
    def test_a_base_is_found_whatever_form_its_period_is_written_in(self) -> None:
        """A range over six months finds the half-year a year earlier."""
        from builders import fact, run

        results = run(
            {
                "old": fact(100, period="2023-H1", series="e"),
                "new": fact(110, period="2024-01/2024-06", series="e"),
            },
            {"c": {"percent_change": {"to": "new", "base": "same_period_last_year"}}},
        )

        assert results.value("c") == 10

    def test_two_bases_of_one_span_are_ambiguous(self) -> None:
        """A half-year and the same six months written as a range are both candidates."""
        from builders import fact, load
        from indicators import SpecError

        with pytest.raises(SpecError, match="(?i)ambiguous|more than one|two"):
            load(
                {
                    "a": fact(100, period="2023-H1", series="e"),
                    "b": fact(100, period="2023-01/2023-06", series="e"),
                    "new": fact(110, period="2024-H1", series="e"),
                },
                {
                    "c": {
                        "percent_change": {"to": "new", "base": "same_period_last_year"}
                    }
                },
            )
