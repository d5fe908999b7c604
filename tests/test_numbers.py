"""Exact numbers: conversion, written precision, rounding, refusals and display."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators._numbers import (
    decimals_written,
    exact,
    format_fixed,
    format_number,
    refuse_text_number,
    round_half_away,
)
from strategies import written_numbers


class TestExact:
    def test_a_truth_value_is_refused(self) -> None:
        """`True` is not the number one."""
        with pytest.raises(
            ValueError, match="^a number is expected, not the truth value True$"
        ):
            exact(True)

    def test_infinity_is_refused(self) -> None:
        """An infinite Decimal is refused, naming it."""
        with pytest.raises(
            ValueError,
            match=r"^a finite number is expected, not Decimal\('-Infinity'\)$",
        ):
            exact(Decimal("-Infinity"))

    def test_nan_is_refused(self) -> None:
        """A Decimal NaN is refused too."""
        with pytest.raises(ValueError, match="finite"):
            exact(Decimal("NaN"))

    @pytest.mark.parametrize(
        ("written", "expected"),
        [
            (Decimal("3.00"), 3),
            (Decimal("0.1"), Fraction(1, 10)),
            (Fraction(4, 2), 2),
            (Fraction(-5, 2), Fraction(-5, 2)),
            (7, 7),
        ],
    )
    def test_whole_values_become_ints(self, written: Decimal, expected: object) -> None:
        """A whole value is an `int`; any other is the exact `Fraction`."""
        result = exact(written)

        assert result == expected
        assert type(result) is type(expected)

    @given(written_numbers())
    def test_a_written_number_keeps_its_value(self, written: Decimal) -> None:
        """Every written Decimal becomes the rational it spells, exactly."""
        assert exact(written) == Fraction(written)


class TestDecimalsWritten:
    @pytest.mark.parametrize(
        ("written", "places"),
        [
            (16, 0),
            (Decimal("16"), 0),
            (Decimal("6.5"), 1),
            (Decimal("8827250.00"), 2),
            (Decimal("1E+3"), 0),
            (Decimal("0.001"), 3),
        ],
    )
    def test_counts_the_places_written(self, written: Decimal, places: int) -> None:
        """The places are those written, trailing zeros included."""
        assert decimals_written(written) == places

    def test_nan_has_no_places(self) -> None:
        """A Decimal with no numeric exponent counts as having none."""
        assert decimals_written(Decimal("NaN")) == 0


class TestRoundHalfAway:
    @pytest.mark.parametrize(
        ("value", "decimals", "expected"),
        [
            (Fraction(5, 2), 0, 3),
            (Fraction(-5, 2), 0, -3),
            (Fraction(7, 2), 0, 4),
            (Fraction(24999, 10000), 0, 2),
            (Fraction(1, 8), 2, Fraction(13, 100)),
            (Fraction(-1, 8), 2, Fraction(-13, 100)),
            (Fraction(1, 3), 2, Fraction(33, 100)),
            (1250, -2, 1300),
            (-1249, -2, -1200),
            (42, 0, 42),
            (Fraction(-1, 3), 0, 0),
        ],
    )
    def test_rounds_halves_away_from_zero(
        self, value: Fraction, decimals: int, expected: Fraction
    ) -> None:
        """Halves go away from zero, at any precision, including tens and hundreds."""
        result = round_half_away(value, decimals)

        assert result == expected
        assert type(result) is type(expected)

    @given(st.fractions(max_denominator=10**6), st.integers(-3, 4))
    def test_is_within_half_a_step(self, value: Fraction, decimals: int) -> None:
        """The rounded value is at most half a step away, and on the step."""
        step = Fraction(10) ** -decimals
        rounded = round_half_away(value, decimals)

        assert abs(rounded - value) <= step / 2
        assert (Fraction(rounded) / step).denominator == 1

    @given(
        st.one_of(st.integers(-(10**12), 10**12), st.fractions(max_denominator=10**6)),
        st.integers(-3, 4),
    )
    def test_agrees_with_rounding_in_fractions(
        self, value: Fraction | int, decimals: int
    ) -> None:
        """Counting steps in integers gives what the definition gives in fractions."""
        scale = Fraction(10) ** decimals
        magnitude = int(abs(Fraction(value)) * scale + Fraction(1, 2)) / scale
        expected = -magnitude if value < 0 else magnitude

        assert round_half_away(value, decimals) == expected


class TestRefuseTextNumber:
    @pytest.mark.parametrize(
        ("text", "advice"),
        [
            (
                "392,805",
                "write the number without thousands separators and without quotes, "
                "as 392805",
            ),
            (
                " 1 234 567.5 ",
                "write the number without thousands separators and without quotes, "
                "as 1234567.5",
            ),
            (
                "18 million RUB",
                "write only the number in `value` and put the unit or currency in "
                "`unit`; a scale word goes in `scale`: 18 million is `value: 18` "
                "with `scale: million`",
            ),
            (
                "2024-06-30",
                "a date is not a number; write the figure in `value` and the date or "
                "period it refers to in `period`",
            ),
            (
                "2024-06",
                "a date is not a number; write the figure in `value` and the date or "
                "period it refers to in `period`",
            ),
            (
                "1:20",
                "a value with ':' is not read as a number (no base-60 numbers); write "
                "the number in plain decimal digits",
            ),
            (
                "-1:20:30.5",
                "a value with ':' is not read as a number (no base-60 "
                "numbers); write the number in plain decimal digits",
            ),
            (
                "about five",
                "write a plain number without quotes, such as 392805 or 6.5",
            ),
            ("12,3456", "write a plain number without quotes, such as 392805 or 6.5"),
        ],
    )
    def test_says_how_to_write_it(self, text: str, advice: str) -> None:
        """Each kind of number-as-text gets its own advice."""
        assert refuse_text_number(text) == advice


class TestFormatFixed:
    @pytest.mark.parametrize(
        ("value", "decimals", "text"),
        [
            (Decimal("57.30"), 2, "57.30"),
            (-1, 1, "-1.0"),
            (Fraction(172, 3), 2, "57.33"),
            (Fraction(-1, 200), 2, "-0.01"),
            (1234567, 0, "1,234,567"),
            (1250, -2, "1,300"),
            (Fraction(-1, 3), 0, "0"),
        ],
    )
    def test_shows_every_place(
        self, value: Decimal | Fraction | int, decimals: int, text: str
    ) -> None:
        """The value is rounded half away from zero and written at every place."""
        assert format_fixed(value, decimals) == text

    @given(st.fractions(max_denominator=10**4), st.integers(0, 4))
    def test_reads_back_as_the_rounded_value(
        self, value: Fraction, decimals: int
    ) -> None:
        """The text, read as a decimal, is the value rounded at those places."""
        text = format_fixed(value, decimals).replace(",", "")

        assert Fraction(Decimal(text)) == round_half_away(value, decimals)


class TestFormatNumber:
    @pytest.mark.parametrize(
        ("value", "places", "text"),
        [
            (392805, 4, "392,805"),
            (-1234567, 4, "-1,234,567"),
            (Fraction(10, 1), 4, "10"),
            (Fraction(1, 4), 4, "0.25"),
            (Fraction(-5, 2), 4, "-2.5"),
            (Fraction(1234567, 2), 4, "617,283.5"),
            (Fraction(1, 3), 4, "≈0.3333"),
            (Fraction(2, 3), 4, "≈0.6667"),
            (Fraction(-2, 3), 4, "≈-0.6667"),
            (Fraction(1, 3), 2, "≈0.33"),
            (Fraction(1, 200000), 4, "≈0"),
            (Fraction(1, 8), 3, "0.125"),
            (Fraction(1, 8), 2, "≈0.13"),
            (Fraction(-1, 200000), 4, "≈0"),
            (Fraction(10**30 + 1), 4, "1,000,000,000,000,000,000,000,000,000,001"),
            (Fraction(10**30 + 1, 2), 1, "500,000,000,000,000,000,000,000,000,000.5"),
            (Fraction(10**30 + 1, 3), 0, "≈333,333,333,333,333,333,333,333,333,334"),
        ],
    )
    def test_separates_thousands_and_marks_rounding(
        self, value: Fraction, places: int, text: str
    ) -> None:
        """Whole numbers get separators; a rounded fraction is marked with ≈."""
        assert format_number(value, places) == text

    def test_shows_a_decimal_as_written(self) -> None:
        """A Decimal is shown as its exact value, trailing zeros dropped."""
        assert format_number(Decimal("1234.50")) == "1,234.5"

    def test_four_places_by_default(self) -> None:
        """Without ``places``, a fraction is shown at four decimals at most."""
        assert format_number(Fraction(1, 7)) == "≈0.1429"


class TestExactRefusesInexactTypes:
    def test_a_float_is_refused(self) -> None:
        """`exact` refuses a float, which has already lost the figure as written."""
        from indicators._numbers import exact

        with pytest.raises(TypeError, match="an exact number"):
            exact(0.1)  # type: ignore[arg-type]
