"""Render results for people: tables of values and findings, derivation trees.

Rich draws the tables and trees. Each function returns a rich renderable,
so the CLI prints it and the tests can capture the same text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from .._numbers import Number, format_number


if TYPE_CHECKING:
    from ..evaluation import Finding, Results
    from ..provenance import Explanation

__all__ = ["explanation_tree", "findings_table", "results_table", "summary_line"]

_CHECK_KINDS = ("parts_sum_to", "parts_within")

_STATUS_STYLE = {
    "pass": "green",
    "fail": "bold red",
    "undetermined": "yellow",
    "ok": "",
}


def results_table(results: Results) -> Table:
    """Return a table of every indicator: id, value, unit, reported, status."""
    table = Table(title=results.spec.title, title_justify="left")
    for header in ("indicator", "value", "unit", "reported", "status", "note"):
        table.add_column(header, justify="right" if header == "value" else "left")

    reported = {f.id: f for f in results.findings if f.kind == "reported"}
    for result in results:
        value = result.rounded if result.rounded is not None else result.value
        finding = reported.get(result.id)
        status = finding.status.value if finding else result.status
        table.add_row(
            result.id,
            _number(value),
            result.unit,
            _number(finding.stated) if finding else "",
            Text(status, style=_STATUS_STYLE[status]),
            result.message,
        )
    return table


def findings_table(results: Results) -> Table:
    """Return a table of every finding, the failed ones first."""
    table = Table(title=f"Findings: {results.spec.title}", title_justify="left")
    for header in (
        "finding",
        "kind",
        "status",
        "severity",
        "computed",
        "stated",
        "difference",
        "message",
    ):
        table.add_column(header)

    order = {"fail": 0, "undetermined": 1, "pass": 2}
    for finding in sorted(results.findings, key=lambda f: order[f.status.value]):
        table.add_row(*_finding_cells(finding))
    return table


def summary_line(results: Results) -> Text:
    """Return one line counting the findings by outcome."""
    counts = results.summary()
    undetermined = sum(result.status == "undetermined" for result in results)
    text = (
        f"{_count(counts['findings'], 'finding')}: {counts['pass']} pass, "
        f"{counts['fail']} fail ({_count(counts['failed_errors'], 'error')}, "
        f"{_count(counts['failed_warnings'], 'warning')}), "
        f"{counts['undetermined']} undetermined; "
        f"{_count(undetermined, 'indicator')} undetermined"
    )
    return Text(text, style="bold")


def explanation_tree(explanation: Explanation) -> Tree:
    """Return the derivation tree of an explanation, facts with their sources."""
    tree = Tree(_step_label(explanation))
    _add_inputs(tree, explanation)
    return tree


def _add_inputs(branch: Tree, explanation: Explanation) -> None:
    for step in explanation.inputs:
        child = branch.add(_step_label(step))
        _add_inputs(child, step)


def _step_label(step: Explanation) -> Text:
    value = "undetermined" if step.value is None else format_number(step.value)
    text = Text()
    text.append(step.id, style="bold")
    text.append(f" = {value} {step.unit}")
    text.append(f"  [{step.kind}]", style="dim")
    if step.repeated:
        text.append("  (explained above)", style="dim")
        return text
    if step.operation is not None:
        text.append(f"\n{step.operation}")
    if step.calculation is not None and step.kind in _CHECK_KINDS:
        text.append(f"\n{step.calculation}")
    elif step.calculation is not None:
        text.append(f"\n= {step.calculation} = {value}")
    if step.citation is not None:
        text.append("\n" + _fact_context(step))
    if step.message:
        text.append(f"\n{step.message}", style="yellow")
    if step.truncated:
        text.append("\n(inputs not shown: depth limit)", style="dim")
    return text


def _fact_context(step: Explanation) -> str:
    citation = step.citation
    assert citation is not None
    breakdown = ", ".join(f"{key}={member}" for key, member in step.breakdown.items())
    context = f"{step.qualifier} · period {step.period} · area {step.area}"
    if breakdown:
        context += f" · {breakdown}"
    source = (
        f"source: {citation.title} ({citation.publisher}, {citation.published}); "
        f"{citation.locator}"
    )
    if citation.quote:
        source += f': "{citation.quote}"'
    return f"{context}\n{source}"


def _finding_cells(finding: Finding) -> list[str | Text]:
    status = finding.status.value
    return [
        finding.id,
        finding.kind,
        Text(status, style=_STATUS_STYLE[status]),
        finding.severity.value,
        _number(finding.computed),
        _number(finding.stated),
        _number(finding.difference),
        finding.message,
    ]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _number(value: Number | None) -> str:
    return "" if value is None else format_number(value)
