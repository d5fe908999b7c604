"""Exports: JSON with its schema, CSV, W3C PROV, Mermaid and DOT."""

from __future__ import annotations

import csv
import functools
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import jsonschema
import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import given
from prov.constants import PROV_VALUE, XSD_DECIMAL
from prov.model import ProvDocument, ProvEntity

from builders import fact, run
from indicators import Results, Spec, evaluate, load_spec
from indicators.graph._graph import computing_view
from indicators.presentation import export_schema
from indicators.presentation._export_csv import (
    FINDING_COLUMNS,
    INDICATOR_COLUMNS,
    indicators_csv,
)
from indicators.presentation._export_graph import dot_text, mermaid_text
from indicators.presentation._export_json import VERSION, export_document
from indicators.presentation._export_prov import derivation_edges, prov_json
from indicators.presentation.cli import cli
from strategies import SpecSections, spec_graphs, specs


BUNDLED = Path(__file__).parents[1] / "specs" / "tajikistan-msr-2024h1.yaml"


@pytest.fixture(name="bundled", scope="module")
def _bundled() -> Results:
    return evaluate(load_spec(BUNDLED))


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    """Return a validator of the current schema, checked and built once."""
    schema = export_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _validate(document: object) -> None:
    _validator().validate(document)


def _walked_facts(document: dict[str, Any], entry_id: str) -> set[str]:
    """Return the facts below a result or check, walking inputs as a reader would.

    A result's inputs are its ``inputs``; a check's are its total and parts.
    """
    fact_ids = {entry["id"] for entry in document["facts"]}
    inputs = {entry["id"]: entry["inputs"] for entry in document["results"]}
    for check in document["checks"]:
        inputs[check["id"]] = [check["total"], *check["parts"]]

    seen: set[str] = set()
    pending = list(inputs[entry_id])
    while pending:
        input_id = pending.pop()
        if input_id not in seen:
            seen.add(input_id)
            pending.extend(inputs.get(input_id, ()))
    return seen & fact_ids


def _edge_facts(document: dict[str, Any], entry_id: str) -> set[str]:
    """Return the facts among the ancestors of an entry in the document's edges."""
    fact_ids = {entry["id"] for entry in document["facts"]}
    graph = nx.DiGraph((edge["from"], edge["to"]) for edge in document["edges"])
    return nx.ancestors(graph, entry_id) & fact_ids


def _entries(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Return every result and check of an export document."""
    return [*document["results"], *document["checks"]]


def _chain(n: int) -> Results:
    """Return the results of a chain: link ``k{i}`` adds fact ``f{i}`` to the link before.

    The facts cite three documents in turn, so each link rests on a bounded
    number of sources but on every fact above it.
    """
    documents = ("report", "second", "third")
    facts = {
        f"f{index}": fact(index + 1, source=documents[index % 3])
        for index in range(n + 1)
    }
    links = {"k1": {"sum": ["f0", "f1"]}}
    for index in range(2, n + 1):
        links[f"k{index}"] = {"sum": [f"k{index - 1}", f"f{index}"]}
    return run(facts, links, sources=list(documents[1:]))


def _fact_ids_written(n: int) -> int:
    """Return how many fact ids the export of a chain of ``n`` links writes."""
    results = _chain(n)
    fact_ids = set(results.spec.facts)
    return sum(text in fact_ids for text in _strings(export_document(results)))


def _strings(node: object) -> Iterator[str]:
    """Yield every string in a JSON-ready value, keys left out."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for element in node:
            yield from _strings(element)
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)


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


class TestJsonExportVersion:
    def test_the_document_is_version_2(self, bundled: Results) -> None:
        """The export says version 2.0, and the schema it follows is the major-2 one."""
        document = json.loads(bundled.to_json())

        assert document["version"] == VERSION == "2.0"
        assert export_schema()["$id"] == "urn:indicators:schema:audit-export:2"

    def test_the_version_1_schema_still_ships(self) -> None:
        """Readers of old exports get the version-1 schema, itself valid JSON Schema."""
        schema = export_schema(1)

        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$id"] == "urn:indicators:schema:audit-export:1"

    def test_a_version_2_document_does_not_pass_for_version_1(
        self, bundled: Results
    ) -> None:
        """A version-2 document is refused by the version-1 schema, not misread as one."""
        document = json.loads(bundled.to_json())

        with pytest.raises(jsonschema.ValidationError, match="does not match"):
            jsonschema.validate(
                document, export_schema(1), cls=jsonschema.Draft202012Validator
            )

    def test_an_unknown_major_version_is_refused(self) -> None:
        """Asking for a schema that does not ship names the versions that do."""
        with pytest.raises(
            ValueError, match="major version 3; the package ships versions 1, 2"
        ):
            export_schema(3)


class TestJsonExportLineage:
    def test_no_result_or_check_lists_every_fact(self, bundled: Results) -> None:
        """Results and checks carry direct facts and a count, not a list of all facts."""
        document = json.loads(bundled.to_json())

        for entry in _entries(document):
            assert "facts" not in entry
            assert {"direct_facts", "fact_count", "sources"} <= set(entry)

    def test_fact_count_is_the_number_of_facts_below(self, bundled: Results) -> None:
        """Every result's and check's fact_count equals the size of `Results.facts_of`."""
        document = json.loads(bundled.to_json())

        for entry in _entries(document):
            assert entry["fact_count"] == len(bundled.facts_of(entry["id"]))

    def test_direct_facts_are_the_facts_among_the_inputs(
        self, bundled: Results
    ) -> None:
        """A result's direct facts are its inputs that are facts, in their order."""
        document = json.loads(bundled.to_json())

        for entry in document["results"]:
            expected = [i for i in entry["inputs"] if i in bundled.spec.facts]
            assert entry["direct_facts"] == expected

    def test_a_member_s_direct_facts_are_its_member_facts(
        self, bundled: Results
    ) -> None:
        """A member result's direct facts are all the facts it rests on."""
        document = json.loads(bundled.to_json())
        member_id = "emigrants_change_pct_by_destination[destination=KZ]"
        member = next(r for r in document["results"] if r["id"] == member_id)

        assert set(member["direct_facts"]) == bundled.facts_of(member_id)
        assert member["fact_count"] == 2

    def test_a_check_s_direct_facts_are_its_total_and_parts(
        self, bundled: Results
    ) -> None:
        """A check of facts only lists its total and then its parts as direct facts."""
        document = json.loads(bundled.to_json())
        check = next(
            c for c in document["checks"] if c["id"] == "emigrants_2024_sex_sum"
        )

        assert check["direct_facts"] == [check["total"], *check["parts"]]
        assert check["fact_count"] == 3

    def test_walking_inputs_gives_every_fact(self, bundled: Results) -> None:
        """For every result and check, the facts reached through inputs are `facts_of`."""
        document = json.loads(bundled.to_json())

        for entry in _entries(document):
            assert _walked_facts(document, entry["id"]) == bundled.facts_of(entry["id"])

    def test_walking_edges_gives_every_fact(self, bundled: Results) -> None:
        """For every indicator and check, the facts among its ancestors in edges are `facts_of`."""
        document = json.loads(bundled.to_json())
        entry_ids = [*bundled.spec.indicators, *bundled.spec.checks]

        for entry_id in entry_ids:
            assert _edge_facts(document, entry_id) == bundled.facts_of(entry_id)

    @given(spec=specs(max_facts=5, max_indicators=6))
    def test_the_lineage_holds_for_any_spec(self, spec: Spec) -> None:
        """For any spec, each entry's fact_count and walked facts agree with `facts_of`."""
        results = evaluate(spec)
        document = export_document(results)

        _validate(json.loads(json.dumps(document)))
        for entry in _entries(document):
            facts = results.facts_of(entry["id"])
            assert entry["fact_count"] == len(facts)
            assert _walked_facts(document, entry["id"]) == facts

    def test_a_diamond_counts_each_fact_once(self) -> None:
        """Two paths from one indicator to another bring its facts once, not twice."""
        results = run(
            {"a": fact(1), "b": fact(2), "c": fact(3)},
            {
                "x": {"sum": ["a", "b"]},
                "y": {"sum": ["x", "c"]},
                "z": {"sum": ["x", "a"]},
                "w": {"sum": ["y", "z"]},
            },
        )
        document = export_document(results)

        counts = {r["id"]: r["fact_count"] for r in document["results"]}
        assert counts == {"x": 2, "y": 3, "z": 2, "w": 3}

    @given(sections=spec_graphs(max_facts=4, max_indicators=10, max_checks=3))
    def test_shared_inputs_are_counted_once(self, sections: SpecSections) -> None:
        """Where indicators share inputs (diamonds, repeats), each fact counts once."""
        results = run(*sections)
        document = export_document(results)

        for entry in _entries(document):
            assert entry["fact_count"] == len(results.facts_of(entry["id"]))


class TestJsonExportSize:
    def test_a_chain_writes_fact_ids_linearly(self) -> None:
        """Each link of a chain adds the same number of fact ids: 200 links more cost the same again."""
        written = [_fact_ids_written(n) for n in (200, 400, 600)]

        assert written[1] - written[0] == written[2] - written[1]

    def test_the_last_link_counts_every_fact(self) -> None:
        """The last link of a chain of 400 writes 401 as its count, and one direct fact."""
        document = export_document(_chain(400))
        last = document["results"][-1]

        assert (last["id"], last["fact_count"]) == ("k400", 401)
        assert (last["inputs"], last["direct_facts"]) == (["k399", "f400"], ["f400"])


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


class TestCsvRounded:
    @pytest.fixture(name="rows")
    def _rows(self) -> dict[str, dict[str, str]]:
        results = run(
            {"a": fact(2), "b": fact(3), "zero": fact(0)},
            {
                "shown": {
                    "ratio": {"numerator": "a", "denominator": "b"},
                    "decimals": 2,
                },
                "printed": {
                    "ratio": {"numerator": "a", "denominator": "b"},
                    "reported": Decimal("0.7"),
                },
                "undefined": {
                    "ratio": {"numerator": "a", "denominator": "zero"},
                    "decimals": 1,
                },
            },
        )
        table = csv.DictReader(io.StringIO(indicators_csv(results)))
        return {row["id"]: row for row in table}

    def test_declared_decimals_fill_the_rounded_column(
        self, rows: dict[str, dict[str, str]]
    ) -> None:
        """2/3 with ``decimals: 2`` is written 0.67 in ``rounded``, beside the exact 2/3."""
        assert (rows["shown"]["rounded"], rows["shown"]["value_exact"]) == (
            "0.67",
            "2/3",
        )

    def test_no_declared_decimals_leave_it_empty(
        self, rows: dict[str, dict[str, str]]
    ) -> None:
        """Without ``decimals`` nothing is rounded, even when a printed value is checked."""
        assert rows["printed"]["rounded"] == ""
        assert rows["printed"]["status"] == "pass"

    def test_an_undetermined_value_has_nothing_to_round(
        self, rows: dict[str, dict[str, str]]
    ) -> None:
        """A value that cannot be computed leaves ``rounded`` empty, decimals or not."""
        assert (rows["undefined"]["value"], rows["undefined"]["rounded"]) == ("", "")


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
