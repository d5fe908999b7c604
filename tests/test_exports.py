"""Exports: JSON with its schema, CSV, W3C PROV, Mermaid and DOT."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given
from prov.constants import PROV_VALUE, XSD_DECIMAL
from prov.model import ProvDocument, ProvEntity

from builders import fact, run
from indicators import Results, evaluate, load_spec
from indicators.graph._graph import computing_view
from indicators.presentation import export_schema
from indicators.presentation._export_csv import FINDING_COLUMNS, INDICATOR_COLUMNS
from indicators.presentation._export_graph import dot_text, mermaid_text
from indicators.presentation._export_prov import derivation_edges, prov_json
from indicators.presentation.cli import cli
from strategies import SpecSections, spec_graphs


BUNDLED = Path(__file__).parents[1] / "specs" / "tajikistan-msr-2024h1.yaml"


@pytest.fixture(name="bundled", scope="module")
def _bundled() -> Results:
    return evaluate(load_spec(BUNDLED))


def _validate(document: object) -> None:
    jsonschema.validate(document, export_schema(), cls=jsonschema.Draft202012Validator)


def _csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _read_prov(results: Results) -> ProvDocument:
    return ProvDocument.deserialize(content=prov_json(results, "test"), format="json")


def _entity(document: ProvDocument, entry_id: str) -> ProvEntity:
    (bundle,) = document.bundles
    (record,) = bundle.get_record(f"fig:{entry_id}")
    return record


def _failed_nodes(results: Results) -> set[str]:
    """Return the graph nodes whose own finding failed.

    An overlap finding is about a check's parts, not a node of its own, so it
    marks nothing in the graph.
    """
    failed = {f.id for f in results.findings if f.status == "fail"}
    return failed & set(results.plan.graph)


class TestJsonExport:
    def test_the_schema_is_a_valid_json_schema(self) -> None:
        """The shipped schema is itself valid JSON Schema 2020-12."""
        jsonschema.Draft202012Validator.check_schema(export_schema())

    def test_the_bundled_export_follows_the_schema(self, bundled: Results) -> None:
        """The export of the bundled spec validates against the shipped schema."""
        _validate(json.loads(bundled.to_json()))

    @given(sections=spec_graphs())
    def test_every_export_follows_the_schema(self, sections: SpecSections) -> None:
        """The export of any spec, undetermined values included, validates."""
        _validate(json.loads(run(*sections).to_json()))

    def test_a_schema_violation_is_caught(self, bundled: Results) -> None:
        """A number written as a float instead of an exact-number object is refused."""
        document = json.loads(bundled.to_json())
        document["results"][0]["value"] = 1.5

        with pytest.raises(jsonschema.ValidationError, match="is not of type"):
            _validate(document)

    def test_a_non_terminating_value_is_written_as_a_fraction(
        self, bundled: Results
    ) -> None:
        """A share of 2,000 in 6,500 is exactly 400/13, with a 20-place decimal beside it."""
        document = json.loads(bundled.to_json())
        share = next(
            r for r in document["results"] if r["id"] == "quotas_dushanbe_share"
        )

        assert share["value"]["exact"] == "400/13"
        assert share["value"]["terminating"] is False
        assert share["value"]["decimal"] == "30.76923076923076923077"
        assert share["reported"]["exact"] == "33.3"

    def test_the_summary_and_edges_are_the_engine_s(self, bundled: Results) -> None:
        """The summary is `Results.summary`'s; the edges are those values flow along."""
        document = json.loads(bundled.to_json())

        assert document["summary"] == bundled.summary()
        edges = {(edge["from"], edge["to"]) for edge in document["edges"]}
        assert edges == set(computing_view(bundled.plan.graph).edges)
        assert ("emigrants_2023", "emigrants_change_pct_by_destination") not in edges


class TestCsvExport:
    def test_one_row_per_indicator_and_a_findings_file(self, tmp_path: Path) -> None:
        """``-o audit.csv`` writes the indicators there and the findings to audit-findings.csv."""
        target = tmp_path / "audit.csv"
        outcome = CliRunner().invoke(
            cli, ["export", str(BUNDLED), "--format", "csv", "-o", str(target)]
        )

        assert outcome.exit_code == 0
        indicators = _csv_rows(target)
        findings = _csv_rows(tmp_path / "audit-findings.csv")
        # 29 indicators of the report, plus the average remittance per
        # transaction and the total remitted abroad implied by the 6.5 per cent
        # share, less the two changes by destination now computed by one
        # indicator over destination, which has a row per destination (5):
        # 31 - 2 + 5 = 34 rows
        assert len(indicators) == 34
        # reported values (11) and checks (22), plus the 2 overlap findings
        # of the BMA top fives
        assert len(findings) == 35
        assert tuple(indicators[0]) == INDICATOR_COLUMNS
        assert tuple(findings[0]) == FINDING_COLUMNS

    def test_a_row_holds_value_unit_period_reported_and_status(
        self, bundled: Results
    ) -> None:
        """The percent change of emigrants has its exact value, unit, periods, printed value and verdict."""
        outcome = CliRunner().invoke(cli, ["export", str(BUNDLED), "--format", "csv"])
        indicators_text = outcome.output.split("\n\n")[0]
        rows = {row["id"]: row for row in csv.DictReader(io.StringIO(indicators_text))}

        row = rows["emigrants_change_pct"]
        # (392805 - 467247) / 467247 * 100 = -7444200 / 467247 = -2481400 / 155749
        assert row["value_exact"] == "-2481400/155749"
        assert Fraction(row["value_exact"]) == bundled.value("emigrants_change_pct")
        assert (row["unit"], row["period"]) == ("percent", "2023-H1; 2024-H1")
        assert (row["reported"], row["status"]) == ("-16", "pass")

    def test_stdout_has_the_findings_as_a_second_section(self) -> None:
        """Without ``-o`` the findings table follows the indicators after one empty line."""
        outcome = CliRunner().invoke(cli, ["export", str(BUNDLED), "--format", "csv"])

        sections = outcome.output.split("\n\n")
        assert len(sections) == 2
        assert sections[1].startswith(",".join(FINDING_COLUMNS) + "\n")


class TestProvExport:
    def test_derivations_read_back_are_the_graph_edges(self, bundled: Results) -> None:
        """Read back with `prov`, the wasDerivedFrom edges are the engine's dependency edges."""
        edges = computing_view(bundled.plan.graph).edges
        assert derivation_edges(_read_prov(bundled)) == set(edges)

    @given(sections=spec_graphs())
    def test_derivations_match_the_graph_for_any_spec(
        self, sections: SpecSections
    ) -> None:
        """For any spec, the PROV derivation edges equal the dependency edges."""
        results = run(*sections)

        edges = computing_view(results.plan.graph).edges
        assert derivation_edges(_read_prov(results)) == set(edges)

    def test_values_are_typed_decimals_not_floats(self, bundled: Results) -> None:
        """A value goes out as an xsd:decimal literal with its exact fraction beside it."""
        entity = _entity(_read_prov(bundled), "quotas_dushanbe_share")
        (value,) = entity.get_attribute(PROV_VALUE)
        (exact,) = entity.get_attribute("ind:valueExact")

        assert value.datatype == XSD_DECIMAL
        assert value.value == "30.76923076923076923077"
        assert Fraction(exact) == bundled.value("quotas_dushanbe_share")

    def test_a_terminating_value_is_exact(self) -> None:
        """A decimal fact such as 0.1 goes out as exactly 0.1 and is marked exact."""
        results = run({"rate": fact(Decimal("0.1"), "USD")})
        entity = _entity(_read_prov(results), "rate")

        (value,) = entity.get_attribute(PROV_VALUE)
        assert Decimal(value.value) == Decimal("0.1")
        assert entity.get_attribute("ind:valueIsExact") == {True}

    def test_each_fact_has_its_document_as_primary_source(
        self, bundled: Results
    ) -> None:
        """Every fact is linked to the source document it was printed in."""
        (bundle,) = _read_prov(bundled).bundles
        primary = {
            (record.args[0].localpart, record.args[1].localpart)
            for record in bundle.get_records()
            if record.get_type().localpart == "Derivation"
            and record.get_asserted_types()
        }

        expected = {(i, fact.source) for i, fact in bundled.spec.facts.items()}
        assert primary == expected

    def test_each_evaluation_used_its_inputs_and_generated_its_result(
        self, bundled: Results
    ) -> None:
        """The activity of each indicator used exactly its inputs and generated its entity."""
        (bundle,) = _read_prov(bundled).bundles
        used: dict[str, set[str]] = {}
        generated: dict[str, str] = {}
        for record in bundle.get_records():
            kind = record.get_type().localpart
            if kind == "Usage":
                used.setdefault(record.args[0].localpart, set()).add(
                    record.args[1].localpart
                )
            elif kind == "Generation":
                generated[record.args[1].localpart] = record.args[0].localpart

        for indicator_id in bundled.spec.indicators:
            activity = f"evaluate_{indicator_id}"
            assert generated[activity] == indicator_id
            assert used[activity] == set(bundled.provenance.inputs(indicator_id))


class TestGraphExports:
    def test_mermaid_tells_kinds_apart_and_marks_failures(
        self, bundled: Results
    ) -> None:
        """Facts are boxes, indicators rounded, checks hexagons, and failed entries classed."""
        outcome = CliRunner().invoke(
            cli, ["export", str(BUNDLED), "--format", "mermaid"]
        )
        lines = outcome.output.splitlines()

        assert lines[0] == "flowchart LR"
        node = {
            line.split('"')[1].split("<br/>")[0]: line for line in lines if '"' in line
        }
        assert (
            node["emigrants_2024"].strip().startswith("n")
            and '["' in node["emigrants_2024"]
        )
        assert '("' in node["emigrants_change_pct"]
        assert '{{"' in node["emigrants_2024_sex_sum"]
        failed = {line.split()[1] for line in lines if line.strip().endswith(" failed")}
        assert len(failed) == len(_failed_nodes(bundled))

    def test_dot_tells_kinds_apart_and_marks_failures(self, bundled: Results) -> None:
        """DOT draws facts as boxes, indicators as ellipses, checks as hexagons, failures filled red."""
        outcome = CliRunner().invoke(cli, ["export", str(BUNDLED), "--format", "dot"])
        text = outcome.output

        assert text.startswith('digraph "tajikistan_msr_2024h1" {')
        assert text.count("shape=box") == len(bundled.spec.facts)
        assert text.count("shape=ellipse") == len(bundled.spec.indicators)
        assert text.count("shape=hexagon") == len(bundled.spec.checks)
        assert text.count('fillcolor="#f8d0d0"') == len(_failed_nodes(bundled))
        assert text.count(" -> ") == bundled.plan.graph.number_of_edges()

    def test_mermaid_dashes_the_series_an_indicator_names(
        self, bundled: Results
    ) -> None:
        """Each series fact named by an indicator over a dimension has a dashed edge."""
        text = mermaid_text(bundled)
        names = _mermaid_names(text)
        named = bundled.series_named_by("emigrants_change_pct_by_destination")

        dashed = {line.split()[0] for line in text.splitlines() if "-. " in line}
        assert dashed == {names[fact_id] for fact_id in named}
        assert text.count(" -. names series .-> ") == len(named)

    def test_dot_dashes_the_series_an_indicator_names(self, bundled: Results) -> None:
        """DOT draws the edge from a series fact named as dashed and labelled."""
        text = dot_text(bundled)
        named = bundled.series_named_by("emigrants_change_pct_by_destination")

        assert text.count('[style=dashed, label="names series"]') == len(named)

    def test_mermaid_writes_a_scaled_fact_as_explain_does(self) -> None:
        """A fact printed with a scale word shows the word, then the full value."""
        results = run(
            {"remit": fact(90000, "RUB", scale="million")},
            {"twice": {"sum": ["remit", "remit"]}},
        )

        text = mermaid_text(results)

        assert '["remit<br/>90,000 million RUB (= 90,000,000,000)"]' in text
        assert '("twice<br/>180,000,000,000 RUB")' in text

    def test_writes_to_a_file(self, tmp_path: Path) -> None:
        """``-o`` writes the export to the file and nothing to standard output."""
        target = tmp_path / "graph.mmd"
        outcome = CliRunner().invoke(
            cli, ["export", str(BUNDLED), "--format", "mermaid", "-o", str(target)]
        )

        assert outcome.exit_code == 0
        assert outcome.output == ""
        assert target.read_text(encoding="utf-8").startswith("flowchart LR\n")


def _mermaid_names(text: str) -> dict[str, str]:
    """Return the node name Mermaid text gives each entry id."""
    names = {}
    for line in text.splitlines():
        if '"' in line:
            entry_id = line.split('"')[1].split("<br/>")[0]
            names[entry_id] = line.split('"')[0].strip().rstrip("[({")
    return names


class TestImportCost:
    def test_the_cli_does_not_import_prov_or_jinja2(self) -> None:
        """Loading the CLI leaves prov, jinja2 and pandas unimported until a command needs them."""
        code = (
            "import sys, indicators.presentation.cli; "
            "print(sorted(m for m in ('prov', 'jinja2', 'pandas') if m in sys.modules))"
        )
        completed = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )

        assert completed.stdout.strip() == "[]"


class TestProvBreakdownNames:
    def test_a_breakdown_name_that_is_no_qname_exports_without_warning(self) -> None:
        """Breakdowns go out as one attribute, whatever characters their names hold."""
        from builders import fact, run

        results = run(
            {"a": fact(1, breakdown={'<b>k"]': "x"}), "b": fact(2)},
            {"s": {"sum": ["a", "b"]}},
        )

        document = results.to_prov()

        assert json.dumps('<b>k"]=x') in document.serialize(format="json")
