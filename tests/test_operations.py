"""The exact arithmetic of each indicator kind, its text, and undetermined values."""

from __future__ import annotations

from fractions import Fraction

import pytest

from indicators.evaluation._operations import (
    Operation,
    Undetermined,
    apply,
    operation_for,
)
from indicators.spec import _model as model


def _operation(indicator: model.Indicator, direction: str | None = None) -> Operation:
    return operation_for("x", indicator, direction)


SUM = model.SumIndicator(sum=("a", "b", "c"))
DIFFERENCE = model.DifferenceIndicator(difference=("a", "b"))
NET = model.NetMigrationIndicator(net_migration={"arrivals": "a", "departures": "b"})
RATIO = model.RatioIndicator(ratio={"numerator": "a", "denominator": "b"})
SHARE = model.ShareIndicator(share={"part": "a", "whole": "b"})
CHANGE = model.PercentChangeIndicator(percent_change={"from": "a", "to": "b"})
CONVERT = model.ConvertIndicator(convert={"amount": "a", "rate": "r", "to": "USD"})
FORMULA = model.FormulaIndicator(formula="(a + b) / 2")


class TestComputation:
    @pytest.mark.parametrize(
        ("indicator", "inputs", "expected"),
        [
            (SUM, (1, 2, Fraction(1, 2)), Fraction(7, 2)),
            (DIFFERENCE, (5, 8), -3),
            (NET, (8, 5), 3),
            (RATIO, (1, 3), Fraction(1, 3)),
            (RATIO, (6, 3), 2),
            (SHARE, (1, 8), Fraction(25, 2)),
            (CHANGE, (200, 250), 25),
            (CHANGE, (3, 1), Fraction(-200, 3)),
            (CHANGE, (Fraction(1, 2), 1), 100),
            (FORMULA, (1, 2), Fraction(3, 2)),
        ],
        ids=[
            "sum",
            "difference",
            "net",
            "ratio",
            "whole ratio",
            "share",
            "increase",
            "decrease",
            "base below one",
            "formula",
        ],
    )
    def test_each_kind_computes_exactly(
        self, indicator: model.Indicator, inputs: tuple[int, ...], expected: Fraction
    ) -> None:
        """Each kind gives the exact rational, an `int` when whole."""
        result = _operation(indicator).compute(*inputs)

        assert result == expected
        assert type(result) is type(expected)

    def test_a_conversion_divides_or_multiplies_by_direction(self) -> None:
        """The rate's direction decides between dividing and multiplying."""
        divide = _operation(CONVERT, "divide").compute(900, 450)
        multiply = _operation(CONVERT, "multiply").compute(2, 450)

        assert (divide, multiply) == (2, 900)

    def test_a_conversion_multiplies_by_default(self) -> None:
        """Without a direction, a conversion multiplies."""
        assert _operation(CONVERT).compute(3, Fraction(1, 2)) == Fraction(3, 2)


class TestWrittenOut:
    @pytest.mark.parametrize(
        ("indicator", "direction", "written", "described"),
        [
            (SUM, None, "a + b + c", "1,000 + 2 + ≈0.3333"),
            (DIFFERENCE, None, "a − b", "1,000 − 2"),
            (NET, None, "a − b", "1,000 − 2"),
            (RATIO, None, "a / b", "1,000 / 2"),
            (SHARE, None, "a / b × 100", "1,000 / 2 × 100"),
            (CHANGE, None, "(b − a) / a × 100", "(2 − 1,000) / 1,000 × 100"),
            (CONVERT, "divide", "a / r", "1,000 / 2"),
            (CONVERT, "multiply", "a × r", "1,000 × 2"),
            (FORMULA, None, "(a + b) / 2", "((1,000) + 2) / 2"),
        ],
        ids=[
            "sum",
            "difference",
            "net",
            "ratio",
            "share",
            "change",
            "divide",
            "multiply",
            "formula",
        ],
    )
    def test_reads_with_ids_and_with_values(
        self,
        indicator: model.Indicator,
        direction: str | None,
        written: str,
        described: str,
    ) -> None:
        """The operation reads with its input ids, and with their values' texts put in."""
        operation = _operation(indicator, direction)
        texts = ["1,000", "2", "≈0.3333"][: len(indicator.inputs())]

        assert operation.written == written
        assert operation.describe(texts) == described
        assert operation.indicator_id == "x"


class TestUndefinedResults:
    @pytest.mark.parametrize(
        ("indicator", "inputs", "reason"),
        [
            (RATIO, (5, 0), "the denominator is zero"),
            (SHARE, (5, 0), "the whole is zero, so no share of it exists"),
            (
                CHANGE,
                (0, 5),
                "the base value is zero, so a percent change from it does not exist",
            ),
            (
                CHANGE,
                (Fraction(-9, 2), 5),
                "the base value -4.5 is negative, so a percent change from it would "
                "have a misleading sign",
            ),
            (CONVERT, (5, 0), "the denominator is zero"),
        ],
        ids=["ratio", "share", "zero base", "negative base", "conversion"],
    )
    def test_gives_undetermined_with_the_reason(
        self, indicator: model.Indicator, inputs: tuple[int, ...], reason: str
    ) -> None:
        """A result that does not exist is undetermined, with why, at its origin."""
        direction = "divide" if indicator is CONVERT else None
        operation = _operation(indicator, direction)

        column = apply(operation, [(inputs[0],), (inputs[1],)], Fraction(1))

        assert column == (Undetermined(reason, "x"),)

    def test_a_formula_dividing_by_zero_is_undetermined(self) -> None:
        """A formula's own division by zero is undetermined, not a crash."""
        formula = model.FormulaIndicator(formula="a / (b - b)")

        (value,) = apply(_operation(formula), [(1,), (2,)], Fraction(1))

        assert isinstance(value, Undetermined)
        assert value.origin == "x"
        assert value.reason


class TestFormulaValues:
    def test_refuses_too_few_values(self) -> None:
        """A formula's operation is given one value per id, or it refuses."""
        operation = _operation(FORMULA)

        with pytest.raises(ValueError, match="takes 2 values, one per id, got 1"):
            operation.compute(1)
        with pytest.raises(ValueError, match="zip"):
            operation.describe(["1"])


class TestApply:
    def test_a_bare_division_by_zero_is_named(self) -> None:
        """A ZeroDivisionError without a message still gives a reason."""

        def divide(first: int, second: int) -> Fraction:
            raise ZeroDivisionError

        operation = Operation("x", divide, "a / b", lambda texts: "")

        assert apply(operation, [(1,), (0,)], Fraction(1)) == (
            Undetermined("division by zero", "x"),
        )

    def test_doubles_when_the_scale_is_two(self) -> None:
        """A scale of two doubles every result."""
        assert apply(_operation(SUM), [(1, 5), (2, 5), (3, 5)], Fraction(2)) == (12, 30)

    def test_runs_member_by_member(self) -> None:
        """Each member of the columns is computed on its own."""
        columns = [(1, 2, 3), (10, 20, 30)]

        assert apply(_operation(DIFFERENCE), columns, Fraction(1)) == (-9, -18, -27)

    def test_scales_each_result_exactly(self) -> None:
        """A unit scale multiplies each result, keeping ints whole."""
        difference = apply(
            _operation(DIFFERENCE), [(5,), (Fraction(1, 2),)], Fraction(1, 3)
        )
        total = apply(_operation(SUM), [(1,), (2,), (3,)], Fraction(1, 2))

        assert difference == (Fraction(3, 2),)
        assert total == (3,)
        assert type(total[0]) is int

    def test_passes_an_undetermined_input_on_with_the_chain(self) -> None:
        """An undetermined input makes the member undetermined, one step further on."""
        upstream = Undetermined("the whole is zero", "s", ("t",))

        column = apply(_operation(SUM), [(upstream, 1), (1, 1), (1, 1)], Fraction(1))

        assert column == (Undetermined("the whole is zero", "s", ("x", "t")), 3)
        assert column[0].chain() == ("t", "s")

    def test_the_first_undetermined_input_decides(self) -> None:
        """With several undetermined inputs, the first one's reason is kept."""
        first = Undetermined("first", "p")
        second = Undetermined("second", "q")

        (value,) = apply(_operation(DIFFERENCE), [(first,), (second,)], Fraction(1))

        assert (value.reason, value.origin, value.via) == ("first", "p", ("x",))


class TestUndetermined:
    def test_the_chain_of_an_origin_is_itself(self) -> None:
        """At its origin, the chain is the origin alone."""
        assert Undetermined("why", "s").chain() == ("s",)

    def test_passing_on_prepends_the_new_holder(self) -> None:
        """Each step on adds the new holder in front of the earlier ones."""
        value = Undetermined("why", "s").passed_to("t").passed_to("u")

        assert value.via == ("u", "t")
        assert value.chain() == ("t", "s")
