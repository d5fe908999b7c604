"""A spec that cannot be right is refused before anything is computed."""

from __future__ import annotations

import pickle

import pytest

from builders import fact, load, spec_text
from indicators import (
    CyclicDependencyError,
    DuplicateIdError,
    SpecError,
    SpecErrorGroup,
    UnitMismatchError,
    UnknownReferenceError,
    load_spec_text,
)


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


class TestUnknownIds:
    def test_names_the_id_where_it_is_used_and_the_closest_id(self) -> None:
        """An unknown input names itself, its user, its line and a close id."""
        text = spec_text(
            {"emigrants_2024": fact(1), "emigrants_2023": fact(2)},
            {
                "change": {
                    "percent_change": {"from": "emigrant_2023", "to": "emigrants_2024"}
                }
            },
        )

        with pytest.raises(
            UnknownReferenceError, match="(?i)did you mean 'emigrants_2023'"
        ) as error:
            load_spec_text(text, "t.yaml")

        assert error.value.key == "indicators.change.percent_change.from"
        assert error.value.line == _line_of(text, "from: emigrant_2023")
        assert "indicator 'change' uses 'emigrant_2023'" in str(error.value)

    def test_an_unknown_source_is_refused(self) -> None:
        """A fact citing a source that is not declared is refused."""
        with pytest.raises(UnknownReferenceError, match="no source has that id"):
            load({"a": fact(1, source="reprot")})


class TestCycles:
    def test_a_cycle_is_refused_with_its_path(self) -> None:
        """Indicators depending on each other are refused; the message prints the path."""
        with pytest.raises(CyclicDependencyError, match="a -> b -> a") as error:
            load({"x": fact(1)}, {"a": {"formula": "b + x"}, "b": {"formula": "a + x"}})

        assert error.value.cycle == ("a", "b", "a")

    def test_an_indicator_using_itself_is_a_cycle(self) -> None:
        """An indicator that names itself as input is a cycle of one."""
        with pytest.raises(CyclicDependencyError, match="a -> a"):
            load({"x": fact(1)}, {"a": {"sum": ["a", "x"]}})


class TestDuplicateIds:
    def test_the_same_id_in_two_sections_is_refused(self) -> None:
        """A fact and an indicator cannot share an id."""
        with pytest.raises(DuplicateIdError, match="'a' is declared in both `facts`"):
            load({"a": fact(1), "b": fact(2)}, {"a": {"sum": ["b", "b"]}})

    def test_the_same_key_twice_names_both_lines(self) -> None:
        """A mapping with the same id twice is refused, naming both lines."""
        text = spec_text({"a": fact(1)}).replace(
            "facts:\n", "facts:\n  a:\n    value: 5\n", 1
        )

        with pytest.raises(DuplicateIdError) as error:
            load_spec_text(text, "t.yaml")

        assert str(_line_of(text, "  a:")) in str(error.value)


class TestUnits:
    def test_adding_persons_to_dollars_is_refused(self) -> None:
        """A sum over different dimensions names the indicator and both units."""
        with pytest.raises(
            UnitMismatchError,
            match=r"'total' \(sum\) combines 'a' in person with 'b' in USD",
        ):
            load({"a": fact(1), "b": fact(1, "USD")}, {"total": {"sum": ["a", "b"]}})

    def test_adding_dollars_to_roubles_without_conversion_is_refused(self) -> None:
        """Each currency is its own dimension: USD + RUB needs a conversion."""
        with pytest.raises(UnitMismatchError, match="must be converted first"):
            load(
                {"a": fact(1, "USD"), "b": fact(1, "RUB")}, {"t": {"formula": "a + b"}}
            )

    def test_a_rate_that_does_not_connect_the_currencies_is_refused(self) -> None:
        """A RUB/USD rate cannot convert tenge."""
        with pytest.raises(UnitMismatchError, match="does not connect them"):
            load(
                {"a": fact(1, "KZT"), "r": fact(90, "RUB/USD")},
                {"c": {"convert": {"amount": "a", "rate": "r", "to": "USD"}}},
            )

    def test_a_declared_unit_that_disagrees_is_refused(self) -> None:
        """An indicator declared in USD whose inputs give persons is refused."""
        with pytest.raises(UnitMismatchError, match="declares the unit 'USD'") as error:
            load(
                {"a": fact(1), "b": fact(2)}, {"t": {"sum": ["a", "b"], "unit": "USD"}}
            )

        assert error.value.key == "indicators.t.unit"

    def test_an_unknown_unit_suggests_the_closest(self) -> None:
        """A misspelt unit is refused with the closest known name."""
        with pytest.raises(
            UnknownReferenceError, match="(?i)did you mean 'person'"
        ) as error:
            load({"a": fact(1, "persn")})

        assert error.value.key == "facts.a.unit"


class TestShape:
    def test_an_unknown_key_is_refused_with_the_closest_key(self) -> None:
        """A misspelt key is an error, not silently ignored."""
        entry = fact(1)
        entry["qualifer"] = "approximate"

        with pytest.raises(UnknownReferenceError, match="(?i)did you mean 'qualifier'"):
            load({"a": entry})

    def test_a_misspelt_required_key_is_one_error(self) -> None:
        """`locater` for `locator` is reported once, not also as a missing `locator`."""
        entry = fact(1)
        entry["locater"] = entry.pop("locator")

        with pytest.raises(
            UnknownReferenceError, match="(?i)did you mean 'locator'"
        ) as error:
            load({"a": entry})

        assert not isinstance(error.value, SpecErrorGroup)

    def test_an_unknown_indicator_kind_suggests_the_closest(self) -> None:
        """An indicator with a misspelt kind names the closest kind."""
        with pytest.raises(SpecError, match="(?i)did you mean 'percent_change'"):
            load({"a": fact(1)}, {"c": {"percent_chnage": {"from": "a", "to": "a"}}})

    def test_a_misremembered_value_suggests_the_one_starting_alike(self) -> None:
        """``end_of_month`` suggests ``end_of_period``, not the closer-scoring average."""
        facts = {"a": fact(100, "RUB"), "x": fact(90, "RUB/USD")}
        convert = {"amount": "a", "to": "USD", "rate_policy": "end_of_month"}

        with pytest.raises(SpecError, match="(?i)did you mean 'end_of_period'"):
            load(facts, {"u": {"convert": convert}})

    def test_two_kinds_in_one_indicator_are_refused(self) -> None:
        """An indicator declares exactly one kind."""
        with pytest.raises(SpecError, match="exactly one kind"):
            load({"a": fact(1)}, {"c": {"sum": ["a", "a"], "difference": ["a", "a"]}})

    def test_a_number_with_thousands_separators_says_how_to_write_it(self) -> None:
        """A value written as "392,805" is refused with the way to write it."""
        with pytest.raises(SpecError, match="as 392805") as error:
            load({"a": fact("392,805")})

        assert error.value.key == "facts.a.value"

    def test_a_missing_key_is_named(self) -> None:
        """A fact without a unit is refused, naming the missing key."""
        entry = fact(1)
        del entry["unit"]

        with pytest.raises(SpecError, match="'unit' is missing"):
            load({"a": entry})


class TestSeveralProblems:
    def test_all_independent_problems_are_reported_at_once(self) -> None:
        """Two broken facts give one error listing both."""
        with pytest.raises(SpecErrorGroup) as error:
            load({"a": fact("1,000"), "b": fact(1, "persn")})

        assert len(error.value.errors) == 2
        assert {e.key for e in error.value.errors} == {"facts.a.value", "facts.b.unit"}

    def test_problems_come_in_the_order_of_their_lines(self) -> None:
        """A unit clash above an unknown id is listed first, whatever found each."""
        text = spec_text(
            {"a": fact(1), "b": fact(2, "USD")},
            {"clash": {"sum": ["a", "b"]}, "typo": {"sum": ["a", "bb"]}},
        )

        with pytest.raises(SpecErrorGroup) as error:
            load_spec_text(text, "test.yaml")

        clash, typo = error.value.errors
        assert (
            isinstance(clash, UnitMismatchError) and clash.key == "indicators.clash.sum"
        )
        assert isinstance(typo, UnknownReferenceError) and "'bb'" in str(typo)
        assert (
            _line_of(text, "clash:") < clash.line < _line_of(text, "typo:") < typo.line
        )


class TestPickling:
    def test_a_spec_error_keeps_its_fields_through_pickle(self) -> None:
        """Errors pickle with their structured fields, for use across processes."""
        with pytest.raises(UnknownReferenceError) as error:
            load({"a": fact(1, "persn")})

        copy = pickle.loads(pickle.dumps(error.value))
        assert type(copy) is UnknownReferenceError
        assert str(copy) == str(error.value)
        assert copy.key == error.value.key


class TestDuplicateIdsAndCycles:
    def test_a_duplicate_id_is_not_also_reported_as_a_cycle(self) -> None:
        """An indicator sharing a fact's id is one duplicate error, not a cycle too."""
        with pytest.raises(DuplicateIdError) as error:
            load({"a": fact(1), "b": fact(2)}, {"a": {"sum": ["a", "b"]}})

        assert "cycle" not in str(error.value)


class TestAreas:
    def test_a_country_name_instead_of_a_code_suggests_the_code(self) -> None:
        """An area written as a country name is refused with its ISO code."""
        with pytest.raises(SpecError, match="did you mean 'TJ'") as error:
            load({"a": fact(1, area="Tajikistan")})

        assert error.value.key == "facts.a.area"

    def test_an_unknown_code_is_refused(self) -> None:
        """An area that is no ISO 3166 code is refused with an example of one."""
        with pytest.raises(
            SpecError, match="not an ISO 3166 country or subdivision code"
        ):
            load({"a": fact(1, area="XX")})

    def test_alpha_3_and_subdivision_codes_are_accepted(self) -> None:
        """ISO 3166 alpha-3 and subdivision codes are valid areas."""
        spec = load({"a": fact(1, area="TJK"), "b": fact(2, area="TJ-DU")})

        assert spec.facts["b"].area == "TJ-DU"


class TestUnitHints:
    def test_adding_a_plain_number_to_a_count_says_to_declare_it(self) -> None:
        """A bare number added to persons is refused with a hint about declaring it."""
        with pytest.raises(UnitMismatchError, match="declare it as a fact"):
            load({"a": fact(1)}, {"t": {"formula": "a + 2"}})

    def test_a_lower_case_currency_code_suggests_the_code(self) -> None:
        """`usd` is refused with the suggestion `USD`."""
        with pytest.raises(UnknownReferenceError, match="(?i)did you mean 'USD'"):
            load({"a": fact(1, "usd")})


class TestCyclesWithOtherProblems:
    def test_a_cycle_does_not_hide_a_unit_error_elsewhere(self) -> None:
        """A cycle and an unrelated unit mismatch are reported in the same run."""
        with pytest.raises(SpecErrorGroup) as error:
            load(
                {"a": fact(1), "u": fact(1, "USD")},
                {
                    "i": {"sum": ["a", "j"]},
                    "j": {"sum": ["a", "i"]},
                    "k": {"sum": ["a", "u"]},
                },
            )

        kinds = {type(e) for e in error.value.errors}
        assert kinds == {CyclicDependencyError, UnitMismatchError}

    def test_a_cycle_through_an_entry_naming_an_unknown_id_is_reported(self) -> None:
        """An unknown id beside a self-reference gives both errors, not the first alone."""
        with pytest.raises(SpecErrorGroup) as error:
            load({"a": fact(1)}, {"x": {"sum": ["bogus", "x"]}})

        kinds = [type(e) for e in error.value.errors]
        assert sorted(k.__name__ for k in kinds) == [
            "CyclicDependencyError",
            "UnknownReferenceError",
        ]

    @pytest.mark.parametrize("swapped", [False, True])
    def test_a_check_named_as_an_input_is_no_cycle(self, swapped: bool) -> None:
        """A check using itself gets one error, whatever order the indicators take."""
        indicators = {"i1": {"sum": ["a", "b"]}, "i2": {"sum": ["i1", "a"]}}
        if swapped:
            indicators = dict(reversed(indicators.items()))

        with pytest.raises(UnknownReferenceError, match="which is a check") as error:
            load(
                {"a": fact(1), "b": fact(2)},
                indicators,
                {"c": {"parts_sum_to": {"total": "a", "parts": ["c", "b"]}}},
            )

        assert not isinstance(error.value, SpecErrorGroup)


class TestRefusedValues:
    @pytest.mark.parametrize(
        ("value", "words"),
        [
            pytest.param("1e999999999", "beyond 10\\^30", id="huge-exponent"),
            pytest.param("1e-999999999", "below 10\\^-30", id="tiny-exponent"),
            pytest.param("[1]", "got a list", id="list"),
            pytest.param(".nan", "finite number", id="nan"),
        ],
    )
    def test_a_value_that_is_no_printed_figure_is_refused(
        self, value: str, words: str
    ) -> None:
        """Values no report prints are refused quickly, at the value's key."""
        text = spec_text({"a": fact(1)}).replace("value: 1", f"value: {value}")

        with pytest.raises(SpecError, match=words) as error:
            load_spec_text(text, "t.yaml")

        assert error.value.key == "facts.a.value"

    @pytest.mark.parametrize(
        "unit",
        [
            "meter",
            "kiloperson",
            "",
            "person/0",
            "person^9",
            "(" * 500 + "person" + ")" * 500,
        ],
        ids=["length", "prefixed", "empty", "zero", "power", "nested"],
    )
    def test_a_unit_no_statistical_figure_has_is_refused(self, unit: str) -> None:
        """Pint knows more units than reports use; the others are refused at the unit key."""
        with pytest.raises(UnknownReferenceError) as error:
            load({"a": fact(1, unit)})

        assert error.value.key == "facts.a.unit"

    def test_an_id_that_is_not_an_identifier_is_refused_where_declared(self) -> None:
        """An entry id with a space or a look-alike letter is refused at its key."""
        with pytest.raises(SpecError, match="an id must be") as error:
            load({"emigr\u0430nts": fact(1)})

        assert error.value.key == "facts.emigr\u0430nts"

    def test_a_negative_tolerance_is_refused(self) -> None:
        """A tolerance is a non-negative gap."""
        with pytest.raises(SpecError) as error:
            load(
                {"a": fact(1)},
                checks={
                    "c": {
                        "parts_sum_to": {"total": "a", "parts": ["a"], "tolerance": -1}
                    }
                },
            )

        assert error.value.key == "checks.c.parts_sum_to.tolerance"

    def test_a_tolerance_on_a_partial_list_is_refused(self) -> None:
        """`parts_within` has no tolerance: a partial list must stay within its total."""
        with pytest.raises(
            UnknownReferenceError, match="'tolerance' is not a key allowed here"
        ):
            load(
                {"a": fact(1)},
                checks={
                    "c": {
                        "parts_within": {"total": "a", "parts": ["a"], "tolerance": 1}
                    }
                },
            )

    def test_a_check_used_as_an_input_is_named_as_a_check(self) -> None:
        """An indicator built on a check is told that checks have no value."""
        with pytest.raises(UnknownReferenceError, match="which is a check"):
            load(
                {"a": fact(1)},
                {"i": {"sum": ["a", "c"]}},
                {"c": {"parts_within": {"total": "a", "parts": ["a"]}}},
            )

    def test_a_reported_value_that_is_a_list_is_refused(self) -> None:
        """`reported: [20]` is an error at the key, not a crash."""
        with pytest.raises(SpecError) as error:
            load({"a": fact(1)}, {"i": {"sum": ["a", "a"], "reported": [20]}})

        assert error.value.key.startswith("indicators.i.reported")


class TestFormulaWithoutIds:
    def test_a_formula_of_numbers_alone_is_computed(self) -> None:
        """A formula naming no id still gives its value."""
        from builders import run

        assert run({"a": fact(1)}, {"i": {"formula": "1 + 2"}}).value("i") == 3


class TestSpecEquality:
    def test_a_spec_read_twice_is_equal_to_itself(self) -> None:
        """Two loads of one file are equal; where they were read does not count."""
        first = load({"a": fact(1)}, {"i": {"sum": ["a", "a"]}})
        second = load({"a": fact(1)}, {"i": {"sum": ["a", "a"]}})
        from indicators import evaluate

        evaluate(first)

        assert first == second
        assert first != load({"a": fact(2)}, {"i": {"sum": ["a", "a"]}})


class TestNewerFeatureRefusals:
    def test_a_dimension_code_with_a_bracket_is_refused(self) -> None:
        """Codes cannot hold the characters that write per-member ids."""
        text = spec_text({"a": fact(1)}).replace(
            "facts:", "dimensions:\n  d:\n    codes: ['a]b']\nfacts:", 1
        )

        with pytest.raises(SpecError, match="holds '\\['"):
            load_spec_text(text, "t.yaml")

    def test_a_dimension_area_must_be_an_iso_code(self) -> None:
        """A dimension's area is refused where it is written when it is no ISO code."""
        text = spec_text({"a": fact(1)}).replace(
            "facts:",
            "dimensions:\n  region:\n    codes: [Sughd]\n    area: Tajikistan\nfacts:",
            1,
        )

        with pytest.raises(SpecError, match="did you mean 'TJ'") as error:
            load_spec_text(text, "t.yaml")

        assert error.value.key == "dimensions.region.area"

    def test_a_negative_exchange_rate_gives_an_undetermined_conversion(self) -> None:
        """An exchange rate below zero cannot convert anything; the result says why."""
        from builders import run

        results = run(
            {"a": fact(100, "KZT"), "r": fact(-450, "KZT/USD")},
            {"c": {"convert": {"amount": "a", "rate": "r", "to": "USD"}}},
        )

        assert results["c"].status == "undetermined"
        assert "always positive" in results["c"].message

    def test_an_unreadable_dimension_is_reported_once(self) -> None:
        """A dimension with a repeated code is one error, not also an unknown `over:`."""
        text = (
            "spec: t\ntitle: T\n"
            "sources: {s: {title: A, publisher: B, published: 2024-07}}\n"
            "dimensions:\n  d: {codes: [a, a, b], exhaustive: true}\n"
            "facts:\n"
            "  t: {value: 3, unit: person, period: 2024, area: TJ, source: s, locator: p, series: x}\n"
            "  ta: {value: 1, unit: person, period: 2024, area: TJ, source: s, locator: p, series: x, breakdown: {d: a}}\n"
            "checks:\n  c: {parts_sum_to: {total: t, over: d}}\n"
        )

        with pytest.raises(SpecError, match="listed twice") as error:
            load_spec_text(text, "t.yaml")

        assert not isinstance(error.value, SpecErrorGroup)
