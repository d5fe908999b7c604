"""Percentage points: the unit of the difference of two percentages.

From 42 % to 45 % is +3 percentage points, not +3 %; the rules that give a
difference of percentages that unit, refuse to mix the two where it would
mislead, and print it in words or as `pp`, are tested here.
"""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from rich.console import Console

from builders import fact, load, run, spec_text
from indicators import UnitMismatchError, UnknownReferenceError
from indicators.graph._units import (
    quantity_words,
    unit_catalogue,
    unit_symbol,
    unit_words,
)
from indicators.presentation._export_csv import indicators_csv
from indicators.presentation._render import explanation_tree
from indicators.presentation._report_html import audit_report
from indicators.presentation.cli import cli
from strategies import percentages


def _shares(**extra: Any) -> dict[str, Any]:
    """Return two shares in percent, 42 and 45, and a change of 3 points."""
    return {
        "share_2023": fact(42, "percent", period="2023"),
        "share_2024": fact(45, "percent", period="2024"),
        "change": fact(3, "percentage_point", period="2024"),
        **extra,
    }


def _rise(**indicator: Any) -> dict[str, Any]:
    return {"rise": {"difference": ["share_2024", "share_2023"], **indicator}}


def _text(results: Any, entry_id: str) -> str:
    console = Console(width=300, record=True, color_system=None, file=_Sink())
    console.print(explanation_tree(results.explain(entry_id)))
    return console.export_text()


class _Sink:
    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


class TestCatalogue:
    def test_a_spec_may_name_the_unit(self) -> None:
        """`percentage_point` is a unit a fact may be declared in."""
        results = run(_shares())

        assert results["change"].unit == "percentage_point"

    @pytest.mark.parametrize("written", ["pp", "percentage_points"])
    def test_its_symbol_and_plural_read_as_the_unit(self, written: str) -> None:
        """`pp` and the plural `percentage_points` name the same unit."""
        catalogue = unit_catalogue()

        assert catalogue.parse(written) == catalogue.parse("percentage_point")

    def test_a_misspelling_is_suggested_the_unit(self) -> None:
        """A misspelt percentage point gets the right name as a suggestion."""
        with pytest.raises(UnknownReferenceError, match="'percentage_point'"):
            unit_catalogue().parse("percentage_piont")


class TestDifferences:
    def test_of_two_percentages_is_in_percentage_points(self) -> None:
        """45 % − 42 % is 3 percentage points."""
        results = run(_shares(), _rise())

        assert results["rise"].unit == "percentage_point"

    def test_keeps_its_value_exactly(self) -> None:
        """Only the unit changes: the value is the exact difference."""
        facts = _shares(
            share_2023=fact(Decimal("41.7"), "percent"),
            share_2024=fact(Decimal("45.05"), "percent"),
        )
        results = run(facts, _rise())

        assert results.value("rise") == Fraction(335, 100)

    def test_of_two_counts_stays_in_the_count(self) -> None:
        """A difference of persons is in persons."""
        results = run({"a": fact(10), "b": fact(4)}, {"d": {"difference": ["a", "b"]}})

        assert results["d"].unit == "person"

    def test_net_migration_of_percentages_is_in_percentage_points(self) -> None:
        """Net migration is a difference, so follows the same rule."""
        results = run(
            _shares(),
            {
                "net": {
                    "net_migration": {
                        "arrivals": "share_2024",
                        "departures": "share_2023",
                    }
                }
            },
        )

        assert results["net"].unit == "percentage_point"

    def test_of_percentage_points_stays_in_percentage_points(self) -> None:
        """A change of a change in points is in points."""
        results = run(_shares(), {"d": {"difference": ["change", "change"]}})

        assert results["d"].unit == "percentage_point"

    def test_points_taken_from_a_percentage_give_a_percentage(self) -> None:
        """45 % less 3 points is 42 %."""
        results = run(_shares(), {"d": {"difference": ["share_2024", "change"]}})

        assert (results.value("d"), results["d"].unit) == (42, "percent")

    def test_a_percentage_taken_from_points_is_refused(self) -> None:
        """Points minus a percentage means nothing, and the error says where and why."""
        with pytest.raises(UnitMismatchError) as error:
            load(_shares(), {"d": {"difference": ["change", "share_2023"]}})

        assert str(error.value).startswith(f"test.yaml:{error.value.line}:")
        assert error.value.key == "indicators.d.difference"
        assert (
            "indicator 'd' (difference) combines 'change' in percentage_point "
            in str(error.value)
        )
        assert "with 'share_2023' in percent" in str(error.value)
        assert "compare percentages with percentages" in str(error.value)


class TestOtherKinds:
    def test_a_percent_change_of_percentages_stays_in_percent(self) -> None:
        """42 % to 45 % is a relative change of 7.1 %, in percent."""
        results = run(
            _shares(),
            {"c": {"percent_change": {"from": "share_2023", "to": "share_2024"}}},
        )

        assert (results.value("c"), results["c"].unit) == (
            Fraction(50, 7),
            "percent",
        )

    def test_a_share_of_points_in_a_percentage_is_refused(self) -> None:
        """A share compares its part with its whole, so points and percent clash."""
        with pytest.raises(
            UnitMismatchError,
            match="combines 'change' in percentage_point with 'share_2023' in percent",
        ):
            load(_shares(), {"s": {"share": {"part": "change", "whole": "share_2023"}}})

    def test_a_share_stays_in_percent(self) -> None:
        """A share of persons is in percent, as before."""
        results = run(
            {"a": fact(1), "b": fact(4)}, {"s": {"share": {"part": "a", "whole": "b"}}}
        )

        assert results["s"].unit == "percent"

    def test_a_sum_of_percentages_stays_in_percent(self) -> None:
        """Shares of one whole add up to a share of it."""
        results = run(_shares(), {"s": {"sum": ["share_2023", "share_2024"]}})

        assert results["s"].unit == "percent"

    def test_a_sum_of_points_stays_in_points(self) -> None:
        """Changes in points add up to a change in points."""
        results = run(_shares(), {"s": {"sum": ["change", "change"]}})

        assert (results.value("s"), results["s"].unit) == (6, "percentage_point")

    def test_a_sum_of_a_percentage_and_points_is_a_percentage(self) -> None:
        """42 % and a rise of 3 points make 45 %."""
        results = run(_shares(), {"s": {"sum": ["change", "share_2023"]}})

        assert (results.value("s"), results["s"].unit) == (45, "percent")


class TestFormulas:
    def test_a_subtraction_of_percentages_is_in_points(self) -> None:
        """`share_2024 - share_2023` is in percentage points."""
        results = run(_shares(), {"f": {"formula": "share_2024 - share_2023"}})

        assert (results.value("f"), results["f"].unit) == (3, "percentage_point")

    def test_points_added_to_a_percentage_give_a_percentage(self) -> None:
        """`share_2023 + change` is the later share, in percent."""
        results = run(_shares(), {"f": {"formula": "share_2023 + change"}})

        assert (results.value("f"), results["f"].unit) == (45, "percent")

    def test_a_percentage_subtracted_from_points_is_refused(self) -> None:
        """`change - share_2023` is refused with both units named."""
        with pytest.raises(
            UnitMismatchError,
            match="indicator 'f' subtracts percentage_point and percent",
        ):
            load(_shares(), {"f": {"formula": "change - share_2023"}})

    @pytest.mark.parametrize(
        "formula",
        [
            "share_2024 - share_2023 - low",
            "share_2024 - (share_2023 + low)",
            "change - share_2023 + share_2024",
            "change + share_2024 - share_2023",
        ],
    )
    def test_the_unit_does_not_depend_on_brackets(self, formula: str) -> None:
        """A run of + and - taking percentages both ways is in points, however grouped."""
        facts = _shares(low=fact(2, "percent", period="2024"))

        results = run(facts, {"f": {"formula": formula}})

        assert results["f"].unit == "percentage_point"

    def test_comparing_a_percentage_with_points_is_refused(self) -> None:
        """`max` over a percentage and points is refused."""
        with pytest.raises(
            UnitMismatchError, match=r"max\(\): percent, percentage_point"
        ):
            load(_shares(), {"f": {"formula": "max(share_2023, change)"}})

    def test_a_relative_change_of_a_share_can_be_declared_in_percent(self) -> None:
        """(45 − 42) / 42 declared in percent is the percent change, 50/7."""
        results = run(
            _shares(),
            {
                "f": {
                    "formula": "(share_2024 - share_2023) / share_2023",
                    "unit": "percent",
                }
            },
        )

        assert (results.value("f"), results["f"].unit) == (Fraction(50, 7), "percent")


class TestDeclaredUnit:
    def test_points_declared_on_a_difference_of_percentages_pass(self) -> None:
        """`unit: percentage_point` on a difference of percentages is accepted."""
        results = run(_shares(), _rise(unit="percentage_point", reported=3))

        assert results.finding("rise").status == "pass"

    def test_percent_declared_on_a_difference_of_percentages_is_refused(self) -> None:
        """Declaring percent would relabel the points, so it is an error at the unit key."""
        with pytest.raises(UnitMismatchError) as error:
            load(_shares(), _rise(unit="percent"))

        assert error.value.key == "indicators.rise.unit"
        assert error.value.line is not None
        assert "declares the unit 'percent', but its inputs give percentage_point" in (
            str(error.value)
        )
        assert "declare `unit: percentage_point`" in str(error.value)

    def test_points_declared_on_a_share_are_refused(self) -> None:
        """A share is a percentage, not a difference of two."""
        with pytest.raises(UnitMismatchError, match="declare `unit: percent`"):
            load(
                _shares(),
                {
                    "s": {
                        "share": {"part": "share_2023", "whole": "share_2024"},
                        "unit": "percentage_point",
                    }
                },
            )

    def test_a_plain_difference_of_ratios_may_be_declared_in_points(self) -> None:
        """0.45 − 0.42 as plain numbers declared in points is 3 points."""
        facts = {
            "a": fact(Decimal("0.45"), "dimensionless"),
            "b": fact(Decimal("0.42"), "dimensionless"),
        }
        results = run(
            facts, {"d": {"difference": ["a", "b"], "unit": "percentage_point"}}
        )

        assert results.value("d") == 3


class TestPercentWithCounts:
    def test_adding_a_percentage_to_a_count_says_what_a_percentage_is(self) -> None:
        """The hint speaks of shares, not of plain numbers without a unit."""
        facts = {"a": fact(100), "b": fact(50, "percent")}

        with pytest.raises(
            UnitMismatchError, match="(?i)a percentage is a share of a whole"
        ):
            load(facts, {"r": {"sum": ["b", "a"]}})


class TestRatiosInPoints:
    def test_a_ratio_declared_in_points_is_refused(self) -> None:
        """A ratio is relative; calling it percentage points is refused."""
        ratio = {"ratio": {"numerator": "share_2024", "denominator": "share_2023"}}

        with pytest.raises(UnitMismatchError, match="a level or a ratio"):
            load(_shares(), {"r": {**ratio, "unit": "percentage_point"}})


class TestChecks:
    def test_parts_add_up_as_a_sum_does(self) -> None:
        """A share and a change of points add up to a share, compared with the total."""
        results = run(
            _shares(),
            {},
            {
                "k": {
                    "parts_sum_to": {
                        "total": "share_2024",
                        "parts": ["share_2023", "change"],
                    }
                }
            },
        )

        assert results.finding("k").status.value == "pass"

    def test_parts_in_points_and_a_total_in_percent_are_refused(self) -> None:
        """A check cannot compare points with a percentage."""
        with pytest.raises(
            UnitMismatchError,
            match="part 'change' is in percentage_point and the total 'share_2024' in percent",
        ):
            load(
                _shares(),
                {},
                {"k": {"parts_sum_to": {"total": "share_2024", "parts": ["change"]}}},
            )

    def test_a_check_in_points_words_its_unit(self) -> None:
        """A check whose parts are 1 point says "1 percentage point"."""
        facts = {
            "total": fact(1, "percentage_point"),
            "part": fact(1, "percentage_point"),
        }
        results = run(
            facts, {}, {"k": {"parts_sum_to": {"total": "total", "parts": ["part"]}}}
        )

        assert "add up to 1 percentage point," in results.finding("k").message


class TestUnitWords:
    @pytest.mark.parametrize(
        ("number", "words"),
        [
            ("1", "percentage point"),
            ("-1", "percentage point"),
            ("≈1", "percentage point"),
            ("+1", "percentage point"),
            ("3.2", "percentage points"),
            ("1.0", "percentage points"),
            ("0", "percentage points"),
            ("", "percentage points"),
        ],
    )
    def test_points_are_singular_only_after_one(self, number: str, words: str) -> None:
        """One point is singular; any other number, or none, takes the plural."""
        assert unit_words("percentage_point", number) == words

    def test_other_units_keep_their_name(self) -> None:
        """A unit other than points is written as its name."""
        assert unit_words("person", "3") == "person"

    def test_points_in_a_quotient_are_worded(self) -> None:
        """Inside a quotient the name gives way to words."""
        assert unit_words("percentage_point / person") == "percentage point / person"

    def test_a_table_writes_points_as_pp(self) -> None:
        """Tables print the short symbol `pp`."""
        assert unit_symbol("percentage_point / person") == "pp / person"

    def test_a_plain_number_is_written_alone(self) -> None:
        """A dimensionless number has no unit to write."""
        assert quantity_words("3", "dimensionless") == "3"


class TestLabels:
    def test_explain_says_percentage_points(self) -> None:
        """The derivation ends in "= 3 percentage points"."""
        results = run(_shares(), _rise())

        text = _text(results, "rise")

        assert "= 45 percent − 42 percent = 3 percentage points" in text

    def test_explain_says_one_percentage_point_in_the_singular(self) -> None:
        """A rise of exactly one point is "1 percentage point"."""
        facts = _shares(share_2024=fact(43, "percent", period="2024"))

        text = _text(run(facts, _rise()), "rise")

        assert "= 1 percentage point  [difference]" in text

    def test_a_fact_in_points_is_explained_in_words(self) -> None:
        """A fact declared in points is shown with the words."""
        text = _text(run(_shares()), "change")

        assert text.startswith("change = 3 percentage points  [fact]")

    def test_the_run_table_prints_pp(self, tmp_path: Path) -> None:
        """`indicators run` prints the unit column as `pp`."""
        path = tmp_path / "spec.yaml"
        path.write_text(spec_text(_shares(), _rise()), encoding="utf-8")

        outcome = CliRunner().invoke(cli, ["run", str(path)], terminal_width=200)

        row = next(line for line in outcome.output.splitlines() if "rise" in line)
        assert " pp " in row

    def test_the_json_output_keeps_the_unit_name(self, tmp_path: Path) -> None:
        """`run --format json` gives the unit as a spec writes it."""
        path = tmp_path / "spec.yaml"
        path.write_text(spec_text(_shares(), _rise()), encoding="utf-8")

        outcome = CliRunner().invoke(cli, ["run", str(path), "--format", "json"])

        units = {r["id"]: r["unit"] for r in json.loads(outcome.output)["results"]}
        assert units["rise"] == "percentage_point"

    def test_the_audit_report_prints_pp_in_tables_and_words_in_derivations(
        self,
    ) -> None:
        """The report's indicator table says "3 pp", its derivation "3 percentage points"."""
        html = audit_report(run(_shares(), _rise()))

        assert '<td class="num">3 pp' in html
        assert "= 3 percentage points</span>" in html

    def test_the_notebook_table_prints_pp(self) -> None:
        """The notebook table's unit cell for points is `pp`."""
        html = run(_shares(), _rise())._repr_html_()

        assert "<td>pp</td>" in html

    def test_the_csv_export_keeps_the_unit_name(self) -> None:
        """The CSV unit column gives the unit as a spec writes it."""
        text = indicators_csv(run(_shares(), _rise()))

        assert ",percentage_point," in next(
            line for line in text.splitlines() if line.startswith("rise,")
        )


class TestPercentageProperties:
    @given(percentages(), percentages())
    def test_points_added_back_give_the_later_percentage(
        self, earlier: Decimal, later: Decimal
    ) -> None:
        """For any two percentages, the earlier plus their difference is the later."""
        facts = {
            "earlier": fact(earlier, "percent"),
            "later": fact(later, "percent"),
        }
        results = run(
            facts,
            {
                "rise": {"difference": ["later", "earlier"]},
                "back": {"formula": "earlier + rise"},
            },
        )

        assert (results.value("rise"), results["rise"].unit) == (
            Fraction(later) - Fraction(earlier),
            "percentage_point",
        )
        assert (results.value("back"), results["back"].unit) == (
            Fraction(later),
            "percent",
        )
