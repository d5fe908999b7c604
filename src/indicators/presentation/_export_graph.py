"""The dependency graph as Mermaid or Graphviz DOT text.

Facts, indicators and checks are drawn with different shapes, and any entry
whose finding failed (a printed value that does not match, a breakdown that
does not add up) is marked, so the drawing shows at a glance where a report
goes wrong. An edge from a series fact to an indicator over a dimension that
names it is dashed: the indicator is computed from that series' members, not
from the fact's value. Node names are generated (``n0``, ``n1``, ...) and the
ids go in the labels, so an id can never clash with a keyword of either
language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..evaluation._findings import Status
from ._quantity import entry_quantity


if TYPE_CHECKING:
    from ..evaluation import Results

__all__ = ["dot_text", "failed_entries", "mermaid_text", "node_section"]

_MERMAID_SHAPES = {
    "facts": ('["', '"]'),
    "indicators": ('("', '")'),
    "checks": ('{{"', '"}}'),
}

_DOT_SHAPES = {"facts": "box", "indicators": "ellipse", "checks": "hexagon"}


def node_section(results: Results, entry_id: str) -> str:
    """Return the section declaring ``entry_id``: facts, indicators or checks.

    Raises:
        KeyError: If no section declares ``entry_id``.
    """
    spec = results.spec
    for section in ("facts", "indicators", "checks"):
        if entry_id in getattr(spec, section):
            return section
    raise KeyError(entry_id)


def failed_entries(results: Results) -> frozenset[str]:
    """Return the indicators and checks whose finding failed."""
    return frozenset(f.id for f in results.findings if f.status is Status.FAIL)


def mermaid_text(results: Results) -> str:
    """Return the dependency graph as a Mermaid flowchart."""
    names = _node_names(results)
    failed = failed_entries(results)
    lines = ["flowchart LR"]
    for entry_id, name in names.items():
        opening, closing = _MERMAID_SHAPES[node_section(results, entry_id)]
        label = _mermaid_label(_label(results, entry_id))
        lines.append(f"    {name}{opening}{label}{closing}")
    for start, end, named in _edges(results):
        arrow = "-. names series .->" if named else "-->"
        lines.append(f"    {names[start]} {arrow} {names[end]}")

    lines.extend(_mermaid_classes(results, names, failed))
    return "\n".join(lines) + "\n"


def dot_text(results: Results) -> str:
    """Return the dependency graph as a Graphviz DOT digraph."""
    names = _node_names(results)
    failed = failed_entries(results)
    lines = [
        f"digraph {_dot_string(results.spec.spec)} {{",
        "    rankdir=LR;",
        '    node [fontname="Helvetica", fontsize=10];',
    ]
    for entry_id, name in names.items():
        shape = _DOT_SHAPES[node_section(results, entry_id)]
        style = ', style=filled, fillcolor="#f8d0d0", color="#b00020", penwidth=2'
        extra = style if entry_id in failed else ""
        label = _dot_string(_label(results, entry_id))
        lines.append(f"    {name} [shape={shape}, label={label}{extra}];")
    for start, end, named in _edges(results):
        style = ' [style=dashed, label="names series"]' if named else ""
        lines.append(f"    {names[start]} -> {names[end]}{style};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _edges(results: Results) -> list[tuple[str, str, bool]]:
    """Return every edge, each with whether it names a series (drawn dashed)."""
    from ..graph._graph import NAMES_SERIES

    graph = results.plan.graph
    return sorted(graph.edges(data=NAMES_SERIES, default=False))


def _node_names(results: Results) -> dict[str, str]:
    graph = results.plan.graph
    return {entry_id: f"n{index}" for index, entry_id in enumerate(graph.nodes)}


def _label(results: Results, entry_id: str) -> str:
    if node_section(results, entry_id) == "checks":
        finding = results.finding(entry_id)
        return (
            f"{entry_id}\n{results.spec.checks[entry_id].kind}: {finding.status.value}"
        )
    if results.members(entry_id):
        return f"{entry_id}\n{results.quantity_text(entry_id)}"
    return f"{entry_id}\n{entry_quantity(results, entry_id)}"


def _mermaid_classes(
    results: Results, names: dict[str, str], failed: frozenset[str]
) -> list[str]:
    lines = [
        "    classDef fact fill:#eef3fb,stroke:#4a6fa5",
        "    classDef indicator fill:#f3f7ee,stroke:#5b8a3a",
        "    classDef check fill:#fbf6e9,stroke:#a5862d",
        "    classDef failed fill:#f8d0d0,stroke:#b00020,stroke-width:3px",
    ]
    singular = {"facts": "fact", "indicators": "indicator", "checks": "check"}
    for entry_id, name in names.items():
        kind = (
            "failed"
            if entry_id in failed
            else singular[node_section(results, entry_id)]
        )
        lines.append(f"    class {name} {kind}")
    return lines


def _mermaid_label(text: str) -> str:
    escaped = (
        text.replace("&", "#amp;")
        .replace('"', "#quot;")
        .replace("<", "#lt;")
        .replace(">", "#gt;")
    )
    return escaped.replace("\n", "<br/>")


def _dot_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'
