"""Approximate, scaled and status-marked facts, and what follows from them."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from builders import fact, load, run
from indicators import Bound, SpecError, Status


def _bounds_of(**extra: object) -> tuple[Bound | None, Bound | None]:
    results = run({"x": fact(**extra)})
    bounds = results.bounds_of("x")
    assert bounds is not None
    return bounds.low, bounds.high


class TestFactBounds:
    """Each qualifier gives the interval its words say."""

    @pytest.mark.parametrize(
        ("qualifier", "expected"),
        [
            ("more_than", (Bound(22000, closed=False), None)),
            ("at_least", (Bound(22000, closed=True), None)),
            ("less_than", (None, Bound(22000, closed=False))),
            ("at_most", (None, Bound(22000, closed=True))),
        ],
        ids=["more_than", "at_least", "less_than", "at_most"],
    )
    def test_one_sided_qualifiers(
        self, qualifier: str, expected: tuple[Bound | None, Bound | None]
    ) -> None:
        """A one-sided qualifier bounds one side, open or closed as worded."""
        assert _bounds_of(value=22000, qualifier=qualifier) == expected

    def test_approximate_uses_the_last_significant_digit(self) -> None:
        """ "approximately 860,000" is within 5,000 of it: [855000, 865000]."""
        assert _bounds_of(value=860000, qualifier="approximate") == (
            Bound(855000, closed=True),
            Bound(865000, closed=True),
        )

    def test_approximate_with_a_margin(self) -> None:
        """A stated margin replaces the rounding precision."""
        assert _bounds_of(value=860000, qualifier="approximate", margin=20000) == (
            Bound(840000, closed=True),
            Bound(880000, closed=True),
        )

    def test_rounded_is_half_open(self) -> None:
        """6.5 printed at one decimal stands for [6.45, 6.55)."""
        assert _bounds_of(
            value=Decimal("6.5"), unit="percent", qualifier="rounded"
        ) == (
            Bound(Fraction(645, 100), closed=True),
            Bound(Fraction(655, 100), closed=False),
        )

    def test_range_with_scale(self) -> None:
        """ "2 to 4 million" is [2000000, 4000000], its value the midpoint."""
        results = run({"x": fact({"low": 2, "high": 4}, scale="million")})

        assert (results.value("x"), results["x"].qualifier) == (3_000_000, "range")

    def test_exact_facts_carry_no_bounds(self) -> None:
        """An exact fact has no bounds, so exact figures keep the plain path."""
        results = run({"x": fact(5)}, {"y": {"sum": ["x", "x"]}})

        assert (results.bounds, results["y"].bounds) == ({}, None)

    def test_a_range_with_another_qualifier_is_refused(self) -> None:
        """A range is its own qualifier."""
        with pytest.raises(SpecError, match="drop the qualifier"):
            load({"x": fact({"low": 2, "high": 4}, qualifier="more_than")})

    def test_a_reversed_range_is_refused(self) -> None:
        """A range's low end must not exceed its high end."""
        with pytest.raises(SpecError, match="swap them"):
            load({"x": fact({"low": 4, "high": 2})})

    def test_a_margin_needs_approximate(self) -> None:
        """A margin on an exact fact is refused."""
        with pytest.raises(
            SpecError, match="only for a fact with `qualifier: approximate`"
        ):
            load({"x": fact(5, margin=1)})


class TestScale:
    """A scale word multiplies the printed number exactly."""

    @pytest.mark.parametrize(
        ("scale", "expected"),
        [("thousand", 18_000), ("million", 18_000_000), ("billion", 18_000_000_000)],
        ids=["thousand", "million", "billion"],
    )
    def test_scale_multiplies(self, scale: str, expected: int) -> None:
        """18 with a scale is 18 times the scale's factor."""
        assert run({"x": fact(18, "RUB", scale=scale)}).value("x") == expected

    def test_decimal_with_scale_is_exact(self) -> None:
        """1.25 million is exactly 1,250,000."""
        assert (
            run({"x": fact(Decimal("1.25"), scale="million")}).value("x") == 1_250_000
        )

    def test_explain_shows_the_figure_as_printed(self) -> None:
        """The explanation keeps "18 million" beside the value."""
        results = run({"x": fact(18, "RUB", scale="million")})

        assert results.explain("x").printed == "18 million"

    def test_an_unknown_scale_is_refused(self) -> None:
        """Only thousand, million and billion are scales."""
        with pytest.raises(SpecError, match="scale"):
            load({"x": fact(18, scale="lakh")})


class TestObservationStatus:
    """SDMX observation status travels to every result resting on the fact."""

    def test_code_and_name_are_the_same_status(self) -> None:
        """The code E and the name estimated mean one status."""
        results = run({"x": fact(1, status="E"), "y": fact(2, status="estimated")})

        assert (results.spec.facts["x"].status, results.spec.facts["y"].status) == (
            "estimated",
            "estimated",
        )

    def test_status_reaches_dependent_results(self) -> None:
        """A sum of a provisional and a break-in-series figure carries both."""
        results = run(
            {
                "x": fact(1, status="provisional"),
                "y": fact(2, status="B"),
                "z": fact(3),
            },
            {"s": {"sum": ["x", "y"]}, "t": {"sum": ["s", "z"]}},
        )

        assert results["t"].observation_status == ("break", "provisional")

    def test_status_is_in_the_json_and_message(self) -> None:
        """The run document and the message name the status."""
        from indicators.presentation._json import run_document

        results = run({"x": fact(1, status="P")}, {"s": {"sum": ["x", "x"]}})
        document = run_document(results)["results"][0]

        assert (
            document["observation_status"],
            "x (provisional)" in document["message"],
        ) == (
            ["provisional"],
            True,
        )

    def test_a_missing_value_code_is_refused(self) -> None:
        """M (missing) is no status for a fact that has a value."""
        with pytest.raises(SpecError, match="status"):
            load({"x": fact(1, status="M")})


class TestReportedAgainstBounds:
    """A printed figure compared with an approximate result."""

    @staticmethod
    def _finding(reported: object) -> Status:
        results = run(
            {
                "total": fact(8827250, "USD"),
                "count": fact(
                    22, "transaction", scale="thousand", qualifier="more_than"
                ),
            },
            {
                "avg": {
                    "ratio": {"numerator": "total", "denominator": "count"},
                    "reported": reported,
                }
            },
        )
        return results.finding("avg").status

    def test_within_the_bounds_passes(self) -> None:
        """400 (rounding interval [399.5, 400.5)) lies within (0, 401.2386)."""
        assert self._finding(400) == Status.PASS

    def test_outside_the_bounds_fails(self) -> None:
        """402 stands for [401.5, 402.5), entirely above 401.2386."""
        assert self._finding(402) == Status.FAIL

    def test_a_bound_inside_the_rounding_is_undetermined(self) -> None:
        """401 stands for [400.5, 401.5), which the bound 401.2386 cuts."""
        assert self._finding(401) == Status.UNDETERMINED

    def test_bounds_inside_the_rounding_pass(self) -> None:
        """A total between 6.45 and 6.55 per cent rounds to 6.5 whatever its value."""
        results = run(
            {"x": fact(Decimal("6.5"), "percent", qualifier="rounded")},
            {"y": {"sum": ["x", "x"], "reported": {"value": 13, "decimals": 0}}},
        )

        assert results.finding("y").status == Status.PASS


class TestChecksWithBounds:
    """A breakdown with approximate parts or total is decided by its bounds."""

    @staticmethod
    def _status(total: dict[str, object], kind: str = "parts_within") -> Status:
        results = run(
            {"total": total, "a": fact(10000), "b": fact(9000)},
            checks={"c": {kind: {"total": "total", "parts": ["a", "b"]}}},
        )
        return results.finding("c").status

    def test_parts_certainly_within(self) -> None:
        """10,000 + 9,000 is certainly within "more than 22,000"."""
        assert self._status(fact(22000, qualifier="more_than")) == Status.PASS

    def test_parts_possibly_within(self) -> None:
        """19,000 may or may not be within "approximately 20,000" ([15000, 25000])."""
        assert self._status(fact(20000, qualifier="approximate")) == Status.UNDETERMINED

    def test_parts_certainly_above(self) -> None:
        """19,000 is certainly above "less than 18,000"."""
        assert self._status(fact(18000, qualifier="less_than")) == Status.FAIL

    def test_parts_cannot_sum_to_an_open_bound(self) -> None:
        """19,000 cannot equal "more than 19,000"."""
        status = self._status(fact(19000, qualifier="more_than"), "parts_sum_to")

        assert status == Status.FAIL


class TestUnboundedResults:
    """A division by bounds that hold zero leaves any value possible."""

    def test_division_by_at_most_is_unbounded_with_its_reason(self) -> None:
        """ "at most 5" may be zero, so a ratio over it has no bounds."""
        results = run(
            {"x": fact(10), "y": fact(5, qualifier="at_most")},
            {"r": {"ratio": {"numerator": "x", "denominator": "y"}}},
        )
        bounds = results.bounds_of("r")

        assert (bounds.qualifier, "may be zero" in bounds.describe()) == (
            "unbounded",
            True,
        )


class TestExplanationOfApproximateFigures:
    """The explanation tree carries the printed form, the bounds and the status."""

    def test_to_dict_has_printed_bounds_and_status(self) -> None:
        """A range fact explains as printed, with its closed bounds and its status."""
        results = run(
            {"x": fact({"low": 2, "high": 4}, scale="million", status="F")},
            {"half": {"formula": "x / 2"}},
        )

        tree = results.explain("half").to_dict()
        leaf = tree["inputs"][0]

        assert (
            tree["bounds"]["low"],
            tree["bounds"]["high"],
            tree["observation_status"],
            leaf["printed"],
        ) == (1_000_000, 2_000_000, ["forecast"], "2 to 4 million")
