"""Declared dimensions: code lists, breakdown members, checks over a dimension."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import fact, load, run, spec_text
from indicators import SpecError, UnknownReferenceError, load_spec_text
from indicators.presentation import _json
from indicators.spec._dimensions import Dimension
from strategies import COUNTRY_CODES


DIMENSIONS: dict[str, Any] = {
    "sex": {"codes": ["male", "female"], "exhaustive": True},
    "destination": {"codelist": "iso3166", "groups": {"Europe": ["DE", "LT", "PL"]}},
    "region": {"codes": ["Dushanbe", "Sughd"], "exhaustive": True, "area": "TJ"},
}


def _member(value: int, key: str, code: str, **extra: Any) -> dict[str, Any]:
    return fact(value, series="emigrants", breakdown={key: code}, **extra)


class TestDimension:
    """The dimension model on its own."""

    def test_iso_codes_are_named_by_pycountry(self) -> None:
        """A country code of the ISO 3166 list is named after the country."""
        dimension = Dimension.model_validate({"codelist": "iso3166"})

        assert dimension.name_of("DE") == "Germany"

    def test_a_group_holds_its_members(self) -> None:
        """A group knows the codes it holds and is not itself a plain code."""
        dimension = Dimension.model_validate(DIMENSIONS["destination"])

        assert dimension.members_of("Europe") == {"DE", "LT", "PL"}
        assert dimension.is_group("Europe") and not dimension.is_code("Europe")

    def test_a_country_written_by_name_is_matched_to_its_code(self) -> None:
        """The suggestion for `Germany` in an ISO list is `DE`."""
        dimension = Dimension.model_validate({"codelist": "iso3166"})

        assert dimension.closest("Germany") == "DE"

    def test_a_group_member_outside_the_codes_is_refused(self) -> None:
        """A group may only hold codes of its dimension."""
        with pytest.raises(ValueError, match="'Narnia', which is not a code"):
            Dimension.model_validate({"codes": ["a"], "groups": {"g": ["a", "Narnia"]}})

    def test_a_group_of_groups_is_refused(self) -> None:
        """Groups hold plain codes, not other groups."""
        groups = {"g": ["a"], "h": ["g"]}

        with pytest.raises(ValueError, match="'g', which is not a code"):
            Dimension.model_validate({"codes": ["a"], "groups": groups})

    def test_a_dimension_without_codes_is_refused(self) -> None:
        """A dimension declares codes, a code list, or both."""
        with pytest.raises(ValueError, match="needs `codes"):
            Dimension.model_validate({"exhaustive": True})


class TestBreakdownMembers:
    """Facts' breakdowns are checked against the declared dimensions."""

    def test_an_unknown_member_is_refused_with_the_closest_code(self) -> None:
        """`femal` is not a code of sex; the error suggests `female`."""
        text = spec_text(
            {"e": fact(1, breakdown={"sex": "femal"})}, dimensions=DIMENSIONS
        )

        with pytest.raises(
            UnknownReferenceError, match="(?i)did you mean 'female'"
        ) as error:
            load_spec_text(text, "t.yaml")

        assert error.value.key == "facts.e.breakdown.sex"
        assert error.value.line is not None

    def test_a_country_name_gets_its_iso_code_suggested(self) -> None:
        """A destination written `Germany` is refused with `DE` suggested."""
        with pytest.raises(UnknownReferenceError, match="(?i)did you mean 'DE'"):
            load(
                {"e": fact(1, breakdown={"destination": "Germany"})},
                dimensions=DIMENSIONS,
            )

    def test_an_undeclared_breakdown_key_is_refused(self) -> None:
        """Once dimensions are declared, every breakdown key must be one of them."""
        with pytest.raises(
            UnknownReferenceError, match="(?i)did you mean 'destination'"
        ):
            load({"e": fact(1, breakdown={"destinaton": "RU"})}, dimensions=DIMENSIONS)

    def test_a_region_of_another_area_is_refused(self) -> None:
        """A dimension of regions of TJ refuses a fact about KZ."""
        with pytest.raises(SpecError, match="parts of area 'TJ'"):
            load(
                {"e": fact(1, area="KZ", breakdown={"region": "Sughd"})},
                dimensions=DIMENSIONS,
            )

    def test_a_region_of_its_area_written_in_three_letters_is_accepted(self) -> None:
        """A fact about `TJK` may be broken down by the regions of TJ."""
        spec = load(
            {"e": fact(1, area="TJK", breakdown={"region": "Sughd"})},
            dimensions=DIMENSIONS,
        )

        assert spec.facts["e"].breakdown == {"region": "Sughd"}

    def test_without_dimensions_breakdowns_are_free_labels(self) -> None:
        """A spec that declares no dimensions keeps any breakdown it writes."""
        spec = load({"e": fact(1, breakdown={"anything": "goes"})})

        assert spec.facts["e"].breakdown == {"anything": "goes"}


class TestChecksOverDimensions:
    """`parts_sum_to` and `parts_within` with `over:` instead of `parts:`."""

    def test_parts_sum_to_over_sex_finds_the_parts(self) -> None:
        """The parts are the facts of the series that differ by a sex member."""
        facts = {
            "e": fact(100, series="emigrants"),
            "e_m": _member(60, "sex", "male"),
            "e_f": _member(41, "sex", "female"),
            "r_m": fact(7, series="returns", breakdown={"sex": "male"}),
        }
        checks = {"by_sex": {"parts_sum_to": {"total": "e", "over": "sex"}}}

        results = run(facts, checks=checks, dimensions=DIMENSIONS)

        assert results.spec.checks["by_sex"].breakdown().parts == ("e_m", "e_f")
        assert results.finding("by_sex").computed == 101

    def test_parts_about_a_three_letter_area_are_members_of_the_total(self) -> None:
        """Parts about `TJK` are the parts of a total about `TJ`."""
        facts = {
            "e": fact(100, series="emigrants"),
            "e_m": _member(60, "sex", "male", area="TJK"),
            "e_f": _member(40, "sex", "female"),
        }
        checks = {"by_sex": {"parts_sum_to": {"total": "e", "over": "sex"}}}

        results = run(facts, checks=checks, dimensions=DIMENSIONS)

        assert results.finding("by_sex").computed == 100

    def test_parts_in_a_plural_unit_are_members_of_the_total(self) -> None:
        """Parts written in `persons` are the parts of a total in `person`."""
        facts = {
            "e": fact(100, series="emigrants"),
            "e_m": _member(60, "sex", "male", unit="persons"),
            "e_f": _member(40, "sex", "female"),
        }
        checks = {"by_sex": {"parts_sum_to": {"total": "e", "over": "sex"}}}

        results = run(facts, checks=checks, dimensions=DIMENSIONS)

        assert results.spec.checks["by_sex"].breakdown().parts == ("e_m", "e_f")

    def test_parts_sum_to_over_a_non_exhaustive_dimension_is_refused(self) -> None:
        """Destinations do not cover the whole; the error says to use parts_within."""
        facts = {
            "e": fact(100, series="emigrants"),
            "e_ru": _member(60, "destination", "RU"),
        }
        checks = {"c": {"parts_sum_to": {"total": "e", "over": "destination"}}}

        with pytest.raises(SpecError, match="(?i)use `parts_within`") as error:
            load(facts, checks=checks, dimensions=DIMENSIONS)

        assert error.value.key == "checks.c.parts_sum_to.over"

    def test_parts_within_over_a_partial_list(self) -> None:
        """Parts within over destination pass when they stay under the total."""
        facts = {
            "e": fact(100, series="emigrants"),
            "e_ru": _member(60, "destination", "RU"),
            "e_kz": _member(20, "destination", "KZ"),
        }
        checks = {"c": {"parts_within": {"total": "e", "over": "destination"}}}

        finding = run(facts, checks=checks, dimensions=DIMENSIONS).finding("c")

        assert (finding.status, finding.computed) == ("pass", 80)

    def test_an_exhaustive_breakdown_lacking_a_code_is_refused(self) -> None:
        """Summing over sex needs a fact for every sex."""
        facts = {"e": fact(100, series="emigrants"), "e_m": _member(60, "sex", "male")}
        checks = {"c": {"parts_sum_to": {"total": "e", "over": "sex"}}}

        with pytest.raises(SpecError, match="lack a fact for female"):
            load(facts, checks=checks, dimensions=DIMENSIONS)

    def test_an_unknown_dimension_is_refused_with_the_closest(self) -> None:
        """`over: sexes` is refused with `sex` suggested."""
        facts = {"e": fact(100, series="emigrants")}
        checks = {"c": {"parts_within": {"total": "e", "over": "sexes"}}}

        with pytest.raises(UnknownReferenceError, match="(?i)did you mean 'sex'"):
            load(facts, checks=checks, dimensions=DIMENSIONS)

    def test_no_matching_parts_names_what_was_looked_for(self) -> None:
        """A total with no members says which facts would have matched."""
        facts = {"e": fact(100, series="emigrants")}
        checks = {"c": {"parts_within": {"total": "e", "over": "destination"}}}

        with pytest.raises(
            UnknownReferenceError, match="series 'emigrants' in person, area TJ"
        ):
            load(facts, checks=checks, dimensions=DIMENSIONS)

    def test_two_parts_for_one_member_are_refused(self) -> None:
        """Two facts of the series for one member make the parts ambiguous."""
        facts = {
            "e": fact(100, series="emigrants"),
            "e_m": _member(60, "sex", "male"),
            "e_m2": _member(61, "sex", "male"),
            "e_f": _member(40, "sex", "female"),
        }
        checks = {"c": {"parts_sum_to": {"total": "e", "over": "sex"}}}

        with pytest.raises(SpecError, match="both 'e_m' and 'e_m2' are the member"):
            load(facts, checks=checks, dimensions=DIMENSIONS)

    def test_parts_and_over_together_are_refused(self) -> None:
        """A check lists its parts or finds them by dimension, not both."""
        facts = {"e": fact(100, series="emigrants"), "e_m": _member(60, "sex", "male")}
        checks = {
            "c": {"parts_within": {"total": "e", "parts": ["e_m"], "over": "sex"}}
        }

        with pytest.raises(SpecError, match="not both"):
            load(facts, checks=checks, dimensions=DIMENSIONS)


class TestOverDimensionProperty:
    """A check over a dimension is the check over the listed member facts."""

    @given(
        st.dictionaries(
            st.sampled_from(COUNTRY_CODES),
            st.integers(min_value=0, max_value=10**9),
            min_size=1,
        ),
        st.integers(min_value=0, max_value=10**10),
    )
    def test_over_equals_listing_the_parts(
        self, members: dict[str, int], total: int
    ) -> None:
        """`over: destination` finds the same parts, so the same verdict and sum."""
        facts = {"e": fact(total, series="emigrants")}
        for code, value in members.items():
            facts[f"e_{code}"] = _member(value, "destination", code)
        listed = [f"e_{code}" for code in members]
        checks = {
            "over": {"parts_within": {"total": "e", "over": "destination"}},
            "listed": {"parts_within": {"total": "e", "parts": listed}},
        }

        results = run(facts, checks=checks, dimensions=DIMENSIONS)
        over, by_list = results.finding("over"), results.finding("listed")

        assert (over.status, over.computed) == (by_list.status, by_list.computed)


class TestOverlaps:
    """A group listed beside one of its members is an overlap finding."""

    def test_a_group_and_its_member_in_one_list_overlap(self) -> None:
        """Europe and Germany in one list give a failed overlap warning."""
        facts = {
            "r": fact(1000, series="returns"),
            "r_ru": fact(900, series="returns", breakdown={"destination": "RU"}),
            "r_eu": fact(50, series="returns", breakdown={"destination": "Europe"}),
            "r_de": fact(20, series="returns", breakdown={"destination": "DE"}),
        }
        checks = {
            "top": {"parts_within": {"total": "r", "parts": ["r_ru", "r_eu", "r_de"]}}
        }

        results = run(facts, checks=checks, dimensions=DIMENSIONS)
        overlap = results.finding("top.overlap")

        assert (overlap.kind, overlap.status, overlap.severity) == (
            "overlap",
            "fail",
            "warning",
        )
        assert overlap.computed == 20
        assert "destination=Europe" in overlap.message and "'r_de'" in overlap.message

    def test_an_overlap_does_not_fail_the_run(self) -> None:
        """An overlap is a warning, so the results stay ok."""
        facts = {
            "r": fact(1000, series="returns"),
            "r_eu": fact(50, series="returns", breakdown={"destination": "Europe"}),
            "r_de": fact(20, series="returns", breakdown={"destination": "DE"}),
        }
        checks = {"top": {"parts_within": {"total": "r", "over": "destination"}}}

        assert run(facts, checks=checks, dimensions=DIMENSIONS).ok

    def test_members_outside_the_group_do_not_overlap(self) -> None:
        """Europe beside Russia is no overlap."""
        facts = {
            "r": fact(1000, series="returns"),
            "r_ru": fact(900, series="returns", breakdown={"destination": "RU"}),
            "r_eu": fact(50, series="returns", breakdown={"destination": "Europe"}),
        }
        checks = {"top": {"parts_within": {"total": "r", "parts": ["r_ru", "r_eu"]}}}

        results = run(facts, checks=checks, dimensions=DIMENSIONS)

        assert [finding.id for finding in results.findings] == ["top"]

    def test_the_check_document_carries_the_overlap(self) -> None:
        """`check --format json` lists the overlap finding after its check."""
        facts = {
            "r": fact(1000, series="returns"),
            "r_eu": fact(50, series="returns", breakdown={"destination": "Europe"}),
            "r_de": fact(20, series="returns", breakdown={"destination": "DE"}),
        }
        checks = {"top": {"parts_within": {"total": "r", "over": "destination"}}}

        document = _json.check_document(
            run(facts, checks=checks, dimensions=DIMENSIONS)
        )

        kinds = [(entry["id"], entry["kind"]) for entry in document["findings"]]
        assert kinds == [("top", "parts_within"), ("top.overlap", "overlap")]
        assert document["summary"]["failed_warnings"] == 1
