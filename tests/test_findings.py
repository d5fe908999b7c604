"""Findings: a printed value against its inputs, and breakdowns against totals."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from indicators import Bound, Bounds
from indicators.evaluation._findings import (
    Finding,
    Status,
    _finding,
    check_finding,
    reported_finding,
)
from indicators.evaluation._operations import Undetermined
from indicators.spec import _model as model


def _reported(written: str, decimals: int | None = None) -> model.Reported:
    if decimals is None:
        return model.Reported.model_validate(Decimal(written))
    return model.Reported.model_validate(
        {"value": Decimal(written), "decimals": decimals}
    )


class TestReportedFinding:
    def test_passes_when_the_rounded_value_equals_the_printed_one(self) -> None:
        """-15.93 rounds to the printed -16 at whole units."""
        finding = reported_finding(
            "x", _reported("-16"), (Fraction(-1593, 100),), "percent"
        )

        assert finding == Finding(
            id="x",
            subject="x",
            kind="reported",
            status=Status.PASS,
            severity=model.Severity.ERROR,
            computed=Fraction(-1593, 100),
            stated=-16,
            difference=Fraction(7, 100),
            unit="percent",
            message=(
                "computed -15.93 rounds to -16 at whole units, which matches the "
                "printed -16"
            ),
        )

    def test_fails_when_they_differ(self) -> None:
        """25.78 rounds to 26, not the printed 25, and the difference is unrounded."""
        finding = reported_finding(
            "x", _reported("25"), (Fraction(2578, 100),), "percent"
        )

        assert (finding.status, finding.difference) == (Status.FAIL, Fraction(78, 100))
        assert finding.message == (
            "computed 25.78 rounds to 26 at whole units, which does not match the "
            "printed 25"
        )

    def test_shows_the_printed_figure_with_its_trailing_zeros(self) -> None:
        """A figure printed 57.30 is shown 57.30 beside the computed 57.33."""
        finding = reported_finding(
            "x", _reported("57.30"), (Fraction(172, 3),), "percent"
        )

        assert finding.message.endswith(
            "rounds to 57.33 at 2 decimal places, which does not match the "
            "printed 57.30"
        )

    def test_shows_a_printed_figure_with_more_places_as_written(self) -> None:
        """57.35 compared at one place is still shown as the 57.35 printed."""
        finding = reported_finding(
            "x", _reported("57.35", decimals=1), (Fraction(5734, 100),), "percent"
        )

        assert finding.message.endswith("the printed 57.35")

    @pytest.mark.parametrize(
        ("decimals", "printed", "precision"),
        [
            (1, "33.3", "1 decimal place"),
            (2, "33.33", "2 decimal places"),
            (-1, "30", "the nearest 10"),
            (-3, "0", "the nearest 1,000"),
        ],
    )
    def test_compares_at_the_printed_precision(
        self, decimals: int, printed: str, precision: str
    ) -> None:
        """The precision is named in the message, including tens and thousands."""
        finding = reported_finding(
            "x", _reported(printed, decimals), (Fraction(100, 3),), "percent"
        )

        assert finding.status is Status.PASS
        assert f" at {precision}, which matches" in finding.message

    def test_an_undetermined_value_cannot_be_compared(self) -> None:
        """An undetermined value gives an undetermined finding with the reason."""
        missing = Undetermined("the whole is zero, so no share of it exists", "s")

        finding = reported_finding("x", _reported("6.5"), (missing,), "percent")

        assert finding == Finding(
            id="x",
            subject="x",
            kind="reported",
            status=Status.UNDETERMINED,
            severity=model.Severity.ERROR,
            computed=None,
            stated=Fraction(13, 2),
            difference=None,
            unit="percent",
            message=(
                "cannot compare with the printed 6.5: the whole is zero, so no share "
                "of it exists"
            ),
        )


def _check(
    kind: str, tolerance: str | None = None, severity: str = "error"
) -> model.Check:
    breakdown: dict[str, object] = {"total": "t", "parts": ["p", "q"]}
    if tolerance is not None:
        breakdown["tolerance"] = Decimal(tolerance)
    entry = {kind: breakdown, "severity": severity}
    return model.CHECK_KINDS[kind].model_validate(entry)


def _values(total: object, first: object, second: object) -> dict[str, tuple[object]]:
    return {"t": (total,), "p": (first,), "q": (second,)}


class TestPartsSumTo:
    def test_passes_when_the_parts_make_the_total(self) -> None:
        """Parts adding up to the total pass."""
        finding = check_finding(
            "c", _check("parts_sum_to"), _values(10, 4, 6), "person"
        )

        assert finding == Finding(
            id="c",
            subject="t",
            kind="parts_sum_to",
            status=Status.PASS,
            severity=model.Severity.ERROR,
            computed=10,
            stated=10,
            difference=0,
            unit="person",
            message="the parts add up to 10 person, which is the total",
        )

    def test_fails_with_the_signed_gap(self) -> None:
        """Parts exceeding the total fail, with the gap signed."""
        finding = check_finding(
            "c", _check("parts_sum_to"), _values(392805, 314052, 78853), "person"
        )

        assert (finding.status, finding.difference) == (Status.FAIL, 100)
        assert finding.message == (
            "the parts add up to 392,905 person, but the printed total is 392,805: "
            "+100 person"
        )

    def test_a_shortfall_has_a_minus_sign(self) -> None:
        """Parts short of the total show a negative gap."""
        finding = check_finding("c", _check("parts_sum_to"), _values(10, 4, 5), "USD")

        assert finding.message.endswith("printed total is 10: -1 USD")
        assert finding.difference == -1

    def test_a_gap_below_one_still_has_its_sign(self) -> None:
        """A gap of half a unit is written +0.5, not 0.5."""
        finding = check_finding(
            "c", _check("parts_sum_to"), _values(10, 4, Fraction(13, 2)), "USD"
        )

        assert finding.message.endswith("printed total is 10: +0.5 USD")

    def test_a_gap_within_the_tolerance_passes(self) -> None:
        """A gap no larger than the tolerance passes and names the tolerance."""
        finding = check_finding(
            "c", _check("parts_sum_to", "1", "warning"), _values(10, 4, 7), "USD"
        )

        assert (finding.status, finding.severity) == (Status.PASS, "warning")
        assert finding.message == (
            "the parts add up to 11 USD, which is the total (tolerance 1)"
        )

    def test_a_shortfall_within_the_tolerance_passes(self) -> None:
        """Parts short of the total by no more than the tolerance pass."""
        finding = check_finding(
            "c", _check("parts_sum_to", "1"), _values(10, 4, 5), "USD"
        )

        assert finding.status is Status.PASS
        assert finding.message == (
            "the parts add up to 9 USD, which is the total (tolerance 1)"
        )

    def test_a_shortfall_beyond_the_tolerance_fails(self) -> None:
        """Parts short of the total by more than the tolerance fail."""
        finding = check_finding(
            "c", _check("parts_sum_to", "0.5"), _values(10, 4, 5), "USD"
        )

        assert finding.status is Status.FAIL
        assert finding.message.endswith(": -1 USD (tolerance 0.5)")

    def test_a_gap_beyond_the_tolerance_fails(self) -> None:
        """A gap larger than the tolerance fails and still names the tolerance."""
        finding = check_finding(
            "c", _check("parts_sum_to", "0.5"), _values(10, 4, 7), "USD"
        )

        assert finding.status is Status.FAIL
        assert finding.message.endswith(": +1 USD (tolerance 0.5)")

    def test_an_undetermined_part_makes_it_undetermined(self) -> None:
        """A part that cannot be computed leaves the check undetermined, with why."""
        missing = Undetermined("the denominator is zero", "p")

        finding = check_finding(
            "c",
            _check("parts_sum_to", severity="warning"),
            _values(10, missing, 6),
            "USD",
        )

        assert finding == Finding(
            id="c",
            subject="t",
            kind="parts_sum_to",
            status=Status.UNDETERMINED,
            severity=model.Severity.WARNING,
            computed=None,
            stated=None,
            difference=None,
            unit="USD",
            message="cannot test the breakdown: the denominator is zero",
        )

    def test_an_undetermined_total_makes_it_undetermined(self) -> None:
        """A total that cannot be computed leaves the check undetermined too."""
        missing = Undetermined("the whole is zero", "t")

        finding = check_finding(
            "c", _check("parts_within"), _values(missing, 1, 2), "x"
        )

        assert finding.status is Status.UNDETERMINED
        assert finding.message == "cannot test the breakdown: the whole is zero"


class TestPartsWithin:
    def test_passes_when_the_parts_stay_within(self) -> None:
        """Listed parts below the total pass, with what is not listed."""
        finding = check_finding(
            "c", _check("parts_within"), _values(10, 4, 5), "person"
        )

        assert (finding.status, finding.difference) == (Status.PASS, -1)
        assert finding.message == (
            "the listed parts add up to 9 person, within the total 10 (1 not listed)"
        )

    def test_parts_equal_to_the_total_pass(self) -> None:
        """Listed parts that make up the whole total still pass."""
        finding = check_finding("c", _check("parts_within"), _values(9, 4, 5), "person")

        assert finding.status is Status.PASS
        assert finding.message.endswith("(0 not listed)")

    def test_fails_when_the_parts_exceed_the_total(self) -> None:
        """Listed parts above the total fail, by how much."""
        finding = check_finding(
            "c", _check("parts_within"), _values(10, 4, Fraction(15, 2)), "person"
        )

        assert (finding.status, finding.difference) == (Status.FAIL, Fraction(3, 2))
        assert finding.message == (
            "the listed parts add up to 11.5 person, more than the total 10 by 1.5"
        )


class TestFindingRecord:
    def test_keeps_the_bounds_it_is_given(self) -> None:
        """A finding built from approximate inputs carries their bounds."""
        bounds = Bounds(Bound(9, True), Bound(11, False))

        finding = _finding(
            "x",
            "x",
            "reported",
            Status.PASS,
            model.Severity.ERROR,
            10,
            10,
            "person",
            "the printed 10 lies within",
            bounds,
        )

        assert (finding.bounds, finding.difference) == (bounds, 0)
