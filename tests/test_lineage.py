"""Lineage: what a figure rests on, what rests on it, and what rests on a source."""

from __future__ import annotations

import json
import pickle
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given

from builders import fact, run
from indicators import (
    Results,
    UnknownIdError,
    UnknownSourceError,
    dump_spec,
    evaluate,
    load_spec,
)
from indicators.presentation._lineage import (
    lineage_document,
    lineage_lines,
    path_document,
    path_lines,
)
from indicators.presentation.cli import cli
from strategies import DESTINATION, SpecSections, series_sections, spec_graphs


BUNDLED = Path(__file__).parents[1] / "specs" / "tajikistan-msr-2024h1.yaml"


@pytest.fixture(name="two_sources")
def _two_sources() -> Results:
    return run(
        {
            "a": fact(10, source="report"),
            "b": fact(5, source="other"),
            "c": fact(2, source="other"),
        },
        {
            "mixed": {"sum": ["a", "b"]},
            "only_other": {"difference": ["b", "c"]},
            "share": {"share": {"part": "only_other", "whole": "mixed"}},
        },
        {"parts": {"parts_sum_to": {"total": "b", "parts": ["c"]}}},
        sources=["other"],
    )


class TestSourceLineage:
    def test_everything_resting_on_a_source_is_found(
        self, two_sources: Results
    ) -> None:
        """The facts of a source and everything computed from them rest on it."""
        assert two_sources.resting_on_source("other") == {
            "b",
            "c",
            "mixed",
            "only_other",
            "share",
            "parts",
        }

    def test_only_what_rests_on_that_source_alone_is_orphaned(
        self, two_sources: Results
    ) -> None:
        """Withdrawing a source orphans what rests on no other source."""
        assert two_sources.orphaned_without("other") == {
            "b",
            "c",
            "only_other",
            "parts",
        }

    def test_an_unknown_source_names_the_closest(self, two_sources: Results) -> None:
        """Asking about a source the spec lacks raises an error suggesting the closest id."""
        with pytest.raises(UnknownSourceError, match="Did you mean 'other'"):
            two_sources.resting_on_source("othr")

    def test_the_unknown_source_error_pickles(self) -> None:
        """The error survives pickling with its fields, as every error does."""
        error = pickle.loads(pickle.dumps(UnknownSourceError("othr", "other")))

        assert (error.requested, error.suggestion) == ("othr", "other")
        assert (
            str(error) == "No source document has the id 'othr'. Did you mean 'other'?"
        )

    def test_the_unknown_source_error_is_an_unknown_id_error(self) -> None:
        """Code catching `UnknownIdError` also catches an unknown source."""
        assert issubclass(UnknownSourceError, UnknownIdError)


class TestLineageProperties:
    @given(sections=spec_graphs())
    def test_downstream_is_the_converse_of_upstream(
        self, sections: SpecSections
    ) -> None:
        """``y`` is downstream of ``x`` exactly when ``x`` is upstream of ``y``."""
        results = run(*sections)
        nodes = list(results.plan.graph.nodes)

        for start in nodes:
            below = results.downstream(start)
            for end in nodes:
                assert (end in below) == (start in results.upstream(end))

    @given(sections=spec_graphs())
    def test_the_leaves_of_an_explanation_are_its_facts(
        self, sections: SpecSections
    ) -> None:
        """The leaves of any indicator's or check's explanation are exactly its facts."""
        results = run(*sections)

        for entry_id in (*results.spec.indicators, *results.spec.checks):
            assert results.explain(entry_id).leaves() == results.facts_of(entry_id)

    @given(sections=spec_graphs())
    def test_a_path_exists_exactly_when_one_rests_on_the_other(
        self, sections: SpecSections
    ) -> None:
        """`path(x, y)` is found exactly when ``x`` is upstream of ``y``, and runs along edges."""
        results = run(*sections)
        graph = results.plan.graph

        for start in graph.nodes:
            for end in results.downstream(start):
                path = results.path(start, end)
                assert path is not None
                assert all(graph.has_edge(a, b) for a, b in pairwise(path))


class TestLineageCommand:
    def test_up_lists_facts_indicators_and_sources(self) -> None:
        """``--up`` lists what a share rests on, grouped, with its source."""
        outcome = CliRunner().invoke(
            cli, ["lineage", str(BUNDLED), "employees_foreign_share", "--up"]
        )

        assert outcome.exit_code == 0
        assert outcome.output.splitlines() == [
            "employees_foreign_share rests on:",
            "  facts (2):",
            "    employees_tajik_2024 = 31,457 person",
            "    employees_foreign_2024 = 4,065 person",
            "  indicators (1):",
            "    employees_total_2024 = 35,522 person",
            "sources (1): molmep_2024",
        ]

    def test_down_marks_failed_checks(self) -> None:
        """``--down`` from the 2024 emigrants shows the failed sex breakdown marked."""
        outcome = CliRunner().invoke(
            cli, ["lineage", str(BUNDLED), "emigrants_2024", "--down"]
        )

        assert outcome.exit_code == 0
        assert "    emigrants_2024_sex_sum [parts_sum_to]  FAILED" in outcome.output

    def test_to_prints_the_chain(self) -> None:
        """``--to`` prints the chain of dependencies from one id to the other."""
        outcome = CliRunner().invoke(
            cli,
            [
                "lineage",
                str(BUNDLED),
                "employees_tajik_2024",
                "--to",
                "employees_foreign_share",
            ],
        )

        assert outcome.exit_code == 0
        assert outcome.output == (
            "employees_tajik_2024 → employees_total_2024 → employees_foreign_share\n"
        )

    def test_to_without_a_chain_exits_1(self) -> None:
        """With no chain, ``--to`` says so, shows the other direction and exits 1."""
        outcome = CliRunner().invoke(
            cli,
            [
                "lineage",
                str(BUNDLED),
                "employees_foreign_share",
                "--to",
                "employees_tajik_2024",
            ],
        )

        assert outcome.exit_code == 1
        assert outcome.output.startswith(
            "no chain of dependencies leads from employees_foreign_share to "
            "employees_tajik_2024\n"
        )

    def test_source_as_json(self) -> None:
        """``--source`` in JSON lists what rests on the document and what it alone supports."""
        results = evaluate(load_spec(BUNDLED))
        outcome = CliRunner().invoke(
            cli,
            ["lineage", str(BUNDLED), "--source", "molmep_2023", "--format", "json"],
        )

        document = json.loads(outcome.output)
        resting = {i for ids in document["rests_on_it"].values() for i in ids}
        orphaned = {i for ids in document["orphaned_without_it"].values() for i in ids}
        assert resting == results.resting_on_source("molmep_2023")
        assert orphaned == results.orphaned_without("molmep_2023")
        assert "emigrants_change_pct" in resting - orphaned

    @pytest.mark.parametrize(
        "arguments",
        [
            ["employees_foreign_share"],
            ["employees_foreign_share", "--up", "--to", "employees_tajik_2024"],
            ["employees_foreign_share", "--source", "molmep_2023"],
            [],
        ],
        ids=["no-question", "two-questions", "id-with-source", "nothing"],
    )
    def test_one_question_at_a_time(self, arguments: list[str]) -> None:
        """A command line asking no question or two is a usage error, exit 2."""
        outcome = CliRunner().invoke(cli, ["lineage", str(BUNDLED), *arguments])

        assert outcome.exit_code == 2
        assert "Error:" in outcome.output


class TestUpwardLineageWithoutTheGraph:
    def test_lineage_up_on_the_command_line_draws_no_graph(self) -> None:
        """What a figure rests on is found from the inputs, so no graph is drawn."""
        from indicators.presentation._lineage import lineage_document

        results = run(
            {"a": fact(1), "b": fact(2)},
            {"c": {"sum": ["a", "b"]}, "d": {"sum": ["c", "a"]}},
        )

        document = lineage_document(results, "d", "up")

        assert "graph" not in vars(results.plan)
        assert (document["facts"], document["indicators"]) == (["a", "b"], ["c"])


def _emigrants(value: int, series: str, code: str | None = None) -> dict[str, Any]:
    if code is None:
        return fact(value, series=series, source="other")
    return fact(value, series=series, breakdown={"destination": code})


@pytest.fixture(name="by_destination")
def _by_destination() -> Results:
    """Totals of two series cited from ``other``, members from ``report``."""
    facts = {
        "a": _emigrants(500, "emigrants"),
        "b": _emigrants(400, "returns"),
        "a_ru": _emigrants(300, "emigrants", "RU"),
        "b_ru": _emigrants(240, "returns", "RU"),
        "a_kz": _emigrants(50, "emigrants", "KZ"),
        "b_kz": _emigrants(60, "returns", "KZ"),
    }
    indicators = {
        "change": {
            "ratio": {"numerator": "b", "denominator": "a", "over": "destination"}
        }
    }
    return run(facts, indicators, sources=["other"], dimensions=DESTINATION)


class TestSeriesLineage:
    """Lineage of an indicator over a dimension and the series facts it names."""

    def test_down_from_a_series_fact_finds_the_indicator_naming_it(
        self, by_destination: Results
    ) -> None:
        """The indicator over a dimension rests on the series fact it names."""
        assert by_destination.downstream("a") == {"change"}

    def test_up_gives_the_series_facts_named_and_the_members(
        self, by_destination: Results
    ) -> None:
        """The indicator rests on the totals it names and on every member fact."""
        assert by_destination.upstream("change") == {
            "a",
            "b",
            "a_ru",
            "b_ru",
            "a_kz",
            "b_kz",
        }

    def test_the_series_facts_named_are_not_facts_computed_from(
        self, by_destination: Results
    ) -> None:
        """The values come from the members, so facts and sources leave the totals out."""
        assert by_destination.facts_of("change") == {"a_ru", "b_ru", "a_kz", "b_kz"}
        assert by_destination.sources_of("change") == {"report"}

    def test_a_member_names_its_indicator_s_series(
        self, by_destination: Results
    ) -> None:
        """A member id gives the series facts its indicator names."""
        assert by_destination.series_named_by("change[destination=RU]") == ("b", "a")
        assert by_destination.series_named_by("a_ru") == ()

    def test_up_from_a_member_gives_its_facts_and_the_series_named(
        self, by_destination: Results
    ) -> None:
        """One member rests on its own facts and the totals naming its series."""
        upstream = by_destination.upstream("change[destination=KZ]")

        assert upstream == {"a", "b", "a_kz", "b_kz"}

    def test_nothing_rests_on_a_member(self, by_destination: Results) -> None:
        """No indicator or check can take a member, so nothing is below it."""
        assert by_destination.downstream("change[destination=KZ]") == frozenset()

    def test_a_source_of_totals_only_leaves_the_indicator_out(
        self, by_destination: Results
    ) -> None:
        """Correcting the totals' document changes no value of the indicator."""
        assert by_destination.resting_on_source("other") == {"a", "b"}

    def test_down_text_marks_the_indicator_naming_the_series(
        self, by_destination: Results
    ) -> None:
        """`lineage --down` lists the indicator and says it only names the series."""
        lines = lineage_lines(by_destination, "a", "down")

        assert lines[2] == (
            "    change = 2 results, one per destination  "
            "(names this fact's series; computed from its members' facts)"
        )

    def test_up_document_lists_the_series_facts_named(
        self, by_destination: Results
    ) -> None:
        """`lineage --up --format json` lists the totals under ``by_series``."""
        document = lineage_document(by_destination, "change", "up")

        assert document["facts"] == ["a", "b", "a_ru", "b_ru", "a_kz", "b_kz"]
        assert document["by_series"] == ["b", "a"]

    def test_up_names_the_documents_of_the_series_facts_apart(
        self, by_destination: Results
    ) -> None:
        """The totals' document is listed apart from those the values come from."""
        document = lineage_document(by_destination, "change", "up")
        lines = lineage_lines(by_destination, "change", "up")

        assert (document["sources"], document["series_sources"]) == (
            ["report"],
            ["other"],
        )
        assert lines[-1] == "sources of the series facts named only (1): other"

    def test_down_from_a_member_fact_names_the_member(
        self, by_destination: Results
    ) -> None:
        """A member fact is used by one member, which the text and document name."""
        document = lineage_document(by_destination, "a_kz", "down")
        lines = lineage_lines(by_destination, "a_kz", "down")

        assert document["members"] == {"change": ["change[destination=KZ]"]}
        assert lines[2].endswith("(through change[destination=KZ])")

    def test_down_on_the_command_line_lists_the_indicator(
        self, by_destination: Results, tmp_path: Path
    ) -> None:
        """`indicators lineage SPEC a --down` prints the indicator naming ``a``."""
        path = tmp_path / "spec.yaml"
        path.write_text(dump_spec(by_destination.spec), encoding="utf-8")

        outcome = CliRunner().invoke(cli, ["lineage", str(path), "a", "--down"])

        assert outcome.exit_code == 0, outcome.output
        assert "    change = 2 results, one per destination  (names" in outcome.output

    @given(sections=series_sections())
    def test_downstream_is_the_converse_of_upstream_with_members(
        self, sections: tuple[dict[str, Any], ...]
    ) -> None:
        """Over a dimension too, ``y`` is below ``x`` exactly when ``x`` is above ``y``."""
        results = run(*sections, sources=["other"], dimensions=DESTINATION)
        entries = list(results.plan.graph.nodes)
        members = results.members("whole")

        for start in entries:
            below = results.downstream(start)
            for end in entries:
                assert (end in below) == (start in results.upstream(end))
            for member_id in members:
                if start in results.upstream(member_id):
                    assert "whole" in below
        for member_id in members:
            assert results.downstream(member_id) == frozenset()


class TestMemberPath:
    """Chains of dependencies that end or start at one member."""

    def test_a_path_to_a_member_runs_through_its_own_fact(
        self, by_destination: Results
    ) -> None:
        """The chain from a member fact ends at its member, not at the indicator."""
        path = by_destination.path("a_ru", "change[destination=RU]")

        assert path == ("a_ru", "change[destination=RU]")

    def test_no_path_to_a_member_from_another_member_s_fact(
        self, by_destination: Results
    ) -> None:
        """Russia's fact leads to no other destination's result."""
        assert by_destination.path("a_ru", "change[destination=KZ]") is None

    def test_a_path_from_a_member_goes_nowhere(self, by_destination: Results) -> None:
        """Nothing is computed from a member, not even its own indicator."""
        assert by_destination.path("change[destination=RU]", "change") is None
        assert (
            by_destination.path("change[destination=RU]", "change[destination=KZ]")
            is None
        )

    def test_a_series_step_is_marked_in_the_document(
        self, by_destination: Results
    ) -> None:
        """`--to --format json` says which step names a series."""
        document = path_document(by_destination, "a", "change[destination=KZ]")

        assert document["path"] == ["a", "change[destination=KZ]"]
        assert document["steps"] == [
            {"from": "a", "to": "change[destination=KZ]", "relation": "series"}
        ]

    def test_a_series_step_is_drawn_apart_in_the_text(
        self, by_destination: Results
    ) -> None:
        """`--to` writes a series step with ⇢ and says what it means."""
        lines = path_lines(by_destination, "a", "change")

        assert lines == [
            "a ⇢ change",
            "(⇢ names the series; the values come from its members' facts)",
        ]

    @given(sections=series_sections())
    def test_a_path_exists_exactly_when_one_rests_on_the_other(
        self, sections: tuple[dict[str, Any], ...]
    ) -> None:
        """With members as ends too, a chain is found exactly when one rests on the other."""
        results = run(*sections, sources=["other"], dimensions=DESTINATION)
        entries = [*results.plan.graph.nodes, *results.members("whole")]

        for start in entries:
            for end in entries:
                path = results.path(start, end)
                found = start == end or start in results.upstream(end)
                assert (path is not None) == found, (start, end)
                assert path is None or (path[0], path[-1]) == (start, end)


@pytest.fixture(name="scaled")
def _scaled() -> Results:
    return run(
        {
            "remit": fact(90000, "RUB", scale="million"),
            "other": fact(Decimal("8827250.00"), "RUB"),
        },
        {"total": {"sum": ["remit", "other"]}},
    )


class TestFactsAsPrinted:
    """Lineage writes a fact as `explain` does: as printed, then in full."""

    def test_a_scaled_fact_is_written_with_its_scale_word(
        self, scaled: Results
    ) -> None:
        """A fact printed with a scale word shows it, with the full value after."""
        lines = lineage_lines(scaled, "total", "up")

        assert "    remit = 90,000 million RUB (= 90,000,000,000)" in lines

    def test_lineage_and_explain_write_each_fact_alike(
        self, scaled: Results, tmp_path: Path
    ) -> None:
        """Each fact's line in `lineage --up` is the one `explain` prints for it."""
        path = tmp_path / "spec.yaml"
        path.write_text(dump_spec(scaled.spec), encoding="utf-8")
        explained = CliRunner().invoke(cli, ["explain", str(path), "total"]).output
        lines = lineage_lines(scaled, "total", "up")

        for fact_id in ("remit", "other"):
            shown = next(line for line in lines if line.startswith(f"    {fact_id} ="))
            assert f"{shown.strip()}  [fact]" in explained
