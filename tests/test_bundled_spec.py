"""The bundled spec of the IOM migration report on Tajikistan, January-June 2024.

The spec encodes every figure the report prints. These tests pin what the
engine must conclude from it, with the arithmetic on the printed figures
written beside each verdict, and audit the spec's provenance on its own.
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from indicators import Bound


SPEC_PATH = Path(__file__).parents[1] / "specs" / "tajikistan-msr-2024h1.yaml"
REPORT_PATH = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "reports"
    / "tajikistan-msr-2024h1.txt"
)

# Facts the report prints in words rather than digits: (printed text, value).
PRINTED_IN_WORDS = {
    # "in five provinces and 12 districts"
    "bma_provinces": ("five", 5),
}

# Facts printed with a scale word: (printed text, value as written, scale).
PRINTED_WITH_SCALE = {
    # "with over 22 thousand transactions": 22 x 1,000
    "remittance_transactions_kz_tj": ("22 thousand", 22, "thousand"),
    # "returning over 18 million Russian roubles": 18 x 1,000,000
    "unpaid_salary_recovered": ("18 million", 18, "million"),
    # "over 22 thousand foreign citizens were expelled": 22 x 1,000
    "ru_expulsions": ("22 thousand", 22, "thousand"),
    # "estimated to reach 2 to 4 million in 2030": one range fact
    "ru_labour_deficit_2030": ("2 to 4 million", {"low": 2, "high": 4}, "million"),
}

# Reported values the report prints in words: indicator id -> printed text.
REPORTED_IN_WORDS = {
    # "One-third of the quotas (2,000)", encoded as 33.3 per cent
    "quotas_dushanbe_share": "One-third",
}

# Checks whose parts list a group beside one of its members: each gets an
# overlap finding `<check>.overlap` next to its own.
OVERLAPPING_CHECKS = {
    "bma_returns_2024_04_country_within",
    "bma_returns_2024_05_country_within",
}

EXPECTED_STATUSES = {
    # (1060 - 4010) / 4010 * 100 = -73.566 -> -73.6 == printed -73.6
    "intl_workers_change_pct": "pass",
    # 2000 / 6500 * 100 = 30.769 -> 30.8 != 33.3 printed as "one-third"
    "quotas_dushanbe_share": "fail",
    # 4065 / (31457 + 4065) * 100 = 11.444 -> 11 != 10 printed
    "employees_foreign_share": "fail",
    # 31457 / (31457 + 4065) * 100 = 88.556 -> 89 != 90 printed
    "employees_tajik_share": "fail",
    # (392805 - 467247) / 467247 * 100 = -15.932 -> -16 == printed -16
    "emigrants_change_pct": "pass",
    # (186515 - 171170) / 171170 * 100 = 8.965 -> 9 == printed 9
    "entry_ban_change_pct": "pass",
    # (12794 - 8460) / 8460 * 100 = 51.229 -> 51 == printed 51
    "appeals_change_pct": "pass",
    # 2704 - 2275 = 429 == printed 429
    "kz_tajik_net_migration": "pass",
    # (324065 - 315870) / 315870 * 100 = 2.594 -> 3 == printed 3
    "returns_change_pct": "pass",
    # (243546 - 251853) / 251853 * 100 = -3.298 -> -3 == printed -3
    "returns_male_change_pct": "pass",
    # (80519 - 64017) / 64017 * 100 = 25.778 -> 26 != 25 printed
    "returns_female_change_pct": "fail",
    # 2731 + 714 + 313 + 166 + 23 = 3947 <= 4010
    "intl_workers_2024_04_origin_within": "pass",
    # 641 + 227 + 86 + 30 + 28 = 1012 <= 1060
    "intl_workers_2024_05_origin_within": "pass",
    # 4440 + 400 + 350 + 300 = 5490 <= 6500
    "quotas_2024_origin_within": "pass",
    # 2610 + 2270 = 4880 <= 6500
    "quotas_2024_industry_within": "pass",
    # 2000 + 900 + 880 + 600 + 60 = 4440 != 6500
    "quotas_2024_region_sum": "fail",
    # 1992 + 212 + 170 + 110 + 51 = 2535 <= 2832
    "work_permits_2024_origin_within": "pass",
    # 314052 + 78853 = 392905 != 392805
    "emigrants_2024_sex_sum": "fail",
    # 386987 + 1994 + 78 + 65 + 32 = 389156 <= 392805
    "emigrants_2024_destination_within": "pass",
    # 454257 + 8805 = 463062 <= 467247
    "emigrants_2023_destination_within": "pass",
    # 4731 <= 186515
    "ban_returned_within_entry_bans": "pass",
    # 4163 + 568 = 4731 == 4731
    "ban_returned_sex_sum": "pass",
    # 1487 + 679 = 2166 <= 4731
    "ban_returned_referrals_within": "pass",
    # 776 <= 1487
    "ban_returned_skills_within": "pass",
    # 263 <= 679
    "ban_returned_employed_within": "pass",
    # 233043 + 125167 = 358210 == 358210
    "predeparture_participants_sex_sum": "pass",
    # 1100 + 1170 = 2270 == 2270
    "kz_tajik_internal_sum": "pass",
    # 161 + 101 + 51 = 313 <= 2704 - 2275 = 429
    "kz_tajik_locations_within": "pass",
    # 243546 + 80519 = 324065 == 324065
    "returns_2024_sex_sum": "pass",
    # 251853 + 64017 = 315870 == 315870
    "returns_2023_sex_sum": "pass",
    # 297104 + 798 + 729 + 394 + 226 = 299251 <= 299834
    "bma_returns_2024_04_country_within": "pass",
    # 331360 + 1077 + 578 + 345 + 210 = 333570 <= 334299
    "bma_returns_2024_05_country_within": "pass",
    # the April top five lists Europe (798) and Germany (226), a member of the
    # Europe group, so up to 226 returnees may be counted twice (footnote 5)
    "bma_returns_2024_04_country_within.overlap": "fail",
    # the May top five lists Europe (578) and Germany (210): up to 210 twice
    "bma_returns_2024_05_country_within.overlap": "fail",
    # 2326074 + 1709860 + 886573 + 1135223 + 1310175 + 1451356
    # = 8819261 != 8827250 (severity warning: footnote 6 currency rates)
    "remittances_kz_tj_monthly_sum": "fail",
}


@pytest.fixture(name="spec_document", scope="module")
def _spec_document() -> dict[str, Any]:
    """Read the spec as plain YAML, independent of the engine."""
    return yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


@pytest.fixture(name="report_text", scope="module")
def _report_text() -> str:
    """Read the report the spec encodes, from the shared reports folder."""
    if not REPORT_PATH.exists():
        pytest.skip(f"the report {REPORT_PATH} is not available here")
    return REPORT_PATH.read_text(encoding="utf-8")


@pytest.fixture(name="results", scope="module")
def _results() -> Any:
    """Evaluate the bundled spec with the engine."""
    from indicators import evaluate, load_spec

    return evaluate(load_spec(SPEC_PATH))


def _printed(value: float) -> str:
    """Write a figure as the report prints it: thousands separated by commas."""
    if isinstance(value, int):
        return f"{abs(value):,}"
    return repr(abs(value))


def _is_printed_in(value: float, text: str) -> bool:
    """Tell whether the figure appears in the text as a whole number."""
    figure = re.escape(_printed(value))
    pattern = rf"(?<![\d.,]){figure}(?![\d]|[.,]\d)"
    return re.search(pattern, text) is not None


def _ends(fact: dict[str, Any]) -> list[float]:
    """Return a fact's printed number, or both ends of a printed range."""
    value = fact["value"]
    if isinstance(value, dict):
        return [value["low"], value["high"]]
    return [value]


def _reported_value(indicator: dict[str, Any]) -> float:
    """Return the number an indicator's `reported` entry holds."""
    reported = indicator["reported"]
    if isinstance(reported, dict):
        return reported["value"]
    return reported


class TestBundledSpecFindings:
    """The verdicts the engine reaches on the bundled spec."""

    def test_every_finding_has_the_expected_status(self, results: Any) -> None:
        """Each reported comparison and check passes or fails as computed here."""
        statuses = {finding.id: finding.status for finding in results.findings}

        assert statuses == EXPECTED_STATUSES

    def test_each_printed_total_is_compared_once(self, results: Any) -> None:
        """No sum carries a `reported` total that a check on the same parts compares."""
        checked = {
            frozenset(check.breakdown().parts) for check in results.spec.checks.values()
        }
        sums_also_checked = [
            indicator_id
            for indicator_id, indicator in results.spec.indicators.items()
            if indicator.kind == "sum"
            and indicator.reported is not None
            and frozenset(indicator.inputs()) in checked
        ]

        assert sums_also_checked == []

    def test_monthly_remittance_check_is_a_warning(self, results: Any) -> None:
        """The monthly remittance check fails with the warning severity it declares."""
        finding = next(
            found
            for found in results.findings
            if found.id == "remittances_kz_tj_monthly_sum"
        )

        assert (finding.status, finding.severity) == ("fail", "warning")

    @pytest.mark.parametrize(
        ("check_id", "germany"),
        [
            ("bma_returns_2024_04_country_within", 226),
            ("bma_returns_2024_05_country_within", 210),
        ],
        ids=["april", "may"],
    )
    def test_europe_and_germany_overlap(
        self, results: Any, check_id: str, germany: int
    ) -> None:
        """The top five lists Europe beside Germany; Germany's returnees may count twice."""
        finding = results.finding(f"{check_id}.overlap")

        assert (finding.severity, finding.computed) == ("warning", germany)


class TestBundledSpecValues:
    """Exact values of key indicators, recomputed from the printed figures."""

    def test_emigrant_change(self, results: Any) -> None:
        """Emigrants fell by (392805 - 467247) / 467247 of their 2023 number."""
        expected = Fraction(392805 - 467247, 467247) * 100

        assert results.value("emigrants_change_pct") == expected

    def test_emigrants_by_sex(self, results: Any) -> None:
        """Men and women emigrants add up to 100 more than the printed total."""
        assert results.value("emigrants_2024_sex_total") == 314052 + 78853

    def test_international_worker_change(self, results: Any) -> None:
        """International migrant workers fell from 4010 in April to 1060 in May."""
        expected = Fraction(1060 - 4010, 4010) * 100

        assert results.value("intl_workers_change_pct") == expected

    def test_foreign_employee_share(self, results: Any) -> None:
        """Foreign citizens are 4065 of the 31457 + 4065 employees monitored."""
        expected = Fraction(4065, 31457 + 4065) * 100

        assert results.value("employees_foreign_share") == expected

    def test_female_return_change(self, results: Any) -> None:
        """Returns of women rose from 64017 to 80519, not by exactly 25 per cent."""
        expected = Fraction(80519 - 64017, 64017) * 100

        assert results.value("returns_female_change_pct") == expected

    def test_kazakhstan_net_migration(self, results: Any) -> None:
        """Net migration of Tajik citizens in Kazakhstan is arrivals less departures."""
        assert results.value("kz_tajik_net_migration") == 2704 - 2275

    def test_monthly_remittances_total(self, results: Any) -> None:
        """The six monthly remittance amounts add up to their own sum."""
        months = [2326074, 1709860, 886573, 1135223, 1310175, 1451356]

        assert results.value("remittances_kz_tj_monthly_total") == sum(months)

    def test_quota_regions_total(self, results: Any) -> None:
        """Quotas over the five regions add up to the sum of the regional figures."""
        regions = [2000, 900, 880, 600, 60]

        assert results.value("quotas_regions_total") == sum(regions)

    @pytest.mark.parametrize(
        ("code", "before", "after"),
        [("RU", 454257, 386987), ("KZ", 8805, 1994)],
        ids=["russia", "kazakhstan"],
    )
    def test_emigrant_change_by_destination(
        self, results: Any, code: str, before: int, after: int
    ) -> None:
        """Each destination's change is computed from its own two figures."""
        member = f"emigrants_change_pct_by_destination[destination={code}]"

        assert results.value(member) == Fraction(after - before, before) * 100

    def test_destinations_without_a_2023_figure_are_undetermined(
        self, results: Any
    ) -> None:
        """Lithuania, Türkiye and the United Kingdom have no 2023 figure to compare with."""
        members = results.members("emigrants_change_pct_by_destination")
        undetermined = [m for m in members if results.value(m) is None]

        assert undetermined == [
            f"emigrants_change_pct_by_destination[destination={code}]"
            for code in ("LT", "TR", "GB")
        ]

    def test_bases_by_position_are_the_earlier_figures(self, results: Any) -> None:
        """The changes that name their base by position take the 2023 or April figure."""
        bases = {
            indicator_id: results.spec.indicators[indicator_id].inputs()[0]
            for indicator_id in ("emigrants_change_pct", "intl_workers_change_pct")
        }

        assert bases == {
            "emigrants_change_pct": "emigrants_2023",
            "intl_workers_change_pct": "intl_workers_2024_04",
        }

    def test_scaled_facts_are_multiplied_exactly(self, results: Any) -> None:
        """ "18 million" roubles is 18 x 1,000,000 and "22 thousand" is 22 x 1,000."""
        assert (
            results.value("unpaid_salary_recovered"),
            results.value("remittance_transactions_kz_tj"),
        ) == (18 * 10**6, 22 * 10**3)

    def test_labour_deficit_range_is_one_fact(self, results: Any) -> None:
        """ "2 to 4 million" is the closed interval [2,000,000, 4,000,000], a forecast."""
        result = results["ru_labour_deficit_2030"]
        bounds = result.bounds

        assert (bounds.low, bounds.high, result.observation_status) == (
            Bound(2 * 10**6, closed=True),
            Bound(4 * 10**6, closed=True),
            ("forecast",),
        )

    def test_average_remittance_is_less_than_the_ratio_at_22_thousand(
        self, results: Any
    ) -> None:
        """Over 22,000 transactions gives an average in (0, 8827250 / 22000)."""
        # 8827250 / 22000 = 401.2386...; the count is open above, so the
        # average only approaches 0 and never reaches 8827250 / 22000.
        bounds = results.bounds_of("remittance_per_transaction_kz_tj")

        assert (bounds.low, bounds.high) == (
            Bound(0, closed=False),
            Bound(Fraction(8827250, 22000), closed=False),
        )

    def test_total_remitted_abroad_implied_by_the_share(self, results: Any) -> None:
        """8,827,250 USD at 6.5 per cent implies 8827250 / 0.065 in total."""
        # A share printed as 6.5 lies in [6.45, 6.55), so the total lies in
        # (8827250 / 0.0655, 8827250 / 0.0645] = (134767175.57..., 136856589.14...].
        value = results.value("remittances_kz_abroad_total")
        bounds = results.bounds_of("remittances_kz_abroad_total")

        assert (value, bounds.low, bounds.high) == (
            Fraction(8827250 * 1000, 65),
            Bound(Fraction(8827250 * 10000, 655), closed=False),
            Bound(Fraction(8827250 * 10000, 645), closed=True),
        )

    def test_awareness_meetings_in_2023(self, results: Any) -> None:
        """The 2023 meetings are 1639 less the 460 more held in 2024."""
        assert results.value("awareness_meetings_2023") == 1639 - 460


class TestBundledSpecProvenance:
    """Every fact in the spec is traceable to the report and its sources."""

    def test_every_fact_cites_a_declared_source(
        self, spec_document: dict[str, Any]
    ) -> None:
        """Each fact's source is one of the spec's declared sources."""
        sources = set(spec_document["sources"])
        facts = spec_document["facts"]

        undeclared = {
            fact_id: fact["source"]
            for fact_id, fact in facts.items()
            if fact["source"] not in sources
        }

        assert undeclared == {}

    def test_every_fact_has_a_locator_and_a_quote(
        self, spec_document: dict[str, Any]
    ) -> None:
        """Each fact says where in the report it sits and quotes the report."""
        facts = spec_document["facts"]

        incomplete = [
            fact_id
            for fact_id, fact in facts.items()
            if not fact.get("locator") or not fact.get("quote")
        ]

        assert incomplete == []

    def test_every_quote_is_verbatim_from_the_report(
        self, spec_document: dict[str, Any], report_text: str
    ) -> None:
        """Each fact's quote appears word for word in the report."""
        facts = spec_document["facts"]

        misquoted = [
            fact_id
            for fact_id, fact in facts.items()
            if fact["quote"] not in report_text
        ]

        assert misquoted == []

    def test_every_fact_value_is_printed_in_its_quote(
        self, spec_document: dict[str, Any]
    ) -> None:
        """Each fact's value appears in its quote as the report prints it."""
        facts = spec_document["facts"]

        unprinted = [
            fact_id
            for fact_id, fact in facts.items()
            if fact_id not in PRINTED_IN_WORDS
            and not all(_is_printed_in(end, fact["quote"]) for end in _ends(fact))
        ]

        assert unprinted == []

    def test_figures_printed_in_words_match_their_values(
        self, spec_document: dict[str, Any]
    ) -> None:
        """Figures printed in words are quoted in those words with their value."""
        facts = spec_document["facts"]

        encoded = {
            fact_id: (words, facts[fact_id]["value"])
            for fact_id, (words, _) in PRINTED_IN_WORDS.items()
            if words in facts[fact_id]["quote"]
        }

        assert encoded == PRINTED_IN_WORDS

    def test_every_reported_value_is_printed_in_the_report(
        self, spec_document: dict[str, Any], report_text: str
    ) -> None:
        """Each indicator's reported value appears in the report as printed."""
        indicators = spec_document["indicators"]

        unprinted = [
            indicator_id
            for indicator_id, indicator in indicators.items()
            if "reported" in indicator
            and indicator_id not in REPORTED_IN_WORDS
            and not _is_printed_in(_reported_value(indicator), report_text)
        ]

        assert unprinted == []

    def test_scaled_figures_are_written_as_printed(
        self, spec_document: dict[str, Any]
    ) -> None:
        """Figures printed with a scale word keep the number as printed and the word as scale."""
        facts = spec_document["facts"]

        encoded = {
            fact_id: (words, facts[fact_id]["value"], facts[fact_id].get("scale"))
            for fact_id, (words, _, _) in PRINTED_WITH_SCALE.items()
            if words in facts[fact_id]["quote"]
        }

        assert encoded == PRINTED_WITH_SCALE

    def test_reported_values_in_words_are_in_the_report(
        self, spec_document: dict[str, Any], report_text: str
    ) -> None:
        """Reported values printed in words are indicators whose words are printed."""
        indicators = spec_document["indicators"]

        found = {
            indicator_id: words
            for indicator_id, words in REPORTED_IN_WORDS.items()
            if "reported" in indicators[indicator_id] and words in report_text
        }

        assert found == REPORTED_IN_WORDS

    def test_every_check_and_comparison_has_an_expected_status(
        self, spec_document: dict[str, Any]
    ) -> None:
        """The expected verdicts cover exactly the spec's checks and reported values."""
        indicators = spec_document["indicators"]
        compared = {key for key, value in indicators.items() if "reported" in value}

        overlaps = {f"{check_id}.overlap" for check_id in OVERLAPPING_CHECKS}
        declared = compared | set(spec_document["checks"]) | overlaps

        assert declared == set(EXPECTED_STATUSES)
