"""Render results for people: tables of values and findings, derivation trees.

Rich draws the tables and trees. Each function returns a rich renderable,
so the CLI prints it and the tests can capture the same text.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from .._numbers import Number, format_fixed, format_number
from ..graph._units import unit_symbol, unit_words
from ._quantity import quantity_text


if TYPE_CHECKING:
    from ..evaluation import Finding, Result, Results
    from ..evaluation._bounds import Bounds
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
    for header in (
        "indicator",
        "value",
        "bounds",
        "unit",
        "reported",
        "status",
        "note",
    ):
        table.add_column(
            header,
            justify="right" if header == "value" else "left",
            overflow="fold",
            no_wrap=header == "indicator",
        )

    reported = {f.id: f for f in results.findings if f.kind == "reported"}
    for result in results:
        finding = reported.get(result.id)
        status = finding.status.value if finding else result.status
        table.add_row(
            escape(result.id),
            _shown_value(result),
            _bounds(result.bounds),
            unit_symbol(result.unit),
            _printed(results, result.id, finding),
            Text(status, style=_STATUS_STYLE[status]),
            _plain(result.message),
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
        "bounds",
        "stated",
        "difference",
        "message",
    ):
        table.add_column(header, overflow="fold", no_wrap=header == "finding")

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


def explanation_text(explanation: Explanation, width: int = 100) -> str:
    """Return the derivation tree as plain text, as `indicators explain` prints it.

    For programs and notebooks that want the tree without a terminal:
    ``print(explanation_text(results.explain("x")))``.
    """
    from rich.console import Console

    console = Console(
        width=width, record=True, color_system=None, file=io.StringIO(), highlight=False
    )
    console.print(explanation_tree(explanation))
    return console.export_text()


def _add_inputs(branch: Tree, explanation: Explanation) -> None:
    for step in explanation.inputs:
        child = branch.add(_step_label(step))
        _add_inputs(child, step)


def _step_label(step: Explanation) -> Text:
    text = Text()
    text.append(step.id, style="bold")
    text.append(f" = {_step_value(step)}")
    if step.bounds is not None:
        text.append(f"  [{step.bounds.describe()}]", style="cyan")
    text.append(f"  [{step.kind}]", style="dim")
    if step.repeated:
        text.append("  (explained above)", style="dim")
        return text
    for line, style in _step_lines(step):
        text.append("\n" + _printable(line), style=style)
    return text


def _step_value(step: Explanation) -> str:
    if step.status == "members":
        return f"one result per member, in {unit_words(step.unit)}"
    return quantity_text(step.value, step.unit, step.printed)


def _step_lines(step: Explanation) -> list[tuple[str, str]]:
    lines: list[tuple[str, str]] = []
    if step.label:
        lines.append((step.label, "italic"))
    if step.status == "members":
        lines.append((f"{step.operation}, for each member", ""))
    elif step.operation is not None:
        lines.append((step.operation, ""))
        lines.append((f"= {step.calculation} = {_step_value(step)}", ""))
    if step.finding_status is not None:
        style = _STATUS_STYLE[step.finding_status]
        heading = "check" if step.kind in _CHECK_KINDS else "reported"
        verdict = f"{heading}: {step.finding_status} · {step.finding_message}"
        lines.append((verdict, style))
    if step.citation is not None:
        lines.extend((line, "") for line in _fact_context(step))
    if step.message:
        lines.append((step.message, "yellow"))
    if step.truncated:
        lines.append(("(inputs not shown: depth limit)", "dim"))
    return lines


def _fact_context(step: Explanation) -> list[str]:
    citation = step.citation
    assert citation is not None
    context = f"{step.qualifier} · period {step.period} · area {step.area}"
    if step.observation_status:
        context += f" · status {', '.join(step.observation_status)}"
    if step.breakdown:
        members = ", ".join(f"{key}={member}" for key, member in step.breakdown.items())
        context += f" · breakdown {members}"
    lines = [
        context,
        f"source [{citation.source_id}]: {citation.title}",
        f"published by {citation.publisher}, {citation.published}",
    ]
    if citation.url:
        lines.append(f"url: {citation.url}")
    lines.append(f"at: {citation.locator}")
    if citation.quote:
        lines.append(f'quote: "{citation.quote}"')
    return lines


def _finding_cells(finding: Finding) -> list[str | Text]:
    status = finding.status.value
    return [
        escape(finding.id),
        finding.kind,
        Text(status, style=_STATUS_STYLE[status]),
        finding.severity.value,
        _number(finding.computed),
        _bounds(finding.bounds),
        _number(finding.stated),
        _number(finding.difference),
        _plain(finding.message),
    ]


#: Control characters from a spec are shown escaped, never sent to the terminal.
_CONTROL = {
    code: f"\\x{code:02x}"
    for code in (*range(0x20), *range(0x7F, 0xA0))
    if code != 0x0A
}


def _printable(text: str) -> str:
    return text.translate(_CONTROL)


def _plain(text: str) -> Text:
    """Return spec-derived text as a cell that rich will not read as markup."""
    return Text(_printable(text))


def _bounds(bounds: Bounds | None) -> str:
    return "" if bounds is None else bounds.describe()


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _number(value: Number | None) -> str:
    return "" if value is None else format_number(value)


def _shown_value(result: Result) -> str:
    """Return the value as the table shows it: at its declared places, if any."""
    if result.rounded is not None and result.decimals is not None:
        return format_fixed(result.rounded, result.decimals)
    return _number(result.value)


def _printed(results: Results, indicator_id: str, finding: Finding | None) -> str:
    """Return the printed figure of an indicator at the places it was printed at."""
    if finding is None or finding.stated is None:
        return ""
    printed = results.spec.indicators[indicator_id].reported
    if printed is None:
        return _number(finding.stated)
    return format_fixed(finding.stated, printed.places)
