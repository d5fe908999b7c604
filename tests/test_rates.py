"""Exchange rates: picked by period and policy, through a third currency."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings

from builders import fact, load, run
from indicators import SpecError, UnitMismatchError, evaluate
from strategies import currency_pairs, positive


MONTHS = {
    f"kzt_usd_2024_0{month}": fact(rate, "KZT/USD", period=f"2024-0{month}")
    for month, rate in zip(range(1, 7), (450, 452, 448, 446, 444, 460), strict=True)
}


def _decimal(value: Fraction) -> Decimal:
    """Write a fraction as the decimal a spec holds; tests compare with that decimal."""
    return Decimal(value.numerator) / Decimal(value.denominator)


class TestRatePicking:
    """A conversion without a named rate picks one by its amount's period."""

    def test_exact_period_takes_the_rate_of_that_period(self) -> None:
        """A half-year amount takes the half-year rate, not a monthly one."""
        results = run(
            {"amount": fact(900000, "KZT"), "h1": fact(450, "KZT/USD"), **MONTHS},
            {"usd": {"convert": {"amount": "amount", "to": "USD"}}},
        )

        assert (results.value("usd"), results["usd"].inputs) == (2000, ("amount", "h1"))

    def test_average_of_months_takes_the_exact_mean(self) -> None:
        """The mean of six monthly rates is (450+452+448+446+444+460) / 6 = 450."""
        results = run(
            {"amount": fact(900000, "KZT"), **MONTHS},
            {
                "usd": {
                    "convert": {
                        "amount": "amount",
                        "to": "USD",
                        "rate_policy": "average_of_months",
                    }
                }
            },
        )

        assert (results.value("usd"), results["usd"].inputs) == (
            2000,
            ("amount", *MONTHS),
        )

    def test_picking_leaves_the_spec_as_written(self) -> None:
        """The picked rate is the plan's: the model still names only the amount."""
        spec = load(
            {"amount": fact(900000, "KZT"), "h1": fact(450, "KZT/USD")},
            {"usd": {"convert": {"amount": "amount", "to": "USD"}}},
        )

        results = evaluate(spec)

        assert spec.indicators["usd"].inputs() == ("amount",)
        assert results.plan.inputs_of("usd") == ("amount", "h1")

    def test_a_copy_with_its_rate_renamed_picks_the_renamed_rate(self) -> None:
        """Evaluating a spec never leaves its rates on models that copies share."""
        spec = load(
            {"amount": fact(900000, "KZT"), "h1": fact(450, "KZT/USD")},
            {"usd": {"convert": {"amount": "amount", "to": "USD"}}},
        )
        evaluate(spec)
        facts = {"amount": spec.facts["amount"], "first_half": spec.facts["h1"]}

        results = evaluate(spec.model_copy(update={"facts": facts}))

        assert (results.value("usd"), results["usd"].inputs) == (
            2000,
            ("amount", "first_half"),
        )

    def test_a_missing_month_is_refused(self) -> None:
        """Averaging needs a rate for every month of the amount's period, and names the gap."""
        months = dict(list(MONTHS.items())[:5])

        with pytest.raises(
            SpecError,
            match="every month of 2024-01-01 to 2024-06-30.*KZT/USD rates lack 2024-06",
        ):
            load(
                {"amount": fact(900000, "KZT"), **months},
                {
                    "usd": {
                        "convert": {
                            "amount": "amount",
                            "to": "USD",
                            "rate_policy": "average_of_months",
                        }
                    }
                },
            )

    def test_part_of_a_month_is_never_averaged(self) -> None:
        """An amount for mid-January to mid-March is refused as not whole months."""
        with pytest.raises(SpecError, match="does not begin and end with whole months"):
            load(
                {
                    "amount": fact(900000, "KZT", period="2024-01-15/2024-03-20"),
                    **dict(list(MONTHS.items())[:3]),
                },
                {
                    "usd": {
                        "convert": {
                            "amount": "amount",
                            "to": "USD",
                            "rate_policy": "average_of_months",
                        }
                    }
                },
            )

    def test_end_of_period_takes_the_last_day(self) -> None:
        """end_of_period takes the rate of 30 June for a first-half amount."""
        results = run(
            {
                "amount": fact(920000, "KZT"),
                "june30": fact(460, "KZT/USD", period="2024-06-30"),
                **MONTHS,
            },
            {
                "usd": {
                    "convert": {
                        "amount": "amount",
                        "to": "USD",
                        "rate_policy": "end_of_period",
                    }
                }
            },
        )

        assert results.value("usd") == 2000

    def test_rates_of_lists_the_chain_through_a_third_currency(self) -> None:
        """Tenge to somoni through dollars uses the KZT/USD rate, then the TJS/USD one."""
        results = run(
            {
                "amount": fact(900, "KZT"),
                "kzt": fact(450, "KZT/USD"),
                "tjs": fact(Decimal("10.9"), "TJS/USD"),
            },
            {"out": {"convert": {"amount": "amount", "to": "TJS"}}},
        )

        assert (results.rates_of("out"), results.value("out")) == (
            ("kzt", "tjs"),
            Fraction(900, 450) * Fraction("10.9"),
        )

    def test_explain_names_every_rate(self) -> None:
        """The operation written out lists the monthly rates it averages."""
        results = run(
            {"amount": fact(900000, "KZT"), **MONTHS},
            {
                "usd": {
                    "convert": {
                        "amount": "amount",
                        "to": "USD",
                        "rate_policy": "average_of_months",
                    }
                }
            },
        )

        assert results["usd"].formula == f"amount / mean({', '.join(MONTHS)})"

    def test_no_rate_for_the_period_is_refused(self) -> None:
        """Without a rate of the amount's period the conversion is refused."""
        with pytest.raises(
            SpecError, match="no rate facts for 2024-01-01 to 2024-06-30"
        ):
            load(
                {"amount": fact(900000, "KZT"), **MONTHS},
                {"usd": {"convert": {"amount": "amount", "to": "USD"}}},
            )

    def test_with_no_rate_at_all_the_hint_names_the_two_currencies(self) -> None:
        """The hint asks for a rate between the currencies converted, not others."""
        with pytest.raises(
            SpecError, match="(?i)declare a rate fact in TJS/USD or USD/TJS"
        ):
            load(
                {"amount": fact(900000, "TJS")},
                {"usd": {"convert": {"amount": "amount", "to": "USD"}}},
            )

    def test_an_unreadable_rate_is_not_also_reported_missing(self) -> None:
        """A rate fact that cannot be read gives its own error, not a missing rate."""
        rate = fact(Decimal("10.9"), "TJS/USD")
        del rate["source"]

        with pytest.raises(SpecError) as error:
            load(
                {"amount": fact(900000, "TJS"), "rate": rate},
                {"usd": {"convert": {"amount": "amount", "to": "USD"}}},
            )

        assert "'source' is missing" in str(error.value)
        assert "no rate facts" not in str(error.value)

    def test_a_missing_rate_is_reported_beside_other_problems(self) -> None:
        """Only a rate fact that cannot be read keeps a missing rate from being reported."""
        with pytest.raises(SpecError) as error:
            load(
                {"amount": fact(900000, "KZT"), "people": fact("1,000")},
                {"usd": {"convert": {"amount": "amount", "to": "USD"}}},
            )

        assert "no rate facts" in str(error.value)

    def test_two_rates_for_one_period_are_refused(self) -> None:
        """Two candidate rates for one step need the spec to name one."""
        with pytest.raises(SpecError, match="several rates"):
            load(
                {
                    "amount": fact(1, "KZT"),
                    "a": fact(450, "KZT/USD"),
                    "b": fact(451, "KZT/USD"),
                },
                {"usd": {"convert": {"amount": "amount", "to": "USD"}}},
            )

    def test_a_named_rate_must_cover_the_amount(self) -> None:
        """A January rate cannot convert a half-year amount."""
        with pytest.raises(SpecError, match="does not cover it"):
            load(
                {"amount": fact(1, "KZT"), **MONTHS},
                {
                    "usd": {
                        "convert": {
                            "amount": "amount",
                            "to": "USD",
                            "rate": "kzt_usd_2024_01",
                        }
                    }
                },
            )

    def test_a_named_rate_covering_the_amount_is_used(self) -> None:
        """A yearly rate covers a half-year amount."""
        results = run(
            {"amount": fact(900, "KZT"), "y": fact(450, "KZT/USD", period="2024")},
            {"usd": {"convert": {"amount": "amount", "to": "USD", "rate": "y"}}},
        )

        assert results.value("usd") == 2

    def test_adding_currencies_without_conversion_is_refused(self) -> None:
        """Dollars and tenge cannot be summed."""
        with pytest.raises(UnitMismatchError, match="must be converted first"):
            load({"a": fact(1, "USD"), "b": fact(1, "KZT")}, {"s": {"sum": ["a", "b"]}})

    def test_comparing_currencies_without_conversion_is_refused(self) -> None:
        """A breakdown check cannot compare dollar parts with a tenge total."""
        with pytest.raises(UnitMismatchError, match="same unit"):
            load(
                {"a": fact(1, "USD"), "b": fact(1, "KZT")},
                checks={"c": {"parts_within": {"total": "b", "parts": ["a"]}}},
            )


class TestConversionValues:
    """What a conversion computes beyond the plain rate."""

    def test_a_zero_rate_is_undetermined(self) -> None:
        """Dividing by a zero rate gives no value, with the reason."""
        results = run(
            {"amount": fact(1, "KZT"), "rate": fact(0, "KZT/USD")},
            {"usd": {"convert": {"amount": "amount", "to": "USD"}}},
        )

        assert (
            results.value("usd"),
            "rate from KZT to USD is zero" in results["usd"].message,
        ) == (
            None,
            True,
        )

    def test_an_approximate_rate_gives_bounds(self) -> None:
        """900 tenge at "about 450" (445 to 455) tenge per dollar is 900/455 to 900/445 dollars."""
        results = run(
            {
                "amount": fact(900, "KZT"),
                "rate": fact(450, "KZT/USD", qualifier="approximate", margin=5),
            },
            {"usd": {"convert": {"amount": "amount", "to": "USD"}}},
        )
        bounds = results.bounds_of("usd")

        assert (bounds.low.value, bounds.high.value) == (
            Fraction(900, 455),
            Fraction(900, 445),
        )


class TestCurrencyProperties:
    """Laws conversions keep whatever the rates."""

    @settings(max_examples=25)
    @given(amount=positive, kzt_per_usd=positive, tjs_per_usd=positive)
    def test_third_currency_equals_the_cross_rate(
        self, amount: Fraction, kzt_per_usd: Fraction, tjs_per_usd: Fraction
    ) -> None:
        """KZT to TJS through USD equals KZT to TJS at the implied cross rate."""
        through = run(
            {
                "amount": fact(_decimal(amount), "KZT"),
                "kzt": fact(_decimal(kzt_per_usd), "KZT/USD"),
                "tjs": fact(_decimal(tjs_per_usd), "TJS/USD"),
            },
            {"out": {"convert": {"amount": "amount", "to": "TJS"}}},
        )
        cross = Fraction(_decimal(tjs_per_usd)) / Fraction(_decimal(kzt_per_usd))

        assert through.value("out") == Fraction(_decimal(amount)) * cross

    @settings(max_examples=25)
    @given(amount=positive, rate=positive, pair=currency_pairs())
    def test_there_and_back_gives_the_amount(
        self, amount: Fraction, rate: Fraction, pair: tuple[str, str]
    ) -> None:
        """Converting with one rate and back with it returns the amount exactly."""
        first, second = pair
        results = run(
            {
                "amount": fact(_decimal(amount), first),
                "rate": fact(_decimal(rate), f"{first}/{second}"),
            },
            {
                "there": {"convert": {"amount": "amount", "to": second}},
                "back": {"convert": {"amount": "there", "to": first}},
            },
        )

        assert results.value("back") == Fraction(_decimal(amount))

    @settings(max_examples=25)
    @given(pair=currency_pairs(), other=currency_pairs())
    def test_a_rate_that_does_not_connect_is_refused(
        self, pair: tuple[str, str], other: tuple[str, str]
    ) -> None:
        """A named rate between other currencies is always refused."""
        if set(other) == set(pair):
            other = (other[0], "XAU") if other[0] != "XAU" else ("XAG", other[1])
        with pytest.raises(UnitMismatchError, match="does not connect them"):
            load(
                {"amount": fact(1, pair[0]), "rate": fact(2, f"{other[0]}/{other[1]}")},
                {
                    "out": {
                        "convert": {"amount": "amount", "to": pair[1], "rate": "rate"}
                    }
                },
            )

    @settings(max_examples=10)
    @given(pair=currency_pairs(), other=currency_pairs())
    def test_unconnected_rates_leave_no_path(
        self, pair: tuple[str, str], other: tuple[str, str]
    ) -> None:
        """Without a named rate, rates that do not reach the target are refused."""
        if pair[1] in other:
            other = ("XAU", "XAG")
        with pytest.raises(SpecError, match="connect them"):
            load(
                {"amount": fact(1, pair[0]), "rate": fact(2, f"{other[0]}/{other[1]}")},
                {"out": {"convert": {"amount": "amount", "to": pair[1]}}},
            )
