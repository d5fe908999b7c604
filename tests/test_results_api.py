"""The Results API for programs and notebooks: JSON, PROV, HTML table, DataFrame."""

from __future__ import annotations

import json
import pickle
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from prov.model import ProvDocument

from builders import fact, run
from indicators import Results, evaluate, load_spec
from indicators.exceptions import UnknownIdError


BUNDLED = Path(__file__).parents[1] / "specs" / "tajikistan-msr-2024h1.yaml"


@pytest.fixture(name="bundled", scope="module")
def _bundled() -> Results:
    return evaluate(load_spec(BUNDLED))


class TestResultsApi:
    def test_to_json_is_the_versioned_export(self, bundled: Results) -> None:
        """`to_json` returns the export document, naming its format and version."""
        document = json.loads(bundled.to_json())

        assert (document["format"], document["version"]) == ("indicators-audit", "2.0")
        assert len(document["results"]) == len(bundled)

    def test_to_prov_is_one_bundle_named_after_the_run(self, bundled: Results) -> None:
        """`to_prov` returns a PROV document with one bundle for the run."""
        document = bundled.to_prov("audit-1")

        assert isinstance(document, ProvDocument)
        (bundle,) = document.bundles
        assert bundle.identifier.localpart == "audit-1"

    def test_repr_html_is_a_table_of_every_indicator(self, bundled: Results) -> None:
        """The notebook view is a table with one body row per indicator."""
        html = bundled._repr_html_()

        assert html.startswith('<table class="indicators-results">')
        assert html.count("<tr>") == len(bundled) + 1

    def test_repr_html_escapes_labels(self) -> None:
        """A label with markup is shown as text in the notebook table."""
        results = run(
            {"a": fact(1), "b": fact(2)},
            {"s": {"sum": ["a", "b"], "label": "<img src=x onerror=alert(1)>"}},
        )

        assert "<img" not in results._repr_html_()

    def test_to_dataframe_keeps_exact_values(self, bundled: Results) -> None:
        """The DataFrame has one row per indicator, indexed by id, with exact values."""
        frame = bundled.to_dataframe()

        assert list(frame.index) == [result.id for result in bundled]
        value = frame.loc["employees_foreign_share", "value"]
        assert value == Fraction(203250, 17761)
        assert frame.loc["employees_foreign_share", "status"] == "fail"

    def test_to_dataframe_without_pandas_names_the_extra(
        self, bundled: Results, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without pandas, the error says which extra to install."""
        monkeypatch.setitem(sys.modules, "pandas", None)

        with pytest.raises(ImportError, match=r"pip install 'indicators\[pandas\]'"):
            bundled.to_dataframe()


class TestMembership:
    def test_in_agrees_with_indexing(self, bundled: Results) -> None:
        """An id is `in` the results exactly when indexing by it gives a result."""
        member = bundled.members("emigrants_change_pct_by_destination")[0]
        named = ["emigrants_change_pct", "emigrants_2024", member]

        assert all(entry_id in bundled for entry_id in named)
        assert all(bundled[entry_id].id == entry_id for entry_id in named)

    def test_a_check_or_unknown_id_is_not_in_the_results(
        self, bundled: Results
    ) -> None:
        """Checks have findings, not results; an unknown id has neither."""
        check_id = next(iter(bundled.spec.checks))

        assert check_id not in bundled
        assert "no_such_id" not in bundled
        assert 3 not in bundled


class TestUnknownIds:
    def test_unit_of_an_unknown_id_names_the_closest(self, bundled: Results) -> None:
        """`unit_of` refuses an id nothing has, like every other question."""
        with pytest.raises(UnknownIdError, match="emigrants_2024"):
            bundled.unit_of("emigrants_2042")

    def test_every_question_suggests_the_same_id(self) -> None:
        """A typo gets one suggestion, whichever method is asked."""
        results = run(
            {"total_a": fact(10), "total_b": fact(4)},
            {"total_c": {"sum": ["total_a", "total_b"]}},
        )
        questions = (results.value, results.upstream, results.sources_of)

        suggestions = set()
        for question in questions:
            with pytest.raises(UnknownIdError) as caught:
                question("total_x")
            suggestions.add(str(caught.value))

        assert len(suggestions) == 1


class TestCopiedSpecs:
    def test_a_copy_with_new_facts_is_evaluated_afresh(self) -> None:
        """A spec copied with a changed fact gets its own plan, not its source's."""
        results = run({"a": fact(1), "b": fact(2)}, {"s": {"sum": ["a", "b"]}})
        facts = dict(results.spec.facts)
        facts["a"] = facts["a"].model_copy(update={"value": 10})

        copied = evaluate(results.spec.model_copy(update={"facts": facts}))

        assert (copied.value("s"), results.value("s")) == (12, 3)
        assert copied.spec.facts["a"].value == 10


class TestPickling:
    """Specs and results cross process boundaries, as a pool of workers needs."""

    def test_an_evaluated_spec_pickles_without_its_plan(self, bundled: Results) -> None:
        """An evaluated spec unpickles equal, and plans again where it lands."""
        restored = pickle.loads(pickle.dumps(bundled.spec))

        assert restored == bundled.spec
        assert evaluate(restored).summary() == bundled.summary()

    def test_results_keep_every_value_and_finding(self, bundled: Results) -> None:
        """Unpickled results give the same values, findings and sources."""
        restored = pickle.loads(pickle.dumps(bundled))

        assert all(restored.value(i) == bundled.value(i) for i in bundled.spec.facts)
        assert restored.findings == bundled.findings
        assert restored.sources_of("emigrants_change_pct") == bundled.sources_of(
            "emigrants_change_pct"
        )

    def test_updated_results_keep_the_update(self, bundled: Results) -> None:
        """The values an update changed travel with the results, not recomputed."""
        updated = bundled.update("emigrants_2024", 400_000)

        restored = pickle.loads(pickle.dumps(updated))

        assert restored.value("emigrants_change_pct") == updated.value(
            "emigrants_change_pct"
        )
        assert restored.value("emigrants_2024") == 400_000

    def test_unpickled_results_update_again(self, bundled: Results) -> None:
        """Unpickled results answer an update as the originals do."""
        restored = pickle.loads(pickle.dumps(bundled))

        again = restored.update("emigrants_2024", 400_000)

        assert again.findings == bundled.update("emigrants_2024", 400_000).findings


class TestPlainText:
    def test_the_repr_names_the_spec_and_its_findings(self, bundled: Results) -> None:
        """`repr` says whose results these are and how the findings came out."""
        counts = bundled.summary()

        text = repr(bundled)

        assert f"spec {bundled.spec.spec!r}" in text
        assert f"{counts['fail']} fail" in text

    def test_an_explanation_reads_as_the_explain_command_prints_it(
        self, bundled: Results
    ) -> None:
        """`explanation_text` gives the tree `indicators explain` prints, as text."""
        from click.testing import CliRunner

        from indicators.presentation import explanation_text
        from indicators.presentation.cli import cli

        text = explanation_text(bundled.explain("emigrants_change_pct"), width=160)
        printed = CliRunner().invoke(
            cli,
            ["explain", str(BUNDLED), "emigrants_change_pct"],
            env={"COLUMNS": "160"},
        )

        assert text.splitlines() == printed.output.splitlines()


class TestExplainingAnUpdate:
    def test_an_updated_fact_is_not_shown_as_printed(self, bundled: Results) -> None:
        """The step of an updated fact gives its new value and what the document prints."""
        updated = bundled.update("emigrants_2024", 400_000)

        steps = {
            step.id: step for step in updated.explain("emigrants_change_pct").inputs
        }

        assert steps["emigrants_2024"].value == 400_000
        assert steps["emigrants_2024"].printed is None
        assert "the document prints 392,805" in steps["emigrants_2024"].message
        assert steps["emigrants_2023"].printed == "467,247"


class TestCopies:
    def test_an_evaluated_spec_deep_copies(self, bundled: Results) -> None:
        """A deep copy of a spec that has a plan is equal and plans anew."""
        import copy

        copied = copy.deepcopy(bundled.spec)

        assert copied == bundled.spec
        assert evaluate(copied).summary() == bundled.summary()

    def test_updated_results_deep_copy_with_their_values(
        self, bundled: Results
    ) -> None:
        """A deep copy of updated results keeps the updated values."""
        import copy

        updated = bundled.update("emigrants_2024", 400_000)

        copied = copy.deepcopy(updated)

        assert copied.value("emigrants_2024") == 400_000

    def test_a_copy_shares_the_tables(self, bundled: Results) -> None:
        """A shallow copy, which an update starts from, copies no table of values."""
        import copy

        copied = copy.copy(bundled)

        assert copied.values is bundled.values
        assert copied.plan is bundled.plan

    def test_a_range_updated_to_its_midpoint_is_no_longer_a_range(self) -> None:
        """A range written as one figure is explained as exact, with what was printed."""
        facts = {
            "r": fact({"low": 2, "high": 4}, scale="million"),
            "m": fact(5),
        }
        results = run(facts, {"x": {"sum": ["r", "m"]}})

        updated = results.update("r", 3)

        step = {step.id: step for step in updated.explain("x").inputs}["r"]
        assert (step.qualifier, step.printed) == ("exact", None)
        assert "the document prints 2 to 4 million" in step.message
