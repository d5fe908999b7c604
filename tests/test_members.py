"""Indicators declared once over a dimension, with one result per member."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given

from builders import fact, load, run, spec_text
from indicators import MemberIdError, SpecError
from indicators.evaluation import _evaluate
from indicators.presentation import _json
from indicators.presentation.cli import cli
from strategies import OVER_KINDS, members_over_destination


DIMENSIONS: dict[str, Any] = {"destination": {"codelist": "iso3166"}}


def _emigrants(value: int, period: str, code: str | None = None) -> dict[str, Any]:
    breakdown = {"destination": code} if code else {}
    return fact(value, period=period, series="emigrants", breakdown=breakdown)


def _facts() -> dict[str, Any]:
    return {
        "e_2023": _emigrants(500, "2023-H1"),
        "e_2024": _emigrants(400, "2024-H1"),
        "e_2023_ru": _emigrants(300, "2023-H1", "RU"),
        "e_2024_ru": _emigrants(240, "2024-H1", "RU"),
        "e_2023_kz": _emigrants(50, "2023-H1", "KZ"),
        "e_2024_kz": _emigrants(60, "2024-H1", "KZ"),
        "e_2024_lt": _emigrants(7, "2024-H1", "LT"),
    }


_CHANGE = {"percent_change": {"from": "e_2023", "to": "e_2024", "over": "destination"}}


class TestPerMemberIndicator:
    """`over:` on an indicator's inputs."""

    def test_each_member_has_its_own_result(self) -> None:
        """The change by destination has one result per destination, in file order."""
        results = run(_facts(), {"change": _CHANGE}, dimensions=DIMENSIONS)

        assert results.members("change") == (
            "change[destination=RU]",
            "change[destination=KZ]",
            "change[destination=LT]",
        )
        assert results.value("change[destination=RU]") == -20
        assert results.value("change[destination=KZ]") == 20

    def test_a_member_missing_on_one_side_is_undetermined(self) -> None:
        """Lithuania has no 2023 figure, so its change is undetermined, saying so."""
        result = run(_facts(), {"change": _CHANGE}, dimensions=DIMENSIONS)[
            "change[destination=LT]"
        ]

        assert result.status == "undetermined"
        assert result.message == "the series of 'e_2023' has no fact for destination=LT"

    def test_a_member_result_names_its_facts(self) -> None:
        """A member's formula and inputs are its own facts, not the totals."""
        results = run(_facts(), {"change": _CHANGE}, dimensions=DIMENSIONS)
        result = results["change[destination=RU]"]

        assert result.inputs == ("e_2023_ru", "e_2024_ru")
        assert result.formula == "(e_2024_ru − e_2023_ru) / e_2023_ru × 100"
        assert results.facts_of("change[destination=RU]") == {"e_2023_ru", "e_2024_ru"}

    def test_the_indicator_rests_on_member_facts_only(self) -> None:
        """The totals only locate the series; the indicator does not rest on them."""
        results = run(_facts(), {"change": _CHANGE}, dimensions=DIMENSIONS)

        assert "e_2023" not in results.facts_of("change")
        assert "e_2024_lt" in results.facts_of("change")

    def test_one_value_of_the_whole_indicator_is_refused(self) -> None:
        """Asking one value of a per-member indicator lists the member ids."""
        results = run(_facts(), {"change": _CHANGE}, dimensions=DIMENSIONS)

        with pytest.raises(MemberIdError, match=r"change\[destination=RU\]"):
            results.value("change")

    def test_iteration_yields_every_member(self) -> None:
        """Iterating the results gives each member's result."""
        results = run(_facts(), {"change": _CHANGE}, dimensions=DIMENSIONS)

        assert [result.id for result in results] == list(results.members("change"))
        assert len(results) == 3

    def test_the_json_document_lists_members(self) -> None:
        """`run --format json` gives one entry per member with its facts."""
        results = run(_facts(), {"change": _CHANGE}, dimensions=DIMENSIONS)

        document = json.loads(json.dumps(_json.run_document(results)))

        entry = document["results"][0]
        assert (entry["id"], entry["value"]) == ("change[destination=RU]", -20)
        assert entry["facts"] == ["e_2023_ru", "e_2024_ru"]

    def test_the_explanation_has_one_step_per_member(self) -> None:
        """Explaining the indicator explains each member down to its facts."""
        explanation = run(_facts(), {"change": _CHANGE}, dimensions=DIMENSIONS).explain(
            "change"
        )

        assert [step.id for step in explanation.inputs] == list(
            f"change[destination={code}]" for code in ("RU", "KZ", "LT")
        )
        assert explanation.inputs[0].calculation == (
            "(240 person − 300 person) / 300 person × 100"
        )

    def test_the_column_is_computed_in_one_call(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The operation runs once over the whole member column."""
        calls: list[int] = []
        original = _evaluate.apply

        def counting(operation: Any, columns: Any, scale: Any) -> Any:
            calls.append(len(columns[0]))
            return original(operation, columns, scale)

        monkeypatch.setattr(_evaluate, "apply", counting)
        run(_facts(), {"change": _CHANGE}, dimensions=DIMENSIONS)

        assert calls == [3]

    def test_a_reported_value_is_refused(self) -> None:
        """A per-member indicator cannot carry one printed value."""
        with pytest.raises(SpecError, match="cannot carry one `reported` value"):
            load(
                _facts(), {"change": {**_CHANGE, "reported": 5}}, dimensions=DIMENSIONS
            )

    def test_an_indicator_as_input_is_refused(self) -> None:
        """Members are found among facts, so an indicator cannot be an input."""
        indicators = {
            "twice": {"sum": ["e_2024", "e_2024"]},
            "change": {
                "percent_change": {
                    "from": "e_2023",
                    "to": "twice",
                    "over": "destination",
                }
            },
        }

        with pytest.raises(SpecError, match="'twice' is an indicator"):
            load(_facts(), indicators, dimensions=DIMENSIONS)

    def test_over_with_a_base_by_position(self) -> None:
        """A base by position and a dimension combine, member by member."""
        change = {
            "percent_change": {
                "to": "e_2024",
                "base": "same_period_last_year",
                "over": "destination",
            }
        }

        results = run(_facts(), {"change": change}, dimensions=DIMENSIONS)

        assert results.value("change[destination=KZ]") == 20

    @given(members_over_destination())
    def test_members_equal_separate_indicators(self, drawn: dict[str, Any]) -> None:
        """Each member's value equals the indicator declared for that member alone."""
        kind, values = drawn["kind"], drawn["values"]
        first, second = OVER_KINDS[kind]
        facts = {
            "a": _emigrants(1, "2024-H1"),
            "b": fact(1, period="2024-H1", series="other"),
        }
        indicators: dict[str, Any] = {
            "whole": {kind: {first: "a", second: "b", "over": "destination"}}
        }
        for code, (left, right) in values.items():
            facts[f"a_{code}"] = _emigrants(left, "2024-H1", code)
            facts[f"b_{code}"] = fact(
                right, series="other", breakdown={"destination": code}
            )
            indicators[f"alone_{code}"] = {
                kind: {first: f"a_{code}", second: f"b_{code}"}
            }

        results = run(facts, indicators, dimensions=DIMENSIONS)

        for code in values:
            member = results[f"whole[destination={code}]"]
            alone = results[f"alone_{code}"]
            assert (member.value, member.status) == (alone.value, alone.status)


@pytest.fixture(name="spec_file")
def _spec_file(tmp_path: Path) -> Path:
    path = tmp_path / "spec.yaml"
    text = spec_text(_facts(), {"change": _CHANGE}, dimensions=DIMENSIONS)
    path.write_text(text, encoding="utf-8")
    return path


class TestMemberCommands:
    """What the command line shows of per-member results."""

    def test_explain_takes_a_member_id(self, spec_file: Path) -> None:
        """`explain SPEC 'x[destination=KZ]'` shows that member's calculation."""
        outcome = CliRunner().invoke(
            cli, ["explain", str(spec_file), "change[destination=KZ]"]
        )

        assert outcome.exit_code == 0
        assert "(60 person − 50 person) / 50 person × 100 = 20" in outcome.output

    def test_run_lists_member_ids_verbatim(self, spec_file: Path) -> None:
        """The results table shows member ids with their brackets."""
        outcome = CliRunner().invoke(cli, ["run", str(spec_file)])

        assert "change[destination=RU]" in outcome.output

    def test_member_id_error_pickles(self) -> None:
        """The error for one value of a per-member indicator survives pickling."""
        error = MemberIdError("change", ("change[sex=male]", "change[sex=female]"))

        restored = pickle.loads(pickle.dumps(error))

        assert (restored.members, str(restored)) == (error.members, str(error))


class TestPerMemberAsInput:
    """A per-member indicator has no single value to hand on."""

    def test_an_indicator_using_it_is_refused(self) -> None:
        """A sum over a per-member indicator is refused, naming both."""
        indicators = {"change": _CHANGE, "twice": {"sum": ["change", "change"]}}

        with pytest.raises(
            SpecError, match="'twice' uses 'change', which has one result"
        ):
            load(_facts(), indicators, dimensions=DIMENSIONS)

    def test_a_check_using_it_is_refused(self) -> None:
        """A check cannot take a per-member indicator as its total."""
        checks = {"c": {"parts_within": {"total": "change", "parts": ["e_2024"]}}}

        with pytest.raises(SpecError, match="check 'c' uses 'change'"):
            load(_facts(), {"change": _CHANGE}, checks, dimensions=DIMENSIONS)


class TestPerMemberBounds:
    """Approximate member facts give bounds to their own member only."""

    def test_bounds_follow_the_member_facts(self) -> None:
        """Russia's approximate figure bounds Russia's change, as computed alone."""
        facts = _facts()
        facts["e_2024_ru"] = {**facts["e_2024_ru"], "qualifier": "approximate"}
        change_ru = {"percent_change": {"from": "e_2023_ru", "to": "e_2024_ru"}}

        results = run(
            facts, {"change": _CHANGE, "alone": change_ru}, dimensions=DIMENSIONS
        )

        member = results.bounds_of("change[destination=RU]")
        assert member is not None and member == results.bounds_of("alone")
        assert results.bounds_of("change[destination=KZ]") is None
