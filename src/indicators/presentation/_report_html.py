"""The audit report: one self-contained HTML page an auditor can sign off.

The page needs nothing but a browser: styles are inline, there is no
script, no font, image or stylesheet is fetched, and the dependency graph is
an inline SVG laid out here in Python. Every text from the spec (labels,
titles, quotes) is untrusted and goes through Jinja2 with autoescaping on.

The page reads top-down the way an auditor works: the verdict first (how
many printed figures match, which do not and by how much), then each
indicator with its derivation, each check, the sources with what rests on
each, the graph, and the facts as printed.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from .._numbers import Number, format_number
from ..evaluation._findings import Status
from ..graph._graph import computing_view
from ..graph._units import quantity_words, unit_symbol
from ._export_graph import failed_entries
from ._graph_layout import layout_graph
from ._rows import indicator_rows


if TYPE_CHECKING:
    import jinja2

    from ..evaluation import Finding, Results
    from ..provenance import Explanation

__all__ = ["audit_report", "results_table_html"]

#: How many levels below each figure its derivation shows before linking on.
TREE_DEPTH = 4


def audit_report(results: Results) -> str:
    """Return the audit report of ``results`` as one HTML document."""
    template = _environment().get_template("audit.html.j2")
    return template.render(**_context(results))


def results_table_html(results: Results) -> str:
    """Return an HTML table of every indicator, for notebooks."""
    template = _environment().get_template("results_table.html.j2")
    return template.render(spec=results.spec, rows=indicator_rows(results))


@cache
def _environment() -> jinja2.Environment:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("indicators.presentation", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["number"] = _number
    environment.filters["signed"] = _signed
    # Units are worded in sentences and shortened in table cells ("pp").
    environment.filters["with_unit"] = quantity_words
    environment.filters["symbol"] = unit_symbol
    return environment


def _context(results: Results) -> dict[str, Any]:
    findings = results.findings
    reported = [f for f in findings if f.kind == "reported"]
    checks = [f for f in findings if f.kind != "reported"]
    return {
        "spec": results.spec,
        "version": _version(),
        "summary": results.summary(),
        "reported": _counts(reported),
        "checks_count": _counts([f for f in checks if f.kind != "overlap"]),
        "overlaps": [f for f in checks if f.kind == "overlap"],
        "failures": [f for f in findings if f.status is Status.FAIL],
        "undetermined": [f for f in findings if f.status is Status.UNDETERMINED],
        "rows": indicator_rows(results),
        "explanations": _explanations(results),
        "checks": [
            (f, results.spec.checks[str(results.check_of(f.id))]) for f in checks
        ],
        "sources": _sources(results),
        "facts": results.spec.facts,
        "fact_units": {
            fact_id: results.unit_of(fact_id) for fact_id in results.spec.facts
        },
        "layout": layout_graph(computing_view(results.plan.graph)),
        "failed": failed_entries(results),
        "labels": _labels(results),
        "titles": _titles(results),
    }


def _explanations(results: Results) -> dict[str, Explanation]:
    """Return the explanation of every result, check and finding, by id.

    Members of an indicator over a dimension are explained one by one; an
    overlap finding shares the explanation of its check. Each derivation
    goes `TREE_DEPTH` levels down; an indicator below that links to its own
    derivation, so the page grows with the number of indicators rather than
    with its square on a long chain.
    """
    ids = (result.id for result in results)
    found = {
        entry_id: results.explain(entry_id, depth=TREE_DEPTH)
        for entry_id in (*ids, *results.spec.checks)
    }
    for finding in results.findings:
        check_id = results.check_of(finding.id)
        if check_id is not None and finding.id not in found:
            found[finding.id] = found[check_id]
    return found


def _counts(findings: list[Finding]) -> dict[str, int]:
    return {
        "total": len(findings),
        **{
            status.value: sum(f.status is status for f in findings) for status in Status
        },
    }


def _sources(results: Results) -> list[dict[str, Any]]:
    return [
        {
            "id": source_id,
            "source": source,
            "rests_on_it": sorted(results.resting_on_source(source_id)),
            "orphaned": sorted(results.orphaned_without(source_id)),
        }
        for source_id, source in results.spec.sources.items()
    ]


def _labels(results: Results) -> dict[str, str]:
    """Return a short caption per graph node: its value, or a check's verdict."""
    labels: dict[str, str] = {}
    for entry_id in results.plan.graph.nodes:
        if entry_id in results.spec.checks:
            labels[entry_id] = results.finding(entry_id).status.value
        else:
            labels[entry_id] = results.quantity_text(entry_id)
    return labels


def _titles(results: Results) -> dict[str, str]:
    """Return the human label of each indicator, check and finding, or its id."""
    spec = results.spec
    entries = {**spec.indicators, **spec.checks}
    titles = {entry_id: entry.label or entry_id for entry_id, entry in entries.items()}
    for finding in results.findings:
        check_id = results.check_of(finding.id)
        if check_id is not None and finding.id not in titles:
            titles[finding.id] = f"{titles[check_id]}: the parts overlap"
    return titles


def _number(value: Number | None) -> str:
    return "" if value is None else format_number(value)


def _signed(value: Number | None) -> str:
    if value is None:
        return ""
    text = format_number(value)
    return text if value < 0 else "+" + text


def _version() -> str:
    try:
        return version("indicators")
    except PackageNotFoundError:
        return "unknown"
