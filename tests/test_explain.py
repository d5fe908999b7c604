"""Explanations: the derivation of a figure, written out down to its sources.

The expected texts below were worked out from the bundled spec by hand: each
calculation line puts the printed inputs, with their units, into the
operation, and each fact line repeats what the spec says about the fact.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from builders import fact, run
from indicators import Results, evaluate, load_spec
from indicators.presentation._render import explanation_tree
from indicators.presentation.cli import cli


BUNDLED = Path(__file__).parents[1] / "specs" / "tajikistan-msr-2024h1.yaml"
MOLMEP_2024 = (
    "Press Release on the Results of the Ministry of Labour, Migration and "
    "Employment of the Republic of Tajikistan"
)
MOLMEP = (
    "Ministry of Labour, Migration and Employment of Population of Tajikistan (MoLMEP)"
)
BNSK = (
    "Bureau of National Statistics of the Agency for Strategic Planning and "
    "Reforms of the Republic of Kazakhstan (BNSK)"
)


@pytest.fixture(name="bundled", scope="module")
def _bundled() -> Results:
    return evaluate(load_spec(BUNDLED))


def _lines(results: Results, entry_id: str, depth: int | None = None) -> list[str]:
    console = Console(width=400, record=True, color_system=None, file=_Sink())
    console.print(explanation_tree(results.explain(entry_id, depth)))
    return console.export_text().splitlines()


class _Sink:
    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        """Nothing is buffered."""


class TestExplainText:
    def test_a_percent_change_down_to_both_sources(self, bundled: Results) -> None:
        """The percent change of emigrants reads as the operation, the numbers, the verdict and both facts."""
        assert _lines(bundled, "emigrants_change_pct") == [
            "emigrants_change_pct = ≈-15.932 percent  [percent_change]",
            "Change in registered emigrants, first half 2023 to 2024",
            "(emigrants_2024 − emigrants_2023) / emigrants_2023 × 100",
            # (392805 - 467247) / 467247 * 100 = -15.93204...
            "= (392,805 person − 467,247 person) / 467,247 person × 100 = ≈-15.932 percent",
            "reported: pass · computed ≈-15.932 rounds to -16 at whole units, which "
            "matches the printed -16",
            "├── emigrants_2023 = 467,247 person  [fact]",
            "│   exact · period 2023-H1 · area TJ",
            "│   source [molmep_2023]: Emigration figures for January–June 2023",
            f"│   published by {MOLMEP}, 2023",
            "│   at: Migration stocks and flows, para. 5; Figures 3 and 4",
            '│   quote: "16 per cent less than the first half of the 2023 (467,247)"',
            "└── emigrants_2024 = 392,805 person  [fact]",
            "    exact · period 2024-H1 · area TJ",
            f"    source [molmep_2024]: {MOLMEP_2024}",
            f"    published by {MOLMEP}, 2024",
            "    at: Migration stocks and flows, para. 5; Figures 3 and 4",
            '    quote: "there were 392,805 emigrants registered"',
        ]

    def test_a_fact_used_twice_is_shown_once_then_referred_to(
        self, bundled: Results
    ) -> None:
        """The foreign employees count feeds the share twice: in full once, then by reference."""
        assert _lines(bundled, "employees_foreign_share") == [
            "employees_foreign_share = ≈11.4436 percent  [share]",
            "Share of foreign citizens among those employees (printed as a ratio of "
            "averages of 10 per cent)",
            "employees_foreign_2024 / employees_total_2024 × 100",
            # 4065 / 35522 * 100 = 11.44361...
            "= 4,065 person / 35,522 person × 100 = ≈11.4436 percent",
            "reported: fail · computed ≈11.4436 rounds to 11 at whole units, which does "
            "not match the printed 10",
            "├── employees_foreign_2024 = 4,065 person  [fact]",
            "│   exact · period 2024-H1 · area TJ · breakdown origin=foreign",
            f"│   source [molmep_2024]: {MOLMEP_2024}",
            f"│   published by {MOLMEP}, 2024",
            "│   at: Migration stocks and flows, para. 4",
            '│   quote: "4,065 foreign citizens were employed and working in these '
            'companies"',
            "└── employees_total_2024 = 35,522 person  [sum]",
            "    Employees of companies permitted to hire foreign labour, Tajik and foreign",
            "    employees_tajik_2024 + employees_foreign_2024",
            # 31457 + 4065 = 35522
            "    = 31,457 person + 4,065 person = 35,522 person",
            "    ├── employees_tajik_2024 = 31,457 person  [fact]",
            "    │   exact · period 2024-H1 · area TJ · breakdown origin=TJ",
            f"    │   source [molmep_2024]: {MOLMEP_2024}",
            f"    │   published by {MOLMEP}, 2024",
            "    │   at: Migration stocks and flows, para. 4",
            '    │   quote: "Monitoring report highlights 31,457 Tajik citizens"',
            "    └── employees_foreign_2024 = 4,065 person  [fact]  (explained above)",
        ]

    def test_net_migration_with_its_breakdown(self, bundled: Results) -> None:
        """Net migration in Kazakhstan reads as arrivals minus departures, with the origin breakdown."""
        assert _lines(bundled, "kz_tajik_net_migration") == [
            "kz_tajik_net_migration = 429 person  [net_migration]",
            "Net migration of Tajik citizens in Kazakhstan, first half of 2024",
            "kz_tajik_arrivals − kz_tajik_departures",
            # 2704 - 2275 = 429
            "= 2,704 person − 2,275 person = 429 person",
            "reported: pass · computed 429 rounds to 429 at whole units, which matches "
            "the printed 429",
            "├── kz_tajik_arrivals = 2,704 person  [fact]",
            "│   exact · period 2024-H1 · area KZ · breakdown origin=TJ",
            "│   source [bnsk_2024]: Migration of Tajik citizens to and within "
            "Kazakhstan, January–June 2024",
            f"│   published by {BNSK}, 2024",
            "│   at: Migration stocks and flows, para. 8",
            '│   quote: "there were 2,704 Tajik migrants who received permanent '
            'residence permits"',
            "└── kz_tajik_departures = 2,275 person  [fact]",
            "    exact · period 2024-H1 · area KZ · breakdown origin=TJ",
            "    source [bnsk_2024]: Migration of Tajik citizens to and within "
            "Kazakhstan, January–June 2024",
            f"    published by {BNSK}, 2024",
            "    at: Migration stocks and flows, para. 8",
            '    quote: "2,275 migrants whose permanent residence permits had expired"',
        ]

    def test_a_check_sums_its_parts_against_the_total(self, bundled: Results) -> None:
        """The emigrants' sex breakdown reads as the parts summed, the gap, then each figure."""
        lines = _lines(bundled, "emigrants_2024_sex_sum")

        assert lines[:5] == [
            "emigrants_2024_sex_sum = 392,905 person  [parts_sum_to]",
            "Emigrants by sex add up to all emigrants, first half of 2024",
            "emigrants_2024_male + emigrants_2024_female must add up to emigrants_2024",
            # 314052 + 78853 = 392905, and 392905 - 392805 = 100
            "= 314,052 person + 78,853 person = 392,905 person",
            "check: fail · the parts add up to 392,905 person, but the printed total "
            "is 392,805: +100 person",
        ]
        steps = [line for line in lines if line.lstrip("│ ").startswith(("├", "└"))]
        assert steps == [
            "├── emigrants_2024 = 392,805 person  [fact]",
            "├── emigrants_2024_male = 314,052 person  [fact]",
            "└── emigrants_2024_female = 78,853 person  [fact]",
        ]

    def test_depth_zero_stops_below_the_first_step(self, bundled: Results) -> None:
        """With depth 0 only the indicator's own step shows, and the cut is said."""
        lines = _lines(bundled, "employees_foreign_share", depth=0)

        assert lines[0] == "employees_foreign_share = ≈11.4436 percent  [share]"
        assert lines[-1] == "(inputs not shown: depth limit)"
        assert not any(line.startswith(("├", "└")) for line in lines)


class TestExplanationData:
    def test_a_fact_is_shown_as_printed_with_trailing_zeros(self) -> None:
        """A fact written 8827250.00 is explained as 8,827,250.00, not as a rounded number."""
        results = run(
            {"a": fact(Decimal("8827250.00"), "USD"), "b": fact(1, "USD")},
            {"s": {"sum": ["a", "b"]}},
        )

        explanation = results.explain("s")

        assert explanation.inputs[0].printed == "8,827,250.00"
        assert explanation.calculation == "8,827,250 USD + 1 USD"

    def test_a_conversion_puts_the_rate_in_with_its_unit(self) -> None:
        """Converting tenge puts the amount and the rate in, the rate's unit kept whole."""
        results = run(
            {"amount": fact(448000, "KZT"), "rate": fact(448, "KZT/USD")},
            {"usd": {"convert": {"amount": "amount", "rate": "rate", "to": "USD"}}},
        )

        explanation = results.explain("usd")

        assert explanation.calculation == "448,000 KZT / 448 KZT/USD"
        assert explanation.value == 1000

    def test_a_repeated_fact_is_a_reference_in_the_data(self, bundled: Results) -> None:
        """In the data, the second occurrence of a fact carries no citation, only the mark."""
        tree = bundled.explain("employees_foreign_share").to_dict()

        repeated = tree["inputs"][1]["inputs"][1]
        assert repeated["id"] == "employees_foreign_2024"
        assert repeated["repeated"] is True
        assert "citation" not in repeated
        assert tree["inputs"][0]["citation"]["source"] == "molmep_2024"

    def test_the_data_carries_the_printed_value_and_verdict(
        self, bundled: Results
    ) -> None:
        """The top step holds the exact value, the reported value and the finding."""
        tree = bundled.explain("employees_foreign_share").to_dict()

        # 4065 / 35522 * 100 = 406500 / 35522 = 203250 / 17761
        assert tree["value"] == "203250/17761"
        assert tree["reported"] == "10"
        assert tree["finding_status"] == "fail"

    def test_an_undetermined_step_says_why(self) -> None:
        """A share of a zero whole is explained as undetermined, with the reason."""
        results = run(
            {"part": fact(0), "whole": fact(0)},
            {"s": {"share": {"part": "part", "whole": "whole"}}},
        )

        explanation = results.explain("s")

        assert explanation.value is None
        assert explanation.status == "undetermined"
        assert "whole is zero" in explanation.message


class TestDepthLimit:
    def test_an_entry_cut_off_deep_is_shown_whole_where_it_comes_again(self) -> None:
        """A step cut by the depth limit does not make its later mention a repeat."""
        results = run(
            {"f1": fact(1), "f2": fact(2), "z": fact(3)},
            {
                "d": {"sum": ["f1", "f2"]},
                "c": {"sum": ["d", "z"]},
                "b": {"sum": ["c", "z"]},
                "a": {"sum": ["b", "z"]},
                "a0": {"sum": ["a", "z"]},
                "t": {"sum": ["a0", "c"]},
            },
        )

        tree = results.explain("t", depth=4)

        deep_c = tree.inputs[0].inputs[0].inputs[0].inputs[0]
        near_c = tree.inputs[1]
        assert (deep_c.id, deep_c.truncated) == ("c", True)
        assert (near_c.id, near_c.repeated) == ("c", False)
        assert [step.id for step in near_c.inputs] == ["d", "z"]


class TestExplainCommand:
    def test_json_is_the_explanation_data(self, bundled: Results) -> None:
        """``explain --format json`` prints exactly `Explanation.to_dict`."""
        outcome = CliRunner().invoke(
            cli,
            ["explain", str(BUNDLED), "employees_foreign_share", "--format", "json"],
        )

        assert outcome.exit_code == 0
        expected = bundled.explain("employees_foreign_share").to_dict()
        assert json.loads(outcome.output) == expected
