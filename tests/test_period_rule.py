"""Changes and differences compare periods of one length, unless told otherwise."""

from __future__ import annotations

from fractions import Fraction

import pytest

from builders import fact, load, run, spec_text
from indicators import SpecError, load_spec_text


class TestPeriodLengthRule:
    """The load-time rule on the periods of a percent change or a difference."""

    def test_a_conversion_keeps_its_amounts_period_whatever_its_rate(self) -> None:
        """A yearly rate leaves a half-year's amount a half-year's, so a month differs."""
        text = spec_text(
            {
                "half": fact(900, "KZT", period="2024-H1"),
                "month": fact(150, "KZT", period="2024-01"),
                "yearly": fact(450, "KZT/USD", period="2024"),
            },
            {
                "half_usd": {
                    "convert": {"amount": "half", "to": "USD", "rate": "yearly"}
                },
                "month_usd": {
                    "convert": {"amount": "month", "to": "USD", "rate": "yearly"}
                },
                "gap": {"difference": ["half_usd", "month_usd"]},
            },
        )

        with pytest.raises(SpecError, match=r"2024-H1 \(a half-year\).*2024-01"):
            load_spec_text(text, "t.yaml")

    def test_a_month_against_a_half_year_is_refused(self) -> None:
        """A percent change from a half-year to a month names both periods."""
        text = spec_text(
            {"half": fact(600, period="2024-H1"), "month": fact(90, period="2024-04")},
            {"change": {"percent_change": {"from": "half", "to": "month"}}},
        )

        with pytest.raises(
            SpecError, match=r"2024-H1 \(a half-year\).*2024-04 \(a month\)"
        ) as error:
            load_spec_text(text, "t.yaml")

        assert error.value.key == "indicators.change.percent_change"
        assert error.value.line is not None
        assert "periods: mixed" in str(error.value)

    def test_a_difference_of_a_year_and_a_quarter_is_refused(self) -> None:
        """A difference between a year and a quarter is refused too."""
        with pytest.raises(SpecError, match="not comparable"):
            load(
                {"year": fact(10, period="2024"), "quarter": fact(3, period="2024-Q1")},
                {"gap": {"difference": ["year", "quarter"]}},
            )

    def test_periods_mixed_allows_the_comparison(self) -> None:
        """`periods: mixed` declares the comparison intended, and it is computed."""
        results = run(
            {"half": fact(600, period="2024-H1"), "month": fact(90, period="2024-04")},
            {"gap": {"difference": ["half", "month"], "periods": "mixed"}},
        )

        assert results.value("gap") == 510

    def test_same_length_periods_in_different_years_pass(self) -> None:
        """Two half-years of different years are comparable."""
        results = run(
            {"old": fact(80, period="2023-H1"), "new": fact(100, period="2024-H1")},
            {"change": {"percent_change": {"from": "old", "to": "new"}}},
        )

        assert results.value("change") == 25

    def test_a_six_month_range_compares_with_a_half_year(self) -> None:
        """A range of six whole months has the length of a half-year."""
        results = run(
            {
                "old": fact(80, period="2023-01/2023-06"),
                "new": fact(100, period="2024-H1"),
            },
            {"change": {"percent_change": {"from": "old", "to": "new"}}},
        )

        assert results.value("change") == 25

    def test_an_indicator_takes_the_common_period_of_its_inputs(self) -> None:
        """A sum of two April figures is an April figure, not comparable with a year."""
        facts = {
            "a": fact(1, period="2024-04"),
            "b": fact(2, period="2024-04"),
            "year": fact(30, period="2024"),
        }
        indicators = {
            "april": {"sum": ["a", "b"]},
            "change": {"percent_change": {"from": "year", "to": "april"}},
        }

        with pytest.raises(SpecError, match=r"'april' over 2024-04 \(a month\)"):
            load(facts, indicators)

    def test_an_unknown_period_leaves_the_rule_out(self) -> None:
        """A sum over months of different periods has no one period to compare."""
        facts = {
            "jan": fact(1, period="2024-01"),
            "feb": fact(3, period="2024-02"),
            "old": fact(2, period="2023"),
        }
        indicators = {
            "months": {"sum": ["jan", "feb"]},
            "change": {"percent_change": {"from": "old", "to": "months"}},
        }

        assert run(facts, indicators).value("change") == Fraction(100)

    def test_a_misspelt_rule_is_refused_with_the_closest(self) -> None:
        """`periods` takes `same_length` or `mixed`; a typo gets a suggestion."""
        with pytest.raises(SpecError, match="(?i)did you mean 'mixed'"):
            load(
                {"a": fact(1), "b": fact(2)},
                {"gap": {"difference": ["a", "b"], "periods": "mixd"}},
            )
