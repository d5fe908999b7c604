"""Lineage: what a figure rests on, what rests on it, and what rests on a source."""

from __future__ import annotations

import json
import pickle
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given

from builders import fact, run
from indicators import Results, UnknownIdError, UnknownSourceError, evaluate, load_spec
from indicators.presentation.cli import cli
from strategies import SpecSections, spec_graphs


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
