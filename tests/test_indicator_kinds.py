"""Each indicator kind computes exactly what its definition says."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from builders import fact, run


class TestSum:
    def test_adds_every_part_exactly(self) -> None:
        """A sum of decimal amounts is exact, with no float drift."""
        results = run(
            {
                "a": fact(Decimal("0.1"), "USD"),
                "b": fact(Decimal("0.2"), "USD"),
                "c": fact(Decimal("8827250.00"), "USD"),
            },
            {"total": {"sum": ["a", "b", "c"]}},
        )

        assert results.value("total") == Fraction("8827250.3")
        assert results["total"].unit == "USD"


class TestDifference:
    def test_subtracts_the_second_from_the_first(self) -> None:
        """A difference is the first input minus the second."""
        results = run(
            {"now": fact(1639, "meeting"), "more": fact(460, "meeting")},
            {"before": {"difference": ["now", "more"]}},
        )

        assert results.value("before") == 1179


class TestNetMigration:
    def test_is_arrivals_minus_departures(self) -> None:
        """Net migration is arrivals minus departures, negative when more leave."""
        results = run(
            {"arrived": fact(2275), "left": fact(2704)},
            {"net": {"net_migration": {"arrivals": "arrived", "departures": "left"}}},
        )

        assert results.value("net") == -429


class TestRatio:
    def test_keeps_the_exact_quotient_and_the_units_quotient(self) -> None:
        """A ratio is an exact fraction, in the numerator's unit per the denominator's."""
        results = run(
            {"amount": fact(8827250, "USD"), "count": fact(22000, "transaction")},
            {"average": {"ratio": {"numerator": "amount", "denominator": "count"}}},
        )

        assert results.value("average") == Fraction(8827250, 22000)
        assert results["average"].unit == "USD / transaction"

    def test_zero_denominator_is_undetermined_with_the_reason(self) -> None:
        """Dividing by zero gives an undetermined result, not an exception."""
        results = run(
            {"a": fact(5), "zero": fact(0)},
            {"r": {"ratio": {"numerator": "a", "denominator": "zero"}}},
        )

        assert results.value("r") is None
        assert results["r"].status == "undetermined"
        assert "zero" in results["r"].message


class TestShare:
    def test_is_the_part_in_percent_of_the_whole(self) -> None:
        """A share is part / whole × 100, in percent."""
        results = run(
            {"part": fact(2000, "quota"), "whole": fact(6500, "quota")},
            {"s": {"share": {"part": "part", "whole": "whole"}}},
        )

        assert results.value("s") == Fraction(2000 * 100, 6500)
        assert results["s"].unit == "percent"


class TestPercentChange:
    def test_is_the_change_in_percent_of_the_base(self) -> None:
        """A percent change is (to − from) / from × 100."""
        results = run(
            {"old": fact(467247), "new": fact(392805)},
            {"c": {"percent_change": {"from": "old", "to": "new"}}},
        )

        assert results.value("c") == Fraction((392805 - 467247) * 100, 467247)

    def test_zero_base_is_undetermined(self) -> None:
        """A percent change from zero has no value, and says why."""
        results = run(
            {"old": fact(0), "new": fact(10)},
            {"c": {"percent_change": {"from": "old", "to": "new"}}},
        )

        assert results["c"].status == "undetermined"
        assert "base value is zero" in results["c"].message

    def test_negative_base_is_reported_as_such(self) -> None:
        """A negative base is named in the reason instead of giving a misleading sign."""
        results = run(
            {"old": fact(-10), "new": fact(10)},
            {"c": {"percent_change": {"from": "old", "to": "new"}}},
        )

        assert "negative" in results["c"].message


class TestConvert:
    def test_divides_by_a_rate_quoted_per_target_unit(self) -> None:
        """With a KZT/USD rate, tenge become dollars by division."""
        results = run(
            {"amount": fact(4700, "KZT"), "rate": fact(470, "KZT/USD")},
            {"usd": {"convert": {"amount": "amount", "rate": "rate", "to": "USD"}}},
        )

        assert results.value("usd") == 10
        assert results["usd"].unit == "USD"

    def test_multiplies_by_a_rate_quoted_per_source_unit(self) -> None:
        """With a KZT/USD rate, dollars become tenge by multiplication."""
        results = run(
            {"amount": fact(10, "USD"), "rate": fact(Decimal("470.5"), "KZT/USD")},
            {"kzt": {"convert": {"amount": "amount", "rate": "rate", "to": "KZT"}}},
        )

        assert results.value("kzt") == 4705


class TestFormula:
    def test_evaluates_the_expression_over_ids(self) -> None:
        """A formula combines ids and numbers by the usual precedence."""
        results = run(
            {"a": fact(10), "b": fact(4), "c": fact(3)},
            {"f": {"formula": "a - b * 2 + c"}},
        )

        assert results.value("f") == 5

    def test_depends_on_the_ids_it_names(self) -> None:
        """The ids a formula names are its inputs in the dependency graph."""
        results = run(
            {"a": fact(10), "b": fact(4)},
            {"f": {"formula": "(a + b) / 2"}},
        )

        assert results.upstream("f") == {"a", "b"}


class TestUndeterminedChain:
    def test_dependents_of_an_undetermined_value_say_where_it_began(self) -> None:
        """An indicator resting on an undetermined one is undetermined with the chain."""
        results = run(
            {"a": fact(5), "zero": fact(0), "b": fact(1)},
            {
                "r": {"ratio": {"numerator": "a", "denominator": "zero"}},
                "later": {"formula": "r + 1"},
                "unrelated": {"sum": ["a", "b"]},
            },
        )

        assert results["later"].status == "undetermined"
        assert "'r'" in results["later"].message
        assert results.value("unrelated") == 6


class TestDeclaredUnit:
    def test_plain_ratio_declared_in_percent_is_scaled_by_100(self) -> None:
        """A dimensionless ratio declared `unit: percent` is multiplied by exactly 100."""
        results = run(
            {"a": fact(1), "b": fact(4)},
            {"r": {"ratio": {"numerator": "a", "denominator": "b"}, "unit": "percent"}},
        )

        assert results.value("r") == 25
        assert results["r"].unit == "percent"


@pytest.mark.parametrize(
    ("written", "decimals", "computed", "status"),
    [
        pytest.param(-16, None, Fraction(-1593, 100), "pass", id="rounds-to-whole"),
        pytest.param(
            Decimal("6.5"), None, Fraction(649, 100), "pass", id="one-decimal"
        ),
        pytest.param(
            Decimal("6.5"), None, Fraction(644, 100), "fail", id="one-decimal-off"
        ),
        pytest.param(3, None, Fraction(5, 2), "pass", id="half-rounds-away-up"),
        pytest.param(-3, None, Fraction(-5, 2), "pass", id="half-rounds-away-down"),
        pytest.param(30, -1, 34, "pass", id="tens"),
    ],
)
def test_reported_value_is_compared_at_its_printed_precision(
    written: object, decimals: int | None, computed: Fraction, status: str
) -> None:
    """A printed figure passes when the computed value rounds to it."""
    reported = written if decimals is None else {"value": written, "decimals": decimals}
    results = run(
        {
            "x": fact(Decimal(computed.numerator), "person"),
            "one": fact(computed.denominator, "person"),
        },
        {
            "i": {
                "ratio": {"numerator": "x", "denominator": "one"},
                "reported": reported,
            }
        },
    )

    assert results.finding("i").status == status
    assert results.finding("i").difference == computed - Fraction(str(written))


class TestUnitsOfFormulas:
    def test_a_squared_unit_is_written_with_its_exponent(self) -> None:
        """A formula giving persons squared reports the unit as `person^2`."""
        results = run(
            {"a": fact(3)}, {"p": {"formula": "a * a"}, "q": {"formula": "a ^ 0"}}
        )

        assert (results.value("p"), results["p"].unit) == (9, "person^2")
        assert results["q"].unit == "dimensionless"
